// The schema migrations on the emulated Redshift (redshift-local), sent the way `rsp load` and
// `rsp deploy` send them: `migrateProducer` through the Redshift Data API dialect and the real
// SDK client. A fresh database built from every migration must be the database the model's
// Redshift DDL makes, column order included; a database deployed at 0001, with rows, must
// migrate forward with 0002 alone (ALTER TABLE … ADD COLUMN), its rows reading the default.
//
// 0002's statement is Redshift's documented form with ENCODE (`ADD [COLUMN] name type [DEFAULT
// expr] [ENCODE encoding] [NOT NULL | NULL]`, DG:r_ALTER_TABLE), which redshift-local reads
// since D-19.
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data'
import {
  type DataApiServer,
  LocalRedshift,
  type NamespaceInfo,
  startDataApiServer,
} from '@redshift-playground/redshift-local'
import {
  AIRLINE_MIGRATION_NAMES,
  AIRLINE_SCHEMA_MIGRATION,
  airlineMigrations,
  airlineModel,
  renderRedshiftDdl,
} from '@redshift-playground/schema'
import { type Kysely, Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateProducer, producerKysely } from './redshift-load.js'

/** What the warehouse says of the airline tables' columns, in order, through the Data API. */
// biome-ignore lint/suspicious/noExplicitAny: any schema
async function columns(db: Kysely<any>) {
  const r = await sql<Record<string, unknown>>`
    select table_schema, table_name, ordinal_position, column_name, data_type,
      character_maximum_length, numeric_precision, numeric_scale, is_nullable, column_default
    from information_schema.columns where table_schema in ('airline_dw', 'staging', 'rsp_meta')
    order by table_schema, table_name, ordinal_position`.execute(db)
  return r.rows.map(
    (row): Record<string, unknown> => ({
      ...row,
      ordinal_position: Number(row.ordinal_position),
    }),
  )
}

/** `schema.table` → its column names, in the warehouse's order. */
// biome-ignore lint/suspicious/noExplicitAny: any schema
async function columnOrder(db: Kysely<any>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  for (const c of await columns(db)) {
    const key = `${c.table_schema}.${c.table_name}`
    out[key] = [...(out[key] ?? []), String(c.column_name)]
  }
  return out
}

/** Tables and views of the model (information_schema.columns lists both), columns in order. */
const modelOrder = Object.fromEntries(
  [...Object.values(airlineModel.tables), ...Object.values(airlineModel.views ?? {})].map((t) => [
    `${t.schema}.${t.name}`,
    Object.keys(t.columns),
  ]),
)

/** A deployment of 0001 with data: one booking and what it references. */
const ROWS_0001 = [
  `INSERT INTO airline_dw.dim_date VALUES (20240104, '2024-01-04', 2024, 1, 1, 'January', 4, 4, 'Thursday', 1, false, false, NULL, 2024, 2)`,
  `INSERT INTO airline_dw.dim_customer (customer_key, customer_id, first_name, last_name, email, phone, birth_date, city, country_code, loyalty_tier, join_date) VALUES (1, 'C1', 'A', 'B', 'a@b.c', '+1', '1980-01-01', 'Atlanta', 'US', 'NONE', '2020-01-01')`,
  `INSERT INTO airline_dw.fact_bookings (booking_key, booking_reference, customer_key, flight_key, operation_key, booking_date_key, flight_date_key, cabin_class, fare_class, booking_channel, booking_status, lead_time_days, base_fare, taxes, fees, bags_checked, bag_fees, total_amount, miles_earned, created_at) VALUES (1, 'ABC123', 1, 1, 1, 20240104, 20240104, 'ECONOMY', 'Y', 'WEB', 'CONFIRMED', 1, 100, 7.5, 0, 1, 35, 142.5, 500, '2024-01-04 08:00:00')`,
]

describe('schema migrations on the emulated Redshift, through the Data API dialect', () => {
  let rs: LocalRedshift
  let producer: NamespaceInfo
  let server: DataApiServer
  let data: RedshiftDataClient
  // biome-ignore lint/suspicious/noExplicitAny: any schema
  const opened: Kysely<any>[] = []

  beforeAll(async () => {
    rs = await LocalRedshift.create()
    producer = await rs.createNamespace({ name: 'producer' })
    server = await startDataApiServer({ redshift: rs })
    data = new RedshiftDataClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    })
    const admin = await rs.connect({
      workgroup: producer.workgroup,
      database: 'dev',
      identity: { kind: 'secret', arn: producer.adminSecretArn },
    })
    try {
      for (const name of ['migrated', 'modelled', 'deployed'])
        await admin.execute(`CREATE DATABASE ${name}`)
    } finally {
      await admin.close()
    }
  }, 120_000)
  afterAll(async () => {
    for (const db of opened) await db.destroy()
    await server?.close()
    await rs?.close()
  })

  const on = async (database: string) => {
    const db = await producerKysely(data, {
      workgroupName: producer.workgroup,
      database,
      secretArn: producer.adminSecretArn,
    })
    opened.push(db)
    return db
  }

  it('a fresh database built from every migration is the one the model’s Redshift DDL makes, column order included', {
    timeout: 180_000,
  }, async () => {
    const migrated = await on('migrated')
    expect(await migrateProducer(migrated)).toEqual(AIRLINE_MIGRATION_NAMES)
    // Up to date: nothing runs again.
    expect(await migrateProducer(migrated)).toEqual([])
    const modelled = await on('modelled')
    for (const s of renderRedshiftDdl(airlineModel).statements) await sql.raw(s).execute(modelled)
    expect(await columns(migrated)).toEqual(await columns(modelled))
    expect(await columnOrder(migrated)).toEqual(modelOrder)
  })

  it('a database deployed at 0001, with rows, migrates forward with the later migrations alone (0002 ALTER TABLE … ADD COLUMN, 0003 views and rsp_meta)', {
    timeout: 180_000,
  }, async () => {
    const deployed = await on('deployed')
    const first = await new Migrator({
      db: deployed,
      provider: airlineMigrations({ target: 'redshift', ifNotExists: true }),
    }).migrateTo(AIRLINE_SCHEMA_MIGRATION)
    expect(first.error).toBeUndefined()
    for (const s of ROWS_0001) await sql.raw(s).execute(deployed)
    expect((await columnOrder(deployed))['airline_dw.fact_bookings']).not.toContain('baggage_fee')

    expect(await migrateProducer(deployed)).toEqual(AIRLINE_MIGRATION_NAMES.slice(1))
    expect(await columnOrder(deployed)).toEqual(modelOrder)
    const rows = await sql<{ booking_key: number; baggage_fee: string }>`
      select booking_key, baggage_fee from airline_dw.fact_bookings`.execute(deployed)
    expect(rows.rows.map((r) => [Number(r.booking_key), Number(r.baggage_fee)])).toEqual([[1, 0]])
    const statements = await sql<{ n: number }>`
      select count(*) as n from kysely_migration`.execute(deployed)
    expect(Number(statements.rows[0]?.n)).toBe(AIRLINE_MIGRATION_NAMES.length)
  })
})
