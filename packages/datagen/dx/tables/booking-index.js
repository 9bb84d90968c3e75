import { OperationSim } from './operation-sim.js';
/** Operations per block of the booking-key index. */
export const BOOKING_BLOCK = 256;
/**
 * Booking keys are contiguous (1 … N) in operation order. To start generating at any
 * operation, the number of bookings of all earlier operations is kept per block of 256
 * operations (the operation simulation is cheap; the bookings are not).
 */
export class BookingIndex {
    /** `prefix[b]` = bookings of operations before block b; last entry = total. */
    prefix;
    #sim;
    constructor(world, prefix) {
        this.#sim = new OperationSim(world);
        if (prefix) {
            this.prefix = prefix;
            return;
        }
        const blocks = Math.ceil(world.opsTotal / BOOKING_BLOCK);
        this.prefix = new Float64Array(blocks + 1);
        let total = 0;
        for (let op = 0; op < world.opsTotal; op++) {
            if (op % BOOKING_BLOCK === 0)
                this.prefix[op / BOOKING_BLOCK] = total;
            total += this.#sim.simulate(op).bookingCount;
        }
        this.prefix[blocks] = total;
    }
    get total() {
        return this.prefix[this.prefix.length - 1];
    }
    /** Bookings of operations [0, op). */
    before(op) {
        const block = Math.floor(op / BOOKING_BLOCK);
        let n = this.prefix[block];
        for (let o = block * BOOKING_BLOCK; o < op; o++)
            n += this.#sim.simulate(o).bookingCount;
        return n;
    }
}
//# sourceMappingURL=booking-index.js.map