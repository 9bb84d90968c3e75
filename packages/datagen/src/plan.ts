import { airlineModel } from '@redshift-playground/schema/model'
import { isoDate, parseIsoDate } from './csv/csv-format.js'
import { invalidOption } from './errors.js'
import { BookingIndex } from './tables/booking-index.js'
import { type TableSpecs, tableSpecs } from './tables/table-specs.js'
import { World } from './world/world.js'

/**
 * Default days past the last flight date that `dim_date` covers: a year of room for `rsp etl`
 * (a full-year load from 1 January can then be followed for a year).
 */
export const DEFAULT_HEADROOM_DAYS = 365

/** The tables the generator fills, in dependency order (staging tables are not generated). */
export const DATAGEN_TABLES = Object.freeze([
  'dim_date',
  'dim_airport',
  'dim_aircraft',
  'dim_flight',
  'dim_customer',
  'fact_flight_operations',
  'fact_bookings',
  'fact_daily_revenue',
] as const)
export type DatagenTableName = (typeof DATAGEN_TABLES)[number]

/** What the data set is a function of. */
export interface PlanOptions {
  /** Unsigned 32-bit integer. @default 42 */
  readonly seed?: number
  /** Scale factor: 1 ≈ 1,000,000 bookings over 365 days; 0.001 – 1000. @default 1 */
  readonly scale?: number
  /** First flight date, 'YYYY-MM-DD'. @default '2024-01-01' */
  readonly startDate?: string
  /** Number of flight days (1 – 3660). Operations scale with days × scale. @default 365 */
  readonly days?: number
  /**
   * Room for appending days (`rsp etl`, day batches): `dim_date` — and the schedule day batches
   * follow — reaches the 31 December on or after the last flight date + `headroomDays`, while
   * the facts still cover exactly `days`. Only `dim_date`'s length depends on it: every other
   * table is byte-identical whatever the headroom (holiday peaks of the loaded days are not
   * moved by holidays the headroom brings into the calendar). 0 – 3660; 0 ends `dim_date` on
   * the last flight date's 31 December, as before the option existed. @default 365
   */
  readonly headroomDays?: number
  /** Tables to generate (dependency order is kept). @default all of DATAGEN_TABLES */
  readonly tables?: readonly DatagenTableName[]
  /** Files per table; default: 1 for small tables, else a multiple of `slices` (≈ ≤ 256 MB gzip each). */
  readonly parts?: number
  /** Slices of the target cluster; part counts are multiples of it. @default 4 */
  readonly slices?: number
}

/** One output part: a range of keys (rows, or flight operations for operation-driven tables). */
export interface PartPlan {
  readonly index: number
  readonly from: number
  readonly to: number
}

export interface TablePlan {
  readonly name: DatagenTableName
  readonly schema: string
  /** Column order of every CSV row: `Object.keys(model table.columns)`. */
  readonly columns: readonly string[]
  /**
   * Exact row count. For `fact_bookings` it is worked out on first read (by simulating every
   * flight operation), so a plan that is only generated never pays for it up front.
   */
  readonly rows: number
  readonly keyCount: number
  readonly parts: readonly PartPlan[]
}

export interface DatagenPlan {
  readonly seed: number
  readonly scale: number
  readonly startDate: string
  readonly days: number
  readonly headroomDays: number
  readonly tables: readonly TablePlan[]
  /** Sum of the tables' exact row counts (read lazily, like `fact_bookings`' `rows`). */
  readonly totalRows: number
  /** Internal: the booking-key index (built on first use), shared with the generating lanes. */
  readonly bookingIndex: BookingIndex | undefined
  /** Internal: expected bookings per flight operation (sizes chunks without the index). */
  readonly bookingsPerOperation: number
  /** Internal: the world's time-zone table handed to workers. */
  readonly tzOffsets: Int16Array
  /** Internal: the model's column specs handed to workers (they never load the schema package). */
  readonly specs: TableSpecs
}

/** Rough gzip-1 bytes per row, to choose part counts before generating. */
const GZIP_BYTES_PER_ROW: Record<DatagenTableName, number> = {
  dim_date: 30,
  dim_airport: 60,
  dim_aircraft: 40,
  dim_flight: 40,
  dim_customer: 70,
  fact_flight_operations: 90,
  fact_bookings: 55,
  fact_daily_revenue: 70,
}
const MB = 1024 * 1024

/** The world (calendar, network, fleet) resolved plan options describe. */
export function worldOf(o: ReturnType<typeof resolvePlanOptions>): World {
  return new World({
    seed: o.seed,
    scale: o.scale,
    startDay: o.startDay,
    days: o.days,
    headroomDays: o.headroomDays,
  })
}

