import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js';
/** `dim_airport`: the reference airports, one current SCD2 version each. */
export class DimAirportGenerator {
    table;
    keyCount;
    #world;
    #compiled;
    constructor(world, spec) {
        this.table = spec;
        this.#compiled = compileRowEncoder(spec);
        this.#world = world;
        this.keyCount = world.airports.length;
    }
    write(from, to, reuse) {
        const w = this.#world;
        const { row: r, encode } = this.#compiled;
        const out = ByteBuffer.into(reuse, 64 * 1024);
        for (let i = from; i < to; i++) {
            const a = w.airports[i];
            r.airport_key = i + 1;
            r.airport_code = a.code;
            r.airport_name = a.name;
            r.city = a.city;
            r.state = a.state;
            r.country = a.country;
            r.country_code = a.countryCode;
            r.region = a.region;
            r.latitude = Math.round(a.lat * 1e6);
            r.longitude = Math.round(a.lon * 1e6);
            r.timezone = a.tz;
            r.is_hub = w.isHubAirport[i] === 1;
            r.valid_from = w.dateFirst;
            r.valid_to = null;
            r.is_current = true;
            encode(out, r);
        }
        return { data: out.finish(), rows: to - from };
    }
}
//# sourceMappingURL=dim-airport-generator.js.map