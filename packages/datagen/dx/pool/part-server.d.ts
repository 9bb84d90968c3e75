import type { PartRunner, PartTask } from './part-runner.js';
import { type ChunkEncoding } from './part-stream.js';
/** Asks a lane to generate one part. */
export interface PartMessage {
    readonly type: 'part';
    readonly task: PartTask;
    readonly encoding: ChunkEncoding;
    readonly level: number;
    /** Post each chunk's per-operation revenue totals back (bookings). */
    readonly collectTotals: boolean;
    /** Booking totals of the part's operations (daily revenue). */
    readonly totals: Float64Array | undefined;
}
/** The consumer took a chunk: the lane may produce one more. */
export interface CreditMessage {
    readonly type: 'credit';
}
/** What a lane posts back. */
export type LaneMessage = {
    readonly type: 'ready';
} | {
    readonly type: 'chunk';
    readonly data: Uint8Array;
    readonly rows: number;
    readonly last: boolean;
} | {
    readonly type: 'totals';
    readonly from: number;
    readonly totals: Float64Array;
} | {
    readonly type: 'error';
    readonly message: string;
    readonly stack: string | undefined;
};
/** Posts a message to the scheduler, transferring the listed buffers where that means anything. */
export type PostLaneMessage = (message: LaneMessage, transfer: ArrayBuffer[]) => void;
/**
 * The lane protocol, shared by worker threads and lanes on the calling thread: generates the
 * parts it is sent, posting each chunk and waiting for a credit once `LANE_CREDITS` chunks are
 * unacknowledged, so a slow sink slows generation instead of filling memory. A lane may run
 * several parts at once; they interleave at their awaits.
 */
export declare function createPartServer(runner: PartRunner, post: PostLaneMessage): (message: PartMessage | CreditMessage) => void;
//# sourceMappingURL=part-server.d.ts.map