import { factBookings } from '@redshift-playground/schema'
import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js'
import { CABINS } from '../reference/realism.js'
import type { World } from '../world/world.js'
import type { BookingIndex } from './booking-index.js'
import { BookingSim, bookingReference } from './booking-sim.js'
import { OperationSim } from './operation-sim.js'
import type { TableGenerator } from './table-generator.js'

/** `fact_bookings`: every booking of every flight operation (keys are operations). */
export class BookingsGenerator implements TableGenerator {
  readonly table = factBookings
  readonly keyCount: number
  readonly #world: World
  readonly #index: BookingIndex
  readonly #op: OperationSim
  readonly #bookings: BookingSim
  readonly #compiled = compileRowEncoder(factBookings)
  /** Next booking key if generation continues at #nextOp (saves re-deriving it per chunk). */
  #nextOp = -1
  #nextKey = 0

  constructor(world: World, index: BookingIndex) {
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
    const out = new ByteBuffer((to - from) * 150 * 160 + 1024)
    let rows = 0
    let flightKey = 0
    let opKey = 0
    let flightDate = 0
    const emit = (v: import('./booking-sim.js').BookingValues) => {
      r.booking_key = v.key
      r.booking_reference = bookingReference(v.key)
      r.customer_key = v.customerKey
      r.flight_key = flightKey
      r.operation_key = opKey
      r.booking_date_key = dateKeys[v.bookingDateIndex] as number
      r.flight_date_key = flightDate
      r.cabin_class = CABINS[v.cabin]
      r.fare_class = v.fareClass
      r.booking_channel = v.channel
      r.booking_status = v.status
      r.seat_number = v.seat === '' ? null : v.seat
      r.lead_time_days = v.lead
      r.base_fare = v.baseFare
      r.taxes = v.taxes
      r.fees = v.fees
      r.bags_checked = v.bags
      r.bag_fees = v.bagFees
      r.total_amount = v.total
      r.currency = 'USD'
      r.miles_earned = v.milesEarned
      r.miles_redeemed = v.milesRedeemed
      r.is_refunded = v.refund > 0
      r.refund_amount = v.refund
      r.created_at = v.createdAt
      encode(out, r)
    }
    for (let op = from; op < to; op++) {
      const s = this.#op.simulate(op)
      flightKey = s.flightKey
      opKey = op + 1
      flightDate = dateKeys[s.dateIndex] as number
      this.#bookings.run(s, key + 1, emit)
      key += s.bookingCount
      rows += s.bookingCount
    }
    this.#nextOp = to
    this.#nextKey = key
    return { data: out.finish(), rows }
  }
}
