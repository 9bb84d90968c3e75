import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js'
import { CABINS } from '../reference/realism.js'
import type { World } from '../world/world.js'
import type { BookingIndex } from './booking-index.js'
import {
  BookingSim,
  type BookingValues,
  bookingReferenceInto,
  CHANNELS,
  FARE_CLASSES,
  REFUNDED,
  STATUSES,
} from './booking-sim.js'
import { OperationSim } from './operation-sim.js'
import { type OperationTotalsSink, TOTALS_STRIDE } from './operation-totals.js'
import type { TableGenerator } from './table-generator.js'
import type { TableSpecs } from './table-specs.js'

/** Names as CSV bytes, so the encoder copies them instead of walking strings per row. */
const bytes = (names: readonly string[]) => names.map((n) => Buffer.from(n, 'latin1'))
const CABIN_BYTES = bytes(CABINS)
const FARE_CLASS_BYTES = bytes(FARE_CLASSES)
const CHANNEL_BYTES = bytes(CHANNELS)
const STATUS_BYTES = bytes(STATUSES)
const USD = Buffer.from('USD', 'latin1')

/** `fact_bookings`: every booking of every flight operation (keys are operations). */
export class BookingsGenerator implements TableGenerator {
  readonly table: TableSpecs['fact_bookings']
  readonly keyCount: number
  readonly #world: World
  readonly #index: BookingIndex
  readonly #op: OperationSim
  readonly #bookings: BookingSim
  readonly #compiled: ReturnType<typeof compileRowEncoder<TableSpecs['fact_bookings']['columns']>>
  /** Receives each written chunk's per-operation revenue totals (for `fact_daily_revenue`). */
  totalsSink: OperationTotalsSink | undefined
  /** Next booking key if generation continues at #nextOp (saves re-deriving it per chunk). */
  #nextOp = -1
  #nextKey = 0

  constructor(world: World, index: BookingIndex, spec: TableSpecs['fact_bookings']) {
    this.table = spec
    this.#compiled = compileRowEncoder(spec)
    this.#world = world
    this.#index = index
    this.#op = new OperationSim(world)
    this.#bookings = new BookingSim(world.seatMul)
    this.keyCount = world.opsTotal
  }

  write(from: number, to: number) {
    const w = this.#world
    const { row: r, encode } = this.#compiled
    const dateKeys = w.dateKey
    let key = from === this.#nextOp ? this.#nextKey : this.#index.before(from)
    // Sized from the booking index (rows × a generous row length), so it rarely has to grow.
    const out = new ByteBuffer((this.#index.before(to) - key) * 168 + 4096)
    let rows = 0
    let flightKey = 0
    let opKey = 0
    let flightDate = 0
    const reference = new Uint8Array(6)
    r.booking_reference = reference
    r.currency = USD
    const emit = (v: BookingValues) => {
      r.booking_key = v.key
      bookingReferenceInto(v.key, reference)
      r.customer_key = v.customerKey
      r.flight_key = flightKey
      r.operation_key = opKey
      r.booking_date_key = dateKeys[v.bookingDateIndex] as number
      r.flight_date_key = flightDate
      r.cabin_class = CABIN_BYTES[v.cabin] as Uint8Array
      r.fare_class = FARE_CLASS_BYTES[v.fareClass] as Uint8Array
      r.booking_channel = CHANNEL_BYTES[v.channel] as Uint8Array
      r.booking_status = STATUS_BYTES[v.status] as Uint8Array
      r.seat_number = v.seat ?? null
      r.lead_time_days = v.lead
      r.base_fare = v.baseFare
      r.taxes = v.taxes
      r.fees = v.fees
      r.bags_checked = v.bags
      r.bag_fees = v.bagFees
      r.total_amount = v.total
      r.miles_earned = v.milesEarned
      r.miles_redeemed = v.milesRedeemed
      r.is_refunded = v.status === REFUNDED
      r.refund_amount = v.refund
      r.created_at = v.createdAt
      encode(out, r)
    }
    const sink = this.totalsSink
    const totals = sink ? new Float64Array((to - from) * TOTALS_STRIDE) : undefined
    for (let op = from; op < to; op++) {
      const s = this.#op.simulate(op)
      flightKey = s.flightKey
      opKey = op + 1
      flightDate = dateKeys[s.dateIndex] as number
      this.#bookings.run(s, key + 1, emit)
      if (totals) this.#bookings.storeTotals(totals, (op - from) * TOTALS_STRIDE)
      key += s.bookingCount
      rows += s.bookingCount
    }
    if (sink && totals) sink(from, totals)
    this.#nextOp = to
    this.#nextKey = key
    return { data: out.finish(), rows }
  }
}
