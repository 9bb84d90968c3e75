import { ByteBuffer } from '../csv/row-encoder.js'
import { type ColumnSources, compileRowWriter, type RowWriter } from '../csv/row-writer.js'
import type { World } from '../world/world.js'
import { BookingSim, type BookingTotals } from './booking-sim.js'
import { OperationSim } from './operation-sim.js'
import { TOTALS_STRIDE } from './operation-totals.js'
import type { TableGenerator } from './table-generator.js'
import type { TableSpecs } from './table-specs.js'

/** Cargo and mail yield (cents per kg): a base plus a distance term (approximate market rates). */
export const cargoRateCents = (miles: number): number => Math.round(120 + 0.12 * miles)
export const mailRateCents = (miles: number): number => Math.round(1.25 * cargoRateCents(miles))

/** One operation's revenue figures (cents), worked out once and read by the column sources. */
interface RevenueValues {
  s: OperationSim
  t: BookingTotals
  ticket: number
  cargo: number
  mail: number
  seats: number
}

type RevenueColumns = TableSpecs['fact_daily_revenue']['columns']

/**
 * `fact_daily_revenue`'s columns, one source each. Gross figures count every booking sold;
 * refunds are what was given back of them; the total is net.
 */
export const REVENUE_SOURCES: ColumnSources<RevenueColumns, RevenueValues, World> = {
  date_key: (r, w) => w.dateKey[r.s.dateIndex] as number,
  flight_key: (r) => r.s.flightKey,
  origin_airport_key: (r) => r.s.origin + 1,
  destination_airport_key: (r) => r.s.dest + 1,
  revenue_first: (r) => r.t.revenue[0] as number,
  revenue_business: (r) => r.t.revenue[1] as number,
  revenue_premium_economy: (r) => r.t.revenue[2] as number,
  revenue_economy: (r) => r.t.revenue[3] as number,
  ticket_revenue: (r) => r.ticket,
  ancillary_revenue: (r) => r.t.ancillary,
  cargo_revenue: (r) => r.cargo,
  mail_revenue: (r) => r.mail,
  refunds: (r) => r.t.refunds,
  total_revenue: (r) => r.ticket + r.t.ancillary + r.cargo + r.mail - r.t.refunds,
  passenger_count: (r) => r.t.confirmed,
  available_seats: (r) => r.seats,
  average_fare: (r) => (r.t.confirmed === 0 ? 0 : Math.round(r.t.confirmedFares / r.t.confirmed)),
  load_factor: (r) => Math.round((r.t.confirmed * 10000) / r.seats),
}

/**
 * `fact_daily_revenue`: one row per flight and date (per operation), aggregated from that
 * operation's bookings plus cargo and mail. The booking aggregates come from the bookings
 * pass when it ran in the same generation (`useTotals`); otherwise bookings are simulated
 * again here (same numbers, no formatting).
 */
export class DailyRevenueGenerator implements TableGenerator {
  readonly table: TableSpecs['fact_daily_revenue']
  readonly keyCount: number
  readonly #world: World
  readonly #op: OperationSim
  readonly #bookings: BookingSim
  readonly #write: RowWriter<RevenueValues, World>
  readonly #row: RevenueValues

  constructor(world: World, spec: TableSpecs['fact_daily_revenue']) {
    this.table = spec
    this.#write = compileRowWriter(spec, REVENUE_SOURCES)
    this.#world = world
    this.#op = new OperationSim(world)
    this.#bookings = new BookingSim(world.seatMul)
    this.keyCount = world.opsTotal
    this.#row = { s: this.#op, t: this.#bookings.totals, ticket: 0, cargo: 0, mail: 0, seats: 0 }
  }

  #totals: Float64Array | undefined
  #totalsFrom = 0

  /** Booking totals of operations [from, from + totals.length / TOTALS_STRIDE), or none. */
  useTotals(totals: Float64Array | undefined, from: number): void {
    this.#totals = totals
    this.#totalsFrom = from
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const w = this.#world
    const write = this.#write
    const r = this.#row
    const out = ByteBuffer.into(reuse, (to - from) * 160 + 1024)
    for (let op = from; op < to; op++) {
      const s = this.#op.simulate(op)
      const cached = this.#totals
      if (cached) this.#bookings.loadTotals(cached, (op - this.#totalsFrom) * TOTALS_STRIDE)
      else this.#bookings.run(s, 1)
      const t = r.t
      const miles = w.flightDistance[s.flight] as number
      r.ticket =
        (t.revenue[0] as number) +
        (t.revenue[1] as number) +
        (t.revenue[2] as number) +
        (t.revenue[3] as number)
      r.cargo = s.cargoKg * cargoRateCents(miles)
      r.mail = s.mailKg * mailRateCents(miles)
      r.seats = w.totalSeats(s.type)
      write(out, r, w)
    }
    return { data: out.finish(), rows: to - from }
  }
}
