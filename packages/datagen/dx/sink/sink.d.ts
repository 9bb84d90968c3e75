import type { GeneratedChunk } from '../generate.js';
import type { DatagenPlan, TablePlan } from '../plan.js';
import type { ChunkEncoding } from '../pool/part-stream.js';
/**
 * Where generated data goes. Shaped like a Kysely dialect: this small interface, and one
 * folder per implementation (`sink/files`, `sink/postgres`, `sink/pglite`, `sink/s3-copy`).
 *
 * Call order: `begin(plan)`, then per table `openTable` → `write`… → `close`, then `commit()`;
 * on any failure `abort(error)` instead of `commit`, which must leave the target as it was.
 */
export interface DatagenSink {
    /** The chunk encoding this sink consumes. */
    readonly encoding: ChunkEncoding;
    begin(plan: DatagenPlan): Promise<void>;
    openTable(table: TablePlan): Promise<TableSink>;
    commit(): Promise<void>;
    abort(error: unknown): Promise<void>;
}
/** Receives one table's chunks; each part's chunks arrive in order, parts may interleave. */
export interface TableSink {
    write(chunk: GeneratedChunk): Promise<void>;
    close(): Promise<void>;
}
//# sourceMappingURL=sink.d.ts.map