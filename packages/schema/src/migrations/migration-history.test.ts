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
import { MIGRATION_0003 } from './0003-domain-views-and-freshness.js'
import { MIGRATION_0004 } from './0004-etl-delete-index.js'
import { AIRLINE_MIGRATION_NAMES, airlineMigrations } from './airline-migrations.js'

const SCHEMAS = airlineModel.schemas

/** What a database holds of the airline schemas, as comparable rows (views included). */
async function catalog(db: Kysely<unknown>) {
  const columns = await sql<Record<string, unknown>>`
    select c.table_schema, c.table_name, c.ordinal_position, c.column_name, c.data_type,
      c.character_maximum_length, c.numeric_precision, c.numeric_scale, c.is_nullable,
      c.column_default, c.is_identity,
      col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position::int) as comment
    from information_schema.columns c
    where c.table_schema in (${sql.join(SCHEMAS)})
    order by c.table_schema, c.table_name, c.ordinal_position`.execute(db)
  const constraints = await sql<Record<string, unknown>>`
    select c.conrelid::regclass::text as table_name, c.conname, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where n.nspname in (${sql.join(SCHEMAS)})
    order by 1, 2`.execute(db)
  const tables = await sql<Record<string, unknown>>`
    select n.nspname, c.relname, c.relkind, obj_description(c.oid, 'pg_class') as comment,
      case when c.relkind = 'v' then pg_get_viewdef(c.oid) end as definition
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in (${sql.join(SCHEMAS)}) and c.relkind in ('r', 'v') order by 1, 2`.execute(db)
  const indexes = await sql<Record<string, unknown>>`
    select i.schemaname, i.tablename, i.indexname, i.indexdef,
      obj_description(format('%I.%I', i.schemaname, i.indexname)::regclass, 'pg_class') as comment
    from pg_indexes i where i.schemaname in (${sql.join(SCHEMAS)}) order by 1, 2, 3`.execute(db)
  return {
    columns: columns.rows,
    constraints: constraints.rows,
    tables: tables.rows,
    indexes: indexes.rows,
  }
}

