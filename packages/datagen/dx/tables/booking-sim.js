import { asciiBytes, asciiWord } from '../csv/row-encoder.js';
import { cumulative, Rng, STREAM } from '../random/prng.js';
import { bagFeeCents, TAXES } from '../reference/realism.js';
import { MAX_LEAD_DAYS as MAX_LEAD } from '../world/world.js';
import { TOTALS } from './operation-totals.js';
/** Loyalty tiers by activity rank share (the most active customers hold the highest tiers). */
export const TIER_SHARES = Object.freeze({ PLATINUM: 0.02, GOLD: 0.07, SILVER: 0.18 });
/** Miles earned per US dollar of base fare, by tier (revenue-based programmes). */
const MILES_PER_DOLLAR = [11, 8, 7, 5];
export function tierOfRank(rank, count) {
    const share = rank / count;
    if (share < TIER_SHARES.PLATINUM)
        return 0;
    if (share < TIER_SHARES.GOLD)
        return 1;
    if (share < TIER_SHARES.SILVER)
        return 2;
    return 3;
}
export const TIER_NAMES = Object.freeze(['PLATINUM', 'GOLD', 'SILVER', 'NONE']);
/** Booking channels as stored in `booking_channel`, and their shares. */
export const CHANNELS = Object.freeze(['WEB', 'MOBILE', 'OTA', 'AGENT', 'CALL_CENTER']);
const CALL_CENTER = 4;
const CHANNEL_CUM = cumulative([40, 30, 18, 8, 4]);
/** Fare multiplier over economy by cabin. */
const CABIN_FARE = [4.2, 3.6, 1.8, 1];
/** Mean booking lead time (days) by cabin. */
const CABIN_LEAD = [28, 32, 40, 46];
const BAGS_DOMESTIC_ECONOMY = cumulative([0.55, 0.35, 0.08, 0.02]);
const BAGS_INTERNATIONAL_ECONOMY = cumulative([0.22, 0.56, 0.18, 0.04]);
const BAGS_PREMIUM = cumulative([0.3, 0.45, 0.2, 0.05]);
/** Booking statuses as stored in `booking_status`. */
export const STATUSES = Object.freeze(['CONFIRMED', 'CANCELLED', 'REFUNDED']);
export const CONFIRMED = 0;
export const CANCELLED = 1;
export const REFUNDED = 2;
/** Fare classes (booking codes); F, J and Y are the refundable full fares. */
export const FARE_CLASSES = Object.freeze('FAJCDWPYBMQLT'.split(''));
const REFUNDABLE = Uint8Array.from(FARE_CLASSES, (c) => c === 'F' || c === 'J' || c === 'Y' ? 1 : 0);
/** Fare class by cabin and lead time: short lead times book the expensive buckets. */
function fareClassOf(k, lead) {
    if (k === 0)
        return lead < 14 ? 'F' : 'A';
    if (k === 1)
        return lead < 14 ? 'J' : lead < 45 ? 'C' : 'D';
    if (k === 2)
        return lead < 21 ? 'W' : 'P';
    if (lead < 7)
        return 'Y';
    if (lead < 14)
        return 'B';
    if (lead < 21)
        return 'M';
    if (lead < 45)
        return 'Q';
    return lead < 90 ? 'L' : 'T';
}
/** `FARE_CLASS_BY_LEAD[cabin * (MAX_LEAD + 1) + lead]` = index into FARE_CLASSES. */
const FARE_CLASS_BY_LEAD = Uint8Array.from({ length: 4 * (MAX_LEAD + 1) }, (_, i) => FARE_CLASSES.indexOf(fareClassOf(Math.floor(i / (MAX_LEAD + 1)), i % (MAX_LEAD + 1))));
/** Fare factor of a lead time: 0.86 + 1.1·e^(−lead/9) (late bookings pay up to 2×). */
const LEAD_FACTOR = Float64Array.from({ length: MAX_LEAD + 1 }, (_, lead) => 0.86 + 1.1 * Math.exp(-lead / 9));
/** `bagFeeCents` for every (cabin, international, elite, bags ≤ 3). */
const BAG_FEE = Int32Array.from({ length: 64 }, (_, i) => bagFeeCents((i >> 4), ((i >> 3) & 1) === 1, ((i >> 2) & 1) === 1, i & 3));
const SEAT_LETTERS = {
    3: 'ACD',
    4: 'ACDF',
    6: 'ABCDEF',
    7: 'ABCDEFG',
    8: 'ABCDEFGH',
    9: 'ABCDEFGHJ',
    10: 'ABCDEFGHJK',
};
const B36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The reference's 31-bit scramble: odd multipliers and xorshifts, invertible modulo 2^31. */
function scramble(key) {
    let x = key & 0x7fffffff;
    x = Math.imul(x, 0x2c1b3c6d) & 0x7fffffff;
    x ^= x >>> 15;
    x = Math.imul(x, 0x297a2d39) & 0x7fffffff;
    x ^= x >>> 13;
    return x;
}
/**
 * A six-character booking reference from the booking key: a bijection of [0, 2^31) printed in
 * base 36, so references are unique and look random.
 */
