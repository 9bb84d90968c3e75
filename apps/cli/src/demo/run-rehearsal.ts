import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DiagnosticsReport } from '@redshift-playground/diagnostics'
import type { Kysely } from 'kysely'
import type { RspConfig } from '../config/config-schema.js'
import { type CostEstimate, estimateCost } from '../cost/estimate-cost.js'
import { diagnosticsConfig } from '../diagnose/diagnostics-input.js'
import type { SynthStack } from '../infra/synth.js'
import type { LocalAccount } from '../local/local-account.js'
import { shareConsumers } from '../share/datashare-from-config.js'
import type { WorkgroupAccess } from '../share/redshift-share.js'
import type { DemoStep, QueryRun } from './run-demo.js'

export interface RehearsalOptions {
  readonly config: RspConfig
  readonly scale: number
  readonly seed: number
  /** Keep the emulated account (and its S3) in this directory, for `rsp local serve --data-api --dir`. */
  readonly keepDir?: string | undefined
  readonly cdkOut?: string | undefined
  readonly workers?: number | undefined
  readonly onStep?: ((step: RehearsalStep) => void) | undefined
  readonly onProgress?: ((table: string, rows: number, totalRows: number) => void) | undefined
}

/** A step of the rehearsal, with the identity it ran as. */
export interface RehearsalStep extends DemoStep {
  /** Who ran it: the database user and how it was reached, e.g. "admin via the managed admin secret". */
  readonly identity?: string
}

export interface RehearsalReport {
  readonly steps: readonly RehearsalStep[]
  readonly stacks: readonly SynthStack[]
  /** A load section was added for the rehearsal (the config had none): its bucket. */
  readonly addedLoadBucket: string | undefined
  readonly rowsLoaded: number
  readonly tablesLoaded: number
  readonly shareStatements: number
  /** Statements the second `share` planned: 0 when the first one reached the desired state. */
  readonly reshareStatements: number
  readonly teardownStatements: number
  readonly consumers: readonly string[]
  /** The schema consumers read (`<db>.<schema>.<table>`): the published views when protected. */
  readonly consumerSchema: string
  readonly queries: readonly QueryRun[]
  readonly writeRefused: { readonly consumer: string; readonly message: string } | undefined
  readonly diagnostics: DiagnosticsReport
  readonly cost: CostEstimate
  readonly totalMs: number
}

const identityOf = (a: WorkgroupAccess, user: string) =>
  a.identity.kind === 'secret'
    ? `${user} via ${a.identity.source === 'managed' ? 'the managed admin secret' : 'the given secret'}`
    : 'your IAM identity'

/**
 * `rsp demo`: a rehearsal of `rsp deploy`'s data steps on an emulated Redshift Serverless
 * account (`@redshift-playground/redshift-local`), through the code that runs on AWS. It
 * synthesises the CDK app offline and creates the namespaces the templates declare; starts the
 * account's Data API (and read-only Serverless control plane) and a local S3 on loopback; then,
 * with the real AWS SDK clients: applies the Redshift DDL migration through the Data API
 * dialect, generates the data set and uploads it as gzip CSV parts and manifests, COPYs it,
 * plans and applies the datashare on the producer then each consumer, runs the flagship queries
 * with three-part names on every consumer, runs the config and data-plane checks in Redshift
 * mode, shares again (which must plan nothing) and tears the share down. Every admin step runs
 * as the namespace's admin user through its managed admin secret, as `rsp deploy` does.
 */
