import { type ByteBuffer } from '../csv/row-encoder.js';
import type { World } from '../world/world.js';
import { type BookingValues } from './booking-sim.js';
/**
 * Writes `fact_bookings` CSV rows straight from the simulator's values: the hot path of the
 * generator, so instead of the generic compiled encoder it pre-encodes what repeats — the
 * operation's `flight_key,operation_key,` run, the YYYYMMDD date keys, and the four text
 * columns as one combination — and stores words. Its output is byte-identical to
 * `compileRowEncoder(fact_bookings)`; a test holds it to that, so the model's column order
 * stays the single source.
 */
export declare class BookingRowWriter {
    #private;
    constructor(world: World);
    /** Sets the per-operation columns for the rows that follow. */
    operation(flightKey: number, operationKey: number, flightDateIndex: number): void;
    /** Appends one booking row to `out`. */
    write(out: ByteBuffer, v: BookingValues): void;
}
//# sourceMappingURL=booking-row-writer.d.ts.map