export function bookingReference(key) {
    const out = new Uint8Array(8);
    bookingReferenceWords(key, new DataView(out.buffer), 0);
    return String.fromCharCode(...out.subarray(0, 6));
}
const B36_BYTES = asciiBytes(B36);
/** Every three-digit base-36 string ('000' … 'ZZZ') as a little-endian word, built on first use. */
let base36Triples;
function triples() {
    if (!base36Triples) {
        base36Triples = new Uint32Array(36 ** 3);
        for (let i = 0; i < 36 ** 3; i++)
            base36Triples[i] =
                B36_BYTES[(i / 1296) | 0] |
                    (B36_BYTES[((i / 36) | 0) % 36] << 8) |
                    (B36_BYTES[i % 36] << 16);
    }
    return base36Triples;
}
/**
 * `bookingReference` stored at `d[at … at + 6)` (the row writer's path): two three-character
 * word stores. Writes one byte past the reference, which the caller overwrites.
 */
export function bookingReferenceWords(key, d, at) {
    const x = scramble(key);
    const hi = (x / 46_656) | 0;
    const t = base36Triples ?? triples();
    d.setUint32(at, t[hi], true);
    d.setUint32(at + 3, t[x - hi * 46_656], true);
}
/**
 * Generates the bookings of one flight operation. Rule: each sold seat is one booking —
 * CONFIRMED when the flight operates, REFUNDED (refund = total) when it is cancelled; then the
 * customer cancellations, REFUNDED in full on refundable fares (F, J, Y) and CANCELLED without
 * refund otherwise. So per cabin, passengers = count of CONFIRMED bookings.
 */
