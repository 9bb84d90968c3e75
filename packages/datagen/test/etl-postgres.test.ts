import { airlineModel, renderPostgresDdl } from '@redshift-playground/schema/model'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  applyDayBatchPostgres,
  checkProducerMatches,
  type DayBatch,
  DayBatchGenerator,
  etlDays,
  loadAirlineData,
  PostgresSink,
  readProducerDays,
} from '../src/index.js'
import { INVARIANTS } from './invariants.js'

const url = process.env.RSP_TEST_PG_URL
if (!url && process.env.CI)
  throw new Error('RSP_TEST_PG_URL must be set in CI (the real PostgreSQL 15 tests)')
const dbName = `rsp_datagen_etl_${process.pid}_${Date.now()}`
const LOAD = { seed: 23, scale: 0.5, startDate: '2024-01-01', days: 30 } as const
let admin: pg.Client
let pool: pg.Pool
// biome-ignore lint/suspicious/noExplicitAny: raw SQL checks
let db: Kysely<any>
const state = async () =>
  (
    await pool.query(`SELECT (SELECT count(*) FROM airline_dw.fact_flight_operations)::int AS ops,
      (SELECT count(*) FROM airline_dw.fact_bookings)::int AS bookings,
      (SELECT sum(total_amount)::text FROM airline_dw.fact_bookings) AS sales,
      (SELECT sum(total_revenue)::text FROM airline_dw.fact_daily_revenue) AS net`)
  ).rows[0]

describe.skipIf(!url)('ETL day batches on PostgreSQL 15 (RSP_TEST_PG_URL)', () => {
  const g = new DayBatchGenerator(LOAD)
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${dbName}`)
    const u = new URL(url as string)
    u.pathname = `/${dbName}`
    pool = new pg.Pool({ connectionString: u.href, max: 2 })
    await pool.query(renderPostgresDdl(airlineModel).script)
    await loadAirlineData({ ...LOAD, workers: 0, sink: new PostgresSink({ client: pool }) })
    db = new Kysely({ dialect: new PostgresDialect({ pool }) })
  }, 90_000)
  afterAll(async () => {
    await db?.destroy()
    await admin?.query(`DROP DATABASE IF EXISTS ${dbName}`)
    await admin?.end()
  })

  it('appends the next days through COPY FROM STDIN; a re-run replaces the day', async () => {
    const p = await readProducerDays(db)
    checkProducerMatches(g, p)
    const days = etlDays(g, p, { count: 4 })
    expect(days[0]).toBe('2024-01-31')
    const before = await state()
    let added = 0
    for (const day of days) added += (await applyDayBatchPostgres(pool, g.batch(day))).rows
    const after = await state()
    expect(added).toBeGreaterThan(1000)
    expect(after.ops + after.bookings).toBeGreaterThan(before.ops + before.bookings)
    const again = await applyDayBatchPostgres(pool, g.batch(days[1] as string))
    expect(again.replaced).toEqual(again.inserted)
    expect(await state()).toEqual(after)
    expect((await readProducerDays(db)).lastFlightDate).toBe(days[3])
  })

  for (const [name, sql] of Object.entries(INVARIANTS))
    it(`invariant after the batches: ${name}`, async () => {
      expect((await pool.query(sql)).rows[0].n).toBe(0)
    })

  it('a batch failing mid-way (a revenue row for a flight that does not exist) changes nothing', async () => {
    const before = await state()
    const good = g.batch('2024-02-02')
    const revenue = good.tables[2]!
    // An FK violation in the last table: the day's operations and bookings were already replaced.
    const bad = new TextDecoder().decode(revenue.csv).replace(/^(\d+),(\d+),/, '$1,999999,')
    const broken: DayBatch = {
      ...good,
      tables: [good.tables[0]!, good.tables[1]!, { ...revenue, csv: Buffer.from(bad) }],
    }
    const error = await applyDayBatchPostgres(pool, broken).catch((e) => e)
    expect(error).toMatchObject({ code: 'BATCH_FAILED', value: '2024-02-02' })
    expect(error.message).toMatch(/failed at COPY fact_daily_revenue: .*foreign key.*rolled back/)
    expect(await state()).toEqual(before)
  })
})
