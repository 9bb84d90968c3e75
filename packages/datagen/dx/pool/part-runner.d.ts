import type { DatagenTableName } from '../plan.js';
import type { OperationTotalsSink } from '../tables/operation-totals.js';
import type { TableGenerator } from '../tables/table-generator.js';
import type { TableSpecs } from '../tables/table-specs.js';
import { World } from '../world/world.js';
/** What a worker (or the inline runner) needs to rebuild the world. */
export interface RunnerInit {
    readonly seed: number;
    readonly scale: number;
    readonly startDate: string;
    readonly days: number;
    readonly bookingPrefix: Float64Array | undefined;
    /** The World's time-zone table, computed once by the planner (saves each worker the Intl work). */
    readonly tzOffsets: Int16Array | undefined;
    readonly specs: TableSpecs;
    /** The planned tables (a worker warms up the slow generators among them). */
    readonly tables: readonly DatagenTableName[];
}
/** One part to generate: keys [from, to) of a table, in chunks of `chunkKeys`. */
export interface PartTask {
    readonly table: DatagenTableName;
    readonly part: number;
    readonly from: number;
    readonly to: number;
    readonly chunkKeys: number;
}
/** Options of `PartRunner.chunks`. */
export interface ChunkOptions {
    readonly totalsSink?: OperationTotalsSink;
    readonly totals?: Float64Array;
    /**
     * Write chunks into two buffers in turn: chunk n's bytes stay valid only until chunk n + 2
     * is generated. For callers that are done with a chunk by then (the gzip path, where zlib
     * has consumed it), this saves mapping fresh memory for every chunk.
     */
    readonly recycle?: boolean;
}
/** Holds the world and one generator per table; shared by workers and the inline path. */
export declare class PartRunner {
    #private;
    readonly world: World;
    constructor(init: RunnerInit);
    /** Creates the table's generator; async because only `dim_customer` loads faker. */
    prepare(table: DatagenTableName): Promise<TableGenerator>;
    /**
     * Starts preparing the planned tables whose generators are slow to create (`dim_customer`
     * loads faker and draws its name pools), so that work overlaps the small tables before it
     * instead of stalling the sink when the first customer part arrives.
     */
    warmUp(tables: readonly DatagenTableName[]): void;
    /**
     * Yields the CSV chunks of a part, in order (call `prepare(task.table)` first). Bookings
     * report each operation's revenue totals to `totalsSink`; daily revenue reads them from
     * `totals` (rows of operations [task.from, task.to)) instead of re-simulating bookings.
     */
    chunks(task: PartTask, options?: ChunkOptions): Generator<{
        data: Uint8Array;
        rows: number;
    }>;
}
//# sourceMappingURL=part-runner.d.ts.map