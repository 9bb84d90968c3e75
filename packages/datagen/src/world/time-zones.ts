/**
 * UTC offsets (minutes) of IANA time zones for every day of a range, from the platform's tz
 * database (Intl). Offsets are sampled at 12:00 UTC; a zone's offset only changes at DST
 * transitions, so days are sampled every 16 and bisected only where the offset differs.
 */
const DAY_MS = 86_400_000

function offsetAt(format: Intl.DateTimeFormat, epochMs: number): number {
  const parts = format.formatToParts(new Date(epochMs))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'))
  return Math.round((local - epochMs) / 60_000)
}

/** Offsets for days [firstDay, firstDay + count) of each zone: `out[zone * count + day]`. */
export function utcOffsets(zones: readonly string[], firstDay: number, count: number): Int16Array {
  const out = new Int16Array(zones.length * count)
  zones.forEach((zone, z) => {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    const at = (i: number) => offsetAt(format, (firstDay + i) * DAY_MS + 12 * 3_600_000)
    const base = z * count
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
  })
  return out
}
