import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { DatagenError, invalidOption } from './errors.js'
import {
  createPlan,
  type DatagenPlan,
  type DatagenTableName,
  type PartPlan,
  type PlanOptions,
  type TablePlan,
} from './plan.js'
import { InlineLane } from './pool/inline-lane.js'
import { PartRunner, type PartTask, type RunnerInit } from './pool/part-runner.js'
import type { CreditMessage, LaneMessage, PartMessage } from './pool/part-server.js'
import type { ChunkEncoding } from './pool/part-stream.js'
import { TOTALS_CACHE_MAX_OPERATIONS, TOTALS_STRIDE } from './tables/operation-totals.js'

/** How to run a generation (none of this changes the output bytes). */
export interface RunOptions {
  /**
   * Worker threads; 0 generates on the calling thread (gzip parts of two tables at a time there, their
   * compression on libuv's pool).
   * @default defaultWorkers(encoding): none on one or two cores; above that, one per two cores
   * for gzip and one fewer than the cores for CSV
   */
  readonly workers?: number
  /**
   * Target rows per chunk (memory per in-flight chunk).
   * @default 8_000 on the calling thread (workers: 0), else 50_000
   */
  readonly chunkRows?: number
  /** 'csv' for COPY streams, 'gzip' for files. @default 'csv' */
  readonly encoding?: ChunkEncoding
  /** zlib level for 'gzip'. @default 1 */
  readonly gzipLevel?: number
  /**
   * The worker script. Defaults to the built `pool/generate-worker.js` beside this module;
   * set it when running from TypeScript sources (tests bundle the worker first).
   */
  readonly workerUrl?: URL
}

/** One piece of one part of one table; parts' chunks arrive in order, parts interleave. */
export interface GeneratedChunk {
  readonly table: DatagenTableName
  readonly part: number
  readonly data: Uint8Array
  readonly rows: number
  /** The part's final chunk. */
  readonly last: boolean
}

interface Item {
  readonly chunk?: GeneratedChunk
  readonly ack?: () => void
  readonly error?: unknown
}

