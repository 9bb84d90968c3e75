import { ByteBuffer } from '../csv/row-encoder.js';
import type { World } from '../world/world.js';
import type { TableGenerator } from './table-generator.js';
import type { TableSpecs } from './table-specs.js';
/** The fictional carrier's two-letter code (not assigned to a real airline by IATA). */
export declare const AIRLINE_CODE = "RP";
/**
 * `dim_flight`: one row per SCD2 version of each scheduled flight. Retimed flights have two
 * versions: the first valid until the day before the change, the second current.
 */
export declare class DimFlightGenerator implements TableGenerator {
    #private;
    readonly table: TableSpecs['dim_flight'];
    readonly keyCount: number;
    constructor(world: World, spec: TableSpecs['dim_flight']);
    write(from: number, to: number, reuse?: ByteBuffer): {
        data: Uint8Array<ArrayBufferLike>;
        rows: number;
    };
}
//# sourceMappingURL=dim-flight-generator.d.ts.map