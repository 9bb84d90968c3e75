import { ByteBuffer } from '../csv/row-encoder.js';
import type { World } from '../world/world.js';
import type { BookingIndex } from './booking-index.js';
import { type OperationTotalsSink } from './operation-totals.js';
import type { TableGenerator } from './table-generator.js';
import type { TableSpecs } from './table-specs.js';
/** `fact_bookings`: every booking of every flight operation (keys are operations). */
export declare class BookingsGenerator implements TableGenerator {
    #private;
    readonly table: TableSpecs['fact_bookings'];
    readonly keyCount: number;
    /** Receives each written chunk's per-operation revenue totals (for `fact_daily_revenue`). */
    totalsSink: OperationTotalsSink | undefined;
    constructor(world: World, index: BookingIndex, spec: TableSpecs['fact_bookings']);
    write(from: number, to: number, reuse?: ByteBuffer): {
        data: Uint8Array<ArrayBufferLike>;
        rows: number;
    };
}
//# sourceMappingURL=bookings-generator.d.ts.map