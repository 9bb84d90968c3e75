import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js';
/** The fictional carrier's two-letter code (not assigned to a real airline by IATA). */
export const AIRLINE_CODE = 'RP';
/**
 * `dim_flight`: one row per SCD2 version of each scheduled flight. Retimed flights have two
 * versions: the first valid until the day before the change, the second current.
 */
export class DimFlightGenerator {
    table;
    keyCount;
    #world;
    #version;
    #compiled;
    constructor(world, spec) {
        this.table = spec;
        this.#compiled = compileRowEncoder(spec);
        this.#world = world;
        this.keyCount = world.flightVersionCount;
        // key index → logical flight (versions are numbered consecutively per flight)
        this.#version = new Uint32Array(world.flightVersionCount);
        for (let f = 0; f < world.flightCount; f++) {
            this.#version[world.flightKeyA[f] - 1] = f;
            this.#version[world.flightKeyB[f] - 1] = f;
        }
    }
    write(from, to, reuse) {
        const w = this.#world;
        const { row: r, encode } = this.#compiled;
        const out = ByteBuffer.into(reuse, 64 * 1024);
        for (let i = from; i < to; i++) {
            const f = this.#version[i];
            const key = i + 1;
            const isB = key === w.flightKeyB[f] && w.flightKeyB[f] !== w.flightKeyA[f];
            const changed = w.flightKeyB[f] !== w.flightKeyA[f];
            const dep = (isB ? w.flightDepB[f] : w.flightDepA[f]);
            const o = w.flightOrigin[f];
            const d = w.flightDest[f];
            const validFromIndex = isB ? w.flightChange[f] : 0;
            const arrUtc = dep - w.offset(o, validFromIndex) + w.flightDuration[f];
            const arrLocal = (((arrUtc + w.offset(d, validFromIndex)) % 1440) + 1440) % 1440;
            const intl = w.airports[o]?.countryCode !== 'US' || w.airports[d]?.countryCode !== 'US';
            r.flight_key = key;
            r.airline_code = AIRLINE_CODE;
            r.flight_number = w.flightNumber[f];
            r.origin_airport_key = o + 1;
            r.destination_airport_key = d + 1;
            r.aircraft_key = w.flightAirframe[f] + 1;
            r.scheduled_departure_time = dep * 60;
            r.scheduled_arrival_time = arrLocal * 60;
            r.scheduled_duration_minutes = w.flightDuration[f];
            r.distance_miles = w.flightDistance[f];
            r.route_type = intl ? 'international' : 'domestic';
            r.valid_from = w.dateFirst + validFromIndex;
            r.valid_to = changed && !isB ? w.dateFirst + w.flightChange[f] - 1 : null;
            r.is_current = !(changed && !isB);
            encode(out, r);
        }
        return { data: out.finish(), rows: to - from };
    }
}
//# sourceMappingURL=dim-flight-generator.js.map