export class BookingSim {
    #rng = new Rng();
    #seatMul;
    values = {
        key: 0,
        customerKey: 0,
        bookingDateIndex: 0,
        cabin: 3,
        fareClass: 0,
        channel: 0,
        status: CONFIRMED,
        seat: undefined,
        seatWord: 0,
        lead: 0,
        baseFare: 0,
        taxes: 0,
        fees: 0,
        bags: 0,
        bagFees: 0,
        total: 0,
        milesEarned: 0,
        milesRedeemed: 0,
        refund: 0,
        createdAt: 0,
    };
    totals = {
        revenue: new Float64Array(4),
        ancillary: 0,
        refunds: 0,
        confirmedFares: 0,
        confirmed: 0,
    };
    /** Seat labels per aircraft type and cabin, as bytes and as words (see `#seatLabels`). */
    #labels = [];
    constructor(seatMul) {
        this.#seatMul = seatMul;
    }
    /** Seat labels ('12C') per cabin of a type: rows numbered from the front, cabin by cabin. */
    #seatLabels(typeIndex, type) {
        let labels = this.#labels[typeIndex];
        if (!labels) {
            const seats = [
                type.seatsFirst,
                type.seatsBusiness,
                type.seatsPremiumEconomy,
                type.seatsEconomy,
            ];
            let rowStart = 1;
            const texts = seats.map((n, k) => {
                const abreast = type.abreast[k];
                const letters = SEAT_LETTERS[abreast] ?? 'ABCDEF';
                const list = Array.from({ length: n }, (_, s) => `${rowStart + Math.floor(s / abreast)}${letters[s % abreast]}`);
                rowStart += Math.ceil(n / abreast);
                return list;
            });
            labels = {
                // Plain Uint8Arrays (not Buffers): the row writer copies long ones on its hot path.
                bytes: texts.map((list) => list.map((text) => asciiBytes(text))),
                words: texts.map((list) => Uint32Array.from(list, (text) => asciiWord(text))),
            };
            this.#labels[typeIndex] = labels;
        }
        return labels;
    }
    /** Copies `totals` into `out[at … at + TOTALS_STRIDE)` (see operation-totals.ts). */
    storeTotals(out, at) {
        const t = this.totals;
        out[at + TOTALS.revenueFirst] = t.revenue[0];
        out[at + TOTALS.revenueBusiness] = t.revenue[1];
        out[at + TOTALS.revenuePremiumEconomy] = t.revenue[2];
        out[at + TOTALS.revenueEconomy] = t.revenue[3];
        out[at + TOTALS.ancillary] = t.ancillary;
        out[at + TOTALS.refunds] = t.refunds;
        out[at + TOTALS.confirmedFares] = t.confirmedFares;
        out[at + TOTALS.confirmed] = t.confirmed;
    }
    /** Reads `totals` back from a row stored by `storeTotals`. */
    loadTotals(from, at) {
        const t = this.totals;
        t.revenue[0] = from[at + TOTALS.revenueFirst];
        t.revenue[1] = from[at + TOTALS.revenueBusiness];
        t.revenue[2] = from[at + TOTALS.revenuePremiumEconomy];
        t.revenue[3] = from[at + TOTALS.revenueEconomy];
        t.ancillary = from[at + TOTALS.ancillary];
        t.refunds = from[at + TOTALS.refunds];
        t.confirmedFares = from[at + TOTALS.confirmedFares];
        t.confirmed = from[at + TOTALS.confirmed];
    }
    /**
     * Runs the bookings of `op` (already simulated) with keys from `firstKey`, calling `emit`
     * for each; totals are left in `this.totals`.
     */
    run(op, firstKey, emit) {
        const w = op.world;
        const r = this.#rng.reseed(w.params.seed, STREAM.booking, op.op);
        const t = this.totals;
        t.revenue.fill(0);
        t.ancillary = 0;
        t.refunds = 0;
        t.confirmedFares = 0;
        t.confirmed = 0;
        const type = w.types[op.type];
        const distance = w.flightDistance[op.flight];
        const economyFare = 55 + 0.115 * distance;
        const demand = 1 + 0.8 * w.loadOffset(op.dateIndex);
        let key = firstKey;
        const labels = this.#seatLabels(op.type, type);
        const seatsOf = [
            type.seatsFirst,
            type.seatsBusiness,
            type.seatsPremiumEconomy,
            type.seatsEconomy,
        ];
        for (let k = 0; k < 4; k = (k + 1)) {
            const sold = op.sold[k];
            const n = seatsOf[k];
            const mul = this.#seatMul[op.type * 4 + k];
            const cabinLabels = labels.bytes[k];
            const cabinWords = labels.words[k];
            for (let j = 0; j < sold; j++) {
                const v = this.#one(op, r, k, key++, economyFare, demand, distance, false);
                if (!op.cancelled) {
                    const s = (j * mul + op.op) % n;
                    v.seat = cabinLabels[s];
                    v.seatWord = cabinWords[s];
                }
                if (emit !== undefined)
                    emit(v);
            }
        }
        for (let j = 0; j < op.customerCancelled; j++) {
            const u = r.int(op.soldTotal || 1);
            let k = 3;
            for (let c = 0, acc = 0; c < 4; c++) {
                acc += op.sold[c];
                if (u < acc) {
                    k = c;
                    break;
                }
            }
            const v = this.#one(op, r, k, key++, economyFare, demand, distance, true);
            if (emit !== undefined)
                emit(v);
        }
    }
    #one(op, r, k, key, economyFare, demand, distance, customerCancel) {
        const w = op.world;
        const v = this.values;
        const intl = op.international;
        v.key = key;
        v.cabin = k;
        const lead = 1 + Math.min(MAX_LEAD - 1, Math.floor(r.exponential(CABIN_LEAD[k])));
        v.lead = lead;
        v.bookingDateIndex = op.dateIndex - lead;
        const u = r.float();
        const C = w.customerCount;
        const rank = Math.floor(C * u * u);
        v.customerKey = w.customerKeyOfRank(rank);
        const tier = tierOfRank(rank, C);
        const channel = r.pick(CHANNEL_CUM);
        v.channel = channel;
        // Fares rise with distance, cabin, short lead time and peak demand; lognormal noise.
        const premiumIntl = intl && k < 3 ? 1.35 : 1;
        const fare = economyFare *
            CABIN_FARE[k] *
            premiumIntl *
            LEAD_FACTOR[lead] *
            demand *
            Math.exp(0.2 * r.normal());
        const award = r.chance(0.03);
        const fareCents = Math.round(fare * 100);
        const baseFare = award ? 0 : fareCents;
        v.baseFare = baseFare;
        v.milesRedeemed = award ? Math.round(fare * 0.8) * 100 : 0;
        const fareClass = FARE_CLASS_BY_LEAD[k * (MAX_LEAD + 1) + lead];
        v.fareClass = fareClass;
        const taxes = intl
            ? TAXES.internationalTaxCents +
                TAXES.internationalUserFeesCents +
                TAXES.securityFeeCents +
                Math.round(baseFare * TAXES.foreignTaxRate)
            : Math.round(baseFare * TAXES.domesticExciseRate) +
                TAXES.segmentFeeCents +
                TAXES.securityFeeCents +
                TAXES.pfcCents;
        v.taxes = taxes;
        let fees = channel === CALL_CENTER ? 2500 : 0;
        if (k === 3 && r.chance(0.22))
            fees += 1500 + 500 * r.int(8) + (distance > 2000 ? 2000 : 0);
        v.fees = fees;
        const bags = r.pick(k < 3 ? BAGS_PREMIUM : intl ? BAGS_INTERNATIONAL_ECONOMY : BAGS_DOMESTIC_ECONOMY);
        v.bags = bags;
        const bagFees = BAG_FEE[(k << 4) | (intl ? 8 : 0) | (tier < 3 ? 4 : 0) | bags];
        v.bagFees = bagFees;
        const total = baseFare + taxes + fees + bagFees;
        v.total = total;
        v.seat = undefined;
        const status = customerCancel
            ? REFUNDABLE[fareClass] === 1
                ? REFUNDED
                : CANCELLED
            : op.cancelled
                ? REFUNDED
                : CONFIRMED;
        v.status = status;
        v.refund = status === REFUNDED ? total : 0;
        v.milesEarned =
            status === CONFIRMED ? Math.floor((baseFare / 100) * MILES_PER_DOLLAR[tier]) : 0;
        v.createdAt = (w.dateFirst + v.bookingDateIndex) * 86400 + r.int(86400);
        const t = this.totals;
        t.revenue[k] = t.revenue[k] + baseFare;
        t.ancillary += fees + bagFees;
        if (status === CONFIRMED) {
            t.confirmedFares += baseFare;
            t.confirmed++;
        }
        else if (status === REFUNDED)
            t.refunds += baseFare + fees + bagFees;
        return v;
    }
}
//# sourceMappingURL=booking-sim.js.map