/** Validates options and fills defaults; the result is frozen. */
export function resolvePlanOptions(options: PlanOptions = {}) {
  const seed = options.seed ?? 42
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    invalidOption('seed', seed, 'Use an integer from 0 to 4294967295.')
  const scale = options.scale ?? 1
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0.001 || scale > 1000)
    invalidOption('scale', scale, 'Use a number from 0.001 to 1000 (1 ≈ one million bookings).')
  const startDate = options.startDate ?? '2024-01-01'
  const startDay = typeof startDate === 'string' ? parseIsoDate(startDate) : undefined
  if (
    startDay === undefined ||
    startDay < parseIsoDate('1971-01-01')! ||
    startDay > parseIsoDate('2199-01-01')!
  )
    invalidOption('startDate', startDate, "Use a calendar date 'YYYY-MM-DD' between 1971 and 2199.")
  const days = options.days ?? 365
  if (!Number.isInteger(days) || days < 1 || days > 3660)
    invalidOption('days', days, 'Use a whole number of days from 1 to 3660.')
  const headroomDays = options.headroomDays ?? DEFAULT_HEADROOM_DAYS
  if (!Number.isInteger(headroomDays) || headroomDays < 0 || headroomDays > 3660)
    invalidOption(
      'headroomDays',
      headroomDays,
      'Use a whole number of days from 0 to 3660 (days past the last flight date that dim_date covers, for appending day batches).',
    )
  const slices = options.slices ?? 4
  if (!Number.isInteger(slices) || slices < 1 || slices > 1024)
    invalidOption('slices', slices, 'Use the slice count of the target cluster (1 to 1024).')
  if (
    options.parts !== undefined &&
    (!Number.isInteger(options.parts) || options.parts < 1 || options.parts > 10_000)
  )
    invalidOption(
      'parts',
      options.parts,
      `Use a whole number of files per table (1 to 10000), ideally a multiple of ${slices}.`,
    )
  const tables = options.tables ?? DATAGEN_TABLES
  if (!Array.isArray(tables) || tables.length === 0)
    invalidOption('tables', tables, `List one or more of: ${DATAGEN_TABLES.join(', ')}.`)
  for (const t of tables)
    if (!DATAGEN_TABLES.includes(t))
      invalidOption('tables', t, `Unknown table; use one of: ${DATAGEN_TABLES.join(', ')}.`)
  // Operations grow with scale × days; booking keys must stay inside INTEGER.
  if (17.6 * scale * days * 400 > 2_147_483_647)
    invalidOption(
      'scale',
      scale,
      `scale × days = ${scale * days} is too large for INTEGER booking keys; keep it under 270,000.`,
    )
  return Object.freeze({
    seed,
    scale,
    startDate,
    startDay,
    days,
    headroomDays,
    slices,
    parts: options.parts,
    tables: DATAGEN_TABLES.filter((t) => tables.includes(t)),
  })
}

/**
 * Plans a generation: validates the options, builds the world, counts every table's rows
 * exactly and splits each table into parts. Output files depend only on seed, scale,
 * startDate, days and the part counts — never on chunk size or worker count. The bookings'
 * exact count is taken on first read of its `rows` (or `totalRows`); default part counts use
 * the expected count instead, so planning stays cheap.
 *
 * @example
 * const plan = createPlan({ seed: 7, scale: 0.01 })
 * plan.tables.find((t) => t.name === 'fact_bookings')?.rows // ≈ 10,000
 */
export function createPlan(options: PlanOptions = {}): DatagenPlan {
  const o = resolvePlanOptions(options)
  const world = worldOf(o)
  const index = o.tables.includes('fact_bookings') ? new BookingIndex(world) : undefined
  // Default part counts come from the expected bookings (the exact count needs every
  // operation simulated); the estimate is itself a pure function of the options.
  const expectedBookings = index ? index.estimate() : 0
  const tables = o.tables.map((name): TablePlan => {
    const def = airlineModel.tables[name]
    const keyCount = keyCountOf(world, name)
    const bookings = name === 'fact_bookings'
    const est = (bookings ? expectedBookings : keyCount) * GZIP_BYTES_PER_ROW[name]
    let parts =
      o.parts ?? (est < o.slices * MB ? 1 : o.slices * Math.ceil(est / (o.slices * 256 * MB)))
    parts = Math.max(1, Math.min(parts, keyCount))
    const head = { name, schema: def.schema, columns: Object.freeze(Object.keys(def.columns)) }
    const tail = {
      keyCount,
      parts: Object.freeze(
        Array.from({ length: parts }, (_, p) =>
          Object.freeze({
            index: p,
            from: Math.floor((p * keyCount) / parts),
            to: Math.floor(((p + 1) * keyCount) / parts),
          }),
        ),
      ),
    }
    return Object.freeze(
      bookings
        ? {
            ...head,
            get rows() {
              return (index as BookingIndex).total
            },
            ...tail,
          }
        : { ...head, rows: keyCount, ...tail },
    )
  })
  return Object.freeze({
    seed: o.seed,
    scale: o.scale,
    startDate: isoDate(o.startDay),
    days: o.days,
    headroomDays: o.headroomDays,
    tables: Object.freeze(tables),
    get totalRows() {
      return tables.reduce((s, t) => s + t.rows, 0)
    },
    bookingIndex: index,
    bookingsPerOperation: expectedBookings / world.opsTotal,
    tzOffsets: world.tzOffsets,
    specs: tableSpecs(airlineModel, DATAGEN_TABLES),
  })
}

export function keyCountOf(world: World, name: DatagenTableName): number {
  switch (name) {
    case 'dim_date':
      return world.dateCount
    case 'dim_airport':
      return world.airports.length
    case 'dim_aircraft':
      return world.airframeType.length
    case 'dim_flight':
      return world.flightVersionCount
    case 'dim_customer':
      return world.customerCount
    default:
      return world.opsTotal
  }
}
