import { quoteQualified } from '@redshift-playground/schema'
import { type Kysely, sql } from 'kysely'
import { DiagnosticsError } from '../errors/diagnostics-error.js'

/** The marker table every datashare includes, so that every consumer can see it. */
export const FRESHNESS_TABLE = 'rsp_meta.freshness_marker'

/** A consumer the probe reads through. */
export interface FreshnessConsumer {
  readonly name: string
  /** A session on the consumer (on the local target: running as the consumer's role). */
  // biome-ignore lint/suspicious/noExplicitAny: any database
  readonly db: Kysely<any>
  /** Redshift: the consumer's database from a datashare holding the table, read as `database.schema.table` (R-DS-13). */
  readonly database?: string
}

/** Options of {@link probeFreshness}. */
export interface FreshnessProbeOptions {
  /** A session on the producer; it INSERTs and DELETEs marker rows (autocommit). */
  // biome-ignore lint/suspicious/noExplicitAny: any database
  readonly producer: Kysely<any>
  readonly consumers: readonly FreshnessConsumer[]
  /** `schema.table` with `marker_id VARCHAR(64)`, `written_at TIMESTAMP`. @default FRESHNESS_TABLE */
  readonly table?: string
  /** Markers to write, one after the other. @default 3 */
  readonly samples?: number
  /** Pause between two reads of one marker by a consumer: the resolution of the lag. @default 1000 */
  readonly pollIntervalMs?: number
  /** A consumer that has not seen a marker after this long missed it. @default 60000 */
  readonly timeoutMs?: number
  /** Pause between samples. @default 0 */
  readonly gapMs?: number
  /** When it aborts no new marker is written; the sample in flight completes. */
  readonly stop?: AbortSignal
  /** When it aborts, polling ends at once (what was measured is returned; markers are deleted). */
  readonly signal?: AbortSignal
  /** The probing process's monotonic clock, in ms. @default performance.now */
  readonly clock?: () => number
}

/** One marker as one consumer saw it. */
export interface FreshnessSample {
  readonly markerId: string
  /** From the producer's COMMIT returning to the first read that saw the marker returning; null when not seen. */
  readonly lagMs: number | null
  /** How long that successful read took (the part of the lag that is the probe's own round trip). */
  readonly readMs: number | null
  readonly polls: number
  /** The read failed (the consumer cannot read the table); polling stopped. */
  readonly error?: string
}

/** p50 / p95 / max (nearest rank), in ms. */
export interface LagStats {
  readonly p50: number
  readonly p95: number
  readonly max: number
}

export interface FreshnessConsumerReport {
  readonly name: string
  /** What the consumer read: `schema.table` or `database.schema.table`. */
  readonly table: string
  readonly samples: readonly FreshnessSample[]
  /** Markers seen, missed (not seen within the timeout) and failed reads. */
  readonly visible: number
  readonly missed: number
  readonly failed: number
  /** Over the markers seen; null when none was. */
  readonly lagMs: LagStats | null
  readonly readMs: LagStats | null
}

export interface FreshnessReport {
  readonly table: string
  readonly pollIntervalMs: number
  readonly timeoutMs: number
  /** Markers written (and committed) on the producer. */
  readonly markers: number
  /** Markers deleted again. */
  readonly removed: number
  readonly consumers: readonly FreshnessConsumerReport[]
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentileOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number
}

