import { PGlite } from '@electric-sql/pglite'
import { airlineModel, renderPostgresDdl } from '@redshift-playground/schema/model'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DatagenError, type DatagenSink, loadAirlineData, PGliteSink } from '../src/index.js'
import { BAG_FEE_COMBOS, bagFeeMismatches, INVARIANTS } from './invariants.js'

const OPTIONS = { seed: 11, scale: 0.01, workers: 0 } as const
let db: PGlite
const one = async (sql: string) =>
  (await db.query<Record<string, unknown>>(sql)).rows[0] as Record<string, unknown>
const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      ['dim_customer', 'fact_flight_operations', 'fact_bookings', 'fact_daily_revenue'].map(
        async (t) => [t, Number((await one(`SELECT count(*)::int AS n FROM airline_dw.${t}`)).n)],
      ),
    ),
  )

beforeAll(async () => {
  db = new PGlite()
  await db.exec(renderPostgresDdl(airlineModel).script)
  await loadAirlineData({ ...OPTIONS, sink: new PGliteSink({ db }) })
}, 60_000)
afterAll(async () => db?.close())

describe('PGlite load at scale 0.01', () => {
  it('loads every table with the planned row counts', async () => {
    const c = await counts()
    expect(c.fact_bookings).toBeGreaterThan(8_000)
    expect(c.fact_bookings).toBeLessThan(13_000)
    expect(c.fact_daily_revenue).toBe(c.fact_flight_operations)
  })

  for (const [name, sql] of Object.entries(INVARIANTS))
    it(`invariant: ${name}`, async () => {
      expect((await one(sql)).n).toBe(0)
    })

  it('bag fees follow bags checked, cabin, route and loyalty status', async () => {
    const rows = (await db.query<Record<string, unknown>>(BAG_FEE_COMBOS)).rows
    expect(rows.length).toBeGreaterThan(5)
    expect(bagFeeMismatches(rows)).toEqual([])
  })

  it('realism: most flown bookings with bags pay no excess-baggage charge, a few pay $100 or $200 a bag', async () => {
    const r = await one(`SELECT count(*) FILTER (WHERE baggage_fee > 0)::float / count(*) AS share,
      count(DISTINCT baggage_fee) FILTER (WHERE baggage_fee > 0)::int AS amounts
      FROM airline_dw.fact_bookings WHERE booking_status = 'CONFIRMED' AND bags_checked > 0`)
    // 3.2 % of bags (2.5 % overweight, 0.3 % heavy, 0.4 % oversize), 1–3 bags a booking.
    expect(r.share).toBeGreaterThan(0.02)
    expect(r.share).toBeLessThan(0.07)
    expect(r.amounts).toBeGreaterThanOrEqual(2)
  })

  it('flags the US federal holidays of each year (observed dates)', async () => {
    const r =
      await one(`SELECT count(*)::int AS n, string_agg(date_key::text, ',' ORDER BY date_key) AS days
      FROM airline_dw.dim_date WHERE is_holiday AND year = 2024`)
    expect(r.n).toBe(11)
    expect(String(r.days)).toContain('20240704')
    expect(String(r.days)).toContain('20241128') // Thanksgiving: fourth Thursday
    expect(
      (await one(`SELECT is_holiday FROM airline_dw.dim_date WHERE date_key = 20230102`))
        .is_holiday,
    ).toBe(true)
  })

  it('realism: load factor in the low-to-mid 80s, fares rise with cabin, lead time and distance', async () => {
    const lf =
      await one(`SELECT sum(passenger_count)::float / sum(available_seats) AS lf FROM airline_dw.fact_daily_revenue r
      JOIN airline_dw.fact_flight_operations o USING (flight_key, date_key) WHERE o.flight_status <> 'CANCELLED'`)
    expect(lf.lf).toBeGreaterThan(0.78)
    expect(lf.lf).toBeLessThan(0.88)
    const fares = await one(`SELECT
      avg(base_fare) FILTER (WHERE cabin_class = 'FIRST' AND base_fare > 0) AS first,
      avg(base_fare) FILTER (WHERE cabin_class = 'ECONOMY' AND base_fare > 0) AS economy,
      avg(base_fare / f.distance_miles) FILTER (WHERE cabin_class = 'ECONOMY' AND lead_time_days <= 7 AND base_fare > 0) AS late,
      avg(base_fare / f.distance_miles) FILTER (WHERE cabin_class = 'ECONOMY' AND lead_time_days >= 60 AND base_fare > 0) AS early,
      avg(base_fare) FILTER (WHERE cabin_class = 'ECONOMY' AND f.distance_miles > 1500 AND base_fare > 0) AS long,
      avg(base_fare) FILTER (WHERE cabin_class = 'ECONOMY' AND f.distance_miles < 800 AND base_fare > 0) AS short
      FROM airline_dw.fact_bookings b JOIN airline_dw.dim_flight f USING (flight_key)`)
    expect(Number(fares.first)).toBeGreaterThan(2 * Number(fares.economy))
    expect(Number(fares.late)).toBeGreaterThan(1.3 * Number(fares.early))
    expect(Number(fares.long)).toBeGreaterThan(1.5 * Number(fares.short))
  })

  it('a load that fails mid-table leaves the previous data untouched; a re-run succeeds', async () => {
    const before = await counts()
    const real = new PGliteSink({ db })
    let seen = 0
    // A sink wrapper that corrupts one row in the middle of fact_bookings.
    const failing: DatagenSink = {
      encoding: real.encoding,
      begin: (p) => real.begin(p),
      commit: () => real.commit(),
      abort: (e) => real.abort(e),
      async openTable(t) {
        const inner = await real.openTable(t)
        return {
          close: () => inner.close(),
          write: async (chunk) => {
            if (t.name === 'fact_bookings' && seen++ === 0) {
              const text = Buffer.from(chunk.data)
                .toString('utf8')
                .replace(/\n(\d+),/, '\nnot-a-number,')
              return inner.write({ ...chunk, data: Buffer.from(text) })
            }
            return inner.write(chunk)
          },
        }
      },
    }
    await expect(
      loadAirlineData({ ...OPTIONS, seed: 12, chunkRows: 2_000, sink: failing }),
    ).rejects.toBeInstanceOf(DatagenError)
    expect(await counts()).toEqual(before)
    const fks = await one(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'airline_dw'::regnamespace`,
    )
    expect(fks.n).toBe(17)
    await loadAirlineData({ ...OPTIONS, sink: new PGliteSink({ db }) })
    expect(await counts()).toEqual(before)
    expect((await one(INVARIANTS['passengers = confirmed bookings per cabin'] as string)).n).toBe(0)
  })

  it('refuses to load when the tables do not exist, naming the fix', async () => {
    const error = await loadAirlineData({
      ...OPTIONS,
      tables: ['dim_date'],
      sink: new PGliteSink({ db, schema: 'no_such_schema' }),
    }).catch((e) => e)
    expect(error).toBeInstanceOf(DatagenError)
    expect(error.code).toBe('MISSING_TABLE')
    expect(error.message).toMatch(/Create the schema first/)
  })
})
