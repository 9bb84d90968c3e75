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
} from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTempDatabase, pgSkipReason } from '../../test/pg-server.js'
import { renderRedshiftDdl } from '../ddl/redshift/redshift-ddl.js'
import { SchemaError } from '../errors.js'
import { airlineModel } from '../model/airline-model.js'
import { AIRLINE_SCHEMA_MIGRATION, airlineMigrations } from './airline-migrations.js'

const countTables = async (db: Kysely<unknown>) =>
  (await db.introspection.getTables()).filter((t) =>
    ['airline_dw', 'staging'].includes(t.schema ?? ''),
  ).length

async function upAndDown(db: Kysely<unknown>) {
  const migrator = new Migrator({ db, provider: airlineMigrations({ target: 'postgres' }) })
  const up = await migrator.migrateToLatest()
  expect(up.error).toBeUndefined()
  expect(up.results).toEqual([
    { migrationName: AIRLINE_SCHEMA_MIGRATION, direction: 'Up', status: 'Success' },
  ])
  expect(await countTables(db)).toBe(Object.keys(airlineModel.tables).length)
  expect((await migrator.migrateToLatest()).results).toEqual([])
  const down = await migrator.migrateDown()
  expect(down.error).toBeUndefined()
  expect(await countTables(db)).toBe(0)
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

  it('sends the Redshift DDL through whatever dialect it is given', async () => {
    // No Redshift here: a recording driver stands in to show which SQL the migration sends.
    const sent: string[] = []
    const connection: DatabaseConnection = {
      async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
        sent.push(q.sql)
        return { rows: [] }
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
    const provider = airlineMigrations({ target: 'redshift' })
    const migration = (await provider.getMigrations())[AIRLINE_SCHEMA_MIGRATION]
    await migration?.up(db)
    expect(sent).toEqual(renderRedshiftDdl(airlineModel).statements)
    sent.length = 0
    await migration?.down?.(db)
    expect(sent).toEqual(renderRedshiftDdl(airlineModel).dropStatements)
  })

  it('refuses an unknown target before anything runs', () => {
    expect(() => airlineMigrations({ target: 'mysql' as 'postgres' })).toThrow(SchemaError)
  })
})
