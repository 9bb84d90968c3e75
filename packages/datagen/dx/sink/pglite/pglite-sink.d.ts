import type { DatagenPlan, TablePlan } from '../../plan.js';
import type { DatagenSink, TableSink } from '../sink.js';
/** The subset of `PGlite` this sink uses (the CLI passes the instance it opened). */
export interface PGliteLike {
    query(sql: string, params?: unknown[], options?: {
        blob?: Blob;
    }): Promise<{
        rows: Record<string, unknown>[];
    }>;
}
export interface PGliteSinkOptions {
    readonly db: PGliteLike;
    /** Load into this schema instead of the model's (`airline_dw`). */
    readonly schema?: string;
}
/**
 * Loads into an embedded PGlite database with `COPY … FROM '/dev/blob'`: each table's CSV
 * chunks are gathered into one Blob (PGlite holds the data in memory anyway) and copied in,
 * inside the atomic replace of {@link PgAtomicLoad}.
 *
 * @example
 * const db = new PGlite()
 * await loadAirlineData({ scale: 0.01, sink: new PGliteSink({ db }) })
 */
export declare class PGliteSink implements DatagenSink {
    #private;
    readonly encoding: "csv";
    constructor(options: PGliteSinkOptions);
    begin(plan: DatagenPlan): Promise<void>;
    openTable(table: TablePlan): Promise<TableSink>;
    commit(): Promise<void>;
    abort(_error?: unknown): Promise<void>;
}
//# sourceMappingURL=pglite-sink.d.ts.map