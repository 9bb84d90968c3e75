import type { Insertable, Kysely, Selectable } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'
import { flagshipQueries } from '../queries/flagship-queries.js'
import { onTimePerformance } from '../queries/on-time-performance.js'
import type { AirlineDatabase } from './database.js'

declare const db: Kysely<AirlineDatabase>

type Booking = Selectable<AirlineDatabase['airline_dw.fact_bookings']>
type NewBooking = Insertable<AirlineDatabase['airline_dw.fact_bookings']>
type NewRaw = Insertable<AirlineDatabase['staging.bookings_raw']>

describe('AirlineDatabase', () => {
  it('keys tables by schema.table', () => {
    expectTypeOf<keyof AirlineDatabase>().toEqualTypeOf<
      | 'airline_dw.dim_date'
      | 'airline_dw.dim_airport'
      | 'airline_dw.dim_aircraft'
      | 'airline_dw.dim_flight'
      | 'airline_dw.dim_customer'
      | 'airline_dw.fact_flight_operations'
      | 'airline_dw.fact_bookings'
      | 'airline_dw.fact_daily_revenue'
      | 'staging.flight_operations_raw'
      | 'staging.bookings_raw'
      | 'rsp_meta.freshness_marker'
      | 'airline_dw.v_route_performance'
      | 'airline_dw.v_customer_360'
    >()
  })

  it('types views as read-only rows', async () => {
    const row = await db
      .selectFrom('airline_dw.v_customer_360 as v')
      .select(['v.customer_key', 'v.net_revenue', 'v.last_booking_at', 'v.bookings'])
      .executeTakeFirstOrThrow()
    expectTypeOf(row.customer_key).toEqualTypeOf<number>()
    expectTypeOf(row.net_revenue).toEqualTypeOf<string>()
    expectTypeOf(row.last_booking_at).toEqualTypeOf<Date | null>()
    expectTypeOf(row.bookings).toEqualTypeOf<string>()
    // @ts-expect-error: no PII in the customer-360 view
    db.selectFrom('airline_dw.v_customer_360').select('email')
    // Views take no INSERT or UPDATE: no column is insertable.
    expectTypeOf<
      keyof Insertable<AirlineDatabase['airline_dw.v_route_performance']>
    >().toEqualTypeOf<never>()
  })

  it('gives selected columns their TypeScript types', async () => {
    const row = await db
      .selectFrom('airline_dw.fact_bookings as b')
      .select(['b.booking_key', 'b.total_amount', 'b.seat_number', 'b.created_at', 'b.is_refunded'])
      .executeTakeFirstOrThrow()
    expectTypeOf(row.booking_key).toEqualTypeOf<number>()
    expectTypeOf(row.total_amount).toEqualTypeOf<string>()
    expectTypeOf(row.seat_number).toEqualTypeOf<string | null>()
    expectTypeOf(row.created_at).toEqualTypeOf<Date>()
    expectTypeOf(row.is_refunded).toEqualTypeOf<boolean>()
    expectTypeOf<Booking['currency']>().toEqualTypeOf<string>()
    expectTypeOf<
      Selectable<AirlineDatabase['staging.bookings_raw']>['raw_id']
    >().toEqualTypeOf<string>()
  })

  it('rejects misspelt tables and columns', () => {
    // @ts-expect-error: no such column
    db.selectFrom('airline_dw.fact_bookings').select('total_amout')
    // @ts-expect-error: no such table
    db.selectFrom('airline_dw.fact_booking').selectAll()
    // @ts-expect-error: tables live in a schema
    db.selectFrom('fact_bookings').selectAll()
    // @ts-expect-error: column of another table
    db.selectFrom('airline_dw.dim_date as d').select('d.customer_key')
    // @ts-expect-error: only the model's schemas exist
    db.selectFrom('other.fact_bookings').selectAll()
  })

  it('makes nullable and defaulted columns optional on insert, the rest required', () => {
    expectTypeOf<NewBooking['seat_number']>().toEqualTypeOf<string | null | undefined>()
    expectTypeOf<NewBooking['currency']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<NewBooking['refund_amount']>().toEqualTypeOf<string | number | undefined>()
    expectTypeOf<NewBooking['total_amount']>().toEqualTypeOf<string | number>()
    expectTypeOf<NewRaw['raw_id']>().toEqualTypeOf<string | number | bigint | undefined>()
    expectTypeOf<NewRaw['loaded_at']>().toEqualTypeOf<Date | string | undefined>()
    db.insertInto('staging.bookings_raw').values({
      source_file: 'f.csv',
      booking_reference: 'ABC123',
      customer_id: 'C1',
      flight_number: 'RS1',
      flight_date: '2024-01-01',
      booking_date: '2023-12-01',
    })
    // @ts-expect-error: customer_id is NOT NULL without a default
    db.insertInto('staging.bookings_raw').values({
      source_file: 'f.csv',
      booking_reference: 'ABC123',
      flight_number: 'RS1',
      flight_date: '2024-01-01',
      booking_date: '2023-12-01',
    })
    db.insertInto('airline_dw.dim_customer').values({
      customer_key: 1,
      customer_id: 'C1',
      first_name: 'A',
      last_name: 'B',
      email: 'a@b.c',
      phone: '1',
      birth_date: '1980-01-01',
      // @ts-expect-error: NOT NULL column cannot be set to null
      city: null,
      country_code: 'US',
      loyalty_tier: 'NONE',
      join_date: new Date(),
      gender: null,
      loyalty_number: null,
    })
    db.insertInto('airline_dw.dim_date')
      // @ts-expect-error: year is NOT NULL
      .values({ date_key: 1, year: null })
  })
})

describe('flagship query row types', () => {
  it('types the rows', async () => {
    const rows = await onTimePerformance(db).execute()
    expectTypeOf(rows).toEqualTypeOf<
      {
        year: number
        month: number
        origin: string
        flights: number
        on_time_flights: number
        delayed_flights: number
        cancelled_flights: number
        diverted_flights: number
        on_time_rate: string | null
        avg_arrival_delay_minutes: string
      }[]
    >()
    const top = await flagshipQueries['top-routes'].build(db, { limit: 3 }).execute()
    expectTypeOf(top[0]?.load_factor).toEqualTypeOf<string | null | undefined>()
    expectTypeOf(top[0]?.passengers).toEqualTypeOf<number | undefined>()
  })
})
