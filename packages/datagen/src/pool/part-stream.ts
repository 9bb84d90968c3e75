import { createGzip } from 'node:zlib'
import type { OperationTotalsSink } from '../tables/operation-totals.js'
import type { PartRunner, PartTask } from './part-runner.js'

/** zlib's output buffer: more than a 50,000-row chunk compresses to at level 1 (~2.5 MB). */
const GZIP_OUTPUT_BUFFER = 4 << 20

/** How chunks leave a worker: raw CSV, or one gzip stream per part. */
export type ChunkEncoding = 'csv' | 'gzip'

/** Options of `runPart`. */
export interface PartOptions {
  readonly totalsSink?: OperationTotalsSink
  readonly totals?: Float64Array
  /**
   * Each gzip chunk gets an ArrayBuffer of its own, so it can be transferred to another
   * thread (default). Lanes on the consuming thread set it false: a chunk is then a view of
   * zlib's output buffer when its bytes lie in one piece there, which saves a copy (and the
   * page faults of fresh memory) per chunk.
   */
  readonly standalone?: boolean
}

/** Emits one output chunk; resolves when the consumer wants more (backpressure). */
export type EmitChunk = (data: Uint8Array, rows: number, last: boolean) => Promise<void>

/**
 * Generates one part chunk by chunk and hands the bytes to `emit`. In gzip mode the part is a
 * single gzip member (zlib level 1 by default) fed chunk after chunk; zlib's output does not
 * depend on how its input was split, so files are identical whatever the chunk size. The next
 * chunk is generated while zlib compresses the previous one on the libuv thread pool.
 */
export async function runPart(
  runner: PartRunner,
  task: PartTask,
  encoding: ChunkEncoding,
  level: number,
  emit: EmitChunk,
  options: PartOptions = {},
): Promise<void> {
  const { standalone = true, ...totals } = options
  await runner.prepare(task.table)
  if (encoding === 'csv') {
    let pending: { data: Uint8Array; rows: number } | undefined
    for (const chunk of runner.chunks(task, totals)) {
      if (pending) await emit(pending.data, pending.rows, false)
      pending = chunk
    }
    await emit(pending?.data ?? new Uint8Array(0), pending?.rows ?? 0, true)
    return
  }
  // zlib hands its output back to this thread each time its output buffer fills, and cannot go
  // on compressing until this thread (busy generating) takes it: a buffer that holds a whole
  // chunk's compressed bytes lets zlib finish a write on the pool in one go.
  const gzip = createGzip({ level, chunkSize: GZIP_OUTPUT_BUFFER })
  let out: Buffer[] = []
  let outBytes = 0
  gzip.on('data', (b: Buffer) => {
    out.push(b)
    outBytes += b.length
  })
  const ended = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve)
    gzip.on('error', reject)
  })
  const take = (): Uint8Array => {
    // zlib fills one output buffer front to back and hands out consecutive slices of it, and
    // never writes to a slice it has handed out: consecutive slices can be one view.
    if (!standalone && out.length > 0 && contiguous(out)) {
      const first = out[0] as Buffer
      const view = new Uint8Array(first.buffer, first.byteOffset, outBytes)
      out = []
      outBytes = 0
      return view
    }
    // A copy: zlib's slices may lie in several buffers, and a transfer needs an ArrayBuffer
    // of the chunk's own.
    const b = new Uint8Array(new ArrayBuffer(outBytes))
    let p = 0
    for (const x of out) {
      b.set(x, p)
      p += x.length
    }
    out = []
    outBytes = 0
    return b
  }
  let rows = 0
  let writing: Promise<void> = Promise.resolve()
  // Recycling is safe: chunk n + 2 is generated only after `await writing` saw zlib finish
  // with chunk n (zlib calls back once it has consumed a write's input).
  for (const chunk of runner.chunks(task, { ...totals, recycle: true })) {
    await writing
    if (outBytes >= 1 << 20) {
      const r = rows
      rows = 0
      await emit(take(), r, false)
    }
    rows += chunk.rows
    writing = new Promise<void>((resolve, reject) =>
      gzip.write(chunk.data, (e) => (e ? reject(e) : resolve())),
    )
  }
  await writing
  gzip.end()
  await ended
  await emit(take(), rows, true)
}

/** Whether buffers follow each other in one ArrayBuffer. */
function contiguous(parts: readonly Buffer[]): boolean {
  for (let i = 1; i < parts.length; i++) {
    const a = parts[i - 1] as Buffer
    const b = parts[i] as Buffer
    if (b.buffer !== a.buffer || b.byteOffset !== a.byteOffset + a.length) return false
  }
  return true
}
