import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseIsoDate } from '../src/csv/csv-format.js'
import { createPlan, DayBatchGenerator, DEFAULT_HEADROOM_DAYS, generate } from '../src/index.js'
import { World } from '../src/world/world.js'

/** Every table's bytes of a plan, concatenated per table. */
async function tables(options: Parameters<typeof createPlan>[0]) {
  const out: Record<string, Buffer[]> = {}
  for await (const c of generate(createPlan(options), { workers: 0 }))
    out[c.table] = [...(out[c.table] ?? []), Buffer.from(c.data)]
  return Object.fromEntries(Object.entries(out).map(([t, b]) => [t, Buffer.concat(b)]))
}
const sha = (b: Buffer | undefined) =>
  createHash('sha256')
    .update(b ?? Buffer.alloc(0))
    .digest('hex')
const worldOf = (startDate: string, days: number, headroomDays: number) =>
  new World({
    seed: 7,
    scale: 0.01,
    startDay: parseIsoDate(startDate) as number,
    days,
    headroomDays,
  })
const near = (w: World, date: string) => w.holidayNear[(parseIsoDate(date) as number) - w.dateFirst]

describe('calendar headroom (room for rsp etl to append days)', () => {
  // Loads ending next to a New Year's Day the headroom brings into the calendar: 2024-12-30
  // (New Year's Day 2025 is 2 days later); 2021-12-30 (New Year's Day 2022, a Saturday, is
  // observed on Friday 2021-12-31, inside the load's own year); and a load ending on Christmas.
  const loads = [
    { startDate: '2024-01-01', days: 365 },
    { startDate: '2021-01-01', days: 364 },
    { startDate: '2023-03-01', days: 300 },
  ]
  for (const load of loads)
    it(`changes no fact and only appends dim_date rows (${load.startDate}, ${load.days} days)`, async () => {
      // Scale 0.1 (≈ 2 flights a day) so that a moved holiday peak would move some operation;
      // daily revenue sums every booking's fares, so bookings are covered without generating them.
      const base = {
        seed: 7,
        scale: 0.1,
        ...load,
        tables: ['dim_date', 'dim_flight', 'fact_flight_operations', 'fact_daily_revenue'] as const,
      }
      const without = await tables({ ...base, headroomDays: 0 })
      const withDefault = await tables(base)
      for (const t of Object.keys(without))
        if (t !== 'dim_date') expect(sha(withDefault[t]), t).toBe(sha(without[t]))
      // dim_date: the same rows, then the headroom's year(s) after them.
      const before = without.dim_date as Buffer
      const after = withDefault.dim_date as Buffer
      expect(after.length).toBeGreaterThan(before.length)
      expect(sha(after.subarray(0, before.length))).toBe(sha(before))
      const lastFlight = (parseIsoDate(load.startDate) as number) + load.days - 1
      const lastYear = new Date((lastFlight + DEFAULT_HEADROOM_DAYS) * 86_400_000).getUTCFullYear()
      const lastDate = after.toString('utf8').trimEnd().split('\n').at(-1)?.split(',')[1]
      expect(lastDate).toBe(`${lastYear}-12-31`)
    })

  it('holiday peaks: the load’s own days keep their flags; headroom days follow the rules', () => {
    const w = worldOf('2024-01-01', 365, DEFAULT_HEADROOM_DAYS)
    const old = worldOf('2024-01-01', 365, 0)
    // 2024-12-29 … 31 are within 3 days of New Year's Day 2025, now in the calendar, but keep
    // the flag they had when the calendar ended on 2024-12-31 (so the load's facts stay).
    for (const d of ['2024-12-28', '2024-12-29', '2024-12-30', '2024-12-31'])
      expect([d, near(w, d)]).toEqual([d, near(old, d)])
    expect(near(w, '2024-12-30')).toBe(0)
    expect(near(w, '2024-12-27')).toBe(1) // Christmas Day 2024
    // Headroom days by rule: New Year's Day 2025 itself and the days before New Year's Day
    // 2026, which lies past the calendar's end.
    expect(near(w, '2025-01-01')).toBe(1)
    expect(near(w, '2025-01-05')).toBe(0)
    expect(near(w, '2025-12-30')).toBe(1)
    expect(w.dateCount).toBe(365 + 366 + 365)
    // The observed New Year's Day of 2022 (Friday 2021-12-31) is in the load's own year: kept.
    expect(near(worldOf('2021-01-01', 364, 0), '2021-12-29')).toBe(1)
    expect(near(worldOf('2021-01-01', 364, 365), '2021-12-29')).toBe(1)
  })

  it('a day’s batch does not depend on how far the headroom reaches', () => {
    const load = { seed: 7, scale: 0.2, startDate: '2024-01-01', days: 365 }
    const a = new DayBatchGenerator(load)
    const b = new DayBatchGenerator({ ...load, headroomDays: 800 })
    expect(a.calendar.lastFlightDate).toBe('2025-12-31')
    expect(b.calendar.lastFlightDate).toBe('2027-12-31')
    for (const day of ['2024-12-31', '2025-01-01', '2025-12-30']) {
      const x = a.batch(day)
      const y = b.batch(day)
      expect(x.operationKeys).toEqual(y.operationKeys)
      expect(x.bookingKeys).toEqual(y.bookingKeys)
      for (const [i, t] of x.tables.entries())
        expect(sha(Buffer.from(t.csv)), `${day} ${t.name}`).toBe(
          sha(Buffer.from(y.tables[i]?.csv ?? [])),
        )
    }
    expect(a.batch('2025-12-30').rows).toBeGreaterThan(0)
  })
})
