import { ByteBuffer } from '../csv/row-encoder.js'
import { type ColumnSources, compileRowWriter, type RowWriter } from '../csv/row-writer.js'
import type { World } from '../world/world.js'
import { dateKey, type TableGenerator } from './table-generator.js'
import type { TableSpecs } from './table-specs.js'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/** ISO 8601 week number of an epoch day. */
function isoWeek(epochDay: number, isoDow: number): number {
  const thursday = epochDay + 4 - isoDow
  const year = new Date(thursday * 86_400_000).getUTCFullYear()
  return Math.floor((thursday - Date.UTC(year, 0, 1) / 86_400_000) / 7) + 1
}

/** One calendar day, worked out once and read by the column sources. */
interface DateValues {
  day: number
  key: number
  year: number
  /** 0 = January. */
  month: number
  /** ISO: 1 = Monday … 7 = Sunday. */
  dow: number
  holiday: string | undefined
}

/** `dim_date`'s columns, one source each. */
export const DATE_SOURCES: ColumnSources<TableSpecs['dim_date']['columns'], DateValues, World> = {
  date_key: (r) => r.key,
  full_date: (r) => r.day,
  year: (r) => r.year,
  quarter: (r) => 1 + Math.floor(r.month / 3),
  month: (r) => r.month + 1,
  month_name: (r) => MONTHS[r.month] as string,
  day_of_month: (r) => r.key % 100,
  day_of_week: (r) => r.dow,
  day_name: (r) => DAYS[r.dow - 1] as string,
  week_of_year: (r) => isoWeek(r.day, r.dow),
  is_weekend: (r) => r.dow >= 6,
  is_holiday: (r) => r.holiday !== undefined,
  holiday_name: (r) => r.holiday ?? null,
  // Fiscal year starting 1 October (US federal): October 2024 is FY2025 Q1.
  fiscal_year: (r) => (r.month >= 9 ? r.year + 1 : r.year),
  fiscal_quarter: (r) => 1 + Math.floor(((r.month + 3) % 12) / 3),
}

/** `dim_date`: one row per day of whole calendar years covering every booking and flight date. */
export class DimDateGenerator implements TableGenerator {
  readonly table: TableSpecs['dim_date']
  readonly keyCount: number
  readonly #world: World
  readonly #write: RowWriter<DateValues, World>

  constructor(world: World, spec: TableSpecs['dim_date']) {
    this.table = spec
    this.#write = compileRowWriter(spec, DATE_SOURCES)
    this.#world = world
    this.keyCount = world.dateCount
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const w = this.#world
    const out = ByteBuffer.into(reuse, 64 * 1024)
    const r: DateValues = { day: 0, key: 0, year: 0, month: 0, dow: 1, holiday: undefined }
    for (let i = from; i < to; i++) {
      r.day = w.dateFirst + i
      r.key = dateKey(r.day)
      r.year = Math.floor(r.key / 10000)
      r.month = w.month[i] as number
      r.dow = w.dow[i] as number
      r.holiday = w.holidayName[i]
      this.#write(out, r, w)
    }
    return { data: out.finish(), rows: to - from }
  }
}
