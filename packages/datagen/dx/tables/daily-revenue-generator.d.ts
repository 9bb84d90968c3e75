import { ByteBuffer } from '../csv/row-encoder.js';
import type { World } from '../world/world.js';
import type { TableGenerator } from './table-generator.js';
import type { TableSpecs } from './table-specs.js';
/** Cargo and mail yield (cents per kg): a base plus a distance term (approximate market rates). */
export declare const cargoRateCents: (miles: number) => number;
export declare const mailRateCents: (miles: number) => number;
/**
 * `fact_daily_revenue`: one row per flight and date (per operation), aggregated from that
 * operation's bookings plus cargo and mail. The booking aggregates come from the bookings
 * pass when it ran in the same generation (`useTotals`); otherwise bookings are simulated
 * again here (same numbers, no formatting).
 */
export declare class DailyRevenueGenerator implements TableGenerator {
    #private;
    readonly table: TableSpecs['fact_daily_revenue'];
    readonly keyCount: number;
    constructor(world: World, spec: TableSpecs['fact_daily_revenue']);
    /** Booking totals of operations [from, from + totals.length / TOTALS_STRIDE), or none. */
    useTotals(totals: Float64Array | undefined, from: number): void;
    write(from: number, to: number, reuse?: ByteBuffer): {
        data: Uint8Array<ArrayBufferLike>;
        rows: number;
    };
}
//# sourceMappingURL=daily-revenue-generator.d.ts.map