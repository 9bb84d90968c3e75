// A database built by the migrations must be the database the model describes — tables,
// columns in order with types, NULL, defaults and comments, keys — so a model change without
// a migration (or a migration the model does not follow) fails here, naming what differs. And
// a database at 0001 (a deployment made before 0002) migrates forward with 0002 alone,
// keeping its rows.
import { PGlite } from '@electric-sql/pglite'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createTempDatabase, pgSkipReason } from '../../test/pg-server.js'
import { renderPostgresDdl } from '../ddl/postgres/postgres-ddl.js'
import { airlineModel } from '../model/airline-model.js'
import { MIGRATION_0001 } from './0001-airline-star-schema.js'
import { MIGRATION_0002 } from './0002-booking-baggage-fee.js'
import { AIRLINE_MIGRATION_NAMES, airlineMigrations } from './airline-migrations.js'

/** What a database holds of the airline schemas, as comparable rows. */
async function catalog(db: Kysely<unknown>) {
  const columns = await sql<Record<string, unknown>>`
    select c.table_schema, c.table_name, c.ordinal_position, c.column_name, c.data_type,
      c.character_maximum_length, c.numeric_precision, c.numeric_scale, c.is_nullable,
      c.column_default, c.is_identity,
      col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position::int) as comment
    from information_schema.columns c
    where c.table_schema in ('airline_dw', 'staging')
    order by c.table_schema, c.table_name, c.ordinal_position`.execute(db)
  const constraints = await sql<Record<string, unknown>>`
    select conrelid::regclass::text as table_name, conname, pg_get_constraintdef(oid) as definition
    from pg_constraint where connamespace in ('airline_dw'::regnamespace, 'staging'::regnamespace)
    order by 1, 2`.execute(db)
  const tables = await sql<Record<string, unknown>>`
    select n.nspname, c.relname, obj_description(c.oid, 'pg_class') as comment
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('airline_dw', 'staging') and c.relkind = 'r' order by 1, 2`.execute(db)
  return { columns: columns.rows, constraints: constraints.rows, tables: tables.rows }
}

/** `schema.table`: column, column, … in the database's order. */
async function columnOrder(db: Kysely<unknown>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  for (const c of (await catalog(db)).columns) {
    const key = `${c.table_schema}.${c.table_name}`
    out[key] = [...(out[key] ?? []), String(c.column_name)]
  }
  return out
}

