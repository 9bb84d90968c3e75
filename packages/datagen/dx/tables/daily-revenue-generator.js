import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js';
import { BookingSim } from './booking-sim.js';
import { OperationSim } from './operation-sim.js';
import { TOTALS_STRIDE } from './operation-totals.js';
/** Cargo and mail yield (cents per kg): a base plus a distance term (approximate market rates). */
export const cargoRateCents = (miles) => Math.round(120 + 0.12 * miles);
export const mailRateCents = (miles) => Math.round(1.25 * cargoRateCents(miles));
/**
 * `fact_daily_revenue`: one row per flight and date (per operation), aggregated from that
 * operation's bookings plus cargo and mail. The booking aggregates come from the bookings
 * pass when it ran in the same generation (`useTotals`); otherwise bookings are simulated
 * again here (same numbers, no formatting).
 */
export class DailyRevenueGenerator {
    table;
    keyCount;
    #world;
    #op;
    #bookings;
    #compiled;
    constructor(world, spec) {
        this.table = spec;
        this.#compiled = compileRowEncoder(spec);
        this.#world = world;
        this.#op = new OperationSim(world);
        this.#bookings = new BookingSim(world.seatMul);
        this.keyCount = world.opsTotal;
    }
    #totals;
    #totalsFrom = 0;
    /** Booking totals of operations [from, from + totals.length / TOTALS_STRIDE), or none. */
    useTotals(totals, from) {
        this.#totals = totals;
        this.#totalsFrom = from;
    }
    write(from, to, reuse) {
        const w = this.#world;
        const { row: r, encode } = this.#compiled;
        const out = ByteBuffer.into(reuse, (to - from) * 160 + 1024);
        for (let op = from; op < to; op++) {
            const s = this.#op.simulate(op);
            const cached = this.#totals;
            if (cached)
                this.#bookings.loadTotals(cached, (op - this.#totalsFrom) * TOTALS_STRIDE);
            else
                this.#bookings.run(s, 1);
            const t = this.#bookings.totals;
            const miles = w.flightDistance[s.flight];
            const ticket = t.revenue[0] +
                t.revenue[1] +
                t.revenue[2] +
                t.revenue[3];
            const cargo = s.cargoKg * cargoRateCents(miles);
            const mail = s.mailKg * mailRateCents(miles);
            const pax = t.confirmed;
            const seats = w.totalSeats(s.type);
            r.date_key = w.dateKey[s.dateIndex];
            r.flight_key = s.flightKey;
            r.origin_airport_key = s.origin + 1;
            r.destination_airport_key = s.dest + 1;
            r.revenue_first = t.revenue[0];
            r.revenue_business = t.revenue[1];
            r.revenue_premium_economy = t.revenue[2];
            r.revenue_economy = t.revenue[3];
            r.ticket_revenue = ticket;
            r.ancillary_revenue = t.ancillary;
            r.cargo_revenue = cargo;
            r.mail_revenue = mail;
            r.refunds = t.refunds;
            r.total_revenue = ticket + t.ancillary + cargo + mail - t.refunds;
            r.passenger_count = pax;
            r.available_seats = seats;
            r.average_fare = pax === 0 ? 0 : Math.round(t.confirmedFares / pax);
            r.load_factor = Math.round((pax * 10000) / seats);
            encode(out, r);
        }
        return { data: out.finish(), rows: to - from };
    }
}
//# sourceMappingURL=daily-revenue-generator.js.map