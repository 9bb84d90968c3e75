import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js';
import { OperationSim } from './operation-sim.js';
/** `fact_flight_operations`: one row per scheduled flight on a date. */
export class FlightOperationsGenerator {
    table;
    keyCount;
    #world;
    #sim;
    #compiled;
    constructor(world, spec) {
        this.table = spec;
        this.#compiled = compileRowEncoder(spec);
        this.#world = world;
        this.#sim = new OperationSim(world);
        this.keyCount = world.opsTotal;
    }
    write(from, to, reuse) {
        const w = this.#world;
        const s = this.#sim;
        const { row: r, encode } = this.#compiled;
        const out = ByteBuffer.into(reuse, (to - from) * 200 + 1024);
        for (let op = from; op < to; op++) {
            s.simulate(op);
            const ok = !s.cancelled;
            r.operation_key = op + 1;
            r.flight_key = s.flightKey;
            r.date_key = w.dateKey[s.dateIndex];
            r.origin_airport_key = s.origin + 1;
            r.destination_airport_key = s.dest + 1;
            r.aircraft_key = s.airframe + 1;
            r.scheduled_departure = s.schedDep * 60;
            r.actual_departure = ok ? (s.schedDep + s.depDelay) * 60 : null;
            r.scheduled_arrival = s.schedArr * 60;
            r.actual_arrival = ok && !s.diverted ? (s.schedArr + s.arrDelay) * 60 : null;
            r.departure_delay_minutes = ok ? s.depDelay : null;
            r.arrival_delay_minutes = ok && !s.diverted ? s.arrDelay : null;
            r.carrier_delay_minutes = s.causes[0];
            r.weather_delay_minutes = s.causes[1];
            r.nas_delay_minutes = s.causes[2];
            r.security_delay_minutes = s.causes[3];
            r.late_aircraft_delay_minutes = s.causes[4];
            r.taxi_out_minutes = ok ? s.taxiOut : null;
            r.taxi_in_minutes = ok && !s.diverted ? s.taxiIn : null;
            r.departure_gate = ok ? s.depGate : null;
            r.arrival_gate = ok && !s.diverted ? s.arrGate : null;
            r.passengers_first = s.passengers(0);
            r.passengers_business = s.passengers(1);
            r.passengers_premium_economy = s.passengers(2);
            r.passengers_economy = s.passengers(3);
            r.total_passengers = ok ? s.soldTotal : 0;
            r.cargo_weight_kg = s.cargoKg;
            r.mail_weight_kg = s.mailKg;
            r.flight_status = s.status;
            r.cancellation_code = s.cancelled ? s.cancelCode : null;
            r.is_diverted = s.diverted;
            encode(out, r);
        }
        return { data: out.finish(), rows: to - from };
    }
}
//# sourceMappingURL=flight-operations-generator.js.map