import type { DiagnosticsReport } from '@redshift-playground/diagnostics'
import type { Kysely } from 'kysely'
import type { RspConfig } from '../config/config-schema.js'
import { type CostEstimate, estimateCost } from '../cost/estimate-cost.js'
import { diagnosticsConfig } from '../diagnose/diagnostics-input.js'
import type { SynthStack } from '../infra/synth.js'
import type { LocalAccount } from '../local/local-account.js'
import { shareConsumers } from '../share/datashare-from-config.js'
import type { WorkgroupAccess } from '../share/redshift-share.js'
import { dwTableNames, runFlagshipQueries, stepRecorder, synthStep } from './demo-steps.js'
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
  /** The same share once more as the caller's IAM identity (issue 17's identity route). */
  readonly iamRoute: IamRoute
  readonly consumers: readonly string[]
  /** The schema consumers read (`<db>.<schema>.<table>`): the published views when protected. */
  readonly consumerSchema: string
  readonly queries: readonly QueryRun[]
  readonly writeRefused: { readonly consumer: string; readonly message: string } | undefined
  readonly diagnostics: DiagnosticsReport
  readonly cost: CostEstimate
  readonly totalMs: number
}

/** The IAM-identity route, rehearsed after the admin's share was torn down. */
export interface IamRoute {
  /** The database user the IAM caller is (`IAMR:<role>`). */
  readonly caller: string
  /** The preflight's refusals before the grants, one per namespace (nothing was sent). */
  readonly refused: readonly string[]
  /** The grants each namespace's admin ran, exactly as the preflight printed them. */
  readonly grants: number
  readonly shareStatements: number
  readonly reshareStatements: number
  readonly teardownStatements: number
}

const identityOf = (a: WorkgroupAccess, user: string) =>
  a.identity.kind === 'secret'
    ? `${user} via ${a.identity.source === 'managed' ? 'the managed admin secret' : 'the given secret'}`
    : 'your IAM identity'

type Step = ReturnType<typeof stepRecorder>['step']
type Modules = Awaited<ReturnType<typeof loadModules>>
// biome-ignore lint/suspicious/noExplicitAny: the airline schema, by name
type Db = Kysely<any>

const loadModules = () =>
  Promise.all([
    import('../load/redshift-load.js'),
    import('../share/redshift-share.js'),
    import('@redshift-playground/schema'),
    import('@redshift-playground/diagnostics'),
    import('@redshift-playground/sharing'),
    import('kysely'),
    import('@redshift-playground/redshift-data'),
  ]).then(([redshiftLoad, share, schema, diagnostics, sharing, kysely, redshiftData]) => ({
    redshiftLoad,
    share,
    schema,
    diagnostics,
    sharing,
    Kysely: kysely.Kysely,
    sql: kysely.sql,
    RedshiftDataDialect: redshiftData.RedshiftDataDialect,
  }))

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

/** What every step on the emulated account works with. */
interface OnAccount {
  readonly o: RehearsalOptions
  readonly config: RspConfig
  readonly load: NonNullable<RspConfig['load']>
  readonly account: LocalAccount
  readonly step: Step
  readonly m: Modules
  readonly producer: WorkgroupAccess
  readonly producerUser: string
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
        const checked = await queryAndCheck(ctx, shared, cost)
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
          shareStatements: shared.outcomes.length,
          reshareStatements: again.plan.statements.length,
          teardownStatements: teardown.outcomes.length,
          iamRoute,
          consumers: shareConsumers(config).map((c) => c.name),
          ...checked,
          cost,
          totalMs: performance.now() - started,
        }
      },
    )
  } finally {
    lock?.release()
  }
}

/** A Kysely instance on a workgroup through the Data API, as the identity its admin steps use. */
const onWorkgroup = (c: OnAccount, a: WorkgroupAccess, statementName: string): Db =>
  new c.m.Kysely({
    dialect: new c.m.RedshiftDataDialect({
      client: c.account.clients.data,
      ...c.m.share.adminTarget(a, c.load.database),
      statementName,
    }),
  })

