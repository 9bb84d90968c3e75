import type { TableDef } from '@redshift-playground/schema/model';
import type { ByteBuffer } from '../csv/row-encoder.js';
/**
 * Generates one table's rows as CSV for a range of keys. A key is a row for dimensions and a
 * flight operation for the operation-driven facts (bookings, daily revenue). Output for a key
 * depends only on the world and the key, never on the range it was asked for in.
 */
export interface TableGenerator {
    readonly table: Pick<TableDef, 'name' | 'schema'>;
    /** Keys in the table (rows, or operations for operation-driven tables). */
    readonly keyCount: number;
    /**
     * UTF-8 CSV (no header) of keys [from, to), and how many rows that is; written into `reuse`
     * (emptied first) when given, so its bytes are valid until that buffer is reused again.
     */
    write(from: number, to: number, reuse?: ByteBuffer): {
        readonly data: Uint8Array;
        readonly rows: number;
    };
}
/** YYYYMMDD of an epoch day (the integer `date_key`). */
export declare function dateKey(epochDay: number): number;
//# sourceMappingURL=table-generator.d.ts.map