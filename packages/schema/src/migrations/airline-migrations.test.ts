import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  sql,
} from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTempDatabase, pgSkipReason } from '../../test/pg-server.js'
import { toScript } from '../ddl/ddl-renderer.js'
import { renderPostgresDdl } from '../ddl/postgres/postgres-ddl.js'
import { renderRedshiftDdl } from '../ddl/redshift/redshift-ddl.js'
import { SchemaError } from '../errors.js'
import { airlineModel } from '../model/airline-model.js'
import { MIGRATION_0001, MODEL_0001 } from './0001-airline-star-schema.js'
import { MIGRATION_0002 } from './0002-booking-baggage-fee.js'
import { MIGRATION_0003 } from './0003-domain-views-and-freshness.js'
import { MIGRATION_0004 } from './0004-etl-delete-index.js'
import {
  AIRLINE_MIGRATION_NAMES,
  AIRLINE_SCHEMA_MIGRATION,
  airlineMigrations,
  modelAfterMigrations,
} from './airline-migrations.js'
import type { AirlineMigration } from './migration-step.js'

const AIRLINE_MIGRATIONS_FOR_TEST = () => [
  MIGRATION_0001,
  MIGRATION_0002,
  MIGRATION_0003,
  MIGRATION_0004,
]

const golden = (file: string) =>
  readFileSync(new URL(`./__golden__/${file}`, import.meta.url), 'utf8')

const countTables = async (db: Kysely<unknown>) =>
  (await db.introspection.getTables()).filter((t) =>
    (airlineModel.schemas as readonly string[]).includes(t.schema ?? ''),
  ).length
const TABLES_0001 = 10

/** The airline schemas' indexes other than the primary keys'. */
const indexNames = async (db: Kysely<unknown>) =>
  (
    await sql<{ indexname: string }>`select indexname from pg_indexes
      where schemaname in (${sql.join([...airlineModel.schemas])}) and indexname not like '%_pkey'
      order by 1`.execute(db)
  ).rows.map((r) => r.indexname)

const success = (names: readonly string[], direction: 'Up' | 'Down') =>
  names.map((migrationName) => ({ migrationName, direction, status: 'Success' }))

async function upAndDown(db: Kysely<unknown>) {
  const migrator = new Migrator({ db, provider: airlineMigrations({ target: 'postgres' }) })
  const up = await migrator.migrateToLatest()
  expect(up.error).toBeUndefined()
  expect(up.results).toEqual(success(AIRLINE_MIGRATION_NAMES, 'Up'))
  // Kysely's introspection lists views with the tables.
  const relations = Object.keys(airlineModel.tables).length + Object.keys(airlineModel.views).length
  expect(await countTables(db)).toBe(relations)
  expect((await migrator.migrateToLatest()).results).toEqual([])
  expect(await indexNames(db)).toEqual(['fact_bookings_operation_key_idx'])
  // Down one step at a time, newest first: 0004 drops its index, 0003 its views, table and
  // schema, 0002 its column, 0001 the tables.
  const down4 = await migrator.migrateDown()
  expect(down4.error).toBeUndefined()
  expect(down4.results).toEqual(success([MIGRATION_0004.name], 'Down'))
  expect(await indexNames(db)).toEqual([])
  expect(await countTables(db)).toBe(relations)
  const down3 = await migrator.migrateDown()
  expect(down3.error).toBeUndefined()
  expect(down3.results).toEqual(success([MIGRATION_0003.name], 'Down'))
  expect(await countTables(db)).toBe(TABLES_0001)
  const down = await migrator.migrateDown()
  expect(down.error).toBeUndefined()
  expect(down.results).toEqual(success([MIGRATION_0002.name], 'Down'))
  expect(await countTables(db)).toBe(TABLES_0001)
  expect((await migrator.migrateDown()).results).toEqual(success([MIGRATION_0001.name], 'Down'))
  expect(await countTables(db)).toBe(0)
}

/** A Kysely whose driver records the SQL it is sent (no Redshift here). */
function recordingKysely(answer: (sql: string) => unknown[] = () => []) {
  const sent: string[] = []
  const connection: DatabaseConnection = {
    async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
      sent.push(q.sql)
      return { rows: answer(q.sql) as R[] }
    },
    async *streamQuery() {},
  }
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {},
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: async () => {},
  }
  const db = new Kysely<unknown>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
  return { db, sent }
}

