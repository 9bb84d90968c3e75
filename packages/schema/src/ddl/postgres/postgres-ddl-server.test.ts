import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTempDatabase, pgSkipReason, type TempDatabase } from '../../../test/pg-server.js'
import { airlineModel } from '../../model/airline-model.js'
import { renderPostgresDdl } from './postgres-ddl.js'

const skip = pgSkipReason()
if (skip) console.warn(skip)

describe.skipIf(skip !== undefined)('renderPostgresDdl on a real PostgreSQL server', () => {
  let db: TempDatabase
  let client: pg.Client
  beforeAll(async () => {
    db = await createTempDatabase('rsp_schema_ddl')
    client = new pg.Client({ connectionString: db.url })
    await client.connect()
  })
  afterAll(async () => {
    await client?.end()
    await db?.drop()
  })

  it('applies cleanly (twice with ifNotExists) and creates every declared FK', async () => {
    const ddl = renderPostgresDdl(airlineModel, { ifNotExists: true })
    // One statement at a time, in a transaction: nothing is left half-applied on failure.
    await client.query('BEGIN')
    for (const s of ddl.statements) await client.query(s)
    await client.query('COMMIT')
    await client.query(ddl.script)
    const version = await client.query<{ v: string }>(
      `SELECT current_setting('server_version_num') AS v`,
    )
    expect(Number(version.rows[0]?.v)).toBeGreaterThanOrEqual(150000)
    const fks = await client.query<{ conname: string; t: string; r: string }>(
      `SELECT c.conname, c.conrelid::regclass::text AS t, c.confrelid::regclass::text AS r
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'f' AND n.nspname = 'airline_dw' ORDER BY 1`,
    )
    const expected = Object.values(airlineModel.tables)
      .flatMap((t) =>
        t.foreignKeys.map((f) => ({
          conname: `${t.name}_${f.columns.join('_')}_fkey`,
          t: `${t.schema}.${t.name}`,
          r: `${f.references.schema}.${f.references.table}`,
        })),
      )
      .sort((a, b) => (a.conname < b.conname ? -1 : 1))
    expect(fks.rows).toEqual(expected)
    const pks = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'p' AND n.nspname IN ('airline_dw', 'staging', 'rsp_meta')`,
    )
    expect(pks.rows[0]?.n).toBe(Object.keys(airlineModel.tables).length)
  })

  it('drops everything', async () => {
    await client.query(renderPostgresDdl(airlineModel).dropScript)
    const r = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname IN ('airline_dw', 'staging', 'rsp_meta')`,
    )
    expect(r.rows[0]?.n).toBe(0)
  })
})
