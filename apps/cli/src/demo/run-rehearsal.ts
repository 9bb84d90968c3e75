import type { RspConfig } from '../config/config-schema.js'
import { type CostEstimate, estimateCost } from '../cost/estimate-cost.js'
import {
  diagnosticsConfig,
  expectedDatashares,
  shareableRelations,
} from '../diagnose/diagnostics-input.js'
import type { SynthStack } from '../infra/synth.js'
import type { LocalAccount } from '../local/local-account.js'
import { datashareSpecs, shareConsumers } from '../share/datashare-from-config.js'
import { modelRelations, stepRecorder, synthStep } from './demo-steps.js'
import { type ConsumerReader, shareLayouts } from './domain-access.js'
import { type DomainReport, domainSteps } from './domain-steps.js'
import { identityOf, loadModules, type OnAccount, onWorkgroup, share } from './rehearsal-account.js'
import { type IamRoute, rehearseIamRoute } from './rehearse-iam.js'
import type { DemoStep } from './run-demo.js'

export type { IamRoute }

export interface RehearsalOptions {
  readonly config: RspConfig
  readonly scale: number
  readonly seed: number
  /** Keep the emulated account (and its S3) in this directory, for `rsp local serve --data-api --dir`. */
  readonly keepDir?: string | undefined
  readonly cdkOut?: string | undefined
  readonly workers?: number | undefined
  /** Days the live ETL step appends (one transaction each). @default 3 */
  readonly etlDays?: number | undefined
  readonly onStep?: ((step: RehearsalStep) => void) | undefined
  readonly onProgress?: ((table: string, rows: number, totalRows: number) => void) | undefined
}

/** A step of the rehearsal, with the identity it ran as. */
export interface RehearsalStep extends DemoStep {
  /** Who ran it: the database user and how it was reached, e.g. "admin via the managed admin secret". */
  readonly identity?: string
}

export interface RehearsalReport extends DomainReport {
  readonly steps: readonly RehearsalStep[]
  readonly stacks: readonly SynthStack[]
  /** A load section was added for the rehearsal (the config had none): its bucket. */
  readonly addedLoadBucket: string | undefined
  readonly rowsLoaded: number
  readonly tablesLoaded: number
  /** The datashares the first `share` applied (names), from its desired state. */
  readonly sharesApplied: readonly string[]
  readonly shareStatements: number
  /** Statements the second `share` planned: 0 when the first one reached the desired state. */
  readonly reshareStatements: number
  readonly teardownStatements: number
  /** The same share once more as the caller's IAM identity (issue 17's identity route). */
  readonly iamRoute: IamRoute
  /** Per share, the schema its consumers read `airline_dw` in: the published views when protected. */
  readonly consumerSchemas: Readonly<Record<string, string>>
  readonly cost: CostEstimate
  readonly totalMs: number
}

/** Days the live ETL step appends by default: a day at scale 0.01 holds few flights. */
export const DEMO_ETL_DAYS = 3

/**
 * The rehearsal loads through S3 like `rsp deploy`: with no load section, one is added, so the
 * synthesised producer gets its COPY role as default IAM role and COPY … IAM_ROLE default works.
 */
