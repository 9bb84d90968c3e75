/**
 * Per-operation booking aggregates that `fact_daily_revenue` reports, produced by the bookings
 * pass so the revenue table does not simulate every booking a second time. One row of
 * `TOTALS_STRIDE` numbers (cents, counts) per operation, in `TOTALS` field order.
 */
export declare const TOTALS: Readonly<{
    revenueFirst: 0;
    revenueBusiness: 1;
    revenuePremiumEconomy: 2;
    revenueEconomy: 3;
    ancillary: 4;
    refunds: 5;
    confirmedFares: 6;
    confirmed: 7;
}>;
export declare const TOTALS_STRIDE = 8;
/**
 * Receives the totals of operations [from, from + totals.length / TOTALS_STRIDE).
 * The array is the receiver's (workers transfer it).
 */
export type OperationTotalsSink = (from: number, totals: Float64Array) => void;
/**
 * Above this many operations the main thread keeps no totals (memory must not grow with
 * scale); revenue then re-simulates bookings: same bytes, more time. 500,000 operations
 * (≈ scale 78 over a year) = 32 MB.
 */
export declare const TOTALS_CACHE_MAX_OPERATIONS = 500000;
//# sourceMappingURL=operation-totals.d.ts.map