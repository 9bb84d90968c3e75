import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generate } from '../generate.js'
import { createPlan } from '../plan.js'
import { createDayBatch, DAY_BATCH_TABLES, DayBatchGenerator } from './day-batch.js'
import { renderRedshiftDayBatch } from './redshift-day-batch.js'

const LOAD = { seed: 7, scale: 0.5, startDate: '2024-01-01', days: 30 } as const
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
const lines = (b: Uint8Array) => new TextDecoder().decode(b).split('\n').filter(Boolean)
const col = (line: string, i: number) => Number(line.split(',')[i])

describe('day batches', () => {
  it('a day of the initial load is byte-identical to the rows the load wrote for it', async () => {
    const plan = createPlan({ ...LOAD, tables: [...DAY_BATCH_TABLES] })
    const full: Record<string, Uint8Array[]> = {}
    const add = (into: Record<string, Uint8Array[]>, table: string, data: Uint8Array) => {
      into[table] = [...(into[table] ?? []), data]
    }
    for await (const c of generate(plan, { workers: 0 })) add(full, c.table, c.data)
    const batches = new DayBatchGenerator(LOAD)
    const days: Record<string, Uint8Array[]> = {}
    for (let d = 1; d <= LOAD.days; d++) {
      const b = batches.batch(`2024-01-${String(d).padStart(2, '0')}`)
      expect(b.inInitialLoad).toBe(true)
      for (const t of b.tables) add(days, t.name, t.csv)
    }
    // Every day of the load, concatenated, is the load itself: same keys, same bytes.
    for (const t of DAY_BATCH_TABLES)
      expect(sha(Buffer.concat(days[t] ?? [])), t).toBe(sha(Buffer.concat(full[t] ?? [])))
  })

  it('re-running a day gives the same bytes, from a fresh generator', () => {
    const a = createDayBatch({ ...LOAD, day: '2024-03-15' })
    const b = new DayBatchGenerator(LOAD)
    b.batch('2024-02-01') // other days first: no state carries over
    const again = b.batch('2024-03-15')
    expect(a.rows).toBeGreaterThan(0)
    for (const [i, t] of a.tables.entries()) expect(sha(t.csv)).toBe(sha(again.tables[i]!.csv))
    expect(again.operationKeys).toEqual(a.operationKeys)
    expect(again.bookingKeys).toEqual(a.bookingKeys)
  })

  it('appended days continue the keys after the load and never overlap each other', () => {
    const g = new DayBatchGenerator(LOAD)
    const plan = createPlan({ ...LOAD, tables: ['fact_flight_operations', 'fact_bookings'] })
    const opsLoaded = plan.tables[0]!.rows
    const bookingsLoaded = plan.tables[1]!.rows
    let nextOp = opsLoaded + 1
    let nextBooking = bookingsLoaded + 1
    for (const day of ['2024-01-31', '2024-02-01', '2024-02-02', '2024-07-04']) {
      if (day === '2024-07-04') {
        // Skipping days: its keys still follow every earlier day's, appended or not.
        const between = ['2024-02-03', '2024-07-03'].map((d) => g.batchKeys(d))
        expect(between[0]!.firstOperationKey).toBe(nextOp)
        nextOp = between[1]!.firstOperationKey + between[1]!.operations
      }
      const b = g.batch(day)
      expect(b.inInitialLoad).toBe(false)
      expect(b.operationKeys.from).toBe(nextOp)
      if (day !== '2024-07-04') expect(b.bookingKeys.from).toBe(nextBooking)
      else expect(b.bookingKeys.from).toBeGreaterThan(nextBooking)
      const ops = lines(b.tables[0]!.csv)
      const bookings = lines(b.tables[1]!.csv)
      const revenue = lines(b.tables[2]!.csv)
      expect(ops.length).toBe(b.operationKeys.to - b.operationKeys.from + 1)
      expect(ops.length).toBeGreaterThan(0)
      // operation_key, date_key; booking_key; revenue date_key: all of this day.
      expect(ops.map((l) => col(l, 0))).toEqual(
        Array.from({ length: ops.length }, (_, i) => b.operationKeys.from + i),
      )
      expect(new Set(ops.map((l) => col(l, 2)))).toEqual(new Set([b.dateKey]))
      expect(bookings.map((l) => col(l, 0))).toEqual(
        Array.from({ length: bookings.length }, (_, i) => b.bookingKeys.from + i),
      )
      expect(new Set(revenue.map((l) => col(l, 0)))).toEqual(new Set([b.dateKey]))
      expect(revenue.length).toBe(ops.length)
      nextOp = b.operationKeys.to + 1
      nextBooking = b.bookingKeys.to + 1
    }
  })

  it('refuses a day outside the calendar, naming the day, the range and the fix', () => {
    // The default headroom (365 days after 2024-01-30) takes dim_date to the end of 2025.
    const g = new DayBatchGenerator(LOAD)
    expect(g.calendar).toEqual({
      firstDate: '2023-01-01',
      lastDate: '2025-12-31',
      firstFlightDate: '2024-01-01',
      loadedThrough: '2024-01-30',
      lastFlightDate: '2025-12-31',
    })
    expect(g.batch('2025-12-31').rows).toBeGreaterThan(0) // dim_date's last date: allowed
    expect(g.nextDay('2025-12-31')).toBeUndefined()
    expect(g.nextDay('2024-12-31')).toBe('2025-01-01')
    for (const day of ['2026-01-01', '2023-12-31']) {
      const error = (() => {
        try {
          g.batch(day)
        } catch (e) {
          return e as { code: string; field: string; value: unknown; message: string }
        }
      })()
      expect(error).toMatchObject({ code: 'DAY_OUTSIDE_CALENDAR', field: 'day', value: day })
      expect(error?.message).toContain('2024-01-01')
      expect(error?.message).toContain('2025-12-31')
      expect(error?.message).toMatch(/Pick a day in that range/)
      expect(error?.message).toMatch(/more headroomDays, now 365/)
    }
    expect(() => g.batch('2024-02-30')).toThrow(/Invalid day: "2024-02-30"/)
    // Without headroom the calendar ends on the load's last 31 December, as before.
    const none = new DayBatchGenerator({ ...LOAD, headroomDays: 0 })
    expect(none.calendar.lastFlightDate).toBe('2024-12-31')
    expect(() => none.batch('2025-01-01')).toThrow(/outside the calendar.*now 0/)
    expect(() => new DayBatchGenerator({ ...LOAD, headroomDays: -1 })).toThrow(
      /headroomDays.*Use a whole number of days from 0 to 3660/,
    )
  })

  it('renders a Redshift batch: gzip parts, mandatory manifests, DELETE then COPY', () => {
    const b = createDayBatch({ ...LOAD, day: '2024-02-01' })
    const r = renderRedshiftDayBatch(b, { s3Prefix: 's3://my-bucket/airline/' })
    expect(r.objects.map((o) => o.key)).toEqual([
      'airline/etl/2024-02-01/fact_flight_operations/part-0000.csv.gz',
      'airline/etl/2024-02-01/fact_flight_operations/manifest.json',
      'airline/etl/2024-02-01/fact_bookings/part-0000.csv.gz',
      'airline/etl/2024-02-01/fact_bookings/manifest.json',
      'airline/etl/2024-02-01/fact_daily_revenue/part-0000.csv.gz',
      'airline/etl/2024-02-01/fact_daily_revenue/manifest.json',
    ])
    const manifest = JSON.parse(new TextDecoder().decode(r.objects[1]!.body))
    expect(manifest.entries[0]).toEqual({
      url: 's3://my-bucket/airline/etl/2024-02-01/fact_flight_operations/part-0000.csv.gz',
      mandatory: true,
      meta: { content_length: r.objects[0]!.body.length },
    })
    expect(r.statements).toHaveLength(6)
    expect(r.statements[0]).toMatch(
      /^DELETE FROM "airline_dw"."fact_bookings" WHERE operation_key IN/,
    )
    expect(r.statements[0]).toContain(`date_key = ${b.dateKey}`)
    expect(r.statements[3]).toMatch(/^COPY "airline_dw"."fact_flight_operations"/)
    expect(r.statements[3]).toContain('IAM_ROLE default')
    expect(r.statements.join('\n')).not.toMatch(/TRUNCATE|\$1/) // R-TX-2, R-API-5
  })
})