describe('airlineMigrations', () => {
  describe('on PGlite', () => {
    let pglite: PGlite
    beforeAll(async () => {
      pglite = await PGlite.create()
    })
    it('migrates up and down', async () => {
      const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) })
      try {
        await upAndDown(db)
      } finally {
        await db.destroy()
      }
    })
  })

  const skip = pgSkipReason()
  describe.skipIf(skip !== undefined)('on a real PostgreSQL server', () => {
    const cleanup: (() => Promise<void>)[] = []
    afterAll(async () => {
      for (const c of cleanup.reverse()) await c()
    })
    it('migrates up and down through pg', async () => {
      const temp = await createTempDatabase('rsp_schema_migrate')
      cleanup.push(() => temp.drop())
      const db = new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: temp.url, max: 2 }) }),
      })
      cleanup.push(() => db.destroy())
      await upAndDown(db)
    })
  })

  it('sends the Redshift DDL through whatever dialect it is given: 0001 as shipped, then ADD COLUMN', async () => {
    const { db, sent } = recordingKysely()
    const migrations = await airlineMigrations({ target: 'redshift' }).getMigrations()
    expect(Object.keys(migrations)).toEqual(AIRLINE_MIGRATION_NAMES)
    await migrations[AIRLINE_SCHEMA_MIGRATION]?.up(db)
    expect(toScript(sent)).toBe(golden('0001_airline_star_schema.redshift.sql'))
    sent.length = 0
    await migrations[MIGRATION_0002.name]?.up(db)
    expect(sent).toEqual([
      'ALTER TABLE "airline_dw"."fact_bookings" ADD COLUMN "baggage_fee" DECIMAL(10,2) DEFAULT 0 ENCODE AZ64 NOT NULL',
      `COMMENT ON COLUMN "airline_dw"."fact_bookings"."baggage_fee" IS 'Excess-baggage charges at check-in (overweight, oversize bags); 0 unless flown; not in total_amount'`,
    ])
    sent.length = 0
    await migrations[MIGRATION_0003.name]?.up(db)
    expect(sent.map((q) => q.split('\n')[0])).toEqual([
      'CREATE SCHEMA "rsp_meta"',
      'CREATE TABLE "rsp_meta"."freshness_marker" (',
      `COMMENT ON TABLE "rsp_meta"."freshness_marker" IS '${MIGRATION_0003.steps[1]?.kind === 'create-table' ? MIGRATION_0003.steps[1].table.comment : ''}'`,
      `COMMENT ON COLUMN "rsp_meta"."freshness_marker"."marker_id" IS 'Which probe wrote the row'`,
      `COMMENT ON COLUMN "rsp_meta"."freshness_marker"."written_at" IS 'UTC, when the producer wrote the marker'`,
      'CREATE VIEW "airline_dw"."v_route_performance" AS SELECT o."airport_code" AS "origin_airport_code", d."airport_code" AS "destination_airport_code",',
      expect.stringMatching(/^COMMENT ON VIEW "airline_dw"\."v_route_performance" IS 'Per route/),
      'CREATE VIEW "airline_dw"."v_customer_360" AS SELECT c."customer_key", c."customer_id", c."loyalty_tier", c."lifetime_miles", c."country_code", c."join_date",',
      expect.stringMatching(/^COMMENT ON VIEW "airline_dw"\."v_customer_360" IS 'Per customer/),
    ])
    // Redshift DDL of the marker table: DISTSTYLE ALL and a COMPOUND sort key, ENCODE per column.
    expect(sent[1]).toBe(
      [
        'CREATE TABLE "rsp_meta"."freshness_marker" (',
        '  "marker_id" VARCHAR(64) ENCODE ZSTD NOT NULL,',
        '  "written_at" TIMESTAMP ENCODE AZ64 NOT NULL,',
        '  PRIMARY KEY ("marker_id")',
        ')',
        'DISTSTYLE ALL',
        'COMPOUND SORTKEY ("marker_id")',
      ].join('\n'),
    )
    // 0004's index: Redshift has no indexes, so the migration runs nothing, up or down.
    sent.length = 0
    await migrations[MIGRATION_0004.name]?.up(db)
    await migrations[MIGRATION_0004.name]?.down?.(db)
    expect(sent).toEqual([])
    sent.length = 0
    await migrations[MIGRATION_0003.name]?.down?.(db)
    expect(sent).toEqual([
      'DROP VIEW IF EXISTS "airline_dw"."v_customer_360"',
      'DROP VIEW IF EXISTS "airline_dw"."v_route_performance"',
      'DROP TABLE IF EXISTS "rsp_meta"."freshness_marker"',
      'DROP SCHEMA IF EXISTS "rsp_meta"',
    ])
    sent.length = 0
    await migrations[MIGRATION_0002.name]?.down?.(db)
    expect(sent).toEqual(['ALTER TABLE "airline_dw"."fact_bookings" DROP COLUMN "baggage_fee"'])
    sent.length = 0
    await migrations[AIRLINE_SCHEMA_MIGRATION]?.down?.(db)
    expect(toScript(sent)).toBe(golden('0001_airline_star_schema.redshift.down.sql'))
  })

  it('0004 on PostgreSQL: CREATE INDEX on fact_bookings(operation_key), quoted, with its comment; IF NOT EXISTS to adopt; DROP INDEX down', async () => {
    const comment =
      'Serves the foreign-key check of deleting flight operations (rsp etl replacing a day); PostgreSQL only'
    const create =
      'CREATE INDEX "fact_bookings_operation_key_idx" ON "airline_dw"."fact_bookings" ("operation_key")'
    const plain = recordingKysely()
    const migrations = await airlineMigrations({ target: 'postgres' }).getMigrations()
    await migrations[MIGRATION_0004.name]?.up(plain.db)
    expect(plain.sent).toEqual([
      create,
      `COMMENT ON INDEX "airline_dw"."fact_bookings_operation_key_idx" IS '${comment}'`,
    ])
    plain.sent.length = 0
    await migrations[MIGRATION_0004.name]?.down?.(plain.db)
    expect(plain.sent).toEqual([
      'DROP INDEX IF EXISTS "airline_dw"."fact_bookings_operation_key_idx"',
    ])
    const adopt = recordingKysely()
    const again = await airlineMigrations({ target: 'postgres', ifNotExists: true }).getMigrations()
    await again[MIGRATION_0004.name]?.up(adopt.db)
    expect(adopt.sent[0]).toBe(
      'CREATE INDEX IF NOT EXISTS "fact_bookings_operation_key_idx" ON "airline_dw"."fact_bookings" ("operation_key")',
    )
    // The model renders the same index after the table (PostgreSQL), and none for Redshift.
    expect(renderPostgresDdl(airlineModel).statements).toContain(create)
    expect(renderRedshiftDdl(airlineModel).script).not.toMatch(/INDEX/)
  })

  it('with ifNotExists, adds a column only where the table lacks it (Redshift has no ADD COLUMN IF NOT EXISTS)', async () => {
    const has = recordingKysely((q) => (q.includes('information_schema.columns') ? [{ n: 1 }] : []))
    const provider = airlineMigrations({ target: 'redshift', ifNotExists: true })
    await (await provider.getMigrations())[MIGRATION_0002.name]?.up(has.db)
    expect(has.sent).toHaveLength(1)
    expect(has.sent[0]).toMatch(/^select count\(\*\) as n from information_schema\.columns/)
    const lacks = recordingKysely((q) =>
      q.includes('information_schema.columns') ? [{ n: '0' }] : [],
    )
    await (await provider.getMigrations())[MIGRATION_0002.name]?.up(lacks.db)
    expect(lacks.sent.slice(1)).toHaveLength(2)
    expect(lacks.sent[1]).toMatch(/^ALTER TABLE "airline_dw"\."fact_bookings" ADD COLUMN/)
  })

  it('refuses an unknown target before anything runs', () => {
    expect(() => airlineMigrations({ target: 'mysql' as 'postgres' })).toThrow(SchemaError)
  })
})

