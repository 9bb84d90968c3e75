import { ByteBuffer } from '../csv/row-encoder.js';
import type { World } from '../world/world.js';
import type { TableGenerator } from './table-generator.js';
import type { TableSpecs } from './table-specs.js';
/** `dim_airport`: the reference airports, one current SCD2 version each. */
export declare class DimAirportGenerator implements TableGenerator {
    #private;
    readonly table: TableSpecs['dim_airport'];
    readonly keyCount: number;
    constructor(world: World, spec: TableSpecs['dim_airport']);
    write(from: number, to: number, reuse?: ByteBuffer): {
        data: Uint8Array<ArrayBufferLike>;
        rows: number;
    };
}
//# sourceMappingURL=dim-airport-generator.d.ts.map