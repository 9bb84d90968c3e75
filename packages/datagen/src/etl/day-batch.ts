import { airlineModel } from '@redshift-playground/schema/model'
import { isoDate, parseIsoDate } from '../csv/csv-format.js'
import { DatagenError } from '../errors.js'
import { type PlanOptions, resolvePlanOptions, worldOf } from '../plan.js'
import { BookingIndex } from '../tables/booking-index.js'
import { BookingsGenerator } from '../tables/bookings-generator.js'
import { DailyRevenueGenerator } from '../tables/daily-revenue-generator.js'
import { FlightOperationsGenerator } from '../tables/flight-operations-generator.js'
import { tableSpecs } from '../tables/table-specs.js'
import type { World } from '../world/world.js'

/** The tables a day batch writes, in dependency order (parents first). */
export const DAY_BATCH_TABLES = Object.freeze([
  'fact_flight_operations',
  'fact_bookings',
  'fact_daily_revenue',
] as const)
export type DayBatchTableName = (typeof DAY_BATCH_TABLES)[number]

/**
 * What a day batch is a function of: the initial load's plan options (its seed, scale and
 * calendar, headroom included) — a batch only fits a producer loaded with the same ones. The
 * headroom sets only how far the calendar reaches: a day's rows never depend on it.
 */
export type DayBatchOptions = Pick<
  PlanOptions,
  'seed' | 'scale' | 'startDate' | 'days' | 'headroomDays'
>

/** Which days can be made into batches, as ISO dates. */
export interface DayCalendar {
  /** `dim_date`'s first and last dates: every fact date must fall inside them. */
  readonly firstDate: string
  readonly lastDate: string
  /** The first flight date (the plan's startDate): no schedule exists before it. */
  readonly firstFlightDate: string
  /** The initial load's last flight date (startDate + days − 1). */
  readonly loadedThrough: string
  /**
   * The last day a batch can be made for (= lastDate: `dim_date` ends there, the 31 December
   * on or after `loadedThrough` + the load's `headroomDays`).
   */
  readonly lastFlightDate: string
}

/** One table of a day batch: headerless CSV in the model's column order. */
export interface DayBatchTable {
  readonly name: DayBatchTableName
  readonly schema: string
  readonly columns: readonly string[]
  readonly rows: number
  readonly csv: Uint8Array
}

/** Inclusive key range; `from > to` when the day has no rows. */
export interface KeyRange {
  readonly from: number
  readonly to: number
}

/** One day's facts: its flight operations, their bookings and their daily revenue. */
export interface DayBatch {
  /** The flight date, 'YYYY-MM-DD'. */
  readonly day: string
  /** `date_key` of the day (YYYYMMDD). */
  readonly dateKey: number
  /** Whether the day is one of the initial load's (a re-run replaces it with the same rows). */
  readonly inInitialLoad: boolean
  readonly operationKeys: KeyRange
  readonly bookingKeys: KeyRange
  /** Operations, bookings, daily revenue (dependency order). */
  readonly tables: readonly DayBatchTable[]
  readonly rows: number
}

const DAY_MS = 86_400_000
const INT32_MAX = 2_147_483_647

/**
 * Makes day batches for one data set. Keys and rows are those of the full schedule: the
 * operations of flight day t are keys `opsBefore[t] + 1 … opsBefore[t + 1]` and their bookings
 * follow every booking of earlier operations, so a day of the initial load comes out
 * byte-identical to what the load wrote, a later day (the schedule continues past the load,
 * through `dim_date`'s last date) gets keys after all earlier days', and no two days share a
 * key. A day's bookings are the bookings of the flights departing that day (made up to 330
 * days before it); its daily revenue rows are those operations' rows.
 *
 * Building one costs the world (tens of milliseconds) and, for the first batch past the first
 * block of operations, the booking-key index (≈ 50 ms at scale 1); reuse it across batches.
 *
 * @example
 * const batches = new DayBatchGenerator({ seed: 42, scale: 0.01, days: 30 })
 * const next = batches.batch('2024-01-31') // the day after the initial load
 */
export class DayBatchGenerator {
  readonly options: Readonly<Required<DayBatchOptions>>
  readonly calendar: DayCalendar
  readonly #world: World
  readonly #index: BookingIndex
  readonly #operations: FlightOperationsGenerator
  readonly #bookings: BookingsGenerator
  readonly #revenue: DailyRevenueGenerator

  constructor(options: DayBatchOptions = {}) {
    const o = resolvePlanOptions(options)
    this.options = Object.freeze({
      seed: o.seed,
      scale: o.scale,
      startDate: isoDate(o.startDay),
      days: o.days,
      headroomDays: o.headroomDays,
    })
    const world = worldOf(o)
    this.#world = world
    this.calendar = Object.freeze({
      firstDate: isoDate(world.dateFirst),
      lastDate: isoDate(world.dateFirst + world.dateCount - 1),
      firstFlightDate: isoDate(o.startDay),
      loadedThrough: isoDate(o.startDay + o.days - 1),
      lastFlightDate: isoDate(world.dateFirst + world.dateCount - 1),
    })
    const specs = tableSpecs(airlineModel, DAY_BATCH_TABLES)
    this.#index = new BookingIndex(world)
    this.#operations = new FlightOperationsGenerator(world, specs.fact_flight_operations)
    this.#bookings = new BookingsGenerator(world, this.#index, specs.fact_bookings)
    this.#revenue = new DailyRevenueGenerator(world, specs.fact_daily_revenue)
  }