/** A small queue between producers (workers) and the async generator. */
class Channel {
  #items: Item[] = []
  #wake: (() => void) | undefined
  push(item: Item): void {
    this.#items.push(item)
    this.#wake?.()
    this.#wake = undefined
  }
  async take(): Promise<Item> {
    while (this.#items.length === 0) await new Promise<void>((r) => (this.#wake = r))
    return this.#items.shift() as Item
  }
}

/**
 * Starts a worker. By default a worker inherits the parent's Node flags (Node ignores the
 * process-wide V8 ones there), but `--input-type` (from `node --input-type=module -e …`) makes
 * its start fail, so that flag is dropped. An explicit list must not hold V8 flags such as
 * `--max-old-space-size`; if Node rejects the filtered list, the worker starts with none.
 */
function startWorker(
  WorkerClass: typeof import('node:worker_threads').Worker,
  url: URL,
  workerData: RunnerInit,
): Worker {
  if (!process.execArgv.some((a) => a.startsWith('--input-type')))
    return new WorkerClass(url, { workerData })
  try {
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'))
    return new WorkerClass(url, { workerData, execArgv })
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error
    return new WorkerClass(url, { workerData, execArgv: [] })
  }
}

/**
 * The default worker count for an encoding. Each worker is a V8 isolate that starts in ~0.15 s
 * and compiles the generator's hot code again, and gzip compression runs on libuv's pool
 * (4 threads unless UV_THREADPOOL_SIZE says otherwise), not on the generating thread. So on one
 * or two cores both encodings generate on the calling thread: gzip with several parts at once
 * whose compression fills the other core (measured on 2 vCPUs, a million fact rows: 2.5 s
 * against 2.9 s on 2 workers), and CSV for one COPY whose database needs the other core. Above
 * that gzip gets a worker per two cores (generation is ~45 % of the work, compression the
 * rest) and CSV one per core but one.
 */
export function defaultWorkers(encoding: ChunkEncoding, cores = availableParallelism()): number {
  if (cores <= 2) return 0
  return encoding === 'gzip' ? Math.ceil(cores / 2) : cores - 1
}

function resolveRun(run: RunOptions) {
  const encoding = run.encoding ?? 'csv'
  if (encoding !== 'csv' && encoding !== 'gzip')
    invalidOption('encoding', encoding, "Use 'csv' or 'gzip'.")
  const workers = run.workers ?? defaultWorkers(encoding)
  if (!Number.isInteger(workers) || workers < 0 || workers > 256)
    invalidOption(
      'workers',
      workers,
      'Use 0 (same thread) or a number of worker threads up to 256.',
    )
  // On the calling thread, smaller chunks hand the sink bytes more often (generation blocks the
  // event loop while a chunk is made): into a local PostgreSQL, 8,000 rows loaded ~20 % faster
  // than 50,000. Workers send fewer, larger messages.
  const chunkRows = run.chunkRows ?? (workers === 0 ? 8_000 : 50_000)
  if (!Number.isInteger(chunkRows) || chunkRows < 1 || chunkRows > 10_000_000)
    invalidOption(
      'chunkRows',
      chunkRows,
      'Use a whole number of rows per chunk from 1 to 10,000,000.',
    )
  const level = run.gzipLevel ?? 1
  if (!Number.isInteger(level) || level < 0 || level > 9)
    invalidOption('gzipLevel', level, 'Use a zlib level from 0 to 9.')
  return { workers, chunkRows, encoding, level, workerUrl: run.workerUrl }
}

function tasksOf(plan: DatagenPlan, chunkRows: number, table: TablePlan): PartTask[] {
  // Expected rows per key: bookings' exact count is not needed to size chunks.
  const perKey =
    table.name === 'fact_bookings'
      ? plan.bookingsPerOperation
      : table.keyCount === 0
        ? 1
        : table.rows / table.keyCount
  const chunkKeys = Math.max(1, Math.round(chunkRows / Math.max(1, perKey)))
  return table.parts.map((p) => ({
    table: table.name,
    part: p.index,
    from: p.from,
    to: p.to,
    chunkKeys,
  }))
}

/** What a lane needs to rebuild the plan's world; `bookingPrefix` only for workers. */
const initOf = (plan: DatagenPlan, bookingPrefix?: Float64Array): RunnerInit => ({
  seed: plan.seed,
  scale: plan.scale,
  startDate: plan.startDate,
  days: plan.days,
  headroomDays: plan.headroomDays,
  bookingPrefix,
  tzOffsets: plan.tzOffsets,
  specs: plan.specs,
  tables: plan.tables.map((t) => t.name),
})

/**
 * Per-operation booking totals, filled while `fact_bookings` is generated and read by
 * `fact_daily_revenue` (so bookings are simulated once), when both tables are generated and
 * the operation count is under the memory cap.
 */
function totalsCacheOf(plan: DatagenPlan): Float64Array | undefined {
  const names = plan.tables.map((t) => t.name)
  const ops = plan.tables.find((t) => t.name === 'fact_bookings')?.keyCount ?? 0
  if (!names.includes('fact_daily_revenue') || ops === 0 || ops > TOTALS_CACHE_MAX_OPERATIONS)
    return undefined
  return new Float64Array(ops * TOTALS_STRIDE)
}

/** What a part needs of the totals cache: bookings fill it, daily revenue reads it. */
function totalsFor(cache: Float64Array | undefined, task: PartTask) {
  if (!cache) return {}
  if (task.table === 'fact_bookings')
    return {
      totalsSink: (from: number, totals: Float64Array) => cache.set(totals, from * TOTALS_STRIDE),
    }
  if (task.table === 'fact_daily_revenue')
    return { totals: cache.subarray(task.from * TOTALS_STRIDE, task.to * TOTALS_STRIDE) }
  return {}
}

/** A worker thread or an `InlineLane`: what the scheduler needs of either. */
interface Lane {
  postMessage(message: PartMessage | CreditMessage, transfer?: readonly ArrayBuffer[]): void
  on(event: 'message', listener: (message: LaneMessage) => void): unknown
  off(event: 'message', listener: (message: LaneMessage) => void): unknown
  terminate(): Promise<unknown>
}

/** Most gzip parts in progress at once on the calling thread. */
const MAX_INLINE_LANES = 16

/**
 * Parts in progress at once on the calling thread. CSV: one (the sink takes its bytes between
 * chunks). Gzip: every part of two consecutive tables (at least 2, at most 16), so that while
 * one part waits for zlib on libuv's pool another generates, a table's parts compress on
 * several pool threads side by side, and all parts of the next table start with those of the
 * current one, so they also finish together instead of leaving a tail of one or two parts.
 * Measured on 2 vCPUs, a million fact rows in 4 parts per table, medians of 16 alternating
 * runs: 8 lanes 1.70 s, 4 lanes 1.82 s (earlier: 2 lanes 2.6 s, one 2.9 s, 2 workers 2.9 s).
 */
function inlineLanes(encoding: ChunkEncoding, plan: DatagenPlan): number {
  if (encoding !== 'gzip') return 1
  let most = 0
  plan.tables.forEach((t, i) => {
    most = Math.max(most, t.parts.length + (plan.tables[i + 1]?.parts.length ?? 0))
  })
  return Math.min(MAX_INLINE_LANES, Math.max(2, most))
}

/** Starts the worker lanes and waits until each has built its world. */
async function startWorkers(
  plan: DatagenPlan,
  o: ReturnType<typeof resolveRun>,
  lanes: Lane[],
  channel: Channel,
): Promise<void> {
  const url = o.workerUrl ?? new URL('./pool/generate-worker.js', import.meta.url)
  if (url.pathname.endsWith('.ts'))
    invalidOption(
      'workerUrl',
      url.href,
      'Workers need JavaScript: build the package, pass workerUrl, or use workers: 0.',
    )
  const ready: Promise<void>[] = []
  // Workers get the booking index built here once (each would otherwise build its own).
  const init = initOf(plan, plan.bookingIndex?.prefix)
  // Loaded here, not at import: generating on the calling thread never needs it.
  const { Worker } = await import('node:worker_threads')
  for (let i = 0; i < o.workers; i++) {
    const worker = startWorker(Worker, url, init)
    lanes.push(worker)
    worker.on('error', (error) =>
      channel.push({
        error: new DatagenError('WORKER_FAILED', `A generator worker failed: ${error.message}`, {
          cause: error,
        }),
      }),
    )
    ready.push(
      new Promise<void>((resolve) => {
        const onReady = (m: LaneMessage) => {
          if (m.type === 'ready') {
            worker.off('message', onReady)
            resolve()
          }
        }
        worker.on('message', onReady)
      }),
    )
  }
  await Promise.race([
    Promise.all(ready),
    channel.take().then((item) => {
      throw item.error
    }),
  ])
}

/** Lanes on the calling thread; they share the plan's booking index, built when first needed. */
function startInlineLanes(
  plan: DatagenPlan,
  o: ReturnType<typeof resolveRun>,
  lanes: Lane[],
): void {
  const runner = new PartRunner(initOf(plan), plan.bookingIndex)
  runner.warmUp(plan.tables.map((t) => t.name))
  for (let i = 0; i < inlineLanes(o.encoding, plan); i++) lanes.push(new InlineLane(runner))
}

/**
 * Whether a part's inputs are ready. Daily revenue reads the bookings' totals: a revenue part
 * waits until the bookings parts of its operations have been produced (a lane posts a chunk's
 * totals before the chunk itself), so it can start while other bookings parts are still being
 * generated. `produced[table][part]` turns true once the part's last chunk is out.
 */
function runnableOf(
  plan: DatagenPlan,
  cache: Float64Array | undefined,
  indexOf: ReadonlyMap<DatagenTableName, number>,
  produced: readonly boolean[][],
): (task: PartTask) => boolean {
  const bookings = indexOf.get('fact_bookings')
  const bookingParts = bookings === undefined ? [] : (plan.tables[bookings]?.parts ?? [])
  return (task: PartTask): boolean => {
    if (!(cache && task.table === 'fact_daily_revenue' && bookings !== undefined)) return true
    const done = produced[bookings] as boolean[]
    // Bookings parts cover the operations in order: find the first that reaches task.from.
    let lo = 0
    let hi = bookingParts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((bookingParts[mid] as PartPlan).to <= task.from) lo = mid + 1
      else hi = mid
    }
    for (let i = lo; i < bookingParts.length; i++) {
      const p = bookingParts[i] as PartPlan
      if (p.from >= task.to) break
      if (!done[p.index]) return false
    }
    return true
  }
}