describe('0001_airline_star_schema is frozen as shipped', () => {
  it.each([
    ['redshift', renderRedshiftDdl],
    ['postgres', renderPostgresDdl],
  ] as const)(
    'renders the %s DDL it shipped with, byte for byte (create, create if not exists, drop)',
    (target, render) => {
      const ddl = render(MODEL_0001)
      expect(ddl.script).toBe(golden(`0001_airline_star_schema.${target}.sql`))
      expect(ddl.dropScript).toBe(golden(`0001_airline_star_schema.${target}.down.sql`))
      expect(render(MODEL_0001, { ifNotExists: true }).script).toBe(
        golden(`0001_airline_star_schema.${target}.if-not-exists.sql`),
      )
    },
  )
})

describe('the migrations are the model’s history', () => {
  it('build the model: every table and column, in the model’s column order, with its type, NULL, default, ENCODE and comment', () => {
    const built = modelAfterMigrations()
    const shape = (m: typeof built) =>
      Object.fromEntries(
        Object.entries(m.tables).map(([k, t]) => [
          k,
          {
            ...t,
            columns: Object.entries(t.columns).map(([name, c]) => ({
              name,
              type: c.type,
              nullable: c.nullable,
              hasDefault: c.hasDefault,
              default: c.default,
              identity: c.identity,
              encode: c.encode,
              comment: c.comment,
            })),
          },
        ]),
      )
    expect(shape(built)).toEqual(shape(airlineModel))
    expect(built.schemas).toEqual(airlineModel.schemas)
    // The views too: name, comment, query, what they read, and their columns' definitions.
    const views = (m: typeof built) =>
      Object.fromEntries(
        Object.entries(m.views ?? {}).map(([k, v]) => [
          k,
          {
            ...v,
            columns: Object.entries(v.columns).map(([name, c]) => ({
              name,
              type: c.type,
              nullable: c.nullable,
              encode: c.encode,
              comment: c.comment,
            })),
          },
        ]),
      )
    expect(views(built)).toEqual(views(airlineModel))
    expect(Object.keys(built.views ?? {})).toEqual(Object.keys(airlineModel.views))
    // The same DDL follows, for both targets.
    expect(renderRedshiftDdl(built).script).toBe(renderRedshiftDdl(airlineModel).script)
    expect(renderPostgresDdl(built).script).toBe(renderPostgresDdl(airlineModel).script)
  })

  const addColumn = (definition: object, column = 'extra', table = 'fact_bookings') =>
    [
      MIGRATION_0001,
      {
        name: '0002_test',
        steps: [{ kind: 'add-column', schema: 'airline_dw', table, column, definition }],
      },
    ] as AirlineMigration[]
  const decimal = { kind: 'decimal', precision: 10, scale: 2 }

  it.each([
    [
      'an IDENTITY column',
      addColumn({ type: { kind: 'bigint' }, nullable: false, hasDefault: true, identity: true }),
      /IDENTITY/,
    ],
    [
      'a NOT NULL column without a DEFAULT',
      addColumn({ type: decimal, nullable: false, hasDefault: false, identity: false }),
      /needs a DEFAULT/,
    ],
    [
      'a column that exists',
      addColumn({ type: decimal, nullable: true, hasDefault: false, identity: false }, 'fees'),
      /exists already/,
    ],
    [
      'a column of a table that does not exist',
      addColumn({ type: decimal, nullable: true, hasDefault: false, identity: false }, 'x', 'nope'),
      /no such table/,
    ],
  ])('refuse %s, naming the migration', (_, migrations, message) => {
    expect(() => modelAfterMigrations(migrations)).toThrow(SchemaError)
    expect(() => modelAfterMigrations(migrations)).toThrow(/^0002_test\.steps\[0\]/)
    expect(() => modelAfterMigrations(migrations)).toThrow(message)
  })

  it('refuse a view reading a column that does not exist, and a second schema of one name', () => {
    const view = MIGRATION_0003.steps[2]
    if (view?.kind !== 'create-view') throw new Error('0003 step 2 is a view')
    const bad = {
      ...view,
      view: {
        ...view.view,
        reads: [{ schema: 'airline_dw', table: 'dim_airport', columns: ['airport_cod'] }],
      },
    }
    const history = [MIGRATION_0001, MIGRATION_0002, { name: '0003_test', steps: [bad] }]
    expect(() => modelAfterMigrations(history as AirlineMigration[])).toThrow(
      /views\.v_route_performance\.reads\[0\]\.columns: dim_airport has no column "airport_cod"/,
    )
    const twice = [
      ...AIRLINE_MIGRATIONS_FOR_TEST(),
      { name: '0009_test', steps: [{ kind: 'create-schema', schema: 'rsp_meta' }] },
    ]
    expect(() => modelAfterMigrations(twice as AirlineMigration[])).toThrow(
      /^0009_test\.steps\[0\].*the schema exists already/,
    )
  })

  it.each([
    [
      'a column the table lacks',
      { name: 'fact_bookings_x_idx', columns: ['x'] },
      /no column named "x"/,
    ],
    ['no column', { name: 'fact_bookings_none_idx', columns: [] }, /at least one column/],
    ['a column twice', { name: 'b_idx', columns: ['operation_key', 'operation_key'] }, /once/],
    [
      'the name of a table',
      { name: 'fact_flight_operations', columns: ['operation_key'] },
      /another relation of airline_dw/,
    ],
    [
      'the name of a primary key',
      { name: 'fact_bookings_pkey', columns: ['operation_key'] },
      /another relation/,
    ],
    ['a name over 63 bytes', { name: `i_${'x'.repeat(62)}`, columns: ['operation_key'] }, /63/],
  ])('refuse an index on %s, naming the migration', (_, index, message) => {
    const history = [
      ...AIRLINE_MIGRATIONS_FOR_TEST(),
      {
        name: '0009_test',
        steps: [{ kind: 'create-index', schema: 'airline_dw', table: 'fact_bookings', index }],
      },
    ] as AirlineMigration[]
    expect(() => modelAfterMigrations(history)).toThrow(
      /^0009_test\.steps\[0\]|tables\.fact_bookings\.indexes/,
    )
    expect(() => modelAfterMigrations(history)).toThrow(message)
  })

  it('refuse names that do not sort after the previous migration', () => {
    expect(() => modelAfterMigrations([MIGRATION_0002, MIGRATION_0001])).toThrow(
      /names must sort after the previous migration/,
    )
  })
})
