import type { DatagenPlan, TablePlan } from '../../plan.js';
/** The only thing the atomic load needs from a Postgres-compatible client. */
export interface SqlRunner {
    query(sql: string, params?: unknown[]): Promise<{
        rows: Record<string, unknown>[];
    }>;
}
/** `COPY schema.table (columns) FROM <source> WITH (FORMAT csv)`. */
export declare function copyFromSql(t: TablePlan, source: string, schema?: string): string;
/**
 * The atomic replace used by the PostgreSQL and PGlite sinks: one transaction that
 * (1) saves and drops every foreign key touching the target tables, (2) TRUNCATEs them,
 * (3) COPYs every table, (4) re-creates the foreign keys — validated in bulk — and commits.
 *
 * Why not load shadow tables and rename them in: renaming swaps table identities, so grants,
 * views, RLS policies and masking attached to the old tables (the sharing package adds them)
 * would stay behind, and FKs would point at the old tables. Truncate + COPY in one transaction
 * keeps the tables (and everything attached to them); any failure rolls back to the previous
 * contents, and a re-run simply replaces them again. Dropping the FKs for the load avoids a
 * per-row trigger check; re-adding them checks every row at once. Readers wait on the
 * ACCESS EXCLUSIVE lock for the load's duration and then see only the new data.
 */
export declare class PgAtomicLoad {
    #private;
    constructor(db: SqlRunner, schema?: string);
    copySql(t: TablePlan, source: string): string;
    begin(plan: DatagenPlan): Promise<void>;
    commit(): Promise<void>;
    abort(): Promise<void>;
}
//# sourceMappingURL=pg-atomic-load.d.ts.map