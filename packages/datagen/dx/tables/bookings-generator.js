import { ByteBuffer } from '../csv/row-encoder.js';
import { BookingRowWriter } from './booking-row-writer.js';
import { BookingSim } from './booking-sim.js';
import { OperationSim } from './operation-sim.js';
import { TOTALS_STRIDE } from './operation-totals.js';
/** `fact_bookings`: every booking of every flight operation (keys are operations). */
export class BookingsGenerator {
    table;
    keyCount;
    #index;
    #op;
    #bookings;
    #writer;
    /** The chunk being written, and one emit callback for every chunk: a fresh closure per
     * chunk would be a new call target in BookingSim.run each time, which deoptimises it. */
    #out;
    #emit = (v) => this.#writer.write(this.#out, v);
    /** Receives each written chunk's per-operation revenue totals (for `fact_daily_revenue`). */
    totalsSink;
    /** Next booking key if generation continues at #nextOp (saves re-deriving it per chunk). */
    #nextOp = -1;
    #nextKey = 0;
    constructor(world, index, spec) {
        this.table = spec;
        this.#writer = new BookingRowWriter(world);
        this.#index = index;
        this.#op = new OperationSim(world);
        this.#bookings = new BookingSim(world.seatMul);
        this.keyCount = world.opsTotal;
    }
    write(from, to, reuse) {
        const writer = this.#writer;
        const emit = this.#emit;
        let key = from === this.#nextOp ? this.#nextKey : this.#index.before(from);
        // Sized from the booking index (rows × a generous row length), so it rarely has to grow.
        const out = ByteBuffer.into(reuse, (this.#index.before(to) - key) * 168 + 4096);
        this.#out = out;
        let rows = 0;
        const sink = this.totalsSink;
        const totals = sink ? new Float64Array((to - from) * TOTALS_STRIDE) : undefined;
        for (let op = from; op < to; op++) {
            const s = this.#op.simulate(op);
            writer.operation(s.flightKey, op + 1, s.dateIndex);
            this.#bookings.run(s, key + 1, emit);
            if (totals)
                this.#bookings.storeTotals(totals, (op - from) * TOTALS_STRIDE);
            key += s.bookingCount;
            rows += s.bookingCount;
        }
        if (sink && totals)
            sink(from, totals);
        this.#nextOp = to;
        this.#nextKey = key;
        this.#out = undefined;
        return { data: out.finish(), rows };
    }
}
//# sourceMappingURL=bookings-generator.js.map