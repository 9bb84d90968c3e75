import { quoteIdent } from '@redshift-playground/schema/model'
import { DatagenError } from '../errors.js'
import type { PGliteLike } from '../sink/pglite/pglite-sink.js'
import type { PgClientLike, PgPoolLike } from '../sink/postgres/postgres-sink.js'
import { DAY_BATCH_TABLES, type DayBatch, type DayBatchTable } from './day-batch.js'

/** What applying a day batch did. */
export interface DayBatchResult {
  readonly day: string
  readonly dateKey: number
  /** Rows of that day that were there before (deleted and replaced), per table. */
  readonly replaced: Readonly<Record<(typeof DAY_BATCH_TABLES)[number], number>>
  /** Rows written, per table. */
  readonly inserted: Readonly<Record<(typeof DAY_BATCH_TABLES)[number], number>>
  readonly rows: number
  readonly seconds: number
  /** When COMMIT returned: from then on every reader (and every consumer) sees the day. */
  readonly committedAt: Date
}

const DW = 'airline_dw'
const q = (t: string) => `${quoteIdent(DW, 'schema')}.${quoteIdent(t, 'table')}`

/** The tables a batch needs on the producer: the ones it writes and the dimensions they reference. */
export const DAY_BATCH_REQUIRED_TABLES = Object.freeze([
  'dim_date',
  'dim_airport',
  'dim_aircraft',
  'dim_flight',
  'dim_customer',
  ...DAY_BATCH_TABLES,
] as const)

/**
 * The statements that remove a day, children first (bookings reference operations): the day
 * is its operations (`date_key`), their bookings and their daily revenue rows. `dateKey` is
 * an integer, rendered as a literal (the Data API's batches take no parameters).
 */
export function deleteDaySql(dateKey: number): readonly string[] {
  if (!Number.isInteger(dateKey)) throw new TypeError(`dateKey must be an integer: ${dateKey}`)
  return [
    `DELETE FROM ${q('fact_bookings')} WHERE operation_key IN (SELECT operation_key FROM ${q('fact_flight_operations')} WHERE date_key = ${dateKey})`,
    `DELETE FROM ${q('fact_daily_revenue')} WHERE date_key = ${dateKey}`,
    `DELETE FROM ${q('fact_flight_operations')} WHERE date_key = ${dateKey}`,
  ]
}

/**
 * {@link deleteDaySql} as PostgreSQL and PGlite run it: the day's bookings are found through
 * `operation_key = ANY (ARRAY(subquery))`, so the day's operation keys are read first and the
 * bookings through the index on `fact_bookings(operation_key)` (migration 0004) whatever the
 * planner's statistics say. With `IN (subquery)` and no statistics yet (right after a bulk
 * load, before autovacuum's ANALYZE) PostgreSQL hashes the operations and scans every booking.
 * Redshift has neither array constructors nor indexes: it keeps {@link deleteDaySql}.
 */
function postgresDeleteDaySql(dateKey: number): readonly string[] {
  const [, revenue, operations] = deleteDaySql(dateKey)
  return [
    `DELETE FROM ${q('fact_bookings')} WHERE ${quoteIdent('operation_key')} = ANY (${dayOperationKeys(String(dateKey))})`,
    revenue as string,
    operations as string,
  ]
}

/** The operation keys of the day whose `date_key` is `dateKey` (SQL), as an array (PostgreSQL). */
const dayOperationKeys = (dateKey: string) =>
  `ARRAY(SELECT ${quoteIdent('operation_key')} FROM ${q('fact_flight_operations')} WHERE ${quoteIdent('date_key')} = ${dateKey})`

/** Raised when a table the batch needs is missing: names it and the fix; nothing is applied. */
export function missingTableError(table: string): DatagenError {
  return new DatagenError(
    'MISSING_TABLE',
    `The producer has no table ${DW}.${table}, so the day batch cannot be applied (nothing was changed). Create the schema and load the initial data first: rsp load (it runs the migrations), then run the ETL again.`,
    { field: 'table', value: `${DW}.${table}` },
  )
}

/** One COPY of a batch table from the target's source (`STDIN`, `'/dev/blob'`). */
const copySql = (t: DayBatchTable, source: string) =>
  `COPY ${q(t.name)} (${t.columns.map((c) => quoteIdent(c, 'column')).join(', ')}) FROM ${source} WITH (FORMAT csv)`

/** A PostgreSQL-compatible session: queries, and a way to COPY one table's CSV in. */
interface DaySession {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
  copy(table: DayBatchTable): Promise<void>
}

/**
 * Replaces one day in one transaction: checks every table exists (one query, before BEGIN),
 * deletes the day's rows children first ({@link postgresDeleteDaySql}), COPYs operations,
 * bookings and daily revenue, commits. Any
 * failure rolls the whole day back, so the previous rows stay; a re-run replaces the day
 * again instead of doubling it. Foreign keys stay in place and are checked row by row (a day
 * is a few thousand rows), so a batch that does not fit the dimensions fails and changes nothing.
 */
