import { asciiWord, type ByteBuffer, cents, int, putBytes, time } from '../csv/row-encoder.js'
import { CABINS } from '../reference/realism.js'
import type { World } from '../world/world.js'
import {
  type BookingValues,
  bookingReferenceWords,
  CHANNELS,
  FARE_CLASSES,
  REFUNDED,
  STATUSES,
} from './booking-sim.js'

/** Upper bound of one encoded booking row (every field at its widest, plus word overrun). */
const MAX_ROW = 320

/**
 * Byte runs stored as little-endian words, each run padded to a whole number of words, so
 * copying one is a few 4-byte stores (the padding lands past the run and is overwritten by
 * what follows).
 */
class WordRuns {
  readonly words: Uint32Array
  readonly at: Uint32Array
  readonly length: Uint8Array

  constructor(runs: readonly string[]) {
    this.at = new Uint32Array(runs.length)
    this.length = Uint8Array.from(runs, (r) => r.length)
    const words: number[] = []
    runs.forEach((run, i) => {
      this.at[i] = words.length
      for (let k = 0; k < run.length; k += 4) words.push(asciiWord(run, k))
    })
    this.words = Uint32Array.from(words)
  }

  put(d: DataView, p: number, i: number): number {
    const n = this.length[i] as number
    const w = this.words
    let at = this.at[i] as number
    for (let k = 0; k < n; k += 4) d.setUint32(p + k, w[at++] as number, true)
    return p + n
  }
}

/**
 * The `cabin_class,fare_class,booking_channel,booking_status,` run for every combination,
 * so four text fields and their commas are one copy. Indexed by `comboIndex`.
 */
const COMBOS = new WordRuns(
  CABINS.flatMap((cabin) =>
    FARE_CLASSES.flatMap((fare) =>
      CHANNELS.flatMap((channel) =>
        STATUSES.map((status) => `${cabin},${fare},${channel},${status},`),
      ),
    ),
  ),
)

function comboIndex(v: BookingValues): number {
  return (
    ((v.cabin * FARE_CLASSES.length + v.fareClass) * CHANNELS.length + v.channel) *
      STATUSES.length +
    v.status
  )
}

/** ',USD,' between total_amount and miles_earned: one word and a comma. */
const USD_WORD = asciiWord(',USD')

/**
 * Writes `fact_bookings` CSV rows straight from the simulator's values: the hot path of the
 * generator, so instead of the generic compiled encoder it pre-encodes what repeats — the
 * operation's `flight_key,operation_key,` run, the YYYYMMDD date keys, and the four text
 * columns as one combination — and stores words. Its output is byte-identical to
 * `compileRowEncoder(fact_bookings)`; a test holds it to that, so the model's column order
 * stays the single source.
 */
export class BookingRowWriter {
  /** `YYYYMMDD` per date index as two words (the comma is stored separately). */
  readonly #dateKeys: Uint32Array
  /** `YYYY-MM-DD ` per date index as three words (`created_at`'s date and the space). */
  readonly #dateTexts: Uint32Array
  /** `,flight_key,operation_key,` of the current operation, as words. */
  readonly #opRun = new Uint32Array(8)
  #opRunLength = 0
  #flightDateIndex = 0

  constructor(world: World) {
    const keys = world.dateKey
    this.#dateKeys = new Uint32Array(keys.length * 2)
    this.#dateTexts = new Uint32Array(keys.length * 3)
    for (let i = 0; i < keys.length; i++) {
      const text = String(keys[i])
      this.#dateKeys[2 * i] = asciiWord(text, 0)
      this.#dateKeys[2 * i + 1] = asciiWord(text, 4)
      const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)} `
      for (let k = 0; k < 3; k++) this.#dateTexts[3 * i + k] = asciiWord(iso, 4 * k)
    }
  }

  /** Sets the per-operation columns for the rows that follow. */
  operation(flightKey: number, operationKey: number, flightDateIndex: number): void {
    const run = `,${flightKey},${operationKey},`
    for (let k = 0; k < run.length; k += 4) this.#opRun[k >> 2] = asciiWord(run, k)
    this.#opRunLength = run.length
    this.#flightDateIndex = flightDateIndex
  }

  /** Appends one booking row to `out`. */
  write(out: ByteBuffer, v: BookingValues): void {
    const d = out.ensure(MAX_ROW)
    let p = out.pos
    p = int(d, p, v.key)
    d.setUint8(p++, 44)
    bookingReferenceWords(v.key, d, p)
    p += 6
    d.setUint8(p++, 44)
    p = int(d, p, v.customerKey)
    const run = this.#opRun
    for (let k = 0; k < this.#opRunLength; k += 4) d.setUint32(p + k, run[k >> 2] as number, true)
    p += this.#opRunLength
    const dk = this.#dateKeys
    const b = v.bookingDateIndex << 1
    d.setUint32(p, dk[b] as number, true)
    d.setUint32(p + 4, dk[b + 1] as number, true)
    d.setUint8(p + 8, 44)
    const f = this.#flightDateIndex << 1
    d.setUint32(p + 9, dk[f] as number, true)
    d.setUint32(p + 13, dk[f + 1] as number, true)
    d.setUint8(p + 17, 44)
    p = COMBOS.put(d, p + 18, comboIndex(v))
    const seat = v.seat
    if (seat !== undefined) {
      // Seat labels ('12C') fit a word: one store, then advance by the label's length.
      if (seat.length <= 4) {
        d.setUint32(p, v.seatWord, true)
        p += seat.length
      } else p = putBytes(d, p, seat)
    }
    d.setUint8(p++, 44)
    out.pos = this.#money(d, p, v)
  }

  /**
   * The row from `lead_time_days` on. A method of its own because V8 inlines only so much
   * bytecode into one optimised function: split in two, both halves get their field writers
   * inlined instead of called.
   */
  #money(d: DataView, p: number, v: BookingValues): number {
    p = int(d, p, v.lead)
    d.setUint8(p++, 44)
    p = cents(d, p, v.baseFare)
    d.setUint8(p++, 44)
    p = cents(d, p, v.taxes)
    d.setUint8(p++, 44)
    p = cents(d, p, v.fees)
    d.setUint8(p++, 44)
    p = int(d, p, v.bags)
    d.setUint8(p++, 44)
    p = cents(d, p, v.bagFees)
    d.setUint8(p++, 44)
    p = cents(d, p, v.total)
    d.setUint32(p, USD_WORD, true)
    d.setUint8(p + 4, 44)
    p = int(d, p + 5, v.milesEarned)
    d.setUint8(p++, 44)
    p = int(d, p, v.milesRedeemed)
    d.setUint8(p, 44)
    d.setUint8(p + 1, v.status === REFUNDED ? 116 : 102)
    d.setUint8(p + 2, 44)
    p = cents(d, p + 3, v.refund)
    d.setUint8(p++, 44)
    // created_at: the booking date's text, then the time of day.
    const t = v.bookingDateIndex * 3
    const texts = this.#dateTexts
    d.setUint32(p, texts[t] as number, true)
    d.setUint32(p + 4, texts[t + 1] as number, true)
    d.setUint32(p + 8, texts[t + 2] as number, true)
    p = time(d, p + 11, v.createdSecond)
    d.setUint8(p, 10)
    return p + 1
  }
}
