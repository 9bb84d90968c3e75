/**
 * Fast CSV value formatting from lookup tables: dates, times and money are built by string
 * concatenation of precomputed pieces instead of Date or toFixed calls (the hot path runs once
 * per field per row, millions of times a second).
 */

const DAY_MS = 86_400_000

/** '00' … '99'. */
export const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) =>
  i < 10 ? `0${i}` : String(i),
)

/** 'HH:MM' for each minute of the day. */
export const HH_MM: readonly string[] = Array.from(
  { length: 1440 },
  (_, m) => `${TWO_DIGITS[Math.floor(m / 60)]}:${TWO_DIGITS[m % 60]}`,
)

/** 'YYYY-MM-DD' of an epoch day (days since 1970-01-01 UTC). */
export function isoDate(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10)
}

/** Parses 'YYYY-MM-DD' strictly; undefined when it is not a real calendar date. */
export function parseIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return undefined
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  if (isoDate(ms / DAY_MS) !== text) return undefined
  return ms / DAY_MS
}

/** Money from integer cents: 12345 → '123.45', -5 → '-0.05'. */
export function cents(c: number): string {
  if (c < 0) return `-${cents(-c)}`
  return `${Math.floor(c / 100)}.${TWO_DIGITS[c % 100]}`
}

/** A ratio with 4 decimals from an integer count of ten-thousandths: 8345 → '0.8345'. */
export function tenThousandths(v: number): string {
  const frac = v % 10000
  const pad = frac < 10 ? '000' : frac < 100 ? '00' : frac < 1000 ? '0' : ''
  return `${Math.floor(v / 10000)}.${pad}${frac}`
}

/** Quotes a CSV field when it holds a delimiter, quote or line break (RFC 4180). */
export function csvText(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/**
 * Date strings for a contiguous range of epoch days, so formatting a timestamp is one array
 * lookup plus a time-of-day lookup.
 */
export class DayStrings {
  readonly first: number
  readonly #strings: string[]

  constructor(firstDay: number, lastDay: number) {
    this.first = firstDay
    this.#strings = []
    for (let d = firstDay; d <= lastDay; d++) this.#strings.push(isoDate(d))
  }

  /** 'YYYY-MM-DD'. */
  date(epochDay: number): string {
    return this.#strings[epochDay - this.first] ?? isoDate(epochDay)
  }

  /** 'YYYY-MM-DD HH:MM:00' from minutes since the epoch (UTC). */
  minuteStamp(epochMinute: number): string {
    const day = Math.floor(epochMinute / 1440)
    return `${this.date(day)} ${HH_MM[epochMinute - day * 1440]}:00`
  }

  /** 'YYYY-MM-DD HH:MM:SS' from seconds since the epoch (UTC). */
  secondStamp(epochSecond: number): string {
    const day = Math.floor(epochSecond / 86400)
    const s = epochSecond - day * 86400
    const m = Math.floor(s / 60)
    return `${this.date(day)} ${HH_MM[m]}:${TWO_DIGITS[s - m * 60]}`
  }
}
