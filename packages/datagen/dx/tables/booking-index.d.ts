import type { World } from '../world/world.js';
/** Operations per block of the booking-key index. */
export declare const BOOKING_BLOCK = 256;
/**
 * Booking keys are contiguous (1 … N) in operation order. To start generating at any
 * operation, the number of bookings of all earlier operations is kept per block of 256
 * operations (the operation simulation is cheap; the bookings are not).
 */
export declare class BookingIndex {
    #private;
    /** `prefix[b]` = bookings of operations before block b; last entry = total. */
    readonly prefix: Float64Array;
    constructor(world: World, prefix?: Float64Array);
    get total(): number;
    /** Bookings of operations [0, op). */
    before(op: number): number;
}
//# sourceMappingURL=booking-index.d.ts.map