/**
 * Hands every table's parts to the lanes from one queue, in table order. A lane takes the next
 * part as soon as it has *produced* its last chunk, so the next table is generated while the
 * consumer is still loading this one (no idle sink between tables). Chunks go to `channel`,
 * each with an `ack` that gives its lane a credit back.
 */
function scheduleParts(
  plan: DatagenPlan,
  o: ReturnType<typeof resolveRun>,
  cache: Float64Array | undefined,
  indexOf: ReadonlyMap<DatagenTableName, number>,
  lanes: readonly Lane[],
  channel: Channel,
): void {
  const queue = plan.tables.flatMap((t) => tasksOf(plan, o.chunkRows, t))
  const produced = plan.tables.map((t) => t.parts.map(() => false))
  const runnable = runnableOf(plan, cache, indexOf, produced)
  const idle: Lane[] = []
  const start = (lane: Lane, task: PartTask): void => {
    const table = indexOf.get(task.table) as number
    const onMessage = (m: LaneMessage) => {
      if (m.type === 'totals') {
        cache?.set(m.totals, m.from * TOTALS_STRIDE)
        return
      }
      if (m.type === 'error') {
        lane.off('message', onMessage)
        const error = new DatagenError(
          'WORKER_FAILED',
          `Generating ${task.table} part ${task.part} failed: ${m.message}`,
        )
        if (m.stack) error.stack = m.stack
        channel.push({ error })
        return
      }
      if (m.type !== 'chunk') return
      channel.push({
        chunk: { table: task.table, part: task.part, data: m.data, rows: m.rows, last: m.last },
        ack: () => lane.postMessage({ type: 'credit' }),
      })
      if (m.last) {
        lane.off('message', onMessage)
        ;(produced[table] as boolean[])[task.part] = true
        idle.push(lane)
        assign()
      }
    }
    lane.on('message', onMessage)
    const t = totalsFor(cache, task)
    // The revenue part's slice of totals is copied once and transferred.
    const totals = t.totals?.slice()
    lane.postMessage(
      {
        type: 'part',
        task,
        encoding: o.encoding,
        level: o.level,
        collectTotals: t.totalsSink !== undefined,
        totals,
      },
      totals ? [totals.buffer] : [],
    )
  }
  // Parts start in queue order, except that a part still waiting for its inputs lets a
  // later one that has them go first.
  const assign = (): void => {
    while (idle.length > 0) {
      const at = queue.findIndex(runnable)
      if (at < 0) return
      start(idle.shift() as Lane, queue.splice(at, 1)[0] as PartTask)
    }
  }
  idle.push(...lanes)
  assign()
}

