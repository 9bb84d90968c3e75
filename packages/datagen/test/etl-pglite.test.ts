import { PGlite } from '@electric-sql/pglite'
import { airlineModel, renderPostgresDdl } from '@redshift-playground/schema/model'
import { Kysely } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  applyDayBatchPGlite,
  checkProducerMatches,
  createDayBatch,
  type DayBatch,
  DayBatchGenerator,
  etlDays,
  loadAirlineData,
  PGliteSink,
  readProducerDays,
} from '../src/index.js'
import { BAG_FEE_COMBOS, bagFeeMismatches, INVARIANTS } from './invariants.js'

// The initial load covers January 2024; the ETL appends days after it (dim_date runs to
// 2025-12-31: the default headroom of 365 days after the load reaches into 2025).
const LOAD = { seed: 11, scale: 0.3, startDate: '2024-01-01', days: 30 } as const
let pglite: PGlite
// biome-ignore lint/suspicious/noExplicitAny: raw SQL checks
let db: Kysely<any>
const one = async (sql: string) =>
  (await pglite.query<Record<string, unknown>>(sql)).rows[0] as Record<string, unknown>
/** Row counts and money totals of every fact table: "the state" a failed batch must keep. */
const snapshot = async () =>
  one(`SELECT (SELECT count(*) FROM airline_dw.fact_flight_operations)::int AS ops,
    (SELECT count(*) FROM airline_dw.fact_bookings)::int AS bookings,
    (SELECT count(*) FROM airline_dw.fact_daily_revenue)::int AS revenue,
    (SELECT sum(total_amount)::text FROM airline_dw.fact_bookings) AS sales,
    (SELECT sum(total_revenue)::text FROM airline_dw.fact_daily_revenue) AS net,
    (SELECT max(date_key) FROM airline_dw.fact_flight_operations) AS last_day`)

beforeAll(async () => {
  pglite = new PGlite()
  await pglite.exec(renderPostgresDdl(airlineModel).script)
  await loadAirlineData({ ...LOAD, workers: 0, sink: new PGliteSink({ db: pglite }) })
  db = new Kysely({ dialect: new PGliteDialect(pglite) })
}, 90_000)
afterAll(async () => {
  await db?.destroy()
})

