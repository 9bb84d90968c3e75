import type {
  DayBatch,
  DayBatchGenerator,
  DayBatchOptions,
  DayBatchResult,
  ProducerDays,
} from '@redshift-playground/datagen'

/**
 * A producer a day batch can be applied to. One folder-less family of three (local PGlite,
 * PostgreSQL, Redshift through S3 + the Data API), each made from connections its caller
 * opened and closes (`etl-targets.ts`).
 */
export interface EtlTarget {
  /** Human name for messages: `local .rsp/db`, `postgres://…`, `airline-producer/dev`. */
  readonly name: string
  /** Reads the producer's calendar and last loaded day (no writes). */
  readDays(): Promise<ProducerDays>
  /**
   * Brings the producer's schema up to date before `rsp etl` writes to it, and returns the
   * migrations it ran: on PostgreSQL and PGlite, those a database `rsp load` migrated has not
   * run yet (0004's index on the foreign key a re-run's DELETE checks). Absent where the
   * command leaves the schema to `rsp load` / `rsp deploy` (Redshift).
   */
  prepare?(): Promise<readonly string[]>
  /** Applies one day in one transaction: replaces that day, never doubles it. */
  apply(batch: DayBatch): Promise<DayBatchResult>
}

/** One applied batch, as the command prints it and the demo shows it. */
export interface EtlBatchReport {
  readonly day: string
  readonly dateKey: number
  readonly rows: number
  readonly tables: DayBatchResult['inserted']
  readonly replaced: DayBatchResult['replaced']
  /** Generation plus apply (upload and the transaction on Redshift). */
  readonly seconds: number
  readonly rowsPerSecond: number
  /** When the transaction committed: consumers see the day from then on. */
  readonly committedAt: string
  readonly operationKeys: DayBatch['operationKeys']
  readonly bookingKeys: DayBatch['bookingKeys']
}

export interface RunEtlOptions {
  readonly target: EtlTarget
  /** The initial load's options (seed, scale, calendar), or a generator made from them. */
  readonly generation: DayBatchOptions | DayBatchGenerator
  /** First day, 'YYYY-MM-DD'; default the first day with flights after the producer's last flight date. */
  readonly day?: string | undefined
  /** Consecutive days to append (each its own transaction). @default 1 */
  readonly days?: number
  /** Called after each committed batch. */
  readonly onBatch?: (report: EtlBatchReport) => void
  /** Stops between batches (a batch in flight finishes or rolls back as a whole). */
  readonly signal?: AbortSignal | undefined
}

/** What {@link runEtlBatch} did. */
export interface EtlRunResult {
  readonly target: string
  readonly batches: readonly EtlBatchReport[]
  readonly rows: number
  readonly seconds: number
  /** The last day the producer now holds (the next run starts the day after). */
  readonly lastDay: string | undefined
  /** Whether the calendar has no day after `lastDay` (following stops there). */
  readonly calendarEnded: boolean
}

async function generatorOf(g: RunEtlOptions['generation']): Promise<DayBatchGenerator> {
  const d = await import('@redshift-playground/datagen')
  return g instanceof d.DayBatchGenerator ? g : new d.DayBatchGenerator(g)
}

/** Generates and applies one day, and reports it. */
export async function applyDay(
  target: EtlTarget,
  g: DayBatchGenerator,
  day: string,
): Promise<EtlBatchReport> {
  const started = performance.now()
  const batch = g.batch(day)
  const r = await target.apply(batch)
  const seconds = (performance.now() - started) / 1000
  return Object.freeze({
    day: r.day,
    dateKey: r.dateKey,
    rows: r.rows,
    tables: r.inserted,
    replaced: r.replaced,
    seconds,
    rowsPerSecond: r.rows / Math.max(seconds, 1e-6),
    committedAt: r.committedAt.toISOString(),
    operationKeys: batch.operationKeys,
    bookingKeys: batch.bookingKeys,
  })
}

/**
 * Appends the next day(s) to a producer: checks it holds the schema and was loaded with the
 * same options (else an error naming the table or the option, nothing applied), works out the
 * days (every one inside the calendar before the first is applied), then applies them one
 * transaction each. The demo calls it to show a live batch every consumer sees.
 *
 * @example
 * const r = await runEtlBatch({ target: localEtlTarget(w), generation: { seed: 42, scale: 0.01 } })
 * r.batches[0]?.committedAt
 */
export async function runEtlBatch(o: RunEtlOptions): Promise<EtlRunResult> {
  const d = await import('@redshift-playground/datagen')
  const started = performance.now()
  const g = await generatorOf(o.generation)
  const state = await o.target.readDays()
  d.checkProducerMatches(g, state)
  const days = d.etlDays(g, state, { day: o.day, count: o.days ?? 1 })
  const batches: EtlBatchReport[] = []
  for (const day of days) {
    if (o.signal?.aborted) break
    const report = await applyDay(o.target, g, day)
    batches.push(report)
    o.onBatch?.(report)
  }
  return summary(o.target, g, batches, started, state.lastFlightDate)
}

export function summary(
  target: EtlTarget,
  g: DayBatchGenerator,
  batches: readonly EtlBatchReport[],
  started: number,
  lastBefore: string | undefined,
): EtlRunResult {
  const days = [lastBefore, ...batches.map((b) => b.day)].filter(
    (x): x is string => x !== undefined,
  )
  const lastDay = days.sort().at(-1)
  return Object.freeze({
    target: target.name,
    batches: Object.freeze([...batches]),
    rows: batches.reduce((s, b) => s + b.rows, 0),
    seconds: (performance.now() - started) / 1000,
    lastDay,
    calendarEnded: lastDay !== undefined && g.nextDay(lastDay) === undefined,
  })
}

/**
 * `--rate`: batches per minute (`6`, `0.5`) or an interval between batch starts (`10s`,
 * `2m`, `500ms`). Returns milliseconds, or undefined when the text is neither.
 */
export function rateIntervalMs(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim())
  if (!m) return undefined
  const n = Number(m[1])
  if (!(n > 0)) return undefined
  const unit = m[2]
  if (unit === undefined) return 60_000 / n
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h']
}

/** Resolves after `ms`, or early (without error) when the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}

/**
 * `--follow`: appends day after day, a batch every `intervalMs` (from batch start to batch
 * start; a slower batch starts the next at once), until the signal aborts or the calendar
 * ends. Starts like {@link runEtlBatch} (the producer is checked first).
 */
export async function followEtl(
  o: Omit<RunEtlOptions, 'days'> & { readonly intervalMs: number },
): Promise<EtlRunResult> {
  const d = await import('@redshift-playground/datagen')
  const started = performance.now()
  const g = await generatorOf(o.generation)
  const state = await o.target.readDays()
  d.checkProducerMatches(g, state)
  let day: string | undefined = d.etlDays(g, state, { day: o.day, count: 1 })[0]
  const batches: EtlBatchReport[] = []
  while (day !== undefined && !o.signal?.aborted) {
    const t0 = performance.now()
    const report = await applyDay(o.target, g, day)
    batches.push(report)
    o.onBatch?.(report)
    day = g.nextDay(day)
    if (day !== undefined) await sleep(o.intervalMs - (performance.now() - t0), o.signal)
  }
  return summary(o.target, g, batches, started, state.lastFlightDate)
}
