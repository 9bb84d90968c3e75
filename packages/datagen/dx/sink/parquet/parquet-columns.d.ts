import type { TablePlan } from '../../plan.js';
/** The parts of a Parquet schema element this sink writes (hyparquet's `SchemaElement`). */
export interface ParquetField {
    readonly name: string;
    readonly type?: 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY' | 'FIXED_LEN_BYTE_ARRAY';
    readonly type_length?: number;
    readonly repetition_type?: 'REQUIRED' | 'OPTIONAL';
    readonly converted_type?: 'UTF8' | 'DATE' | 'DECIMAL' | 'INT_16' | 'TIMESTAMP_MICROS';
    readonly logical_type?: {
        readonly type: 'TIME';
        readonly isAdjustedToUTC: boolean;
        readonly unit: 'MICROS';
    };
    readonly precision?: number;
    readonly scale?: number;
    readonly num_children?: number;
}
/** Turns one CSV field (unquoted text, never empty: empty is NULL) into the column's value. */
type FromText = (text: string) => unknown;
/** A table's Parquet schema (root first) and the converters of its CSV fields, in column order. */
export declare function parquetColumnsOf(table: TablePlan): {
    readonly schema: readonly ParquetField[];
    readonly fromText: readonly FromText[];
};
/**
 * Splits whole CSV rows (the generator's own output: RFC 4180 quoting, empty field = NULL)
 * into per-column value arrays, appending to `columns`. Returns the number of rows read.
 */
export declare function appendCsvRows(bytes: Uint8Array, fromText: readonly FromText[], columns: unknown[][]): number;
export {};
//# sourceMappingURL=parquet-columns.d.ts.map