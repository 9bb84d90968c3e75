import { type Cabin } from '../reference/realism.js';
import type { OperationSim } from './operation-sim.js';
/** Loyalty tiers by activity rank share (the most active customers hold the highest tiers). */
export declare const TIER_SHARES: Readonly<{
    PLATINUM: 0.02;
    GOLD: 0.07;
    SILVER: 0.18;
}>;
export declare function tierOfRank(rank: number, count: number): 0 | 1 | 2 | 3;
export declare const TIER_NAMES: readonly ["PLATINUM", "GOLD", "SILVER", "NONE"];
/** Booking channels as stored in `booking_channel`, and their shares. */
export declare const CHANNELS: readonly ["WEB", "MOBILE", "OTA", "AGENT", "CALL_CENTER"];
/** Booking statuses as stored in `booking_status`. */
export declare const STATUSES: readonly ["CONFIRMED", "CANCELLED", "REFUNDED"];
export declare const CONFIRMED = 0;
export declare const CANCELLED = 1;
export declare const REFUNDED = 2;
/** Fare classes (booking codes); F, J and Y are the refundable full fares. */
export declare const FARE_CLASSES: readonly string[];
/**
 * A six-character booking reference from the booking key: a bijection of [0, 2^31) printed in
 * base 36, so references are unique and look random.
 */
export declare function bookingReference(key: number): string;
/**
 * `bookingReference` stored at `d[at … at + 6)` (the row writer's path): two three-character
 * word stores. Writes one byte past the reference, which the caller overwrites.
 */
export declare function bookingReferenceWords(key: number, d: DataView, at: number): void;
/** Everything one generated booking holds, as numbers (money in cents, names as indices). */
export interface BookingValues {
    key: number;
    customerKey: number;
    bookingDateIndex: number;
    cabin: Cabin;
    /** Index into FARE_CLASSES. */
    fareClass: number;
    /** Index into CHANNELS. */
    channel: number;
    /** CONFIRMED, CANCELLED or REFUNDED. */
    status: number;
    /** Seat label bytes ('12C'), or undefined when no seat was assigned. */
    seat: Uint8Array | undefined;
    /** The seat label's first four bytes as a little-endian word (valid while `seat` is set). */
    seatWord: number;
    lead: number;
    baseFare: number;
    taxes: number;
    fees: number;
    bags: number;
    bagFees: number;
    total: number;
    milesEarned: number;
    milesRedeemed: number;
    refund: number;
    createdAt: number;
}
/**
 * Per-operation aggregates, which `fact_daily_revenue` reports (cents). Gross figures count
 * every booking sold; refunds are what was given back of them.
 */
export interface BookingTotals {
    /** Base fares of all bookings per cabin (gross). */
    readonly revenue: Float64Array;
    /** Fees + bag fees of all bookings (gross). */
    ancillary: number;
    /** Base fares, fees and bag fees of REFUNDED bookings (taxes are not revenue). */
    refunds: number;
    /** Base fares of CONFIRMED bookings (what flown passengers paid). */
    confirmedFares: number;
    /** CONFIRMED bookings. */
    confirmed: number;
}
/**
 * Generates the bookings of one flight operation. Rule: each sold seat is one booking —
 * CONFIRMED when the flight operates, REFUNDED (refund = total) when it is cancelled; then the
 * customer cancellations, REFUNDED in full on refundable fares (F, J, Y) and CANCELLED without
 * refund otherwise. So per cabin, passengers = count of CONFIRMED bookings.
 */
export declare class BookingSim {
    #private;
    readonly values: BookingValues;
    readonly totals: BookingTotals;
    constructor(seatMul: Uint8Array);
    /** Copies `totals` into `out[at … at + TOTALS_STRIDE)` (see operation-totals.ts). */
    storeTotals(out: Float64Array, at: number): void;
    /** Reads `totals` back from a row stored by `storeTotals`. */
    loadTotals(from: Float64Array, at: number): void;
    /**
     * Runs the bookings of `op` (already simulated) with keys from `firstKey`, calling `emit`
     * for each; totals are left in `this.totals`.
     */
    run(op: OperationSim, firstKey: number, emit?: (v: BookingValues) => void): void;
}
//# sourceMappingURL=booking-sim.d.ts.map