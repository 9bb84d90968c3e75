import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js';
import { Rng, STREAM } from '../random/prng.js';
import { totalSeats } from '../reference/aircraft-types.js';
/** First year each type was delivered to US operators (types newer than that cannot be older). */
const FIRST_DELIVERY = {
    '32Q': 2017,
    '7M8': 2017,
    '359': 2017,
    '789': 2014,
    '77W': 2004,
    E75: 2005,
    CR9: 2003,
    '320': 1995,
    '738': 1998,
};
/** `dim_aircraft`: one row per airframe of the fleet. */
export class DimAircraftGenerator {
    table;
    keyCount;
    #world;
    #compiled;
    constructor(world, spec) {
        this.table = spec;
        this.#compiled = compileRowEncoder(spec);
        this.#world = world;
        this.keyCount = world.airframeType.length;
    }
    write(from, to, reuse) {
        const w = this.#world;
        const { row: r, encode } = this.#compiled;
        const rng = new Rng();
        const lastYear = new Date((w.params.startDay - 200) * 86_400_000).getUTCFullYear();
        const out = ByteBuffer.into(reuse, 64 * 1024);
        for (let i = from; i < to; i++) {
            rng.reseed(w.params.seed, STREAM.aircraft, i);
            const t = w.types[w.airframeType[i]];
            const first = Math.min(lastYear, FIRST_DELIVERY[t.code] ?? 2000);
            const year = rng.range(first, lastYear);
            r.aircraft_key = i + 1;
            r.tail_number = `N${100 + i}RP`;
            r.aircraft_code = t.code;
            r.manufacturer = t.manufacturer;
            r.model = t.model;
            r.body_type = t.bodyType;
            r.seats_first = t.seatsFirst;
            r.seats_business = t.seatsBusiness;
            r.seats_premium_economy = t.seatsPremiumEconomy;
            r.seats_economy = t.seatsEconomy;
            r.total_seats = totalSeats(t);
            r.range_miles = t.rangeMiles;
            r.cruise_speed_mph = t.cruiseSpeedMph;
            r.max_cargo_kg = t.maxCargoKg;
            r.manufacture_year = year;
            r.in_service_date =
                Date.UTC(year, rng.int(12), 1 + rng.int(28)) / 86_400_000 + 30 + rng.int(150);
            encode(out, r);
        }
        return { data: out.finish(), rows: to - from };
    }
}
//# sourceMappingURL=dim-aircraft-generator.js.map