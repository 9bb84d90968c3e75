import { airlineModel, renderPostgresDdl } from '@redshift-playground/schema/model'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DATAGEN_TABLES, loadAirlineData, PostgresSink } from '../src/index.js'
import { BAG_FEE_COMBOS, bagFeeMismatches, INVARIANTS } from './invariants.js'
import { workerUrl } from './worker-bundle.js'

const url = process.env.RSP_TEST_PG_URL
if (!url && process.env.CI)
  throw new Error('RSP_TEST_PG_URL must be set in CI (the real PostgreSQL 15 tests)')
const dbName = `rsp_datagen_${process.pid}_${Date.now()}`
let admin: pg.Client
let client: pg.Client

describe.skipIf(!url)(
  'PostgreSQL 15 load at scale 0.1 (RSP_TEST_PG_URL; skipped when unset locally)',
  () => {
    beforeAll(async () => {
      admin = new pg.Client({ connectionString: url })
      await admin.connect()
      await admin.query(`CREATE DATABASE ${dbName}`)
      const u = new URL(url as string)
      u.pathname = `/${dbName}`
      client = new pg.Client({ connectionString: u.href })
      await client.connect()
      await client.query(renderPostgresDdl(airlineModel).script)
      await loadAirlineData({
        seed: 21,
        scale: 0.1,
        workers: 2,
        workerUrl: workerUrl(),
        sink: new PostgresSink({ client }),
      })
    }, 90_000)
    afterAll(async () => {
      await client?.end()
      await admin?.query(`DROP DATABASE IF EXISTS ${dbName}`)
      await admin?.end()
    })

    it('loads ≈ 100,000 bookings', async () => {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM airline_dw.fact_bookings')
      expect(rows[0].n).toBeGreaterThan(85_000)
      expect(rows[0].n).toBeLessThan(125_000)
    })

    for (const [name, sql] of Object.entries(INVARIANTS))
      it(`invariant: ${name}`, async () => {
        expect((await client.query(sql)).rows[0].n).toBe(0)
      })

    it('bag fees follow the rule', async () => {
      expect(bagFeeMismatches((await client.query(BAG_FEE_COMBOS)).rows)).toEqual([])
    })

    it('realism: on-time 77–85 %, cancellations ≤ 2.5 %, load factor 78–88 %', async () => {
      const { rows } = await client.query(`SELECT
      avg((arrival_delay_minutes < 15)::int) FILTER (WHERE flight_status IN ('ON_TIME', 'DELAYED'))::float AS on_time,
      avg((flight_status = 'CANCELLED')::int)::float AS cancelled,
      sum(total_passengers)::float / sum(a.total_seats) FILTER (WHERE flight_status <> 'CANCELLED') AS lf
      FROM airline_dw.fact_flight_operations o JOIN airline_dw.dim_aircraft a USING (aircraft_key)`)
      expect(rows[0].on_time).toBeGreaterThan(0.75)
      expect(rows[0].on_time).toBeLessThan(0.87)
      expect(rows[0].cancelled).toBeLessThan(0.025)
      expect(rows[0].lf).toBeGreaterThan(0.78)
      expect(rows[0].lf).toBeLessThan(0.88)
    })

    it('a re-run through a Pool replaces the data (idempotent) and keeps the foreign keys', async () => {
      const u = new URL(url as string)
      u.pathname = `/${dbName}`
      const pool = new pg.Pool({ connectionString: u.href, max: 1 })
      await loadAirlineData({
        seed: 21,
        scale: 0.1,
        workers: 0,
        tables: [...DATAGEN_TABLES],
        sink: new PostgresSink({ client: pool }),
      })
      await pool.end()
      const fks = await client.query(
        `SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'airline_dw'::regnamespace AND convalidated`,
      )
      expect(fks.rows[0].n).toBe(17)
      expect(
        (
          await client.query(
            INVARIANTS['daily revenue = aggregate of bookings + cargo/mail'] as string,
          )
        ).rows[0].n,
      ).toBe(0)
    }, 60_000)
  },
)
