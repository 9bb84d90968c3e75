import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFixture } from '../../test/airline-fixture.js'
import { createTempDatabase, pgSkipReason, type TempDatabase } from '../../test/pg-server.js'
import { renderPostgresDdl } from '../ddl/postgres/postgres-ddl.js'
import { airlineModel } from '../model/airline-model.js'
import type { AirlineDatabase } from '../model/database.js'
import { flagshipQueries } from './flagship-queries.js'

const skip = pgSkipReason()

// The hand-computed answers are asserted on PGlite (flagship-queries.test.ts); here every
// query must give the same rows on a real PostgreSQL 15 server over the same fixture.
describe.skipIf(skip !== undefined)('flagship queries on a real PostgreSQL server', () => {
  let temp: TempDatabase
  let server: Kysely<AirlineDatabase>
  let local: Kysely<AirlineDatabase>

  beforeAll(async () => {
    temp = await createTempDatabase('rsp_schema_queries')
    // DATE as UTC midnight, as PGlite returns it (pg would build a local-time Date).
    const types = {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 1082
          ? (v: string) => new Date(`${v}T00:00:00Z`)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    }
    server = new Kysely({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: temp.url, max: 2, types }),
      }),
    })
    local = new Kysely({ dialect: new PGliteDialect(await PGlite.create()) })
    for (const db of [server, local]) {
      for (const s of renderPostgresDdl(airlineModel).statements) await sql.raw(s).execute(db)
      await loadFixture(db)
    }
  })
  afterAll(async () => {
    await server?.destroy()
    await local?.destroy()
    await temp?.drop()
  })

  for (const q of Object.values(flagshipQueries)) {
    it(q.name, async () => {
      const onServer = await q.build(server).execute()
      expect(onServer.length).toBeGreaterThan(0)
      expect(onServer).toEqual(await q.build(local).execute())
    })
  }
})