describe('ETL day batches on PGlite (after a 30-day load at scale 0.3)', () => {
  const g = new DayBatchGenerator(LOAD)

  it('reads the producer: its calendar matches, the next day follows its last flight date', async () => {
    const p = await readProducerDays(db)
    expect(p.missingTables).toEqual([])
    expect(p.dimDate).toEqual({ first: '2023-01-01', last: '2025-12-31' })
    expect(p.lastFlightDate).toBe('2024-01-30')
    checkProducerMatches(g, p)
    expect(etlDays(g, p, { count: 3 })).toEqual(['2024-01-31', '2024-02-01', '2024-02-02'])
    expect(() => etlDays(g, p, { day: '2025-12-30', count: 3 })).toThrow(
      /3 days from 2025-12-30 run past the calendar's last date 2025-12-31.*Ask for at most 2 days/,
    )
    // Another seed's keys would collide: refused before anything is written.
    expect(() => checkProducerMatches(new DayBatchGenerator({ ...LOAD, seed: 12 }), p)).toThrow(
      /flights of 2024-01-30 .* are not the ones the ETL would make/,
    )
    expect(() => checkProducerMatches(new DayBatchGenerator({ ...LOAD, days: 400 }), p)).toThrow(
      /dim_date covers 2023-01-01 … 2025-12-31, but the ETL's calendar is 2023-01-01 … 2026-12-31/,
    )
    // A producer loaded with another headroom (e.g. before loads had one): the error names the
    // headroom that reaches its dim_date.
    expect(() =>
      checkProducerMatches(new DayBatchGenerator({ ...LOAD, headroomDays: 0 }), p),
    ).toThrow(
      /calendar is 2023-01-01 … 2024-12-31: .*headroom 0 days\)\. Its dim_date ends 701 days after the loaded days \(2024-01-30\): .*rsp etl --headroom-days 701/,
    )
    checkProducerMatches(new DayBatchGenerator({ ...LOAD, headroomDays: 701 }), p)
  })

  it('appends days, and re-running a day replaces it instead of doubling it', async () => {
    const before = await snapshot()
    const results = []
    for (const day of ['2024-01-31', '2024-02-01', '2024-02-02'])
      results.push(await applyDayBatchPGlite(pglite, g.batch(day)))
    const after = await snapshot()
    const added = results.reduce(
      (s, r) => ({
        ops: s.ops + r.inserted.fact_flight_operations,
        bookings: s.bookings + r.inserted.fact_bookings,
      }),
      { ops: 0, bookings: 0 },
    )
    expect(added.ops).toBeGreaterThan(10)
    expect(after.ops).toBe(Number(before.ops) + added.ops)
    expect(after.bookings).toBe(Number(before.bookings) + added.bookings)
    expect(after.last_day).toBe(20240202)
    expect(results[0]?.replaced).toEqual({
      fact_flight_operations: 0,
      fact_bookings: 0,
      fact_daily_revenue: 0,
    })
    // Again: same rows, same totals; the result says what it replaced.
    const again = await applyDayBatchPGlite(pglite, g.batch('2024-02-01'))
    expect(again.replaced).toEqual(results[1]?.inserted)
    expect(await snapshot()).toEqual(after)
    // A day of the initial load, re-run: identical to what the load wrote.
    const jan15 = await applyDayBatchPGlite(pglite, g.batch('2024-01-15'))
    expect(jan15.replaced).toEqual(jan15.inserted)
    expect(await snapshot()).toEqual(after)
    expect((await readProducerDays(db)).lastFlightDate).toBe('2024-02-02')
  })

  it('appends days of the headroom: across New Year into 2025, through the calendar’s last day', async () => {
    const days = ['2024-12-31', '2025-01-01', '2025-01-02', '2025-12-31']
    for (const day of days) {
      const r = await applyDayBatchPGlite(pglite, g.batch(day))
      expect(r.inserted.fact_flight_operations, day).toBeGreaterThan(0)
    }
    const p = await readProducerDays(db)
    expect(p.lastFlightDate).toBe('2025-12-31')
    checkProducerMatches(g, p) // its last day's keys are the ones the generator gives
    expect(() => etlDays(g, p, {})).toThrow(/no next day to append/)
    expect(() => etlDays(g, p, { day: '2026-01-01' })).toThrow(
      /day 2026-01-01 is outside the calendar: flight days run from 2024-01-01 .* to 2025-12-31/,
    )
  })

  for (const [name, sql] of Object.entries(INVARIANTS))
    it(`invariant after the batches: ${name}`, async () => {
      expect((await one(sql)).n).toBe(0)
    })

  it('after the batches: bag fees follow the rule, load factor and on-time stay in their bands', async () => {
    expect(
      bagFeeMismatches((await pglite.query<Record<string, unknown>>(BAG_FEE_COMBOS)).rows),
    ).toEqual([])
    const r = await one(`SELECT
      sum(total_passengers)::float / sum(a.total_seats) FILTER (WHERE flight_status <> 'CANCELLED') AS lf,
      avg((arrival_delay_minutes < 15)::int) FILTER (WHERE flight_status IN ('ON_TIME', 'DELAYED'))::float AS on_time
      FROM airline_dw.fact_flight_operations o JOIN airline_dw.dim_aircraft a USING (aircraft_key)
      WHERE o.date_key > 20240130`)
    expect(r.lf).toBeGreaterThan(0.7)
    expect(r.lf).toBeLessThan(0.95)
    expect(r.on_time).toBeGreaterThan(0.6)
    // Revenue reconciles to the cent with the bookings of the appended days.
    const money = await one(`SELECT
      (SELECT sum(ticket_revenue + ancillary_revenue - refunds) FROM airline_dw.fact_daily_revenue WHERE date_key > 20240130)::text AS revenue,
      (SELECT sum(base_fare + fees + bag_fees + baggage_fee) - coalesce(sum(base_fare + fees + bag_fees) FILTER (WHERE booking_status = 'REFUNDED'), 0)
         FROM airline_dw.fact_bookings WHERE flight_date_key > 20240130)::text AS bookings`)
    expect(money.revenue).toBe(money.bookings)
  })

  it('a batch that fails mid-way (a duplicate booking key) leaves the previous rows of the day', async () => {
    const before = await snapshot()
    const good = g.batch('2024-02-02')
    const bookings = good.tables[1]!
    const first = new TextDecoder().decode(bookings.csv).split('\n')[0]
    // Operations COPY fine and the day's old rows are already deleted when bookings fail.
    const broken: DayBatch = {
      ...good,
      tables: [
        good.tables[0]!,
        {
          ...bookings,
          rows: bookings.rows + 1,
          csv: Buffer.concat([bookings.csv, Buffer.from(`${first}\n`)]),
        },
        good.tables[2]!,
      ],
    }
    const error = await applyDayBatchPGlite(pglite, broken).catch((e) => e)
    expect(error).toMatchObject({ code: 'BATCH_FAILED', field: 'day', value: '2024-02-02' })
    expect(error.message).toMatch(/failed at COPY fact_bookings: .*duplicate key.*rolled back/)
    expect(await snapshot()).toEqual(before)
  })

  it('into a producer without the schema: names the missing table and the fix, applies nothing', async () => {
    const empty = new PGlite()
    try {
      await empty.exec('CREATE SCHEMA airline_dw')
      const error = await applyDayBatchPGlite(
        empty,
        createDayBatch({ ...LOAD, day: '2024-01-31' }),
      ).catch((e) => e)
      expect(error).toMatchObject({
        code: 'MISSING_TABLE',
        field: 'table',
        value: 'airline_dw.dim_date',
      })
      expect(error.message).toMatch(/rsp load/)
      const tables = await empty.query(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'airline_dw'",
      )
      expect(tables.rows[0]).toEqual({ n: 0 })
      const kysely = new Kysely({ dialect: new PGliteDialect(empty) })
      const p = await readProducerDays(kysely)
      expect(p.missingTables).toContain('fact_bookings')
      expect(() => checkProducerMatches(g, p)).toThrow(/no table airline_dw.dim_date/)
    } finally {
      await empty.close()
    }
  })
})
