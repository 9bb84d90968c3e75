import { ByteBuffer } from '../csv/row-encoder.js';
import type { World } from '../world/world.js';
import type { TableGenerator } from './table-generator.js';
import type { TableSpecs } from './table-specs.js';
/** `dim_aircraft`: one row per airframe of the fleet. */
export declare class DimAircraftGenerator implements TableGenerator {
    #private;
    readonly table: TableSpecs['dim_aircraft'];
    readonly keyCount: number;
    constructor(world: World, spec: TableSpecs['dim_aircraft']);
    write(from: number, to: number, reuse?: ByteBuffer): {
        data: Uint8Array<ArrayBufferLike>;
        rows: number;
    };
}
//# sourceMappingURL=dim-aircraft-generator.d.ts.map