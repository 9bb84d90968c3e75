// `rsp etl` on a producer an earlier rsp loaded: the database records migrations up to 0003
// (Kysely's kysely_migration), so the ETL migrates it forward first — 0004's index on
// fact_bookings(operation_key), which a re-run's DELETE of the day's operations checks — then
// appends. A database made without the migrations is left alone.
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { loadAirlineData, PGliteSink } from '@redshift-playground/datagen'
import {
  AIRLINE_MIGRATION_NAMES,
  airlineMigrations,
  airlineModel,
  renderPostgresDdl,
} from '@redshift-playground/schema'
import { Kysely, Migrator, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { beforeAll, describe, expect, it } from 'vitest'
import { usingLocalWarehouse } from '../local/local-warehouse.js'
import { runCli, tempProject } from '../test-cli.js'
import { migrateForward } from './etl-targets.js'

const LOAD = { seed: 3, scale: 0.05, startDate: '2024-01-01', days: 10 } as const
const FLAGS = ['--target', 'local', '--dir', 'db', '--seed', '3', '--scale', '0.05']
const AT_0003 = AIRLINE_MIGRATION_NAMES[2] as string
const INDEX = airlineModel.tables.fact_bookings.indexes?.[0]?.name

// biome-ignore lint/suspicious/noExplicitAny: catalog reads
const indexes = async (db: Kysely<any>) =>
  (
    await sql<{ indexname: string }>`select indexname from pg_indexes
      where schemaname = 'airline_dw' and indexname not like '%_pkey' order by 1`.execute(db)
  ).rows.map((r) => r.indexname)

let cwd: string
beforeAll(async () => {
  cwd = tempProject({ project: 'airline' })
  await usingLocalWarehouse({ dir: join(cwd, 'db'), create: true }, async (w) => {
    const migrator = new Migrator({
      db: w.producer,
      provider: airlineMigrations({ target: 'postgres' }),
    })
    const { error } = await migrator.migrateTo(AT_0003)
    if (error) throw error
    await loadAirlineData({ ...LOAD, workers: 0, sink: new PGliteSink({ db: w.pglite }) })
  })
}, 120_000)

describe('rsp etl on a producer at 0003', { timeout: 120_000 }, () => {
  it('migrates it forward with 0004 (the index on fact_bookings.operation_key), then appends', async () => {
    expect(INDEX).toBe('fact_bookings_operation_key_idx')
    const r = await runCli(
      ['etl', ...FLAGS, '--load-days', String(LOAD.days), '--days', '2', '--json'],
      { cwd },
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.migrations).toEqual(AIRLINE_MIGRATION_NAMES.slice(3))
    expect(out.batches).toHaveLength(2)
    await usingLocalWarehouse({ dir: join(cwd, 'db') }, async (w) => {
      expect(await indexes(w.producer)).toEqual([INDEX])
    })
    // Up to date now: the next run migrates nothing, and says nothing about it.
    const again = await runCli(['etl', ...FLAGS, '--load-days', String(LOAD.days)], { cwd })
    expect(again.code).toBe(0)
    expect(again.stdout).not.toMatch(/migrated/)
  })

  it('leaves a database whose schema was not made by the migrations as it is', async () => {
    const pglite = await PGlite.create()
    const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) })
    try {
      for (const s of renderPostgresDdl(airlineModel).statements) await sql.raw(s).execute(db)
      await sql.raw(`DROP INDEX "airline_dw"."${INDEX}"`).execute(db)
      expect(await migrateForward(db)).toEqual([])
      expect(await indexes(db)).toEqual([])
      const recorded = await sql<{
        t: unknown
      }>`select to_regclass('kysely_migration') as t`.execute(db)
      expect(recorded.rows[0]?.t).toBeNull()
    } finally {
      await db.destroy()
    }
  })
})
