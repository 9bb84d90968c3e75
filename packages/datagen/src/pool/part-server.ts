import type { PartRunner, PartTask } from './part-runner.js'
import { type ChunkEncoding, runPart } from './part-stream.js'

/** Asks a lane to generate one part. */
export interface PartMessage {
  readonly type: 'part'
  readonly task: PartTask
  readonly encoding: ChunkEncoding
  readonly level: number
  /** Post each chunk's per-operation revenue totals back (bookings). */
  readonly collectTotals: boolean
  /** Booking totals of the part's operations (daily revenue). */
  readonly totals: Float64Array | undefined
}

/** The consumer took a chunk: the lane may produce one more. */
export interface CreditMessage {
  readonly type: 'credit'
}

/** What a lane posts back. */
export type LaneMessage =
  | { readonly type: 'ready' }
  | {
      readonly type: 'chunk'
      readonly data: Uint8Array
      readonly rows: number
      readonly last: boolean
    }
  | { readonly type: 'totals'; readonly from: number; readonly totals: Float64Array }
  | { readonly type: 'error'; readonly message: string; readonly stack: string | undefined }

/** Posts a message to the scheduler, transferring the listed buffers where that means anything. */
export type PostLaneMessage = (message: LaneMessage, transfer: ArrayBuffer[]) => void

/** Chunks a lane may produce ahead of the consumer. */
const LANE_CREDITS = 2

/**
 * The lane protocol, shared by worker threads and lanes on the calling thread: generates the
 * parts it is sent, posting each chunk and waiting for a credit once `LANE_CREDITS` chunks are
 * unacknowledged, so a slow sink slows generation instead of filling memory. A lane may run
 * several parts at once; they interleave at their awaits.
 */
export function createPartServer(
  runner: PartRunner,
  post: PostLaneMessage,
  /** Whether posted chunks cross threads (their memory is transferred). */
  transfers = true,
): (message: PartMessage | CreditMessage) => void {
  let credits = LANE_CREDITS
  const waiting: (() => void)[] = []
  return (msg) => {
    if (msg.type === 'credit') {
      credits++
      waiting.shift()?.()
      return
    }
    const totalsSink = msg.collectTotals
      ? (from: number, totals: Float64Array) =>
          post({ type: 'totals', from, totals }, [totals.buffer as ArrayBuffer])
      : undefined
    runPart(
      runner,
      msg.task,
      msg.encoding,
      msg.level,
      async (data, rows, last) => {
        while (credits === 0) await new Promise<void>((resolve) => waiting.push(resolve))
        credits--
        post({ type: 'chunk', data, rows, last }, [data.buffer as ArrayBuffer])
      },
      { totalsSink, totals: msg.totals, standalone: transfers },
    ).catch((error: unknown) =>
      post(
        {
          type: 'error',
          message: error instanceof Error ? error.message : String(error),
          stack: error instanceof Error ? error.stack : undefined,
        },
        [],
      ),
    )
  }
}
