import type { DayBatchGenerator } from '@redshift-playground/datagen'
import type { EtlBatchReport, EtlRunResult } from '../etl/run-etl.js'
import {
  type ConsumerReader,
  qualified,
  readObject,
  refusalText,
  type ShareLayout,
  shareHolding,
} from './domain-access.js'

/** The tables a day batch writes, and the column that holds the flight day in each. */
const DAY_COLUMN = {
  fact_flight_operations: 'date_key',
  fact_bookings: 'flight_date_key',
  fact_daily_revenue: 'date_key',
} as const
type EtlTable = keyof typeof DAY_COLUMN
const DW = 'airline_dw'

/** One day's rows of one table as one consumer first saw them all. */
export interface LagSample {
  readonly day: string
  readonly table: string
  /** From the batch's COMMIT returning to the first read that saw every row returning; null: not seen in time. */
  readonly lagMs: number | null
  readonly polls: number
  readonly rows: number
}

/** What one consumer saw of the ETL: the lag on the tables it holds, the refusal on the others. */
export interface ConsumerLag {
  readonly consumer: string
  /** The written tables it holds, and the share it reads each through. */
  readonly tables: readonly { readonly table: string; readonly share: string }[]
  /** The written tables it does not hold: the refusal it got trying to read each. */
  readonly refused: readonly { readonly table: string; readonly message: string }[]
  /** Written tables it does not hold but could read (a leak: the demo fails). */
  readonly leaked: readonly string[]
  readonly samples: readonly LagSample[]
  /** p50 and max over its samples seen (nearest rank); null when it holds no written table. */
  readonly lagMs: { readonly p50: number; readonly max: number } | null
  /** Samples not seen within the timeout. */
  readonly missed: number
}

export interface EtlLagReport {
  /** Where the days went (`rsp etl`'s target name). */
  readonly target: string
  readonly batches: readonly EtlBatchReport[]
  readonly rows: number
  /** Rows written per table, over the batches. */
  readonly tables: Readonly<Record<string, number>>
  readonly rowsPerSecond: number
  /** The calendar had no further day with flights (fewer days than asked were appended). */
  readonly calendarEnded: boolean
  /** Days between the appended ones that hold no flight at this scale (nothing to append). */
  readonly emptyDaysSkipped: number
  readonly pollIntervalMs: number
  readonly consumers: readonly ConsumerLag[]
}

export interface EtlLagOptions {
  readonly layouts: readonly ShareLayout[]
  readonly readers: readonly ConsumerReader[]
  /** Days with flights to append, one batch (one transaction) each. */
  readonly days: number
  /** The generator of the load's data set, and the last day the load holds. */
  readonly generation: DayBatchGenerator
  readonly after: string
  /** Appends one day through `rsp etl`'s path (`runEtlBatch`, `{ day, days: 1 }`). */
  readonly appendDay: (day: string) => Promise<EtlRunResult>
  readonly pollIntervalMs: number
  readonly timeoutMs: number
}

/**
 * The next `count` days after `after` that hold flights. At a small scale most days hold none
 * (scale 0.01: about one flight a week); appending an empty day writes nothing, so those are
 * skipped and counted. Batches are made (not applied) to know, from the load's own generator.
 */
export function daysWithFlights(g: DayBatchGenerator, after: string, count: number) {
  const days: string[] = []
  let skipped = 0
  let day = g.nextDay(after)
  while (day !== undefined && days.length < count) {
    if (g.batch(day).rows > 0) days.push(day)
    else skipped++
    day = g.nextDay(day)
  }
  return { days, skipped, calendarEnded: day === undefined }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** p50 and max, nearest rank. */
export function lagStats(values: readonly number[]): { p50: number; max: number } | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return { p50: sorted[Math.ceil(sorted.length / 2) - 1]!, max: sorted.at(-1)! }
}