export async function runRehearsal(o: RehearsalOptions): Promise<RehearsalReport> {
  const started = performance.now()
  // The SDK's Node-version notice concerns AWS's future releases, not the local endpoints.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const steps: RehearsalStep[] = []
  const step = async <T>(
    name: string,
    fn: () => Promise<T>,
    detail: (t: T) => string,
    identity?: string | ((t: T) => string),
  ): Promise<T> => {
    const t0 = performance.now()
    const value = await fn()
    const who = typeof identity === 'function' ? identity(value) : identity
    const s: RehearsalStep = {
      name,
      detail: detail(value),
      ms: performance.now() - t0,
      ...(who ? { identity: who } : {}),
    }
    steps.push(s)
    o.onStep?.(s)
    return value
  }
  // The rehearsal loads through S3 like `rsp deploy`: with no load section, add one, so the
  // synthesised producer gets its COPY role as default IAM role and COPY … IAM_ROLE default works.
  const addedLoadBucket = o.config.load ? undefined : `${o.config.project}-rsp-demo`
  const config: RspConfig = o.config.load
    ? o.config
    : {
        ...o.config,
        load: {
          bucket: addedLoadBucket!,
          prefix: 'airline/',
          scale: o.scale,
          seed: o.seed,
          database: 'dev',
        },
      }
  const load = config.load!
  const cost = estimateCost(config)

  const cdkOut = o.cdkOut ?? (await mkdtemp(join(tmpdir(), 'rsp-demo-cdk-')))
  let stacks: readonly SynthStack[]
  let namespaces: Awaited<
    ReturnType<typeof import('../local/local-account.js').namespacesFromTemplates>
  >
  try {
    const [{ synthApp }, { namespacesFromTemplates }] = await Promise.all([
      import('../infra/synth.js'),
      import('../local/local-account.js'),
    ])
    stacks = await step(
      'synth',
      () => synthApp(config, cdkOut).then((r) => r.stacks),
      (s) =>
        `${s.length} stacks, ${s.reduce((n, x) => n + x.resources, 0)} resources (offline, no AWS)`,
    )
    namespaces = await namespacesFromTemplates(stacks.map((s) => s.templateFile))
  } finally {
    if (!o.cdkOut) await rm(cdkOut, { recursive: true, force: true })
  }

  const [
    { usingLocalAccount },
    redshiftLoad,
    share,
    schema,
    diagnostics,
    sharing,
    { Kysely },
    { RedshiftDataDialect },
  ] = await Promise.all([
    import('../local/local-account.js'),
    import('../load/redshift-load.js'),
    import('../share/redshift-share.js'),
    import('@redshift-playground/schema'),
    import('@redshift-playground/diagnostics'),
    import('@redshift-playground/sharing'),
    import('kysely'),
    import('@redshift-playground/redshift-data'),
  ])
  const opening = performance.now()
  return usingLocalAccount(
    {
      namespaces,
      buckets: [load.bucket],
      dataDir: o.keepDir,
      ...(config.region ? { region: config.region } : {}),
    },
    async (account: LocalAccount) => {
      const open: RehearsalStep = {
        name: 'account',
        detail: `emulated Redshift Serverless account: ${namespaces.length} namespaces from the templates, Data API at ${account.dataApi.url}, S3 at ${account.s3.url}`,
        ms: performance.now() - opening,
      }
      steps.push(open)
      o.onStep?.(open)
      const { data, s3, serverless } = account.clients
      const producerWg = `${config.project}-producer`
      const producer = await share.workgroupAccess(serverless, producerWg)
      const producerUser =
        namespaces.find((n) => n.workgroupName === producerWg)?.adminUser ?? 'admin'
      const target = share.adminTarget(producer, load.database)
      // biome-ignore lint/suspicious/noExplicitAny: the airline schema, by name
      const onWorkgroup = (a: WorkgroupAccess, statementName: string): Kysely<any> =>
        new Kysely({
          dialect: new RedshiftDataDialect({
            client: data,
            ...share.adminTarget(a, load.database),
            statementName,
          }),
        })

      await step(
        'schema',
        async () => {
          const db = await redshiftLoad.producerKysely(data, target, 'rsp-migrate')
          try {
            return await redshiftLoad.migrateProducer(db)
          } finally {
            await db.destroy()
          }
        },
        (m) =>
          m.length > 0
            ? `applied ${m.join(', ')} (Redshift DDL through the Data API)`
            : 'already up to date',
        identityOf(producer, producerUser),
      )
      const loaded = await step(
        'load',
        () =>
          redshiftLoad.loadThroughS3({
            s3,
            data,
            target,
            s3Prefix: redshiftLoad.s3Url(load.bucket, load.prefix),
            generation: {
              scale: o.scale,
              seed: o.seed,
              ...(o.workers !== undefined ? { workers: o.workers } : {}),
            },
            onProgress: (e) => o.onProgress?.(e.table, e.rows, e.totalRows),
          }),
        (s) =>
          `${s.rows.toLocaleString('en-US')} rows in ${s.tables.length} tables at scale ${o.scale}: gzip CSV parts uploaded to s3://${load.bucket}/${load.prefix}, COPY … IAM_ROLE default MANIFEST`,
        identityOf(producer, producerUser),
      )
      const shared = await step(
        'share',
        () => share.shareOnRedshift(config, { serverless, data }, { database: load.database }),
        (r) =>
          `${r.outcomes.length} statements: producer (published views, datashare, grants), then ${Object.keys(r.access.consumers).length} consumers (databases from the share)`,
        (r) => `each namespace's ${identityOf(r.access.producer, 'admin')}`,
      )
      const consumers = shareConsumers(config)
      const pubSchema = sharing.consumerSchema(shared.desired, schema.DW)
      const consumerDb = Object.fromEntries(
        consumers.map((c) => [c.name, onWorkgroup(shared.access.consumers[c.name]!, 'rsp-demo')]),
      )
      const producerDb = onWorkgroup(producer, 'rsp-demo')
      try {
        const queries = await step(
          'queries',
          async () => {
            const runs: QueryRun[] = []
            for (const q of Object.values(schema.flagshipQueries)) {
              const producerRows = (await q.build(producerDb).execute()).length
              for (const c of consumers) {
                const t0 = performance.now()
                const rows = await q
                  .build(consumerDb[c.name]!, {
                    location: { database: c.database, schema: pubSchema },
                  })
                  .execute()
                runs.push({
                  query: q.name,
                  consumer: c.name,
                  rows: rows.length,
                  ms: performance.now() - t0,
                  producerRows,
                })
              }
            }
            return runs
          },
          (runs) =>
            `${runs.length} runs: ${Object.keys(schema.flagshipQueries).length} flagship queries × ${consumers.length} consumers, as <database>.${pubSchema}.<table>`,
          'each consumer’s admin via its managed admin secret',
        )

        // Consumers are read-only (R-DS-14): the emulator refuses the write as Redshift would.
        let writeRefused: RehearsalReport['writeRefused']
        const first = consumers[0]
        if (first) {
          try {
            const { sql } = await import('kysely')
            await sql
              .raw(
                `DELETE FROM ${schema.quoteQualified(first.database, pubSchema, 'fact_bookings')}`,
              )
              .execute(consumerDb[first.name]!)
          } catch (error) {
            writeRefused = { consumer: first.name, message: (error as Error).message }
          }
        }

        const tables = Object.values(schema.airlineModel.tables)
          .filter((t) => t.schema === schema.DW)
          .map((t) => t.name)
        const report = await step(
          'diagnose',
          () =>
            diagnostics.runChecks(
              [...diagnostics.checksOf('config'), ...diagnostics.checksOf('data-plane')],
              {
                config: diagnosticsConfig(config, cost),
                dataPlane: {
                  target: 'redshift',
                  producer: producerDb,
                  consumers: consumerDb,
                  datashare: {
                    name: shared.desired.name,
                    schema: pubSchema,
                    tables,
                    publicAccessible: shared.desired.publiclyAccessible,
                    consumers: consumers.map((c) => ({
                      name: c.name,
                      namespaceId: shared.access.consumers[c.name]!.namespaceId,
                      database: c.database,
                    })),
                  },
                },
              },
              { concurrency: 2 },
            ),
          (r) =>
            `${r.summary.ok} ok, ${r.summary.warn} warn, ${r.summary.fail} fail, ${r.summary.skip} skipped (Redshift data plane)`,
        )
        const again = await step(
          'reshare',
          () => share.shareOnRedshift(config, { serverless, data }, { database: load.database }),
          (r) =>
            r.plan.isEmpty
              ? 'nothing to change: the first share reached the desired state'
              : `${r.outcomes.length} statements (expected none)`,
        )
        const teardown = await step(
          'teardown',
          async () => {
            const r = await share.shareOnRedshift(
              config,
              { serverless, data },
              { database: load.database, teardown: true },
            )
            // A kept account stays shared, for rsp local serve --data-api.
            if (o.keepDir)
              await share.shareOnRedshift(config, { serverless, data }, { database: load.database })
            return r
          },
          (r) =>
            `${r.outcomes.length} statements: consumer databases dropped, grants revoked, datashare dropped, published views dropped${o.keepDir ? '; shared again to keep' : ''}`,
        )
        return {
          steps,
          stacks,
          addedLoadBucket,
          rowsLoaded: loaded.rows,
          tablesLoaded: loaded.tables.length,
          shareStatements: shared.outcomes.length,
          reshareStatements: again.plan.statements.length,
          teardownStatements: teardown.outcomes.length,
          consumers: consumers.map((c) => c.name),
          consumerSchema: pubSchema,
          queries,
          writeRefused,
          diagnostics: report,
          cost,
          totalMs: performance.now() - started,
        }
      } finally {
        await Promise.all([producerDb, ...Object.values(consumerDb)].map((k) => k.destroy()))
      }
    },
  )
}