  /**
   * The flight day index of an ISO date, or a DatagenError (DAY_OUTSIDE_CALENDAR) naming the
   * day, the valid range and the fix.
   */
  dayIndexOrFail(day: string, field = 'day'): number {
    const epochDay = typeof day === 'string' ? parseIsoDate(day) : undefined
    if (epochDay === undefined)
      throw new DatagenError(
        'INVALID_OPTION',
        `Invalid ${field}: ${JSON.stringify(day)}. Use a calendar date 'YYYY-MM-DD' from ${this.calendar.firstFlightDate} to ${this.calendar.lastFlightDate}.`,
        { field, value: day },
      )
    const t = epochDay - parseIsoDate(this.calendar.firstFlightDate)!
    if (t < 0 || t >= this.#world.scheduleDays) {
      const c = this.calendar
      throw new DatagenError(
        'DAY_OUTSIDE_CALENDAR',
        `${field} ${day} is outside the calendar: flight days run from ${c.firstFlightDate} (the first flight date) to ${c.lastFlightDate} (dim_date's last date; dim_date covers ${c.firstDate} … ${c.lastDate}), so facts of that day would reference dates and flights the dimensions do not have. Pick a day in that range, or reload with a calendar that covers it (more headroomDays, now ${this.options.headroomDays}, or another start date / number of days).`,
        { field, value: day },
      )
    }
    return t
  }

  /** The day after `day` (ISO), or undefined when `day` is the calendar's last. */
  nextDay(day: string): string | undefined {
    const t = this.dayIndexOrFail(day)
    return t + 1 < this.#world.scheduleDays
      ? isoDate(parseIsoDate(this.calendar.firstFlightDate)! + t + 1)
      : undefined
  }

  /**
   * How many operations a day has, its first operation key and its first booking key, without
   * generating it (the booking key depends on the seed: every earlier operation's bookings).
   */
  batchKeys(day: string): {
    readonly operations: number
    readonly firstOperationKey: number
    readonly firstBookingKey: number
  } {
    const t = this.dayIndexOrFail(day)
    const from = this.#world.opsBefore[t] as number
    return {
      operations: (this.#world.opsBefore[t + 1] as number) - from,
      firstOperationKey: from + 1,
      firstBookingKey: this.#index.before(from) + 1,
    }
  }

  /** One day's batch: the same rows whenever (and wherever) it is made. */
  batch(day: string): DayBatch {
    const t = this.dayIndexOrFail(day)
    const w = this.#world
    const from = w.opsBefore[t] as number
    const to = w.opsBefore[t + 1] as number
    const firstBooking = this.#index.before(from) + 1
    const ops = this.#operations.write(from, to)
    const ops0 = ops.data.slice()
    let totals: Float64Array | undefined
    this.#bookings.totalsSink = (_from, t) => {
      totals = t
    }
    const bookings = this.#bookings.write(from, to)
    const bookings0 = bookings.data.slice()
    this.#bookings.totalsSink = undefined
    this.#revenue.useTotals(totals, from)
    const revenue = this.#revenue.write(from, to)
    this.#revenue.useTotals(undefined, 0)
    const lastBooking = firstBooking + bookings.rows - 1
    if (lastBooking > INT32_MAX)
      throw new DatagenError(
        'DAY_OUTSIDE_CALENDAR',
        `day ${day}: its booking keys reach ${lastBooking}, past INTEGER; use a smaller scale.`,
        { field: 'day', value: day },
      )
    const spec = (name: DayBatchTableName, rows: number, csv: Uint8Array): DayBatchTable => {
      const def = airlineModel.tables[name]
      return Object.freeze({
        name,
        schema: def.schema,
        columns: Object.freeze(Object.keys(def.columns)),
        rows,
        csv,
      })
    }
    const tables = Object.freeze([
      spec('fact_flight_operations', ops.rows, ops0),
      spec('fact_bookings', bookings.rows, bookings0),
      spec('fact_daily_revenue', revenue.rows, revenue.data.slice()),
    ])
    return Object.freeze({
      day,
      dateKey: w.dateKey[w.flightDateIndex0 + t] as number,
      inInitialLoad: t < w.params.days,
      operationKeys: Object.freeze({ from: from + 1, to }),
      bookingKeys: Object.freeze({ from: firstBooking, to: lastBooking }),
      tables,
      rows: tables.reduce((s, x) => s + x.rows, 0),
    })
  }

  /** The ISO date of a `date_key` (YYYYMMDD), e.g. the producer's last flight date. */
  static dateOfKey(key: number): string {
    const y = Math.floor(key / 10000)
    const m = Math.floor(key / 100) % 100
    return isoDate(Date.UTC(y, m - 1, key % 100) / DAY_MS)
  }
}

/**
 * One day's batch, made from the initial load's options and the day only: re-running it gives
 * byte-identical CSV. For several days, reuse a {@link DayBatchGenerator}.
 *
 * @example
 * const b = createDayBatch({ seed: 42, scale: 0.01, days: 30, day: '2024-01-31' })
 * b.tables.map((t) => [t.name, t.rows])
 */
export function createDayBatch(options: DayBatchOptions & { readonly day: string }): DayBatch {
  const { day, ...rest } = options
  return new DayBatchGenerator(rest).batch(day)
}
