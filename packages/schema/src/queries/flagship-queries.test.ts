import { PGlite } from '@electric-sql/pglite'
import { Kysely, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFixture } from '../../test/airline-fixture.js'
import { renderPostgresDdl } from '../ddl/postgres/postgres-ddl.js'
import { SchemaError } from '../errors.js'
import { airlineModel } from '../model/airline-model.js'
import type { AirlineDatabase } from '../model/database.js'
import { cancellationsByCause } from './cancellations-by-cause.js'
import { channelMixByLeadTime } from './channel-mix-by-lead-time.js'
import { dailyRevenueMovingAverage } from './daily-revenue-moving-average.js'
import { flagshipQueries } from './flagship-queries.js'
import { onTimePerformance } from './on-time-performance.js'
import { revenueByTierAndCabin } from './revenue-by-tier-and-cabin.js'
import { topRoutesByRevenue } from './top-routes-by-revenue.js'

let pg: PGlite
let db: Kysely<AirlineDatabase>

beforeAll(async () => {
  pg = await PGlite.create()
  await pg.exec(renderPostgresDdl(airlineModel).script)
  db = new Kysely<AirlineDatabase>({ dialect: new PGliteDialect(pg) })
  await loadFixture(db)
})
afterAll(async () => {
  await db?.destroy()
})

// Every expected row below is computed by hand from test/airline-fixture.ts.

describe('(1) on-time performance', () => {
  it('counts BTS outcomes per origin and month', async () => {
    expect(await onTimePerformance(db).execute()).toEqual([
      // Jan DFW: op3 cancelled.
      {
        year: 2024,
        month: 1,
        origin: 'DFW',
        flights: 1,
        on_time_flights: 0,
        delayed_flights: 0,
        cancelled_flights: 1,
        diverted_flights: 0,
        on_time_rate: '0.0000',
        avg_arrival_delay_minutes: null,
      },
      // Jan ORD: op1 on time (5), op2 delayed (30), op4 diverted.
      {
        year: 2024,
        month: 1,
        origin: 'ORD',
        flights: 3,
        on_time_flights: 1,
        delayed_flights: 1,
        cancelled_flights: 0,
        diverted_flights: 1,
        on_time_rate: '0.3333',
        avg_arrival_delay_minutes: '17.50',
      },
      // Feb DFW: op7, op8 cancelled (A), op10 on time (-3).
      {
        year: 2024,
        month: 2,
        origin: 'DFW',
        flights: 3,
        on_time_flights: 1,
        delayed_flights: 0,
        cancelled_flights: 2,
        diverted_flights: 0,
        on_time_rate: '0.3333',
        avg_arrival_delay_minutes: '-3.00',
      },
      // Feb ORD: op5 at 14 min is on time, op6 at 15 min is late, op9 cancelled.
      {
        year: 2024,
        month: 2,
        origin: 'ORD',
        flights: 3,
        on_time_flights: 1,
        delayed_flights: 1,
        cancelled_flights: 1,
        diverted_flights: 0,
        on_time_rate: '0.3333',
        avg_arrival_delay_minutes: '14.50',
      },
    ])
  })

  it('filters by date key', async () => {
    const rows = await onTimePerformance(db, {
      fromDateKey: 20240131,
      toDateKey: 20240201,
    }).execute()
    expect(rows.map((r) => [r.month, r.origin, r.flights, r.on_time_flights])).toEqual([
      [1, 'DFW', 1, 0],
      [1, 'ORD', 2, 0],
      [2, 'DFW', 1, 0],
      [2, 'ORD', 1, 1],
    ])
  })
})

describe('(2) cancellations by cause', () => {
  it('counts causes per month with their share', async () => {
    expect(await cancellationsByCause(db).execute()).toEqual([
      {
        year: 2024,
        month: 1,
        cancellation_code: 'B',
        cause: 'weather',
        cancellations: 1,
        share_of_month: '1.0000',
      },
      {
        year: 2024,
        month: 2,
        cancellation_code: 'A',
        cause: 'carrier',
        cancellations: 2,
        share_of_month: '0.6667',
      },
      {
        year: 2024,
        month: 2,
        cancellation_code: null,
        cause: 'unknown',
        cancellations: 1,
        share_of_month: '0.3333',
      },
    ])
  })
})

describe('(3) top routes by revenue', () => {
  it('ranks routes with their load factor', async () => {
    expect(await topRoutesByRevenue(db, { limit: 2 }).execute()).toEqual([
      {
        origin: 'ORD',
        destination: 'DFW',
        flight_days: 3,
        total_revenue: '2700.00',
        ticket_revenue: '2700.00',
        passengers: 210,
        available_seats: 300,
        load_factor: '0.7000',
      },
      {
        origin: 'DFW',
        destination: 'ORD',
        flight_days: 2,
        total_revenue: '1600.00',
        ticket_revenue: '1600.00',
        passengers: 155,
        available_seats: 200,
        load_factor: '0.7750',
      },
    ])
    const all = await topRoutesByRevenue(db).execute()
    expect(all.map((r) => `${r.origin}-${r.destination}`)).toEqual([
      'ORD-DFW',
      'DFW-ORD',
      'ORD-DEN',
    ])
    expect(all[2]?.load_factor).toBe('0.5000')
  })
})

