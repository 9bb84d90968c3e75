import type { Kysely } from 'kysely'
import { parseIsoDate } from '../csv/csv-format.js'
import { DatagenError } from '../errors.js'
import { DEFAULT_HEADROOM_DAYS } from '../plan.js'
import { DAY_BATCH_REQUIRED_TABLES, missingTableError } from './apply-day-batch.js'
import { DayBatchGenerator } from './day-batch.js'

/** What the producer holds, as far as appending days is concerned. */
export interface ProducerDays {
  /** Airline tables a batch needs that the producer lacks. */
  readonly missingTables: readonly string[]
  /** `dim_date`'s first and last dates ('YYYY-MM-DD'), when it has rows. */
  readonly dimDate: { readonly first: string; readonly last: string } | undefined
  /** The last flight date loaded (max `date_key` of the operations), when there are any. */
  readonly lastFlightDate: string | undefined
  /** The operations of that date: how many, and the lowest key. */
  readonly lastDay:
    | {
        readonly operations: number
        readonly firstOperationKey: number
        /** The lowest booking key of those operations (0 without bookings). */
        readonly firstBookingKey: number
      }
    | undefined
}

const num = (v: unknown): number | undefined =>
  v === null || v === undefined ? undefined : Number(v)

/**
 * Reads the producer's calendar and last loaded day through any Kysely (PGlite, PostgreSQL, the
 * Redshift Data API): four small queries, no writes.
 */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export async function readProducerDays(db: Kysely<any>): Promise<ProducerDays> {
  const { sql } = await import('kysely')
  const found = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'airline_dw'`.execute(db)
  const have = new Set(found.rows.map((r) => String(r.table_name)))
  const missingTables = DAY_BATCH_REQUIRED_TABLES.filter((t) => !have.has(t))
  if (missingTables.length > 0)
    return { missingTables, dimDate: undefined, lastFlightDate: undefined, lastDay: undefined }
  const dates = await sql<{ first: unknown; last: unknown }>`
    select min(date_key) as first, max(date_key) as last from airline_dw.dim_date`.execute(db)
  const first = num(dates.rows[0]?.first)
  const last = num(dates.rows[0]?.last)
  const flights = await sql<{ last: unknown }>`
    select max(date_key) as last from airline_dw.fact_flight_operations`.execute(db)
  const lastKey = num(flights.rows[0]?.last)
  let lastDay: ProducerDays['lastDay']
  if (lastKey !== undefined) {
    const r = await sql<{ n: unknown; k: unknown }>`
      select count(*) as n, min(operation_key) as k from airline_dw.fact_flight_operations
      where date_key = ${sql.lit(lastKey)}`.execute(db)
    const firstOperationKey = num(r.rows[0]?.k) ?? 0
    const b = await sql<{ k: unknown }>`
      select min(booking_key) as k from airline_dw.fact_bookings
      where operation_key >= ${sql.lit(firstOperationKey)}`.execute(db)
    lastDay = {
      operations: num(r.rows[0]?.n) ?? 0,
      firstOperationKey,
      firstBookingKey: num(b.rows[0]?.k) ?? 0,
    }
  }
  return {
    missingTables: [],
    dimDate:
      first === undefined || last === undefined
        ? undefined
        : { first: DayBatchGenerator.dateOfKey(first), last: DayBatchGenerator.dateOfKey(last) },
    lastFlightDate: lastKey === undefined ? undefined : DayBatchGenerator.dateOfKey(lastKey),
    lastDay,
  }
}

const mismatch = (message: string, value: unknown) =>
  new DatagenError('PRODUCER_MISMATCH', message, { field: 'producer', value })

/**
 * When only the calendar's end differs (a load with another headroom, e.g. one made before
 * loads had headroom), the headroom that reaches the producer's last dim_date date.
 */
function headroomHint(g: DayBatchGenerator, dimDate: { first: string; last: string }): string {
  const last = parseIsoDate(dimDate.last)
  const loaded = parseIsoDate(g.calendar.loadedThrough)
  if (dimDate.first !== g.calendar.firstDate || last === undefined || loaded === undefined)
    return ''
  if (last < loaded || !dimDate.last.endsWith('-12-31')) return ''
  const h = last - loaded
  return ` Its dim_date ends ${h} days after the loaded days (${g.calendar.loadedThrough}): if the rest matches, use headroom ${h} days (rsp etl --headroom-days ${h}).`
}

/**
 * Checks the producer was loaded with the generator's options (same calendar, same operations
 * on its last day), so that batches continue its keys instead of colliding with them.
 */
export function checkProducerMatches(g: DayBatchGenerator, p: ProducerDays): void {
  const missing = p.missingTables[0]
  if (missing) throw missingTableError(missing)
  const c = g.calendar
  const o = g.options
  const loadWith = `rsp load used: pass its --seed and --scale (here seed ${o.seed}, scale ${o.scale}, start ${o.startDate}, ${o.days} days, headroom ${o.headroomDays} days)`
  if (!p.dimDate)
    throw mismatch(
      'The producer’s dim_date is empty, so no day can be appended. Load the initial data first (rsp load), then run the ETL.',
      'dim_date',
    )
  if (p.dimDate.first !== c.firstDate || p.dimDate.last !== c.lastDate)
    throw mismatch(
      `The producer’s dim_date covers ${p.dimDate.first} … ${p.dimDate.last}, but the ETL's calendar is ${c.firstDate} … ${c.lastDate}: it must use the options ${loadWith}.${headroomHint(g, p.dimDate)}`,
      `${p.dimDate.first}..${p.dimDate.last}`,
    )
  if (!p.lastFlightDate || !p.lastDay) return
  const expected = g.batchKeys(p.lastFlightDate)
  const found = p.lastDay
  if (
    expected.operations !== found.operations ||
    expected.firstOperationKey !== found.firstOperationKey ||
    (found.firstBookingKey !== 0 && expected.firstBookingKey !== found.firstBookingKey)
  )
    throw mismatch(
      `The producer’s flights of ${p.lastFlightDate} (${found.operations} operations from key ${found.firstOperationKey}, bookings from key ${found.firstBookingKey}) are not the ones the ETL would make (${expected.operations} from key ${expected.firstOperationKey}, bookings from ${expected.firstBookingKey}): appended keys would collide. Run the ETL with the options ${loadWith}.`,
      p.lastFlightDate,
    )
}

