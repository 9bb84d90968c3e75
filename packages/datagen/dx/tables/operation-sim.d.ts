import type { World } from '../world/world.js';
/** Gate names: concourse letter + number. */
export declare const GATES: readonly string[];
/**
 * The numeric simulation of one flight operation: schedule, disruption, delays, passengers by
 * cabin and cargo. It is a pure function of (world, operation index), so the operations table,
 * the bookings (which must add up to the passenger counts) and the daily revenue can each be
 * generated independently and still agree.
 */
export declare class OperationSim {
    #private;
    readonly world: World;
    op: number;
    day: number;
    dateIndex: number;
    flight: number;
    flightKey: number;
    origin: number;
    dest: number;
    airframe: number;
    type: number;
    international: boolean;
    schedDep: number;
    schedArr: number;
    cancelled: boolean;
    cancelCode: string;
    diverted: boolean;
    depDelay: number;
    arrDelay: number;
    taxiOut: number;
    taxiIn: number;
    readonly causes: Int32Array<ArrayBuffer>;
    depGate: string;
    arrGate: string;
    /** Seats sold per cabin (first, business, premium economy, economy); ≤ seats. */
    readonly sold: Int32Array<ArrayBuffer>;
    soldTotal: number;
    /** Extra bookings cancelled by the customer before departure. */
    customerCancelled: number;
    cargoKg: number;
    mailKg: number;
    constructor(world: World);
    /** Bookings this operation has (sold seats + customer cancellations). */
    get bookingCount(): number;
    simulate(op: number): this;
    /** Passengers who flew in cabin k: confirmed bookings; zero when the flight was cancelled. */
    passengers(k: number): number;
    get status(): string;
}
//# sourceMappingURL=operation-sim.d.ts.map