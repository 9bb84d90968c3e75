/**
 * Worker-thread entry: rebuilds the world from the plan's parameters, then generates the parts
 * it is sent, posting chunks back (transferring their memory) and waiting for a credit after
 * each one, so a slow sink slows the workers instead of filling memory.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { PartRunner, type PartTask, type RunnerInit } from './part-runner.js'
import { type ChunkEncoding, runPart } from './part-stream.js'

interface PartMessage {
  readonly type: 'part'
  readonly task: PartTask
  readonly encoding: ChunkEncoding
  readonly level: number
  /** Post each chunk's per-operation revenue totals back (bookings). */
  readonly collectTotals: boolean
  /** Booking totals of the part's operations (daily revenue). */
  readonly totals: Float64Array | undefined
}
interface CreditMessage {
  readonly type: 'credit'
}

const port = parentPort
if (!port) throw new Error('generate-worker must run in a worker thread')
const init = workerData as RunnerInit
const runner = new PartRunner(init)
runner.warmUp(init.tables)
let credits = 2
let waiting: (() => void) | undefined

port.on('message', (msg: PartMessage | CreditMessage) => {
  if (msg.type === 'credit') {
    credits++
    waiting?.()
    waiting = undefined
    return
  }
  const totalsSink = msg.collectTotals
    ? (from: number, totals: Float64Array) =>
        port.postMessage({ type: 'totals', from, totals }, [totals.buffer as ArrayBuffer])
    : undefined
  runPart(
    runner,
    msg.task,
    msg.encoding,
    msg.level,
    async (data, rows, last) => {
      while (credits === 0) await new Promise<void>((resolve) => (waiting = resolve))
      credits--
      port.postMessage({ type: 'chunk', data, rows, last }, [data.buffer as ArrayBuffer])
    },
    { totalsSink, totals: msg.totals },
  ).catch((error: unknown) => {
    port.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    })
  })
})
port.postMessage({ type: 'ready' })