/**
 * The days to append: from `day` when given, else the first day with flights after the
 * producer's last flight date (from the first flight date on an empty producer), then `count`
 * consecutive days. Days without flights are skipped at the start: a batch of one writes no
 * rows, so the producer's last flight date would not move past it and every later run would
 * re-run the same empty day (at small scales most days have no flight). Every day is checked
 * against the calendar before any is applied.
 */
export function etlDays(
  g: DayBatchGenerator,
  p: ProducerDays,
  options: { readonly day?: string | undefined; readonly count?: number },
): string[] {
  const count = options.count ?? 1
  if (!Number.isInteger(count) || count < 1 || count > 3660)
    throw new DatagenError(
      'INVALID_OPTION',
      `Invalid days: ${JSON.stringify(count)}. Use a whole number of days from 1 to 3660.`,
      { field: 'days', value: count },
    )
  let first = options.day
  if (first === undefined) {
    let next: string | undefined =
      p.lastFlightDate === undefined ? g.calendar.firstFlightDate : g.nextDay(p.lastFlightDate)
    while (next !== undefined && g.batchKeys(next).operations === 0) next = g.nextDay(next)
    if (next === undefined)
      throw new DatagenError(
        'DAY_OUTSIDE_CALENDAR',
        `The producer already holds every flight day of the calendar (through ${g.calendar.lastFlightDate}, dim_date's last date; no day after ${p.lastFlightDate ?? g.calendar.firstFlightDate} has flights): there is no next day to append. Re-run a loaded day with --day YYYY-MM-DD, or reload with a calendar that reaches further (more headroom: rsp load leaves ${DEFAULT_HEADROOM_DAYS} days after the loaded ones).`,
        { field: 'day', value: p.lastFlightDate },
      )
    first = next
  }
  const out = [first]
  g.dayIndexOrFail(first)
  while (out.length < count) {
    const next = g.nextDay(out[out.length - 1] as string)
    if (next === undefined)
      throw new DatagenError(
        'DAY_OUTSIDE_CALENDAR',
        `${count} days from ${first} run past the calendar's last date ${g.calendar.lastFlightDate} (dim_date ends there); nothing was applied. Ask for at most ${out.length} days.`,
        { field: 'days', value: count },
      )
    out.push(next)
  }
  return out
}