/** The migration through the Data API, then the data set through S3 and COPY. */
async function loadProducer(c: OnAccount) {
  const { redshiftLoad } = c.m
  const { data, s3 } = c.account.clients
  const target = c.m.share.adminTarget(c.producer, c.load.database)
  const who = identityOf(c.producer, c.producerUser)
  await c.step(
    'schema',
    async () => {
      const db = await redshiftLoad.producerKysely(data, target, 'rsp-migrate')
      try {
        return await redshiftLoad.migrateProducer(db)
      } finally {
        await db.destroy()
      }
    },
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

const share = (c: OnAccount, options: { teardown?: boolean; iamIdentity?: boolean } = {}) =>
  c.m.share.shareOnRedshift(
    c.config,
    { serverless: c.account.clients.serverless, data: c.account.clients.data },
    { database: c.load.database, ...options },
  )

/** The datashare on the producer, then each consumer, as each namespace's admin. */
function shareStep(c: OnAccount) {
  return c.step(
    'share',
    () => share(c),
    (r) =>
      `${r.outcomes.length} statements: producer (published views, datashare, grants), then ${Object.keys(r.access.consumers).length} consumers (databases from the share)`,
    (r) => `each namespace's ${identityOf(r.access.producer, 'admin')}`,
  )
}

/** Flagship queries on every consumer, a refused write, and the Redshift-mode checks. */
async function queryAndCheck(
  c: OnAccount,
  shared: Awaited<ReturnType<typeof shareStep>>,
  cost: CostEstimate,
): Promise<Pick<RehearsalReport, 'consumerSchema' | 'queries' | 'writeRefused' | 'diagnostics'>> {
  const { schema, sharing, diagnostics } = c.m
  const consumers = shareConsumers(c.config)
  const pubSchema = sharing.consumerSchema(shared.desired, schema.DW)
  const consumerDb = Object.fromEntries(
    consumers.map((x) => [x.name, onWorkgroup(c, shared.access.consumers[x.name]!, 'rsp-demo')]),
  )
  const producerDb = onWorkgroup(c, c.producer, 'rsp-demo')
  try {
    const queries = await c.step(
      'queries',
      () =>
        runFlagshipQueries(Object.values(schema.flagshipQueries), producerDb, consumers, (q, x) =>
          q
            .build(consumerDb[x.name]!, { location: { database: x.database, schema: pubSchema } })
            .execute(),
        ),
      (runs) =>
        `${runs.length} runs: ${Object.keys(schema.flagshipQueries).length} flagship queries × ${consumers.length} consumers, as <database>.${pubSchema}.<table>`,
      'each consumer’s admin via its managed admin secret',
    )
    // Consumers are read-only (R-DS-14): the emulator refuses the write as Redshift would.
    let writeRefused: RehearsalReport['writeRefused']
    const first = consumers[0]
    if (first) {
      try {
        await c.m.sql
          .raw(`DELETE FROM ${schema.quoteQualified(first.database, pubSchema, 'fact_bookings')}`)
          .execute(consumerDb[first.name]!)
      } catch (error) {
        writeRefused = { consumer: first.name, message: (error as Error).message }
      }
    }
    const report = await c.step(
      'diagnose',
      () =>
        diagnostics.runChecks(
          [...diagnostics.checksOf('config'), ...diagnostics.checksOf('data-plane')],
          {
            config: diagnosticsConfig(c.config, cost),
            dataPlane: {
              target: 'redshift',
              producer: producerDb,
              consumers: consumerDb,
              datashare: {
                name: shared.desired.name,
                schema: pubSchema,
                tables: dwTableNames(schema),
                publicAccessible: shared.desired.publiclyAccessible,
                consumers: consumers.map((x) => ({
                  name: x.name,
                  namespaceId: shared.access.consumers[x.name]!.namespaceId,
                  database: x.database,
                })),
              },
            },
          },
          { concurrency: 2 },
        ),
      (r) =>
        `${r.summary.ok} ok, ${r.summary.warn} warn, ${r.summary.fail} fail, ${r.summary.skip} skipped (Redshift data plane)`,
    )
    return { consumerSchema: pubSchema, queries, writeRefused, diagnostics: report }
  } finally {
    await Promise.all([producerDb, ...Object.values(consumerDb)].map((k) => k.destroy()))
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

/**
 * The IAM-identity route (`--iam-identity`): the caller (`IAMR:<role>`) is not a superuser on a
 * namespace with a customised admin (R-IAM-3), so the preflight refuses it before any statement,
 * naming the grants; each namespace's admin runs exactly those grants; the preflight passes;
 * then the share and its teardown run as the IAM identity — a second full share, as a
 * non-superuser, whose re-plan must be empty too.
 */
async function rehearseIamRoute(c: OnAccount): Promise<IamRoute> {
  const admin = await import('../deploy/admin-identity.js')
  const { serverless, data } = c.account.clients
  const caller = c.account.caller
  const consumers = shareConsumers(c.config)
  const workgroups = [
    { name: c.producer.workgroup, role: 'producer' as const },
    ...consumers.map((x) => ({ name: x.workgroup, role: 'consumer' as const })),
  ]
  const preflight = () =>
    admin.adminPreflight({
      serverless,
      data,
      workgroups,
      database: c.load.database,
      choice: { iamIdentity: true },
      needs: { share: true },
    })
  const granted = await c.step(
    'iam-preflight',
    async () => {
      const before = await preflight()
      const refused = before.filter((f) => f.severity === 'fail')
      let grants = 0
      for (const f of refused) {
        const statements = f.grants ?? []
        const db = onWorkgroup(
          c,
          await c.m.share.workgroupAccess(serverless, f.workgroup),
          'rsp-grants',
        )
        try {
          for (const st of statements) await c.m.sql.raw(st).execute(db)
        } finally {
          await db.destroy()
        }
        grants += statements.length
      }
      const after = await preflight()
      const still = after.filter((f) => f.severity === 'fail')
      if (still.length > 0)
        throw new Error(`the IAM identity still lacks privileges: ${still[0]!.message}`)
      return { refused: refused.map((f) => f.message), grants }
    },
    (g) =>
      `${g.refused.length} of ${workgroups.length} namespaces refused ${caller} before any statement (${g.refused[0]?.replace(/^[^:]*: /, '') ?? 'none'}); each admin ran the ${g.grants} grants it printed; the preflight then passed`,
    "each namespace's admin via its managed admin secret",
  )
  const shared = await c.step(
    'iam-share',
    async () => {
      const first = await share(c, { iamIdentity: true })
      const again = await share(c, { iamIdentity: true })
      const teardown = await share(c, { iamIdentity: true, teardown: true })
      return { first, again, teardown }
    },
    (r) =>
      `${r.first.outcomes.length} statements as the IAM identity (consumers retry CREATE DATABASE until the grant is visible to it), re-share planned ${r.again.plan.statements.length}, teardown ${r.teardown.outcomes.length}`,
    `your IAM identity ${caller} (not a superuser)`,
  )
  return {
    caller,
    refused: granted.refused,
    grants: granted.grants,
    shareStatements: shared.first.outcomes.length,
    reshareStatements: shared.again.plan.statements.length,
    teardownStatements: shared.teardown.outcomes.length,
  }
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
