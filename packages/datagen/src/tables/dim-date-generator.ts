import { ByteBuffer, compileRowEncoder } from '../csv/row-encoder.js'
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

/** `dim_date`: one row per day of whole calendar years covering every booking and flight date. */
export class DimDateGenerator implements TableGenerator {
  readonly table: TableSpecs['dim_date']
  readonly keyCount: number
  readonly #world: World
  readonly #compiled: ReturnType<typeof compileRowEncoder<TableSpecs['dim_date']['columns']>>

  constructor(world: World, spec: TableSpecs['dim_date']) {
    this.table = spec
    this.#compiled = compileRowEncoder(spec)
    this.#world = world
    this.keyCount = world.dateCount
  }

  write(from: number, to: number, reuse?: ByteBuffer) {
    const w = this.#world
    const { row: r, encode } = this.#compiled
    const out = ByteBuffer.into(reuse, 64 * 1024)
    for (let i = from; i < to; i++) {
      const day = w.dateFirst + i
      const key = dateKey(day)
      const y = Math.floor(key / 10000)
      const m = w.month[i] as number
      const dow = w.dow[i] as number
      const holiday = w.holidayName[i]
      r.date_key = key
      r.full_date = day
      r.year = y
      r.quarter = 1 + Math.floor(m / 3)
      r.month = m + 1
      r.month_name = MONTHS[m] as string
      r.day_of_month = key % 100
      r.day_of_week = dow
      r.day_name = DAYS[dow - 1] as string
      r.week_of_year = isoWeek(day, dow)
      r.is_weekend = dow >= 6
      r.is_holiday = holiday !== undefined
      r.holiday_name = holiday ?? null
      // Fiscal year starting 1 October (US federal): October 2024 is FY2025 Q1.
      r.fiscal_year = m >= 9 ? y + 1 : y
      r.fiscal_quarter = 1 + Math.floor(((m + 3) % 12) / 3)
      encode(out, r)
    }
    return { data: out.finish(), rows: to - from }
  }
}