/** `schema.table(column, …)` of every index that is not a primary key's, from the catalog. */
async function secondaryIndexes(db: Kysely<unknown>): Promise<string[]> {
  const r = await sql<{ t: string; columns: string }>`
    select n.nspname || '.' || c.relname as t,
      (select string_agg(a.attname, ', ' order by k.n) from unnest(x.indkey) with ordinality k(attnum, n)
        join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum) as columns
    from pg_index x join pg_class c on c.oid = x.indrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in (${sql.join(SCHEMAS)}) and not x.indisprimary`.execute(db)
  return r.rows.map((row) => `${row.t}(${row.columns})`).sort()
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
    for (const t of [...Object.values(airlineModel.tables), ...Object.values(airlineModel.views)])
      expect(order[`${t.schema}.${t.name}`], `${t.schema}.${t.name}`).toEqual(
        Object.keys(t.columns),
      )
    // Every relation of the model, views too, and nothing else.
    expect(
      (await catalog(migrated)).tables.map((r) => `${r.relkind} ${r.nspname}.${r.relname}`).sort(),
    ).toEqual(
      [
        ...Object.values(airlineModel.tables).map((t) => `r ${t.schema}.${t.name}`),
        ...Object.values(airlineModel.views).map((v) => `v ${v.schema}.${v.name}`),
      ].sort(),
    )
  })

  it('each view has the column types the model declares, and reads exactly the columns it declares', async () => {
    const db = await fresh()
    for (const s of renderPostgresDdl(airlineModel).statements) await sql.raw(s).execute(db)
    const pgType: Record<string, (c: Record<string, unknown>) => string> = {
      'character varying': (c) => `varchar(${c.character_maximum_length})`,
      character: (c) => `char(${c.character_maximum_length})`,
      numeric: (c) => `decimal(${c.numeric_precision},${c.numeric_scale})`,
      'timestamp without time zone': () => 'timestamp',
    }
    const modelType = (t: { kind: string; length?: number; precision?: number; scale?: number }) =>
      t.kind === 'varchar' || t.kind === 'char'
        ? `${t.kind}(${t.length})`
        : t.kind === 'decimal'
          ? `decimal(${t.precision},${t.scale})`
          : t.kind
    const columns = (await catalog(db)).columns
    for (const v of Object.values(airlineModel.views)) {
      const actual = columns
        .filter((c) => c.table_schema === v.schema && c.table_name === v.name)
        .map((c) => [c.column_name, (pgType[String(c.data_type)] ?? (() => c.data_type))(c)])
      expect(actual, v.name).toEqual(
        Object.entries(v.columns).map(([n, c]) => [n, modelType(c.type)]),
      )
      const used = await sql<{ t: string; c: string }>`
        select table_schema || '.' || table_name as t, column_name as c
        from information_schema.view_column_usage
        where view_schema = ${v.schema} and view_name = ${v.name}`.execute(db)
      const byTable = (rows: { t: string; c: string }[]) =>
        Object.fromEntries(
          [...new Set(rows.map((r) => r.t))].sort().map((t) => [
            t,
            rows
              .filter((r) => r.t === t)
              .map((r) => r.c)
              .sort(),
          ]),
        )
      expect(byTable(used.rows), v.name).toEqual(
        byTable(v.reads.flatMap((r) => r.columns.map((c) => ({ t: `${r.schema}.${r.table}`, c })))),
      )
    }
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
      { migrationName: MIGRATION_0003.name, direction: 'Up', status: 'Success' },
      { migrationName: MIGRATION_0004.name, direction: 'Up', status: 'Success' },
    ])
    const rows = await sql<{ baggage_fee: string }>`
      select baggage_fee from airline_dw.fact_bookings`.execute(db)
    expect(rows.rows).toEqual([{ baggage_fee: '0.00' }])
    expect((await columnOrder(db))['airline_dw.fact_bookings']).toEqual(
      Object.keys(airlineModel.tables.fact_bookings.columns),
    )
    // 0003's views read the rows 0001 left: one route, one customer with one booking.
    const route = await sql<Record<string, unknown>>`
      select origin_airport_code, flights, on_time_flights, cancelled_flights, on_time_pct
      from airline_dw.v_route_performance`.execute(db)
    // BIGINT comes back as a string from pg and as a number from PGlite.
    const text = (rows: Record<string, unknown>[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])))
    expect(text(route.rows)).toEqual([
      {
        origin_airport_code: 'ATL',
        flights: '1',
        on_time_flights: '0',
        cancelled_flights: '0',
        on_time_pct: '0.00',
      },
    ])
    const customer = await sql<Record<string, unknown>>`
      select customer_key, bookings, gross_revenue, net_revenue from airline_dw.v_customer_360`.execute(
      db,
    )
    expect(text(customer.rows)).toEqual([
      { customer_key: '1', bookings: '1', gross_revenue: '142.50', net_revenue: '142.50' },
    ])
  })

  it('a database at 0003 migrates forward with 0004 alone: bookings get an index on operation_key, the foreign key an ETL delete checks', async () => {
    const db = await fresh()
    const migrator = new Migrator({ db, provider: airlineMigrations({ target: 'postgres' }) })
    expect((await migrator.migrateTo(MIGRATION_0003.name)).error).toBeUndefined()
    expect(await secondaryIndexes(db)).toEqual([])
    const forward = await migrator.migrateToLatest()
    expect(forward.error).toBeUndefined()
    expect(forward.results).toEqual([
      { migrationName: MIGRATION_0004.name, direction: 'Up', status: 'Success' },
    ])
    expect(await secondaryIndexes(db)).toEqual(['airline_dw.fact_bookings(operation_key)'])
    // Every foreign key into a fact table (what deleting a day's facts checks) has an index
    // leading with its columns; foreign keys into dimensions need none (dimensions are not
    // deleted by the ETL).
    const facts = Object.values(airlineModel.tables).flatMap((t) =>
      t.foreignKeys
        .filter((f) => f.references.table.startsWith('fact_'))
        .map((f) => `${t.schema}.${t.name}(${f.columns.join(', ')})`),
    )
    expect(facts).toEqual(['airline_dw.fact_bookings(operation_key)'])
    expect(await secondaryIndexes(db)).toEqual(facts)
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

// Each scenario builds a PGlite database from every migration: seconds alone, far more on a
// loaded 2-core machine, so these get more than the default 30 s.
describe('the migrations on PGlite', { timeout: 120_000 }, () => {
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

describe.skipIf(pgSkipReason() !== undefined)(
  'the migrations on a real PostgreSQL server',
  { timeout: 120_000 },
  () => {
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
  },
)
