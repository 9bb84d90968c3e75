import { describe, expect, it } from 'vitest'
import { DatagenError } from './errors.js'
import { createPlan } from './plan.js'
import { federalHolidays } from './reference/holidays.js'
import { bagFeeCents } from './reference/realism.js'
import { renderRedshiftCopy } from './sink/sql/copy-sql.js'
import { OperationSim } from './tables/operation-sim.js'
import { World } from './world/world.js'

describe('createPlan', () => {
  it.each([
    [{ seed: -1 }, 'seed'],
    [{ scale: 0 }, 'scale'],
    [{ startDate: '2024-02-30' }, 'startDate'],
    [{ days: 0 }, 'days'],
    [{ parts: 0 }, 'parts'],
    [{ tables: ['dim_nope'] }, 'tables'],
  ])('rejects %j naming the field', (options, field) => {
    const e = (() => {
      try {
        createPlan(options as never)
      } catch (error) {
        return error
      }
    })() as DatagenError
    expect(e).toBeInstanceOf(DatagenError)
    expect(e.field).toBe(field)
    expect(e.message).toMatch(/[Uu]se /)
  })

  it('scales facts linearly and dimensions sub-linearly; dim_date covers booking dates', () => {
    const small = createPlan({ scale: 0.01 })
    const big = createPlan({ scale: 0.1 })
    const rows = (p: typeof small, t: string) => p.tables.find((x) => x.name === t)?.rows ?? 0
    const ratio = rows(big, 'fact_bookings') / rows(small, 'fact_bookings')
    expect(ratio).toBeGreaterThan(8)
    expect(ratio).toBeLessThan(12)
    expect(rows(big, 'dim_customer') / rows(small, 'dim_customer')).toBeLessThan(7)
    // 2023 (bookings up to 330 days ahead) + 2024 (flights) + 2025 (the default headroom of 365 days)
    expect(rows(small, 'dim_date')).toBe(365 + 366 + 365)
    expect(rows(createPlan({ scale: 0.01, headroomDays: 0 }), 'dim_date')).toBe(731)
    expect(small.tables.map((t) => t.columns.length)).toEqual([15, 15, 16, 14, 16, 31, 26, 18])
  })
})

describe('the bookings count', () => {
  it('is exact but taken only on first read; default parts come from a close estimate', () => {
    const plan = createPlan({ seed: 3, scale: 0.05 })
    const index = plan.bookingIndex
    expect(index?.built).toBe(false)
    const bookings = plan.tables.find((t) => t.name === 'fact_bookings')
    const ops = bookings?.keyCount ?? 0
    const rows = bookings?.rows ?? 0
    expect(index?.built).toBe(true)
    // The exact count: every operation's sold seats plus its customer cancellations.
    const sim = new OperationSim(
      new World({ seed: 3, scale: 0.05, startDay: 19723, days: 365, headroomDays: 365 }),
    )
    let exact = 0
    for (let op = 0; op < ops; op++) exact += sim.simulate(op).bookingCount
    expect(rows).toBe(exact)
    expect(plan.totalRows).toBe(plan.tables.reduce((s, t) => s + t.rows, 0))
    const estimate = plan.bookingsPerOperation * ops
    expect(Math.abs(estimate / rows - 1)).toBeLessThan(0.05)
    // ≈ 50,000 bookings × 55 B < 4 slices × 1 MB: one part, as the exact count would give.
    expect(bookings?.parts).toHaveLength(1)
    expect(createPlan({ seed: 3, scale: 0.2 }).tables.at(-2)?.parts).toHaveLength(4)
  })
})

describe('reference rules', () => {
  it('computes observed federal holidays', () => {
    const names = (y: number) =>
      federalHolidays(y).map((h) => new Date(h.epochDay * 86_400_000).toISOString().slice(0, 10))
    expect(names(2022)[0]).toBe('2021-12-31') // New Year's Day 2022 fell on a Saturday
    expect(names(2023)).toContain('2023-01-02')
    expect(names(2024)).toContain('2024-11-28')
    expect(names(2020)).toHaveLength(10) // no Juneteenth before 2021
  })
  it('charges bag fees by cabin, route and status', () => {
    expect(bagFeeCents(3, false, false, 0)).toBe(0)
    expect(bagFeeCents(3, false, false, 2)).toBe(8000)
    expect(bagFeeCents(3, false, true, 2)).toBe(4500)
    expect(bagFeeCents(3, true, false, 2)).toBe(10000)
    expect(bagFeeCents(0, false, false, 3)).toBe(15000)
  })
})

describe('renderRedshiftCopy', () => {
  it('rejects a bad IAM role', () => {
    expect(() =>
      renderRedshiftCopy({
        schema: 's',
        table: 't',
        columns: ['a'],
        manifestUrl: 's3://bucket/m',
        iamRole: 'admin',
      }),
    ).toThrow(/iamRole/)
  })
})
