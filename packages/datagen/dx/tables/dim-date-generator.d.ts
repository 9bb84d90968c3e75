import { ByteBuffer } from '../csv/row-encoder.js';
import type { World } from '../world/world.js';
import { type TableGenerator } from './table-generator.js';
import type { TableSpecs } from './table-specs.js';
/** `dim_date`: one row per day of whole calendar years covering every booking and flight date. */
export declare class DimDateGenerator implements TableGenerator {
    #private;
    readonly table: TableSpecs['dim_date'];
    readonly keyCount: number;
    constructor(world: World, spec: TableSpecs['dim_date']);
    write(from: number, to: number, reuse?: ByteBuffer): {
        data: Uint8Array<ArrayBufferLike>;
        rows: number;
    };
}
//# sourceMappingURL=dim-date-generator.d.ts.map