function withLoadSection(o: RehearsalOptions): { config: RspConfig; addedLoadBucket?: string } {
  if (o.config.load) return { config: o.config }
  const bucket = `${o.config.project}-rsp-demo`
  return {
    config: {
      ...o.config,
      load: { bucket, prefix: 'airline/', scale: o.scale, seed: o.seed, database: 'dev' },
    },
    addedLoadBucket: bucket,
  }
}

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
  // A kept account's directory has one writer at a time, like every local data directory:
  // taken before anything runs.
  const lock = o.keepDir ? await lockKeptDir(o.keepDir) : undefined
  const { steps, step, record } = stepRecorder(o.onStep)
  const { config, addedLoadBucket } = withLoadSection(o)
  const load = config.load!
  const cost = estimateCost(config)
  const [{ usingLocalAccount, namespacesFromTemplates }, m] = await Promise.all([
    import('../local/local-account.js'),
    loadModules(),
  ])
  const { stacks, read: namespaces } = await synthStep(step, config, o.cdkOut, (synthesised) =>
    namespacesFromTemplates(synthesised.map((s) => s.templateFile)),
  )
  const opening = performance.now()
  try {
    return await usingLocalAccount(
      {
        namespaces,
        buckets: [load.bucket],
        dataDir: o.keepDir,
        ...(config.region ? { region: config.region } : {}),
      },
      async (account: LocalAccount) => {
        record({
          name: 'account',
          detail: `emulated Redshift Serverless account: ${namespaces.length} namespaces from the templates, Data API at ${account.dataApi.url}, S3 at ${account.s3.url}`,
          ms: performance.now() - opening,
        })
        const producerWg = `${config.project}-producer`
        const ctx: OnAccount = {
          o,
          config,
          load,
          account,
          step,
          m,
          producer: await m.share.workgroupAccess(account.clients.serverless, producerWg),
          producerUser:
            namespaces.find((n) => n.workgroupName === producerWg)?.adminUser ?? 'admin',
        }
        const loaded = await loadProducer(ctx)
        const shared = await shareStep(ctx)
        const domains = await domainsOnAccount(ctx, shared, cost)
        const { again, teardown } = await reshareAndTeardown(ctx)
        const iamRoute = await rehearseIamRoute(ctx)
        // A kept account stays shared (as the admin), for rsp local serve --data-api.
        if (o.keepDir) await share(ctx)
        return {
          steps,
          stacks,
          addedLoadBucket,
          rowsLoaded: loaded.rows,
          tablesLoaded: loaded.tables.length,
          sharesApplied: shared.desired.map((d) => d.name),
          shareStatements: shared.outcomes.length,
          reshareStatements: again.plan.statements.length,
          teardownStatements: teardown.outcomes.length,
          iamRoute,
          ...domains,
          cost,
          totalMs: performance.now() - started,
        }
      },
    )
  } finally {
    lock?.release()
  }
}

/** The migration through the Data API, then the data set through S3 and COPY. */
async function loadProducer(c: OnAccount) {
  const { redshiftLoad } = c.m
  const { data, s3 } = c.account.clients
  const target = c.m.share.adminTarget(c.producer, c.load.database)
  const who = identityOf(c.producer, c.producerUser)
  await c.step(
    'schema',
    () =>
      redshiftLoad.usingProducerKysely(data, target, 'rsp-migrate', (db) =>
        redshiftLoad.migrateProducer(db),
      ),
    (applied) =>
      applied.length > 0
        ? `applied ${applied.join(', ')} (Redshift DDL through the Data API)`
        : 'already up to date',
    who,
  )
  return c.step(
    'load',
    () =>
      redshiftLoad.loadThroughS3({
        s3,
        data,
        target,
        s3Prefix: redshiftLoad.s3Url(c.load.bucket, c.load.prefix),
        generation: {
          scale: c.o.scale,
          seed: c.o.seed,
          ...(c.o.workers !== undefined ? { workers: c.o.workers } : {}),
        },
        onProgress: (e) => c.o.onProgress?.(e.table, e.rows, e.totalRows),
      }),
    (s) =>
      `${s.rows.toLocaleString('en-US')} rows in ${s.tables.length} tables at scale ${c.o.scale}: gzip CSV parts uploaded to s3://${c.load.bucket}/${c.load.prefix}, COPY … IAM_ROLE default MANIFEST`,
    who,
  )
}

/** The datashares on the producer, then each consumer's databases, as each namespace's admin. */
function shareStep(c: OnAccount) {
  return c.step(
    'share',
    () => share(c),
    (r) => {
      const desired = r.desired
      const databases = desired.reduce((n, d) => n + d.consumers.length, 0)
      return `${r.outcomes.length} statements: producer (published views, ${desired.length} datashare${desired.length === 1 ? '' : 's'} ${desired.map((d) => d.name).join(', ')}, grants), then ${Object.keys(r.access.consumers).length} consumers (${databases} databases from the shares)`
    },
    (r) => `each namespace's ${identityOf(r.access.producer, 'admin')}`,
  )
}

/**
 * After the share: each consumer reads through its database of each share, as
 * `<database>.<schema>.<table>` (the published schema where the share is protected); the ETL
 * appends days through `rsp etl`'s Redshift path (S3, then one BatchExecuteStatement a day).
 */
