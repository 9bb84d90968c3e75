import type { Column, TableDef } from '@redshift-playground/schema/model';
/**
 * A row being generated: one property per model column, holding the raw value — integers,
 * decimals as integers in units of their scale (cents for DECIMAL(10,2)), DATE as days since
 * 1970-01-01, TIMESTAMP as seconds since the epoch, TIME as seconds of the day, booleans and
 * strings — or `null` for NULL.
 */
export type RowOf<C> = {
    [K in keyof C & string]: string | Uint8Array | number | boolean | null;
};
/**
 * Growable output buffer (a standalone ArrayBuffer, transferable between threads). Writers
 * use `view`, a DataView of the same memory: a 2- or 4-byte `setUint16`/`setUint32` of
 * precomputed ASCII stores several characters at once, at any offset.
 */
export declare class ByteBuffer {
    #private;
    buf: Buffer;
    view: DataView;
    pos: number;
    constructor(capacity?: number);
    /**
     * Room for `extra` more bytes after `pos`. Writers may store up to 3 bytes past the end of
     * what they write (word stores of shorter runs), so callers reserve a bound, not an exact
     * size.
     */
    ensure(extra: number): DataView;
    /**
     * `reuse` emptied for a new chunk, or a new buffer of `capacity` bytes. Reusing a buffer
     * whose pages are already mapped saves a page fault per 4 KiB of output, which costs more
     * than encoding those bytes.
     */
    static into(reuse: ByteBuffer | undefined, capacity: number): ByteBuffer;
    /**
     * The bytes written, as a view. The buffer must not be written again while the view is in
     * use (callers that reuse buffers wait until the consumer is done with it).
     */
    finish(): Uint8Array;
}
/** The bytes of an ASCII string (constants written by copying). */
export declare function asciiBytes(s: string): Uint8Array;
/** Little-endian word of up to four ASCII characters (the first character in the low byte). */
export declare function asciiWord(s: string): number;
/** Copies `src` (plain bytes) to `d` at `p`; returns the new position. */
export declare function putBytes(d: DataView, p: number, src: Uint8Array): number;
/**
 * A whole number in decimal. Values up to 2^31 − 1 are truncated to int32 first, so the
 * divisions by 10,000 compile to integer multiply-shifts; each group of four digits is one
 * word store (a short leading group stores a full word and advances by its length — the
 * extra bytes are overwritten by what follows).
 */
export declare function int(d: DataView, p: number, v: number): number;
/** Money (DECIMAL(_, 2)) from integer cents: the commonest decimal, kept short to inline. */
export declare function cents(d: DataView, p: number, v: number): number;
/** Days since 1970-01-01 → YYYY-MM-DD, from the per-day cache. */
export declare function date(d: DataView, p: number, days: number): number;
export declare function timestamp(d: DataView, p: number, epochSeconds: number): number;
/**
 * Compiles a CSV row encoder for a table from the model: column order is
 * `Object.keys(table.columns)` and each column's SQL type picks its byte writer, so there is
 * no second hand-written column list. The encoder writes bytes straight into the buffer (no
 * intermediate strings), which is what makes millions of rows a second possible in JS.
 * NULL (`null`) is an empty unquoted field, which COPY … CSV reads as NULL.
 */
export declare function compileRowEncoder<C extends Record<string, Column>>(table: Pick<TableDef<C>, 'name' | 'columns'>): {
    readonly row: RowOf<C>;
    readonly encode: (out: ByteBuffer, row: RowOf<C>) => void;
};
//# sourceMappingURL=row-encoder.d.ts.map