import type { Kysely } from 'kysely'
import type { RspConfig } from '../config/config-schema.js'
import type { LocalAccount } from '../local/local-account.js'
import type { WorkgroupAccess } from '../share/redshift-share.js'
import type { stepRecorder } from './demo-steps.js'
import type { RehearsalOptions } from './run-rehearsal.js'

export type Step = ReturnType<typeof stepRecorder>['step']
export type Modules = Awaited<ReturnType<typeof loadModules>>
// biome-ignore lint/suspicious/noExplicitAny: the airline schema, by name
export type Db = Kysely<any>

export const identityOf = (a: WorkgroupAccess, user: string) =>
  a.identity.kind === 'secret'
    ? `${user} via ${a.identity.source === 'managed' ? 'the managed admin secret' : 'the given secret'}`
    : 'your IAM identity'

export const loadModules = () =>
  Promise.all([
    import('../load/redshift-load.js'),
    import('../share/redshift-share.js'),
    import('@redshift-playground/schema'),
    import('@redshift-playground/diagnostics'),
    import('@redshift-playground/sharing'),
    import('kysely'),
    import('@redshift-playground/redshift-data'),
    import('../connections/using-kysely.js'),
  ]).then(([redshiftLoad, share, schema, diagnostics, sharing, kysely, redshiftData, using]) => ({
    redshiftLoad,
    share,
    schema,
    diagnostics,
    sharing,
    createKysely: using.createKysely,
    usingKysely: using.usingKysely,
    sql: kysely.sql,
    RedshiftDataDialect: redshiftData.RedshiftDataDialect,
  }))

/** What every step on the emulated account works with. */
export interface OnAccount {
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
 * How the demo's own sessions poll DescribeStatement: from 2 ms, growing by half each poll. The
 * emulator runs a statement as soon as ExecuteStatement answers and ends it within milliseconds,
 * so the dialect's default first poll (10 ms, sized for AWS) would leave the process idle for
 * most of each of the few hundred statements the demo's reads and checks send. The commands'
 * own paths (migration, load, share, ETL, preflight) keep their defaults.
 */
export const DEMO_POLLING = Object.freeze({ initialDelayMs: 2, multiplier: 1.5, maxDelayMs: 1000 })

/**
 * The demo's own sessions also ask ExecuteStatement to wait for the statement (the Data API's
 * `WaitTimeSeconds`, which the emulator honours): it answers as soon as the statement ends, with
 * its status, so a query goes straight to its result without a DescribeStatement poll. A
 * statement still running after the wait is polled with {@link DEMO_POLLING}.
 */
export const DEMO_WAIT_SECONDS = 5

/** A Kysely instance on a workgroup through the Data API, as the identity its admin steps use. */
export const onWorkgroup = (c: OnAccount, a: WorkgroupAccess, statementName: string): Db =>
  c.m.createKysely(
    new c.m.RedshiftDataDialect({
      client: c.account.clients.data,
      ...c.m.share.adminTarget(a, c.load.database),
      statementName,
      polling: DEMO_POLLING,
      waitTimeSeconds: DEMO_WAIT_SECONDS,
    }),
  )

/** `rsp share --target redshift` on the emulated account (as the admins, or the IAM identity). */
export const share = (c: OnAccount, options: { teardown?: boolean; iamIdentity?: boolean } = {}) =>
  c.m.share.shareOnRedshift(
    c.config,
    { serverless: c.account.clients.serverless, data: c.account.clients.data },
    { database: c.load.database, ...options },
  )