async function applyInSession(s: DaySession, batch: DayBatch): Promise<DayBatchResult> {
  const started = performance.now()
  // One round trip: the first table (in DAY_BATCH_REQUIRED_TABLES' order) that does not exist.
  const { rows: missing } = await s.query(
    `SELECT t.name FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(name, qualified, n)
      WHERE to_regclass(t.qualified) IS NULL ORDER BY t.n LIMIT 1`,
    [[...DAY_BATCH_REQUIRED_TABLES], DAY_BATCH_REQUIRED_TABLES.map((t) => q(t))],
  )
  if (missing[0] !== undefined) throw missingTableError(String(missing[0].name))
  const replaced: Record<string, number> = {}
  const inserted: Record<string, number> = {}
  let step = 'BEGIN'
  await s.query('BEGIN')
  try {
    const counts = await s.query(
      `SELECT (SELECT count(*) FROM ${q('fact_flight_operations')} WHERE date_key = $1)::int AS ops,
              (SELECT count(*) FROM ${q('fact_bookings')} WHERE ${quoteIdent('operation_key')} = ANY (${dayOperationKeys('$1')}))::int AS bookings,
              (SELECT count(*) FROM ${q('fact_daily_revenue')} WHERE date_key = $1)::int AS revenue`,
      [batch.dateKey],
    )
    const c = counts.rows[0] ?? {}
    replaced.fact_flight_operations = Number(c.ops)
    replaced.fact_bookings = Number(c.bookings)
    replaced.fact_daily_revenue = Number(c.revenue)
    step = 'DELETE'
    for (const sql of postgresDeleteDaySql(batch.dateKey)) await s.query(sql)
    for (const t of batch.tables) {
      step = `COPY ${t.name}`
      if (t.rows > 0) await s.copy(t)
      inserted[t.name] = t.rows
    }
    step = 'COMMIT'
    await s.query('COMMIT')
  } catch (error) {
    await s.query('ROLLBACK').catch(() => {})
    throw new DatagenError(
      'BATCH_FAILED',
      `The day batch ${batch.day} failed at ${step}: ${(error as Error)?.message ?? error}. It was rolled back: the producer keeps its previous rows for that day.`,
      { field: 'day', value: batch.day, cause: error },
    )
  }
  return Object.freeze({
    day: batch.day,
    dateKey: batch.dateKey,
    replaced: Object.freeze(replaced) as DayBatchResult['replaced'],
    inserted: Object.freeze(inserted) as DayBatchResult['inserted'],
    rows: batch.rows,
    seconds: (performance.now() - started) / 1000,
    committedAt: new Date(),
  })
}

/**
 * Applies a day batch to an embedded PGlite database (`COPY … FROM '/dev/blob'`), in one
 * transaction: the day's previous rows are replaced, never doubled; a failure leaves them.
 *
 * @example
 * await applyDayBatchPGlite(db, createDayBatch({ seed: 42, scale: 0.01, days: 30, day: '2024-01-31' }))
 */
export function applyDayBatchPGlite(db: PGliteLike, batch: DayBatch): Promise<DayBatchResult> {
  return applyInSession(
    {
      query: (sql, params) => db.query(sql, params),
      copy: async (t) => {
        await db.query(copySql(t, "'/dev/blob'"), [], {
          blob: new Blob([t.csv as unknown as ArrayBuffer]),
        })
      },
    },
    batch,
  )
}

const isPool = (c: PgClientLike | PgPoolLike): c is PgPoolLike =>
  typeof (c as PgPoolLike).connect === 'function' &&
  typeof (c as { release?: unknown }).release !== 'function' &&
  !('connection' in c)

/**
 * Applies a day batch to PostgreSQL (`COPY … FROM STDIN` through pg-copy-streams) in one
 * transaction on one connection (a Pool lends one for the batch).
 *
 * @example
 * await applyDayBatchPostgres(pool, createDayBatch({ seed: 42, scale: 1, days: 30, day: '2024-01-31' }))
 */
export async function applyDayBatchPostgres(
  client: PgClientLike | PgPoolLike,
  batch: DayBatch,
): Promise<DayBatchResult> {
  const { from } = await import('pg-copy-streams')
  const lent = isPool(client) ? await client.connect() : undefined
  const c: PgClientLike = lent ?? (client as PgClientLike)
  let failed: Error | undefined
  try {
    return await applyInSession(
      {
        query: (sql, params) => c.query(sql, params),
        copy: (t) =>
          new Promise<void>((resolve, reject) => {
            const stream = c.query(from(copySql(t, 'STDIN')))
            stream.on('finish', resolve)
            stream.on('error', reject)
            stream.end(t.csv)
          }),
      },
      batch,
    )
  } catch (error) {
    failed = error as Error
    throw error
  } finally {
    // A connection whose batch failed is not handed back to the pool for reuse.
    lent?.release(failed !== undefined)
  }
}
