import { type ByteBuffer, cents, int, timestamp } from '../csv/row-encoder.js'
import { CABINS } from '../reference/realism.js'
import type { World } from '../world/world.js'
import {
  type BookingValues,
  bookingReferenceInto,
  CHANNELS,
  FARE_CLASSES,
  REFUNDED,
  STATUSES,
} from './booking-sim.js'

/** Upper bound of one encoded booking row (every field at its widest). */
const MAX_ROW = 320

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))

/**
 * The `cabin_class,fare_class,booking_channel,booking_status,` run for every combination,
 * so four text fields and their commas are one copy. Indexed by `comboIndex`.
 */
const COMBO_COUNT = CABINS.length * FARE_CLASSES.length * CHANNELS.length * STATUSES.length
const COMBO_AT = new Uint32Array(COMBO_COUNT + 1)
const COMBO_BYTES = (() => {
  const parts: Uint8Array[] = []
  let at = 0
  for (let k = 0; k < CABINS.length; k++)
    for (let f = 0; f < FARE_CLASSES.length; f++)
      for (let c = 0; c < CHANNELS.length; c++)
        for (let s = 0; s < STATUSES.length; s++) {
          const b = ascii(`${CABINS[k]},${FARE_CLASSES[f]},${CHANNELS[c]},${STATUSES[s]},`)
          COMBO_AT[parts.length] = at
          parts.push(b)
          at += b.length
        }
  COMBO_AT[parts.length] = at
  const out = new Uint8Array(at)
  let p = 0
  for (const b of parts) {
    out.set(b, p)
    p += b.length
  }
  return out
})()

function comboIndex(v: BookingValues): number {
  return (
    ((v.cabin * FARE_CLASSES.length + v.fareClass) * CHANNELS.length + v.channel) *
      STATUSES.length +
    v.status
  )
}

/** ',USD,' between total_amount and miles_earned. */
const USD = ascii(',USD,')

function copy(b: Uint8Array, p: number, src: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) b[p++] = src[i] as number
  return p
}

/**
 * Writes `fact_bookings` CSV rows straight from the simulator's values: the hot path of the
 * generator (a million rows a second per core is the aim), so instead of the generic compiled
 * encoder it pre-encodes what repeats — the operation's `flight_key,operation_key,` run, the
 * YYYYMMDD date keys, and the four text columns as one combination — and copies bytes.
 * Its output is byte-identical to `compileRowEncoder(fact_bookings)`; a test holds it to that,
 * so the model's column order stays the single source.
 */
export class BookingRowWriter {
  /** `YYYYMMDD,` per date index of the world's calendar. */
  readonly #dateKeys: Uint8Array
  /** `,flight_key,operation_key,` of the current operation. */
  readonly #opRun = new Uint8Array(32)
  #opRunLength = 0
  #flightDateIndex = 0

  constructor(world: World) {
    const keys = world.dateKey
    this.#dateKeys = new Uint8Array(keys.length * 9)
    for (let i = 0; i < keys.length; i++) {
      int(this.#dateKeys, i * 9, keys[i] as number)
      this.#dateKeys[i * 9 + 8] = 44
    }
  }

  /** Sets the per-operation columns for the rows that follow. */
  operation(flightKey: number, operationKey: number, flightDateIndex: number): void {
    const b = this.#opRun
    let p = 0
    b[p++] = 44
    p = int(b, p, flightKey)
    b[p++] = 44
    p = int(b, p, operationKey)
    b[p++] = 44
    this.#opRunLength = p
    this.#flightDateIndex = flightDateIndex
  }

  /** Appends one booking row to `out`. */
  write(out: ByteBuffer, v: BookingValues): void {
    const b = out.ensureBytes(MAX_ROW)
    let p = out.pos
    p = int(b, p, v.key)
    b[p++] = 44
    bookingReferenceInto(v.key, b, p)
    p += 6
    b[p++] = 44
    p = int(b, p, v.customerKey)
    p = copy(b, p, this.#opRun, 0, this.#opRunLength)
    const dk = this.#dateKeys
    p = copy(b, p, dk, v.bookingDateIndex * 9, v.bookingDateIndex * 9 + 9)
    p = copy(b, p, dk, this.#flightDateIndex * 9, this.#flightDateIndex * 9 + 9)
    const c = comboIndex(v)
    p = copy(b, p, COMBO_BYTES, COMBO_AT[c] as number, COMBO_AT[c + 1] as number)
    const seat = v.seat
    if (seat !== undefined) p = copy(b, p, seat, 0, seat.length)
    b[p++] = 44
    p = int(b, p, v.lead)
    b[p++] = 44
    p = cents(b, p, v.baseFare)
    b[p++] = 44
    p = cents(b, p, v.taxes)
    b[p++] = 44
    p = cents(b, p, v.fees)
    b[p++] = 44
    p = int(b, p, v.bags)
    b[p++] = 44
    p = cents(b, p, v.bagFees)
    b[p++] = 44
    p = cents(b, p, v.total)
    p = copy(b, p, USD, 0, 5)
    p = int(b, p, v.milesEarned)
    b[p++] = 44
    p = int(b, p, v.milesRedeemed)
    b[p++] = 44
    b[p++] = v.status === REFUNDED ? 116 : 102
    b[p++] = 44
    p = cents(b, p, v.refund)
    b[p++] = 44
    p = timestamp(b, p, v.createdAt)
    b[p++] = 10
    out.pos = p
  }
}
