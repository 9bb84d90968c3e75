import { asciiBytes, asciiWord, ByteBuffer, putBytes } from '../csv/row-encoder.js'
import {
  type ColumnSources,
  compileRowWriter,
  type FieldRun,
  type RowWriter,
} from '../csv/row-writer.js'
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
import type { TableSpecs } from './table-specs.js'

type BookingColumns = TableSpecs['fact_bookings']['columns']

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
 * The `cabin_class,fare_class,booking_channel,booking_status` run for every combination, so
 * four text fields and their commas are one copy. Indexed by `comboIndex`.
 */
const COMBOS = new WordRuns(
  CABINS.flatMap((cabin) =>
    FARE_CLASSES.flatMap((fare) =>
      CHANNELS.flatMap((channel) =>
        STATUSES.map((status) => `${cabin},${fare},${channel},${status}`),
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

const CABIN_BYTES = CABINS.map(asciiBytes)
const FARE_BYTES = FARE_CLASSES.map(asciiBytes)
const CHANNEL_BYTES = CHANNELS.map(asciiBytes)
const STATUS_BYTES = STATUSES.map(asciiBytes)
const USD_WORD = asciiWord('USD')

/** What the row writer reads besides the booking: the operation's keys and date keys. */
export class BookingRowContext {
  /** `YYYYMMDD` per date index (the world's `dateKey`). */
  readonly dateKey: Int32Array
  /** `flight_key,operation_key` of the current operation, as words. */
  readonly opRun = new Uint32Array(8)
  opRunLength = 0
  flightKey = 0
  operationKey = 0
  flightDateIndex = 0

  constructor(world: World) {
    this.dateKey = world.dateKey
  }

  /** Sets the per-operation columns for the rows that follow. */
  operation(flightKey: number, operationKey: number, flightDateIndex: number): void {
    const run = `${flightKey},${operationKey}`
    for (let k = 0; k < run.length; k += 4) this.opRun[k >> 2] = asciiWord(run, k)
    this.opRunLength = run.length
    this.flightKey = flightKey
    this.operationKey = operationKey
    this.flightDateIndex = flightDateIndex
  }
}

/**
 * `fact_bookings`' columns, one source each (dsdgen's print per column), in any order: the
 * writer is compiled in the model's column order. A column added to the model without a
 * source here fails `tsc` naming it. A few sources write pre-encoded words instead of
 * formatting (the booking reference, the seat label, the currency).
 */
export const BOOKING_SOURCES: ColumnSources<BookingColumns, BookingValues, BookingRowContext> = {
  booking_key: (v) => v.key,
  booking_reference: {
    custom: 'char',
    maxLength: 6,
    maxBytes: 8,
    write(d, p, v) {
      bookingReferenceWords(v.key, d, p)
      return p + 6
    },
  },
  customer_key: (v) => v.customerKey,
  flight_key: (_, x) => x.flightKey,
  operation_key: (_, x) => x.operationKey,
  booking_date_key: (v, x) => x.dateKey[v.bookingDateIndex] as number,
  flight_date_key: (_, x) => x.dateKey[x.flightDateIndex] as number,
  cabin_class: (v) => CABIN_BYTES[v.cabin] as Uint8Array,
  fare_class: (v) => FARE_BYTES[v.fareClass] as Uint8Array,
  booking_channel: (v) => CHANNEL_BYTES[v.channel] as Uint8Array,
  booking_status: (v) => STATUS_BYTES[v.status] as Uint8Array,
  seat_number: {
    custom: 'varchar',
    maxLength: 4,
    nullable: true,
    maxBytes: 8,
    write(d, p, v) {
      const seat = v.seat
      if (seat === undefined) return p
      // Seat labels ('12C') fit a word: one store, then advance by the label's length.
      if (seat.length <= 4) {
        d.setUint32(p, v.seatWord, true)
        return p + seat.length
      }
      return putBytes(d, p, seat)
    },
  },
  lead_time_days: (v) => v.lead,
  base_fare: (v) => v.baseFare,
  taxes: (v) => v.taxes,
  fees: (v) => v.fees,
  bags_checked: (v) => v.bags,
  bag_fees: (v) => v.bagFees,
  total_amount: (v) => v.total,
  currency: {
    custom: 'char',
    maxLength: 3,
    maxBytes: 4,
    write(d, p) {
      d.setUint32(p, USD_WORD, true)
      return p + 3
    },
  },
  miles_earned: (v) => v.milesEarned,
  miles_redeemed: (v) => v.milesRedeemed,
  is_refunded: (v) => v.status === REFUNDED,
  refund_amount: (v) => v.refund,
  created_at: (v) => v.createdAt,
  baggage_fee: (v) => v.baggageFee,
}

/**
 * Fast paths over adjacent columns, used where the model keeps them adjacent: the
 * operation's `flight_key,operation_key`, and the four text columns as one combination.
 */
export const BOOKING_RUNS: readonly FieldRun<BookingColumns, BookingValues, BookingRowContext>[] = [
  {
    columns: ['flight_key', 'operation_key'],
    types: [{ kind: 'integer' }, { kind: 'integer' }],
    maxBytes: 32,
    write(d, p, _, x) {
      const run = x.opRun
      const n = x.opRunLength
      for (let k = 0; k < n; k += 4) d.setUint32(p + k, run[k >> 2] as number, true)
      return p + n
    },
  },
  {
    columns: ['cabin_class', 'fare_class', 'booking_channel', 'booking_status'],
    types: [
      { kind: 'varchar', maxLength: 15 },
      { kind: 'char', maxLength: 1 },
      { kind: 'varchar', maxLength: 11 },
      { kind: 'varchar', maxLength: 9 },
    ],
    maxBytes: 48,
    write: (d, p, v) => COMBOS.put(d, p, comboIndex(v)),
  },
]

/**
 * Writes `fact_bookings` CSV rows straight from the simulator's values, compiled from the
 * model's column order and {@link BOOKING_SOURCES}: the hot path of the generator.
 */
export class BookingRowWriter {
  readonly context: BookingRowContext
  readonly #write: RowWriter<BookingValues, BookingRowContext>

  constructor(world: World, spec: TableSpecs['fact_bookings']) {
    this.context = new BookingRowContext(world)
    this.#write = compileRowWriter(spec, BOOKING_SOURCES, { runs: BOOKING_RUNS })
  }

  /** Sets the per-operation columns for the rows that follow. */
  operation(flightKey: number, operationKey: number, flightDateIndex: number): void {
    this.context.operation(flightKey, operationKey, flightDateIndex)
  }

  /** Appends one booking row to `out`. */
  write(out: ByteBuffer, v: BookingValues): void {
    this.#write(out, v, this.context)
  }

  /**
   * Runs the writer over wide values (keys past 9,999, fares past $9,999.99), as the field
   * writers are warmed at import: the compiled writer spells out the fast paths of integers
   * and money, and a slow path first taken after V8 optimised the writer (booking keys reach
   * 10,000 within the first chunk; a first-class fare over $10,000 may come much later) would
   * deoptimise and recompile it. `v` is the simulator's own values object, so the writer's
   * feedback stays monomorphic; its fields are restored.
   */
  warmUp(v: BookingValues): void {
    const saved = { ...v }
    const x = this.context
    const operation = [x.flightKey, x.operationKey, x.flightDateIndex] as const
    const scratch = new ByteBuffer(1 << 14)
    // V8 records feedback only once a function has run a few times, hence the loop.
    for (let i = 0; i < 32; i++) {
      const wide = (i & 1) === 1
      const big = wide ? 123_456_789 + i : 1 + i
      const money = wide ? 123_456_789 + i : 100 + i
      this.operation(wide ? 98_765 : 12, big, 0)
      v.key = big
      v.customerKey = big
      v.bookingDateIndex = 0
      v.lead = 1 + i
      v.baseFare = money
      v.taxes = money
      v.fees = money
      v.bags = i & 3
      v.bagFees = money
      v.total = money
      v.milesEarned = big
      v.milesRedeemed = big
      v.refund = money
      v.baggageFee = money
      v.createdSecond = i * 3600
      v.createdAt = v.createdSecond
      v.seat = undefined
      scratch.pos = 0
      this.#write(scratch, v, x)
    }
    Object.assign(v, saved)
    this.operation(...operation)
  }
}