function scenarios(open: () => Promise<{ db: Kysely<unknown>; close(): Promise<void> }>) {
  const opened: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const close of opened.reverse()) await close()
  })
  const fresh = async () => {
    const o = await open()
    opened.push(o.close)
    return o.db
  }

  it('a fresh database built from every migration is the database the model describes, column order included', async () => {
    const migrated = await fresh()
    const { error, results } = await new Migrator({
      db: migrated,
      provider: airlineMigrations({ target: 'postgres' }),
    }).migrateToLatest()
    expect(error).toBeUndefined()
    expect(results?.map((r) => r.migrationName)).toEqual(AIRLINE_MIGRATION_NAMES)
    const modelled = await fresh()
    for (const s of renderPostgresDdl(airlineModel).statements) await sql.raw(s).execute(modelled)
    expect(await catalog(migrated)).toEqual(await catalog(modelled))
    // The model's own column order (what CSV column lists and Parquet positions follow).
    const order = await columnOrder(migrated)
    for (const t of Object.values(airlineModel.tables))
      expect(order[`${t.schema}.${t.name}`], `${t.schema}.${t.name}`).toEqual(
        Object.keys(t.columns),
      )
  })

  it('a database at 0001 migrates forward with 0002 alone; its bookings read baggage_fee 0', async () => {
    const db = await fresh()
    const migrator = new Migrator({ db, provider: airlineMigrations({ target: 'postgres' }) })
    const first = await migrator.migrateTo(MIGRATION_0001.name)
    expect(first.error).toBeUndefined()
    // A deployment of 0001 with data: one booking and what it references.
    const rows0001 = [
      `INSERT INTO airline_dw.dim_date VALUES (20240104, '2024-01-04', 2024, 1, 1, 'January', 4, 4, 'Thursday', 1, false, false, NULL, 2024, 2)`,
      `INSERT INTO airline_dw.dim_airport (airport_key, airport_code, airport_name, city, country, country_code, region, latitude, longitude, timezone, valid_from) VALUES (1, 'ATL', 'Atlanta', 'Atlanta', 'United States', 'US', 'North America', 33.6, -84.4, 'America/New_York', '2024-01-01')`,
      `INSERT INTO airline_dw.dim_aircraft VALUES (1, 'N100RP', '738', 'Boeing', '737-800', 'narrowbody', 0, 16, 0, 150, 166, 2900, 520, 2000, 2015, '2015-06-01')`,
      `INSERT INTO airline_dw.dim_flight (flight_key, airline_code, flight_number, origin_airport_key, destination_airport_key, aircraft_key, scheduled_departure_time, scheduled_arrival_time, scheduled_duration_minutes, distance_miles, route_type, valid_from) VALUES (1, 'RP', 'RP1', 1, 1, 1, '08:00', '09:00', 60, 100, 'domestic', '2024-01-01')`,
      `INSERT INTO airline_dw.dim_customer (customer_key, customer_id, first_name, last_name, email, phone, birth_date, city, country_code, loyalty_tier, join_date) VALUES (1, 'C1', 'A', 'B', 'a@b.c', '+1', '1980-01-01', 'Atlanta', 'US', 'NONE', '2020-01-01')`,
      `INSERT INTO airline_dw.fact_flight_operations (operation_key, flight_key, date_key, origin_airport_key, destination_airport_key, aircraft_key, scheduled_departure, scheduled_arrival, passengers_first, passengers_business, passengers_premium_economy, passengers_economy, total_passengers, cargo_weight_kg, mail_weight_kg, flight_status) VALUES (1, 1, 20240104, 1, 1, 1, '2024-01-04 13:00', '2024-01-04 14:00', 0, 0, 0, 1, 1, 0, 0, 'ON_TIME')`,
      `INSERT INTO airline_dw.fact_bookings (booking_key, booking_reference, customer_key, flight_key, operation_key, booking_date_key, flight_date_key, cabin_class, fare_class, booking_channel, booking_status, lead_time_days, base_fare, taxes, fees, bags_checked, bag_fees, total_amount, miles_earned, created_at) VALUES (1, 'ABC123', 1, 1, 1, 20240104, 20240104, 'ECONOMY', 'Y', 'WEB', 'CONFIRMED', 1, 100, 7.5, 0, 1, 35, 142.5, 500, '2024-01-04 08:00')`,
    ]
    for (const statement of rows0001) await sql.raw(statement).execute(db)
    const forward = await migrator.migrateToLatest()
    expect(forward.error).toBeUndefined()
    expect(forward.results).toEqual([
      { migrationName: MIGRATION_0002.name, direction: 'Up', status: 'Success' },
    ])
    const rows = await sql<{ baggage_fee: string }>`
      select baggage_fee from airline_dw.fact_bookings`.execute(db)
    expect(rows.rows).toEqual([{ baggage_fee: '0.00' }])
    expect((await columnOrder(db))['airline_dw.fact_bookings']).toEqual(
      Object.keys(airlineModel.tables.fact_bookings.columns),
    )
  })

  it('adopts a database made from the current model (ifNotExists): records every migration, changes nothing', async () => {
    const db = await fresh()
    for (const s of renderPostgresDdl(airlineModel).statements) await sql.raw(s).execute(db)
    const before = await catalog(db)
    const { error, results } = await new Migrator({
      db,
      provider: airlineMigrations({ target: 'postgres', ifNotExists: true }),
    }).migrateToLatest()
    expect(error).toBeUndefined()
    expect(results?.map((r) => r.migrationName)).toEqual(AIRLINE_MIGRATION_NAMES)
    expect(await catalog(db)).toEqual(before)
  })
}

describe('the migrations on PGlite', () => {
  scenarios(async () => {
    const pglite = await PGlite.create()
    const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) })
    return {
      db,
      async close() {
        await db.destroy()
        if (!pglite.closed) await pglite.close()
      },
    }
  })
})

describe.skipIf(pgSkipReason() !== undefined)('the migrations on a real PostgreSQL server', () => {
  scenarios(async () => {
    const temp = await createTempDatabase('rsp_schema_history')
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: temp.url, max: 2 }) }),
    })
    return {
      db,
      async close() {
        await db.destroy()
        await temp.drop()
      },
    }
  })
})
