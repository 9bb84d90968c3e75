import type { OperationTotalsSink } from '../tables/operation-totals.js';
import type { PartRunner, PartTask } from './part-runner.js';
/** How chunks leave a worker: raw CSV, or one gzip stream per part. */
export type ChunkEncoding = 'csv' | 'gzip';
/** Emits one output chunk; resolves when the consumer wants more (backpressure). */
export type EmitChunk = (data: Uint8Array, rows: number, last: boolean) => Promise<void>;
/**
 * Generates one part chunk by chunk and hands the bytes to `emit`. In gzip mode the part is a
 * single gzip member (zlib level 1 by default) fed chunk after chunk; zlib's output does not
 * depend on how its input was split, so files are identical whatever the chunk size. The next
 * chunk is generated while zlib compresses the previous one on the libuv thread pool.
 */
export declare function runPart(runner: PartRunner, task: PartTask, encoding: ChunkEncoding, level: number, emit: EmitChunk, totals?: {
    readonly totalsSink?: OperationTotalsSink;
    readonly totals?: Float64Array;
}): Promise<void>;
//# sourceMappingURL=part-stream.d.ts.map