import { type RunOptions } from './generate.js';
import { type DatagenTableName, type PlanOptions } from './plan.js';
import type { DatagenSink } from './sink/sink.js';
/** Progress of one table, emitted after every chunk and once when the table is done. */
export interface ProgressEvent {
    readonly table: DatagenTableName;
    readonly rows: number;
    readonly totalRows: number;
    /** Bytes handed to the sink (compressed for gzip sinks). */
    readonly bytes: number;
    readonly rowsPerSecond: number;
    /** Estimated seconds left for this table. */
    readonly etaSeconds: number;
    readonly done: boolean;
}
export interface LoadOptions extends PlanOptions, RunOptions {
    readonly sink: DatagenSink;
    readonly onProgress?: (event: ProgressEvent) => void;
}
export interface LoadSummary {
    readonly tables: readonly {
        readonly table: DatagenTableName;
        readonly rows: number;
        readonly bytes: number;
        readonly seconds: number;
    }[];
    readonly rows: number;
    readonly seconds: number;
}
/**
 * Plans, generates and loads the data set into a sink. Nothing becomes visible until the
 * sink's commit; any failure calls the sink's abort (which restores the previous state) and is
 * rethrown as a DatagenError.
 *
 * @example
 * await loadAirlineData({ seed: 1, scale: 0.01, sink: new PGliteSink({ db }), onProgress: console.log })
 */
export declare function loadAirlineData(options: LoadOptions): Promise<LoadSummary>;
//# sourceMappingURL=load.d.ts.map