async function domainsOnAccount(
  c: OnAccount,
  shared: Awaited<ReturnType<typeof shareStep>>,
  cost: CostEstimate,
): Promise<DomainReport & Pick<RehearsalReport, 'consumerSchemas'>> {
  const { schema, sharing, diagnostics } = c.m
  const ids = {
    producer: shared.access.producer.namespaceId,
    consumers: Object.fromEntries(
      Object.entries(shared.access.consumers).map(([n, a]) => [n, a.namespaceId]),
    ),
  }
  const specs = datashareSpecs(c.config, ids, c.load.database)
  const desired = new Map(shared.desired.map((d) => [d.name, d]))
  const publishedIn = (share: string, schemaName: string) =>
    sharing.consumerSchema(desired.get(share)!, schemaName)
  const layouts = shareLayouts(specs, modelRelations(schema))
  const consumers = shareConsumers(c.config)
  const readers: ConsumerReader[] = consumers.map((x) => ({
    consumer: x,
    db: onWorkgroup(c, shared.access.consumers[x.name]!, 'rsp-demo'),
    locate: (share, object) => ({
      database: (x.databases.find((d) => d.share === share) ?? x.databases[0])?.database,
      schema: publishedIn(share, object.slice(0, object.indexOf('.'))),
    }),
  }))
  const producerDb = onWorkgroup(c, c.producer, 'rsp-demo')
  const [datagen, { redshiftEtlTarget }] = await Promise.all([
    import('@redshift-playground/datagen'),
    import('../etl/etl-targets.js'),
  ])
  // Per share: a whole schema holds the views that do not read around that share's policies.
  const datashares = specs.flatMap((spec) =>
    expectedDatashares(
      [spec],
      shareableRelations(spec, modelRelations(schema)),
      'redshift',
      (sp, sc) => publishedIn(sp.name, sc),
    ),
  )
  try {
    const report = await domainSteps({
      step: c.step,
      schema,
      layouts,
      consumers,
      readers,
      producer: producerDb,
      naming: '<share database>.<schema>.<table>',
      identity: 'each consumer’s admin via its managed admin secret',
      etl: {
        target: redshiftEtlTarget({
          data: c.account.clients.data,
          s3: c.account.clients.s3,
          target: c.m.share.adminTarget(c.producer, c.load.database),
          s3Prefix: c.m.redshiftLoad.s3Url(c.load.bucket, c.load.prefix),
        }),
        generation: new datagen.DayBatchGenerator({ seed: c.o.seed, scale: c.o.scale }),
        days: c.o.etlDays ?? DEMO_ETL_DAYS,
        pollIntervalMs: 10,
        timeoutMs: 60_000,
        how: 'through rsp etl’s Redshift path (gzip CSV to S3, one BatchExecuteStatement a day)',
      },
      diagnoseLabel: 'Redshift data plane, per share, freshness',
      diagnose: () =>
        diagnostics.runChecks(
          [...diagnostics.checksOf('config'), ...diagnostics.checksOf('data-plane')],
          {
            config: diagnosticsConfig(c.config, cost),
            dataPlane: {
              target: 'redshift',
              producer: producerDb,
              consumers: Object.fromEntries(readers.map((r) => [r.consumer.name, r.db])),
              datashares,
              // One marker per consumer: the ETL step has already timed every entitled consumer.
              freshness: { pollIntervalMs: 10, samples: 1 },
            },
          },
          { concurrency: 2 },
        ),
    })
    const consumerSchemas = Object.fromEntries(
      specs.map((s) => [s.name, publishedIn(s.name, schema.DW)]),
    )
    return { ...report, consumerSchemas }
  } finally {
    await Promise.all([producerDb, ...readers.map((r) => r.db)].map((k) => k.destroy()))
  }
}

/** A second share must plan nothing; then the teardown (a kept account is shared again). */
async function reshareAndTeardown(c: OnAccount) {
  const again = await c.step(
    'reshare',
    () => share(c),
    (r) =>
      r.plan.isEmpty
        ? 'nothing to change: the first share reached the desired state'
        : `${r.outcomes.length} statements (expected none)`,
  )
  const teardown = await c.step(
    'teardown',
    () => share(c, { teardown: true }),
    (r) =>
      `${r.outcomes.length} statements: consumer databases dropped, grants revoked, datashare dropped, published views dropped`,
  )
  return { again, teardown }
}

/** Creates the kept account's directory when missing and takes its one-writer lock. */
async function lockKeptDir(dir: string) {
  const [{ mkdirSync }, { lockDataDirOrFail }] = await Promise.all([
    import('node:fs'),
    import('../local/data-dir-lock.js'),
  ])
  mkdirSync(dir, { recursive: true })
  return lockDataDirOrFail(dir)
}
