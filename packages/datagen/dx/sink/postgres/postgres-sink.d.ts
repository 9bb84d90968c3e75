import type { Writable } from 'node:stream';
import type { DatagenPlan, TablePlan } from '../../plan.js';
import type { DatagenSink, TableSink } from '../sink.js';
/** The subset of a `pg` Client this sink uses (the CLI passes a real one). */
export interface PgClientLike {
    query(text: string, values?: unknown[]): Promise<{
        rows: Record<string, unknown>[];
    }>;
    query<T extends Writable>(stream: T): T;
}
/** The subset of a `pg` Pool: a client is checked out for the whole load and released. */
export interface PgPoolLike {
    connect(): Promise<PgClientLike & {
        release(error?: Error | boolean): void;
    }>;
}
export interface PostgresSinkOptions {
    /** A connected `pg` Client, or a Pool (one client is checked out for the load). */
    readonly client: PgClientLike | PgPoolLike;
    /** Load into this schema instead of the model's (`airline_dw`). */
    readonly schema?: string;
}
/**
 * Streams CSV chunks into PostgreSQL with `COPY … FROM STDIN` (pg-copy-streams), respecting
 * the socket's backpressure, inside the atomic replace of {@link PgAtomicLoad}.
 *
 * @example
 * const client = new pg.Client(url); await client.connect()
 * await loadAirlineData({ scale: 0.1, sink: new PostgresSink({ client }) })
 */
export declare class PostgresSink implements DatagenSink {
    #private;
    readonly encoding: "csv";
    constructor(options: PostgresSinkOptions);
    begin(plan: DatagenPlan): Promise<void>;
    openTable(table: TablePlan): Promise<TableSink>;
    commit(): Promise<void>;
    abort(_error?: unknown): Promise<void>;
}
//# sourceMappingURL=postgres-sink.d.ts.map