describe('(4) revenue by loyalty tier and cabin', () => {
  it('sums gross, refunds, net and the excess-baggage charges', async () => {
    expect(await revenueByTierAndCabin(db).execute()).toEqual([
      {
        loyalty_tier: 'GOLD',
        cabin_class: 'BUSINESS',
        bookings: 1,
        gross_revenue: '550.00',
        refunds: '0.00',
        net_revenue: '550.00',
        baggage_fees: '0.00',
        average_base_fare: '500.00',
      },
      // b1 145 + b4 170 + b6 135 + b7 100; base (100 + 150 + 120 + 90) / 4; b1 paid $100 at check-in
      {
        loyalty_tier: 'GOLD',
        cabin_class: 'ECONOMY',
        bookings: 4,
        gross_revenue: '550.00',
        refunds: '0.00',
        net_revenue: '550.00',
        baggage_fees: '100.00',
        average_base_fare: '115.00',
      },
      // b3 220 refunded + b5 125; base (200 + 80) / 2; b5 paid $200 at check-in
      {
        loyalty_tier: 'NONE',
        cabin_class: 'ECONOMY',
        bookings: 2,
        gross_revenue: '345.00',
        refunds: '220.00',
        net_revenue: '125.00',
        baggage_fees: '200.00',
        average_base_fare: '140.00',
      },
    ])
  })
})

describe('(5) channel mix by lead time', () => {
  it('buckets bookings by lead time and shares channels within a bucket', async () => {
    expect(await channelMixByLeadTime(db).execute()).toEqual([
      {
        lead_time_bucket: 1,
        lead_time: '0-6 days',
        booking_channel: 'MOBILE',
        bookings: 1,
        share_of_bucket: '0.3333',
      },
      {
        lead_time_bucket: 1,
        lead_time: '0-6 days',
        booking_channel: 'WEB',
        bookings: 2,
        share_of_bucket: '0.6667',
      },
      {
        lead_time_bucket: 2,
        lead_time: '7-20 days',
        booking_channel: 'MOBILE',
        bookings: 1,
        share_of_bucket: '1.0000',
      },
      {
        lead_time_bucket: 3,
        lead_time: '21-59 days',
        booking_channel: 'MOBILE',
        bookings: 1,
        share_of_bucket: '1.0000',
      },
      {
        lead_time_bucket: 4,
        lead_time: '60-119 days',
        booking_channel: 'AGENT',
        bookings: 1,
        share_of_bucket: '1.0000',
      },
      {
        lead_time_bucket: 5,
        lead_time: '120+ days',
        booking_channel: 'OTA',
        bookings: 1,
        share_of_bucket: '1.0000',
      },
    ])
  })
})

describe('(6) daily revenue with a 7-day moving average', () => {
  const day = (s: string) => new Date(`${s}T00:00:00Z`)
  it('spans the revenue days, zero-filling days without revenue', async () => {
    expect(await dailyRevenueMovingAverage(db).execute()).toEqual([
      {
        date_key: 20240130,
        full_date: day('2024-01-30'),
        total_revenue: '1000.00',
        moving_average_7d: '1000.00',
        days_in_window: 1,
      },
      {
        date_key: 20240131,
        full_date: day('2024-01-31'),
        total_revenue: '1500.00',
        moving_average_7d: '1250.00',
        days_in_window: 2,
      },
      {
        date_key: 20240201,
        full_date: day('2024-02-01'),
        total_revenue: '0.00',
        moving_average_7d: '833.33',
        days_in_window: 3,
      },
      {
        date_key: 20240202,
        full_date: day('2024-02-02'),
        total_revenue: '700.00',
        moving_average_7d: '800.00',
        days_in_window: 4,
      },
      {
        date_key: 20240203,
        full_date: day('2024-02-03'),
        total_revenue: '900.00',
        moving_average_7d: '820.00',
        days_in_window: 5,
      },
      {
        date_key: 20240204,
        full_date: day('2024-02-04'),
        total_revenue: '0.00',
        moving_average_7d: '683.33',
        days_in_window: 6,
      },
      // (1000 + 1500 + 0 + 700 + 900 + 0 + 500) / 7 = 657.142…
      {
        date_key: 20240205,
        full_date: day('2024-02-05'),
        total_revenue: '500.00',
        moving_average_7d: '657.14',
        days_in_window: 7,
      },
    ])
  })

  it('honours an explicit range (the window starts at the range)', async () => {
    const rows = await dailyRevenueMovingAverage(db, {
      fromDateKey: 20240201,
      toDateKey: 20240203,
    }).execute()
    expect(rows.map((r) => [r.date_key, r.moving_average_7d, r.days_in_window])).toEqual([
      [20240201, '0.00', 1],
      [20240202, '350.00', 2],
      [20240203, '533.33', 3],
    ])
  })
})

