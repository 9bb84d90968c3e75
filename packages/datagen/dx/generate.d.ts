import { type DatagenPlan, type DatagenTableName, type PlanOptions } from './plan.js';
import type { ChunkEncoding } from './pool/part-stream.js';
/** How to run a generation (none of this changes the output bytes). */
export interface RunOptions {
    /**
     * Worker threads; 0 generates on the calling thread (gzip parts 4 at a time there, their
     * compression on libuv's pool).
     * @default defaultWorkers(encoding): none on one or two cores; above that, one per two cores
     * for gzip and one fewer than the cores for CSV
     */
    readonly workers?: number;
    /**
     * Target rows per chunk (memory per in-flight chunk).
     * @default 8_000 on the calling thread (workers: 0), else 50_000
     */
    readonly chunkRows?: number;
    /** 'csv' for COPY streams, 'gzip' for files. @default 'csv' */
    readonly encoding?: ChunkEncoding;
    /** zlib level for 'gzip'. @default 1 */
    readonly gzipLevel?: number;
    /**
     * The worker script. Defaults to the built `pool/generate-worker.js` beside this module;
     * set it when running from TypeScript sources (tests bundle the worker first).
     */
    readonly workerUrl?: URL;
}
/** One piece of one part of one table; parts' chunks arrive in order, parts interleave. */
export interface GeneratedChunk {
    readonly table: DatagenTableName;
    readonly part: number;
    readonly data: Uint8Array;
    readonly rows: number;
    /** The part's final chunk. */
    readonly last: boolean;
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
export declare function defaultWorkers(encoding: ChunkEncoding, cores?: number): number;
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
export declare function generate(planOrOptions: DatagenPlan | PlanOptions, run?: RunOptions): AsyncGenerator<GeneratedChunk>;
//# sourceMappingURL=generate.d.ts.map