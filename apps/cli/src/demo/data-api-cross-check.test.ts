// Cross-package check that only the CLI can host (it depends on all of them): the schema's
// flagship queries return the same rows through the Redshift Data API dialect — the real SDK
// client against redshift-local's emulated Data API, paging 7 rows at a time — as through a
// PGlite dialect directly. The same generated data set goes to both: into PGlite with COPY,
// and into the emulated producer the Redshift way (the Redshift DDL migration through the
// dialect, gzip CSV parts uploaded to a local S3, COPY … MANIFEST through the Data API).
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data'
import { Upload } from '@aws-sdk/lib-storage'
import { PGlite } from '@electric-sql/pglite'
import { loadAirlineData, PGliteSink, S3CopySink } from '@redshift-playground/datagen'
import { RedshiftDataDialect } from '@redshift-playground/redshift-data'
import { type DataApiServer, startDataApiServer } from '@redshift-playground/redshift-local'
import {
  type AirlineDatabase,
  airlineMigrations,
  flagshipQueries,
} from '@redshift-playground/schema'
import { Kysely, Migrator } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_PRINCIPAL, type LocalAws, startLocalAws } from '../load/test-load-fakes.js'
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

const GENERATION = { seed: 7, scale: 0.001, workers: 0 } as const

describe('flagship queries: Data API dialect (emulated Redshift) vs PGlite direct', () => {
  let pglite: PGlite
  let direct: Kysely<AirlineDatabase>
  let aws: LocalAws
  let paged: DataApiServer
  let client: RedshiftDataClient
  let dataApi: Kysely<AirlineDatabase>

  beforeAll(async () => {
    pglite = new PGlite()
    direct = new Kysely<AirlineDatabase>({ dialect: new PGliteDialect(pglite) })
    await migrateLocal(direct)
    await loadAirlineData({ ...GENERATION, sink: new PGliteSink({ db: pglite }) })

    aws = await startLocalAws({ buckets: ['rsp-cross-check'] })
    // Results in pages of 7 rows (GetStatementResult + NextToken, R-API-12).
    paged = await startDataApiServer({ redshift: aws.rs, pageSize: 7, principals: [CLI_PRINCIPAL] })
    client = new RedshiftDataClient({
      endpoint: paged.url,
      region: 'us-east-1',
      credentials: CLI_PRINCIPAL,
    })
    dataApi = new Kysely<AirlineDatabase>({
      dialect: new RedshiftDataDialect({
        client,
        workgroupName: aws.producer.workgroup,
        database: 'dev',
        secretArn: aws.producer.adminSecretArn,
        polling: { initialDelayMs: 1, maxDelayMs: 5 },
        int8: 'number',
      }),
    })
    const { error } = await new Migrator({
      db: dataApi,
      provider: airlineMigrations({ target: 'redshift' }),
    }).migrateToLatest()
    if (error) throw error
    await loadAirlineData({
      ...GENERATION,
      sink: new S3CopySink({
        client: aws.s3,
        upload: Upload,
        s3Prefix: 's3://rsp-cross-check/airline',
        db: dataApi,
      }),
    })
  }, 240_000)
  afterAll(async () => {
    await dataApi?.destroy()
    client?.destroy()
    await paged?.close()
    await aws?.close()
    await pglite?.close()
  })

  it('R-COPY-4: both hold the same rows', async () => {
    const viaCopy = await aws.counts()
    for (const [table, n] of Object.entries(viaCopy)) {
      const r = await pglite.query<{ n: number }>(
        `select count(*)::int as n from airline_dw.${table}`,
      )
      expect([table, n]).toEqual([table, r.rows[0]?.n])
    }
  })

  it.each(Object.keys(flagshipQueries))(
    'R-API-10, R-API-12: %s returns identical rows',
    async (name) => {
      const q = flagshipQueries[name as keyof typeof flagshipQueries]
      const viaPglite = normalise(await q.build(direct).execute())
      const viaDataApi = normalise(await q.build(dataApi).execute())
      // At scale 0.001 the generator may cancel no flight (1–2 % of a few hundred operations).
      if (name !== 'cancellations-by-cause') expect(viaPglite.length).toBeGreaterThan(0)
      expect(viaDataApi).toEqual(viaPglite)
    },
  )
})