export function lagStats(values: readonly number[]): LagStats | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return {
    p50: percentileOf(sorted, 50),
    p95: percentileOf(sorted, 95),
    max: sorted[sorted.length - 1] as number,
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * Measures how long a committed row takes to become visible to each consumer. Per sample it
 * INSERTs a marker row (unique `marker_id`) on the producer in autocommit — the INSERT's return
 * is the COMMIT's — then every consumer reads `WHERE marker_id = …` every `pollIntervalMs` until
 * it sees the row. The lag is the time from the COMMIT returning to the first successful read
 * returning, on this process's monotonic clock only: producer and consumer clocks are never
 * compared (`written_at` is informational). Its resolution is the poll interval, and it
 * includes one read's round trip (`readMs`). Markers are deleted afterwards, the probe's own
 * rows only.
 *
 * @example
 * const report = await probeFreshness({ producer, consumers: [{ name: 'sales', db, database: 'core_sales' }] })
 * report.consumers[0]?.lagMs // { p50, p95, max }
 */
export async function probeFreshness(o: FreshnessProbeOptions): Promise<FreshnessReport> {
  const table = o.table ?? FRESHNESS_TABLE
  const [schema, name] = splitTable(table)
  const pollIntervalMs = o.pollIntervalMs ?? 1000
  const timeoutMs = o.timeoutMs ?? 60_000
  const samples = o.samples ?? 3
  const clock = o.clock ?? (() => performance.now())
  const refs = o.consumers.map((c) =>
    c.database === undefined
      ? quoteQualified(schema, name)
      : quoteQualified(c.database, schema, name),
  )
  const seen: FreshnessSample[][] = o.consumers.map(() => [])
  const producerRef = sql.raw(quoteQualified(schema, name))
  let markers = 0
  let removed = 0
  for (let i = 0; i < samples && !o.stop?.aborted && !o.signal?.aborted; i++) {
    if (i > 0) await sleep(o.gapMs ?? 0, o.stop ?? o.signal)
    if (o.stop?.aborted || o.signal?.aborted) break
    const id = `rsp-fresh-${globalThis.crypto.randomUUID()}`
    try {
      await sql`insert into ${producerRef} (marker_id, written_at)
        values (${id}, cast(${new Date().toISOString().replace('T', ' ').replace('Z', '')} as timestamp))`.execute(
        o.producer,
      )
    } catch (e) {
      throw new DiagnosticsError(
        'PROBE_FAILED',
        `cannot write a freshness marker into ${table} on the producer: ${errorText(e)}`,
        { field: 'table', value: table, cause: e },
      )
    }
    const committed = clock()
    markers++
    try {
      const found = await Promise.all(
        o.consumers.map((c, k) =>
          awaitMarker(c.db, sql.raw(refs[k] as string), id, committed, {
            pollIntervalMs,
            timeoutMs,
            clock,
            signal: o.signal,
          }),
        ),
      )
      for (const [k, s] of found.entries()) seen[k]?.push(s)
    } finally {
      // Only this probe's row: other probes may be measuring at the same time.
      const gone = await sql`delete from ${producerRef} where marker_id = ${id}`
        .execute(o.producer)
        .then(
          () => true,
          () => false,
        )
      if (gone) removed++
    }
  }
  return {
    table,
    pollIntervalMs,
    timeoutMs,
    markers,
    removed,
    consumers: o.consumers.map((c, k) => consumerReport(c.name, refs[k] as string, seen[k] ?? [])),
  }
}

function splitTable(table: string): [string, string] {
  const dot = table.indexOf('.')
  if (dot <= 0 || dot === table.length - 1 || table.indexOf('.', dot + 1) >= 0)
    throw new DiagnosticsError(
      'OPTION_INVALID',
      `the marker table must be schema.table, got ${JSON.stringify(table)}`,
      {
        field: 'table',
        value: table,
      },
    )
  return [table.slice(0, dot), table.slice(dot + 1)]
}

async function awaitMarker(
  // biome-ignore lint/suspicious/noExplicitAny: any database
  db: Kysely<any>,
  ref: ReturnType<typeof sql.raw>,
  markerId: string,
  committed: number,
  o: {
    pollIntervalMs: number
    timeoutMs: number
    clock: () => number
    signal: AbortSignal | undefined
  },
): Promise<FreshnessSample> {
  let polls = 0
  for (;;) {
    const start = o.clock()
    polls++
    try {
      const r = await sql<{ n: number | string }>`
        select count(*) as n from ${ref} where marker_id = ${markerId}`.execute(db)
      const end = o.clock()
      if (Number(r.rows[0]?.n ?? 0) > 0)
        return { markerId, lagMs: end - committed, readMs: end - start, polls }
    } catch (e) {
      return { markerId, lagMs: null, readMs: null, polls, error: errorText(e) }
    }
    if (o.clock() - committed >= o.timeoutMs || o.signal?.aborted)
      return { markerId, lagMs: null, readMs: null, polls }
    await sleep(o.pollIntervalMs, o.signal)
  }
}

function consumerReport(
  name: string,
  table: string,
  samples: readonly FreshnessSample[],
): FreshnessConsumerReport {
  const visible = samples.filter((s) => s.lagMs !== null)
  return {
    name,
    table,
    samples,
    visible: visible.length,
    missed: samples.filter((s) => s.lagMs === null && s.error === undefined).length,
    failed: samples.filter((s) => s.error !== undefined).length,
    lagMs: lagStats(visible.map((s) => s.lagMs as number)),
    readMs: lagStats(visible.map((s) => s.readMs as number)),
  }
}
