import { ByteBuffer } from '../csv/row-encoder.js';
import type { World } from '../world/world.js';
import type { TableGenerator } from './table-generator.js';
import type { TableSpecs } from './table-specs.js';
/** `fact_flight_operations`: one row per scheduled flight on a date. */
export declare class FlightOperationsGenerator implements TableGenerator {
    #private;
    readonly table: TableSpecs['fact_flight_operations'];
    readonly keyCount: number;
    constructor(world: World, spec: TableSpecs['fact_flight_operations']);
    write(from: number, to: number, reuse?: ByteBuffer): {
        data: Uint8Array<ArrayBufferLike>;
        rows: number;
    };
}
//# sourceMappingURL=flight-operations-generator.d.ts.map