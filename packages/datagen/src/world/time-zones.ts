import {
  TZ_TABLE_END_DAY,
  TZ_TABLE_FIRST_DAY,
  TZ_TRANSITIONS,
} from '../reference/tz-transitions.js'

/**
 * UTC offsets (minutes) of IANA time zones for every day of a range, sampled at 12:00 UTC.
 * Zones and days that the generated table covers (the airports' zones, 2000–2040) are read
 * from it; anything else comes from the platform's tz database (Intl), where a zone's offset
 * is sampled every 16 days and bisected only where it differs (it changes only at DST
 * transitions).
 */
const DAY_MS = 86_400_000

/**
 * The zone's UTC offset in minutes at an instant. The `longOffset` zone name ("GMT-05:00",
 * "GMT+05:30", or "GMT" at zero) is about 6× quicker to get than the local time's parts.
 */
function offsetAt(format: Intl.DateTimeFormat, epochMs: number): number {
  const text = format.format(epochMs)
  const at = text.lastIndexOf('GMT')
  if (at < 0) throw new Error(`Unexpected time-zone name in "${text}"`)
  const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(text.slice(at))
  if (!m) throw new Error(`Unexpected time-zone offset in "${text}"`)
  if (!m[1]) return 0
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0)
  return m[1] === '-' ? -minutes : minutes
}

/**
 * Offsets for days [firstDay, firstDay + count) of each zone: `out[zone * count + day]`.
 * From the table where it covers the zone and the days: no Intl start-up (~30 ms for the
 * airports' 26 zones), and the same offsets on every platform whatever its tz database
 * version. `source: 'intl'` asks the platform for every zone (tests hold the table to it).
 */
export function utcOffsets(
  zones: readonly string[],
  firstDay: number,
  count: number,
  source: 'table' | 'intl' = 'table',
): Int16Array {
  const out = new Int16Array(zones.length * count)
  const inTable =
    source === 'table' && firstDay >= TZ_TABLE_FIRST_DAY && firstDay + count <= TZ_TABLE_END_DAY
  zones.forEach((zone, z) => {
    const row = inTable ? TZ_TRANSITIONS[zone] : undefined
    if (row) fromTable(row, firstDay, count, out, z * count)
    else fromIntl(zone, firstDay, count, out, z * count)
  })
  return out
}

/** A zone's offsets from its table row: the first day's offset, then (day, offset) changes. */
function fromTable(
  row: readonly number[],
  firstDay: number,
  count: number,
  out: Int16Array,
  base: number,
): void {
  let offset = row[0] as number
  let next = 1
  for (let i = 0; i < count; i++) {
    while (next < row.length && (row[next] as number) <= firstDay + i) {
      offset = row[next + 1] as number
      next += 2
    }
    out[base + i] = offset
  }
}

/** A zone's offsets from Intl, sampled every 16 days and bisected where they differ. */
function fromIntl(
  zone: string,
  firstDay: number,
  count: number,
  out: Int16Array,
  base: number,
): void {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
  const at = (i: number) => offsetAt(format, (firstDay + i) * DAY_MS + 12 * 3_600_000)
  const fill = (from: number, to: number, a: number, b: number): void => {
    // Invariant: out[from] = a, out[to] = b; at most one transition in between.
    if (a === b) {
      for (let i = from; i <= to; i++) out[base + i] = a
      return
    }
    if (to - from === 1) {
      out[base + from] = a
      out[base + to] = b
      return
    }
    const mid = (from + to) >> 1
    const m = at(mid)
    fill(from, mid, a, m)
    fill(mid, to, m, b)
  }
  let prev = at(0)
  for (let i = 0; i < count - 1; i += 16) {
    const j = Math.min(i + 16, count - 1)
    const next = at(j)
    fill(i, j, prev, next)
    prev = next
  }
  if (count === 1) out[base] = prev
}
