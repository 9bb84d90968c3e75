import { csvText } from '../csv/csv-format.js';
import { ByteBuffer, date, int, putBytes, timestamp } from '../csv/row-encoder.js';
import { Rng, STREAM } from '../random/prng.js';
import { TIER_NAMES, tierOfRank } from './booking-sim.js';
const LIFETIME_MILES = [
    [1_000_000, 3_000_000],
    [400_000, 1_200_000],
    [100_000, 500_000],
    [0, 120_000],
];
/** E-mail local part: ASCII letters only (names like O'Connor or Mary Ann lose the rest). */
const emailPart = (s) => s.toLowerCase().replace(/[^a-z]/g, '');
/** A CSV field's bytes (quoted when needed, UTF-8): written by copying, not per character. */
const field = (s) => Uint8Array.from(Buffer.from(csvText(s), 'utf8'));
/** Bytes of a value used inside a composed field (e-mail parts, domains). */
const raw = (s) => Uint8Array.from(Buffer.from(s, 'utf8'));
/** Decimal digits of a non-negative int32. */
function digitCount(n) {
    let len = 1;
    for (let x = n | 0; x >= 10; x = (x / 10) | 0)
        len++;
    return len;
}
/** `n` (a non-negative int32) left-padded with zeros to `width` digits. */
function padded(d, p, n, width) {
    for (let i = digitCount(n); i < width; i++)
        d.setUint8(p++, 48);
    return int(d, p, n);
}
/** Widest row: every text at its column's limit, UTF-8 (6 bytes a character), plus numbers. */
const MAX_ROW = 2048;
/**
 * `dim_customer`: passengers with faker-made PII. Names come from seeded pools so customers do
 * not dominate generation time; each row's choices come from its own (seed, key) stream.
 * Every text is pre-encoded once (pool names, e-mail parts, cities) and composed fields are
 * written as bytes, so a row costs no string building.
 */
export class DimCustomerGenerator {
    table;
    keyCount;
    #world;
    #names;
    #mail;
    #places;
    #tiers = TIER_NAMES.map(field);
    /** `pools` come from `buildCustomerPools(seed)` (faker, loaded only when customers are made). */
    constructor(world, spec, pools) {
        this.table = spec;
        this.#world = world;
        this.keyCount = world.customerCount;
        this.#names = {
            female: pools.female.map(field),
            male: pools.male.map(field),
            last: pools.last.map(field),
        };
        const mail = (names) => names.map((n) => raw(emailPart(n)));
        this.#mail = {
            female: mail(pools.female),
            male: mail(pools.male),
            last: mail(pools.last),
            domains: pools.domains.map(raw),
        };
        this.#places = {
            city: world.airports.map((a) => field(a.city)),
            state: world.airports.map((a) => (a.state === null ? null : field(a.state))),
            country: world.airports.map((a) => field(a.countryCode)),
            us: Uint8Array.from(world.airports, (a) => (a.countryCode === 'US' ? 1 : 0)),
        };
    }
    /**
     * Writes rows straight into the output: every text is pre-encoded, and the composed fields
     * (id, e-mail, phone, loyalty number) are written in place. Column order and formats are
     * the model's (the pinned output hashes in test/golden-output.test.ts hold it to the
     * model-compiled encoder's bytes); random draws happen in column order.
     */
    write(from, to, reuse) {
        const w = this.#world;
        const names = this.#names;
        const mail = this.#mail;
        const places = this.#places;
        const tiers = this.#tiers;
        const rng = new Rng();
        const start = w.params.startDay;
        const out = ByteBuffer.into(reuse, (to - from) * 180 + 1024);
        for (let i = from; i < to; i++) {
            const key = i + 1;
            rng.reseed(w.params.seed, STREAM.customer, key);
            const isFemale = rng.chance(0.5);
            const fi = rng.int(isFemale ? names.female.length : names.male.length);
            const li = rng.int(names.last.length);
            const home = rng.pick(w.homeAirports);
            const tier = tierOfRank(w.customerRankOfKey(key), w.customerCount);
            const birth = start - 365 * 18 - rng.int(365 * 62);
            const join = Math.max(birth + 365 * 18, start - 30 - rng.int(365 * 15));
            const range = LIFETIME_MILES[tier];
            const d = out.ensure(MAX_ROW);
            let p = int(d, out.pos, key);
            // customer_id: C + nine digits
            d.setUint8(p, 44);
            d.setUint8(p + 1, 67);
            p = padded(d, p + 2, key, 9);
            d.setUint8(p++, 44);
            p = putBytes(d, p, (isFemale ? names.female : names.male)[fi]);
            d.setUint8(p++, 44);
            p = putBytes(d, p, names.last[li]);
            d.setUint8(p++, 44);
            // email: first.last<key>@domain
            p = putBytes(d, p, (isFemale ? mail.female : mail.male)[fi]);
            d.setUint8(p++, 46);
            p = putBytes(d, p, mail.last[li]);
            p = int(d, p, key);
            d.setUint8(p++, 64);
            p = putBytes(d, p, mail.domains[rng.int(mail.domains.length)]);
            // phone — US: +1-AAA-EEE-NNNN; elsewhere: +CC-AAA-NNNNNN.
            d.setUint8(p, 44);
            d.setUint8(p + 1, 43);
            p += 2;
            if (places.us[home] === 1) {
                d.setUint8(p, 49);
                d.setUint8(p + 1, 45);
                p = int(d, p + 2, rng.range(201, 989));
                d.setUint8(p++, 45);
                p = int(d, p, rng.range(200, 999));
                d.setUint8(p++, 45);
                p = padded(d, p, rng.int(100), 2);
                p = padded(d, p, rng.int(100), 2);
            }
            else {
                p = int(d, p, rng.range(30, 89));
                d.setUint8(p++, 45);
                p = int(d, p, rng.range(100, 999));
                d.setUint8(p++, 45);
                p = int(d, p, rng.range(100000, 999999));
            }
            d.setUint8(p++, 44);
            p = date(d, p, birth);
            d.setUint8(p++, 44);
            // gender: NULL for 3 %
            if (!rng.chance(0.03))
                d.setUint8(p++, isFemale ? 70 : 77);
            d.setUint8(p++, 44);
            p = putBytes(d, p, places.city[home]);
            d.setUint8(p++, 44);
            const state = places.state[home];
            if (state)
                p = putBytes(d, p, state);
            d.setUint8(p++, 44);
            p = putBytes(d, p, places.country[home]);
            d.setUint8(p++, 44);
            p = putBytes(d, p, tiers[tier]);
            d.setUint8(p++, 44);
            // loyalty_number: RP + the last nine digits of 100,000,000 + 7 × key; NULL without a tier
            if (tier !== 3) {
                d.setUint8(p, 82);
                d.setUint8(p + 1, 80);
                p = padded(d, p + 2, (100_000_000 + key * 7) % 1e9, 9);
            }
            d.setUint8(p++, 44);
            p = int(d, p, rng.range(range[0], range[1]));
            d.setUint8(p++, 44);
            p = date(d, p, join);
            d.setUint8(p++, 44);
            p = timestamp(d, p, join * 86400 + rng.int(86400));
            d.setUint8(p++, 10);
            out.pos = p;
        }
        return { data: out.finish(), rows: to - from };
    }
}
//# sourceMappingURL=dim-customer-generator.js.map