describe('the registry', () => {
  it('lists the six queries by name and builds each', async () => {
    expect(Object.keys(flagshipQueries)).toEqual([
      'on-time-performance',
      'cancellations-by-cause',
      'top-routes',
      'revenue-by-tier-cabin',
      'channel-mix-by-lead-time',
      'daily-revenue-7d',
    ])
    for (const [name, q] of Object.entries(flagshipQueries)) {
      expect(q.name).toBe(name)
      expect((await q.build(db).execute()).length).toBeGreaterThan(0)
    }
  })

  it('emits only Redshift-compatible SQL', () => {
    for (const q of Object.values(flagshipQueries)) {
      const text = q
        .build(db, { location: { database: 'consumer_db' } })
        .compile()
        .sql.toLowerCase()
      expect(text).not.toMatch(/\bfilter\s*\(/)
      expect(text).not.toMatch(/distinct on/)
      expect(text).not.toMatch(/::/)
      expect(text).not.toMatch(
        /\bilike\b|\bgenerate_series\b|\bnow\(\)|\bstring_agg\b|\barray_agg\b/,
      )
      // A window with ORDER BY carries an explicit frame, as Redshift requires for aggregates.
      for (const m of text.matchAll(/over \(([^)]*)\)/g)) {
        if (m[1]?.includes('order by')) expect(m[1]).toMatch(/rows between/)
      }
    }
  })

  it('refuses bad options before anything runs', () => {
    const bad = [
      [{ fromDateKey: 2024011 }, 'fromDateKey'],
      [{ toDateKey: 20241301 }, 'toDateKey'],
      [{ fromDateKey: 20240201, toDateKey: 20240101 }, 'fromDateKey'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 1.5 }, 'limit'],
      [{ location: { database: 'Bad DB' } }, 'location.database'],
      [{ location: { schema: 'x;drop' } }, 'location.schema'],
    ] as const
    for (const [options, field] of bad) {
      expect(() => flagshipQueries['top-routes'].build(db, options)).toThrow(SchemaError)
      try {
        flagshipQueries['top-routes'].build(db, options)
      } catch (e) {
        expect((e as SchemaError).field).toBe(field)
      }
    }
  })
})

describe('table locations', () => {
  it('compiles three-part datashare names (Kysely alone would drop the third part)', () => {
    const compiled = topRoutesByRevenue(db, { location: { database: 'consumer_db' } }).compile()
    expect(compiled.sql).toContain('from "consumer_db"."airline_dw"."fact_daily_revenue" as "r"')
    expect(compiled.sql).toContain('inner join "consumer_db"."airline_dw"."dim_airport" as "o"')
    expect(compiled.sql).not.toMatch(/[^.]"airline_dw"\./)
    // What plain Kysely does with a dotted string: schema "consumer_db", table "airline_dw".
    const naive = db
      .selectFrom('consumer_db.airline_dw.fact_daily_revenue' as 'airline_dw.fact_daily_revenue')
      .selectAll()
      .compile().sql
    expect(naive).toBe('select * from "consumer_db"."airline_dw"')
  })

  it('quotes location names safely', () => {
    const compiled = onTimePerformance(db, {
      location: { database: 'consumer_db', schema: 'dw$1' },
    }).compile()
    expect(compiled.sql).toContain('from "consumer_db"."dw$1"."fact_flight_operations" as "f"')
  })

  it('runs three-part names on PostgreSQL when the database is the current one', async () => {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db)
    const database = rows[0]?.name as string
    expect(await topRoutesByRevenue(db, { location: { database } }).execute()).toEqual(
      await topRoutesByRevenue(db).execute(),
    )
  })

  it('runs against another schema', async () => {
    await pg.exec(`CREATE SCHEMA dw_copy;
      CREATE TABLE dw_copy.fact_bookings AS SELECT * FROM airline_dw.fact_bookings WHERE booking_key <> 7;
      CREATE TABLE dw_copy.dim_customer AS SELECT * FROM airline_dw.dim_customer;`)
    const rows = await revenueByTierAndCabin(db, { location: { schema: 'dw_copy' } }).execute()
    expect(
      rows.find((r) => r.cabin_class === 'ECONOMY' && r.loyalty_tier === 'GOLD')?.bookings,
    ).toBe(3)
  })
})
