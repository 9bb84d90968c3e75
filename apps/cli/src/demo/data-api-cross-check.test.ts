// Cross-package check that only the CLI can host (it depends on both): the schema's flagship
// queries return the same rows through the Redshift Data API dialect — on the PGlite-backed
// Data API fake, paging 7 rows at a time — as through a PGlite dialect directly, over data
// from the generator.
import { PGlite } from '@electric-sql/pglite'
import { loadAirlineData, PGliteSink } from '@redshift-playground/datagen'
import { RedshiftDataDialect } from '@redshift-playground/redshift-data'
import { createFakeDataApi, type FakeDataApi } from '@redshift-playground/redshift-data/testing'
import { type AirlineDatabase, flagshipQueries } from '@redshift-playground/schema'
import { Kysely } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateLocal } from '../local/local-warehouse.js'

const normalise = (rows: readonly Record<string, unknown>[]) =>
  rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v,
      ]),
    ),
  )

describe('flagship queries: Data API dialect (fake) vs PGlite direct', () => {
  let pglite: PGlite
  let fake: FakeDataApi
  let direct: Kysely<AirlineDatabase>
  let dataApi: Kysely<AirlineDatabase>

  beforeAll(async () => {
    pglite = new PGlite()
    direct = new Kysely<AirlineDatabase>({ dialect: new PGliteDialect(pglite) })
    await migrateLocal(direct)
    await loadAirlineData({
      seed: 7,
      scale: 0.001,
      workers: 0,
      sink: new PGliteSink({ db: pglite }),
    })
    fake = await createFakeDataApi({ pglite, pageSize: 7 })
    dataApi = new Kysely<AirlineDatabase>({
      dialect: new RedshiftDataDialect({
        client: fake.client,
        workgroupName: 'airline-analytics',
        database: 'dev',
        polling: { initialDelayMs: 1, maxDelayMs: 5 },
        int8: 'number',
      }),
    })
  }, 180_000)
  afterAll(async () => {
    await dataApi?.destroy()
    await fake?.close()
    await pglite?.close()
  })

  it.each(Object.keys(flagshipQueries))('%s returns identical rows', async (name) => {
    const q = flagshipQueries[name as keyof typeof flagshipQueries]
    const viaPglite = normalise(await q.build(direct).execute())
    const viaDataApi = normalise(await q.build(dataApi).execute())
    // At scale 0.001 the generator may cancel no flight (1–2 % of a few hundred operations).
    if (name !== 'cancellations-by-cause') expect(viaPglite.length).toBeGreaterThan(0)
    expect(viaDataApi).toEqual(viaPglite)
  })
})