/**
 * Generates every planned table, in dependency order, as CSV or gzip chunks. Each part is
 * produced by one lane (a worker thread, or a lane on the calling thread), chunk after chunk;
 * parts of a table run in parallel. Pull-based: a lane waits for the consumer before producing
 * more than two chunks ahead.
 *
 * @example
 * for await (const c of generate(createPlan({ scale: 0.01 }), { workers: 0 })) {
 *   process.stdout.write(`${c.table} part ${c.part}: ${c.rows} rows\n`)
 * }
 */
export async function* generate(
  planOrOptions: DatagenPlan | PlanOptions,
  run: RunOptions = {},
): AsyncGenerator<GeneratedChunk> {
  const plan = 'totalRows' in planOrOptions ? planOrOptions : createPlan(planOrOptions)
  const o = resolveRun(run)
  const cache = totalsCacheOf(plan)
  const channel = new Channel()
  const lanes: Lane[] = []
  try {
    if (o.workers === 0) startInlineLanes(plan, o, lanes)
    else await startWorkers(plan, o, lanes, channel)
    const tables = plan.tables.map((t) => t.name)
    const indexOf = new Map(tables.map((name, i) => [name, i] as const))
    const partCount = plan.tables.map((t) => t.parts.length)
    scheduleParts(plan, o, cache, indexOf, lanes, channel)
    // Yield table by table; within a table, parts' chunks interleave as they arrive. Chunks of
    // tables ahead of the consumer wait in `ahead`; each lane stays at most LANE_CREDITS
    // unacknowledged chunks ahead, so that buffer is bounded by LANE_CREDITS × lanes chunks.
    const ahead: Item[][] = tables.map(() => [])
    for (let current = 0; current < tables.length; current++) {
      let partsLeft = partCount[current] as number
      const waiting = ahead[current] as Item[]
      while (partsLeft > 0) {
        let item = waiting.shift()
        if (!item) {
          item = await channel.take()
          if (item.error !== undefined) throw item.error
          const at = indexOf.get((item.chunk as GeneratedChunk).table) as number
          if (at !== current) {
            ;(ahead[at] as Item[]).push(item)
            continue
          }
        }
        const chunk = item.chunk as GeneratedChunk
        yield chunk
        item.ack?.()
        if (chunk.last) partsLeft--
      }
    }
  } finally {
    await Promise.all(lanes.map((lane) => lane.terminate()))
  }
}