/** Polls one consumer's view of one table until it holds the day's rows; times it from `mark`. */
async function pollDay(
  r: ConsumerReader,
  share: string,
  table: EtlTable,
  batch: EtlBatchReport,
  mark: number,
  o: Pick<EtlLagOptions, 'pollIntervalMs' | 'timeoutMs'>,
): Promise<LagSample> {
  const { sql } = await import('kysely')
  const object = `${DW}.${table}`
  const from = qualified(r.locate(share, object), object)
  const expected = batch.tables[table] ?? 0
  const query = sql.raw<{ n: number | string }>(
    `SELECT count(*) AS n FROM ${from} WHERE ${DAY_COLUMN[table]} = ${batch.dateKey}`,
  )
  let polls = 0
  for (;;) {
    polls++
    const rows = Number((await query.execute(r.db)).rows[0]?.n ?? 0)
    const now = performance.now()
    if (rows === expected)
      return { day: batch.day, table, lagMs: now - mark, polls, rows: expected }
    if (now - mark > o.timeoutMs) return { day: batch.day, table, lagMs: null, polls, rows }
    await sleep(o.pollIntervalMs)
  }
}

/** Which written tables each consumer holds (and through which share), and which it does not. */
function entitlements(o: EtlLagOptions) {
  return o.readers.map((r) => {
    const held: { table: EtlTable; share: string }[] = []
    const notHeld: EtlTable[] = []
    for (const table of Object.keys(DAY_COLUMN) as EtlTable[]) {
      const share = shareHolding(o.layouts, r.consumer.name, `${DW}.${table}`)
      if (share === undefined) notHeld.push(table)
      else held.push({ table, share })
    }
    return { r, held, notHeld }
  })
}

/** A consumer tries each written table it does not hold, through its first share's database. */
async function refusals(r: ConsumerReader, tables: readonly EtlTable[], first: string) {
  const refused: { table: string; message: string }[] = []
  const leaked: string[] = []
  for (const table of tables) {
    try {
      await readObject(r, first, `${DW}.${table}`)
      leaked.push(table)
    } catch (error) {
      refused.push({ table, message: refusalText(error) })
    }
  }
  return { refused, leaked }
}

/**
 * The live ETL step: appends the next `days` days with flights to the producer, one batch (one
 * transaction) at a time, through `rsp etl`'s own path; after each COMMIT, every consumer entitled to a written table
 * polls it until the day's rows are all there, timed from the COMMIT returning (the probing
 * process's monotonic clock). Consumers not entitled to a table try it and are refused.
 */
export async function etlWithLag(o: EtlLagOptions): Promise<EtlLagReport> {
  const who = entitlements(o)
  const plan = daysWithFlights(o.generation, o.after, o.days)
  const batches: EtlBatchReport[] = []
  const samples = new Map<string, LagSample[]>(o.readers.map((r) => [r.consumer.name, []]))
  let target = ''
  for (const day of plan.days) {
    const run = await o.appendDay(day)
    const mark = performance.now()
    target = run.target
    const batch = run.batches[0]
    if (!batch) break
    batches.push(batch)
    const seen = await Promise.all(
      who.flatMap(({ r, held }) =>
        held
          .filter(({ table }) => (batch.tables[table] ?? 0) > 0)
          .map(({ table, share }) =>
            pollDay(r, share, table, batch, mark, o).then((s) => [r.consumer.name, s] as const),
          ),
      ),
    )
    for (const [name, s] of seen) samples.get(name)?.push(s)
  }
  const consumers = await Promise.all(
    who.map(async ({ r, held, notHeld }): Promise<ConsumerLag> => {
      const own = samples.get(r.consumer.name) ?? []
      const first = r.consumer.databases[0]?.share ?? ''
      return {
        consumer: r.consumer.name,
        tables: held,
        ...(await refusals(r, notHeld, first)),
        samples: own,
        lagMs: lagStats(own.flatMap((s) => (s.lagMs === null ? [] : [s.lagMs]))),
        missed: own.filter((s) => s.lagMs === null).length,
      }
    }),
  )
  const tables: Record<string, number> = {}
  for (const b of batches)
    for (const [t, n] of Object.entries(b.tables)) tables[t] = (tables[t] ?? 0) + n
  const seconds = batches.reduce((s, b) => s + b.seconds, 0)
  const rows = batches.reduce((s, b) => s + b.rows, 0)
  return {
    target,
    batches,
    rows,
    tables,
    rowsPerSecond: rows / Math.max(seconds, 1e-6),
    calendarEnded: plan.calendarEnded,
    emptyDaysSkipped: plan.skipped,
    pollIntervalMs: o.pollIntervalMs,
    consumers,
  }
}
