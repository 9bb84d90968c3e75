import { describe, expect, it } from 'vitest'
import { parseIsoDate } from '../csv/csv-format.js'
import { BTS_TARGETS } from '../reference/realism.js'
import { World } from '../world/world.js'
import { OperationSim } from './operation-sim.js'

// ≈ 18,000 operations: enough for BTS rates to be measured within their tolerance bands.
const world = new World({
  seed: 3,
  scale: 2.8,
  startDay: parseIsoDate('2024-01-01') as number,
  days: 365,
  headroomDays: 365,
})
const sim = new OperationSim(world)
const stats = {
  ops: 0,
  cancelled: 0,
  diverted: 0,
  onTime: 0,
  flown: 0,
  causes: { A: 0, B: 0, C: 0, D: 0 } as Record<string, number>,
  delayByGroup: { peak: [0, 0], shoulder: [0, 0], busy: [0, 0], other: [0, 0] } as Record<
    string,
    [number, number]
  >,
  holiday: [0, 0, 0],
  normal: [0, 0, 0],
}
const busy = new Set(['ORD', 'DFW', 'DEN', 'ATL'])
for (let op = 0; op < world.opsTotal; op++) {
  sim.simulate(op)
  stats.ops++
  const near = world.holidayNear[sim.dateIndex] === 1
  const bucket = near ? stats.holiday : stats.normal
  bucket[0] = (bucket[0] as number) + 1
  bucket[1] = (bucket[1] as number) + sim.soldTotal
  bucket[2] = (bucket[2] as number) + world.totalSeats(sim.type)
  if (sim.cancelled) {
    stats.cancelled++
    stats.causes[sim.cancelCode] = (stats.causes[sim.cancelCode] ?? 0) + 1
    continue
  }
  if (sim.diverted) {
    stats.diverted++
    continue
  }
  stats.flown++
  const late = sim.arrDelay >= 15 ? 1 : 0
  stats.onTime += 1 - late
  const month = world.month[sim.dateIndex] as number
  const season = [0, 5, 6, 11].includes(month)
    ? 'peak'
    : [8, 9, 10].includes(month)
      ? 'shoulder'
      : undefined
  if (season) {
    const g = stats.delayByGroup[season] as [number, number]
    g[0] += late
    g[1]++
  }
  const g = stats.delayByGroup[
    busy.has(world.airports[sim.origin]?.code ?? '') ? 'busy' : 'other'
  ] as [number, number]
  g[0] += late
  g[1]++
}
const rate = (g: [number, number] | undefined) => (g ? g[0] / g[1] : Number.NaN)

describe('operation realism (BTS anchors, FACTS.md)', () => {
  it('has enough operations to measure', () => {
    expect(stats.ops).toBeGreaterThan(15_000)
  })
  it('on-time arrival is 77–85 %', () => {
    const r = stats.onTime / stats.flown
    expect(r).toBeGreaterThanOrEqual(BTS_TARGETS.onTimeArrival[0])
    expect(r).toBeLessThanOrEqual(BTS_TARGETS.onTimeArrival[1])
  })
  it('cancellations are 1–2 % with causes ≈ weather 52 / carrier 33 / NAS 15 / security < 1', () => {
    const r = stats.cancelled / stats.ops
    expect(r).toBeGreaterThanOrEqual(0.01)
    expect(r).toBeLessThanOrEqual(0.02)
    const share = (c: string) => (stats.causes[c] ?? 0) / stats.cancelled
    expect(share('B')).toBeGreaterThan(0.42)
    expect(share('B')).toBeLessThan(0.62)
    expect(share('A')).toBeGreaterThan(0.24)
    expect(share('A')).toBeLessThan(0.42)
    expect(share('C')).toBeGreaterThan(0.08)
    expect(share('C')).toBeLessThan(0.22)
    expect(share('D')).toBeLessThan(0.01)
  })
  it('diversions are about 0.2 %', () => {
    const r = stats.diverted / stats.ops
    expect(r).toBeGreaterThan(0.0008)
    expect(r).toBeLessThan(0.0035)
  })
  it('delays more in winter and summer peaks, and at ORD/DFW/DEN/ATL', () => {
    expect(rate(stats.delayByGroup.peak)).toBeGreaterThan(1.25 * rate(stats.delayByGroup.shoulder))
    expect(rate(stats.delayByGroup.busy)).toBeGreaterThan(1.2 * rate(stats.delayByGroup.other))
  })
  it('holiday periods are busier: more flights a day and fuller planes', () => {
    const holidayDays = world.holidayNear
      .slice(world.flightDateIndex0, world.flightDateIndex0 + 365)
      .reduce((s, v) => s + v, 0)
    const perDay = (b: number[], days: number) => (b[0] as number) / days
    expect(perDay(stats.holiday, holidayDays)).toBeGreaterThan(
      perDay(stats.normal, 365 - holidayDays),
    )
    expect((stats.holiday[1] as number) / (stats.holiday[2] as number)).toBeGreaterThan(
      (stats.normal[1] as number) / (stats.normal[2] as number),
    )
  })
})
