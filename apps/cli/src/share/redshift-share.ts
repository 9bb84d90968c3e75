import { createHash } from 'node:crypto'
import type { Datashare, Plan, StatementOutcome } from '@redshift-playground/sharing'
import type { Kysely as KyselyType } from 'kysely'
import type { RspConfig } from '../config/config-schema.js'
import type { ServerlessClient } from '../deploy/wait-for-workgroups.js'
import { datashareSpecs, localNamespaceIds, shareConsumers } from './datashare-from-config.js'
import { type PlanByShare, splitByShare, trackShares } from './share-parts.js'

/** A Data API client, typed structurally (the RedshiftDataClient's `send`). */
export interface DataClient {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's send is generic over commands
  send(command: any, options?: any): Promise<any>
}

/**
 * Who runs the admin statements on one workgroup. `secret`: a database user through a Secrets
 * Manager secret — by default the namespace's managed admin secret; `iam`: the caller's IAM
 * identity (`IAMR:<role>`), which needs the grants listed in docs/deploy-on-aws.md.
 */
export type AdminIdentity =
  | { readonly kind: 'secret'; readonly secretArn: string; readonly source: 'managed' | 'given' }
  | { readonly kind: 'iam' }

/** How a workgroup is reached: its namespace id and the identity admin steps use there. */
export interface WorkgroupAccess {
  readonly workgroup: string
  readonly namespaceId: string
  readonly identity: AdminIdentity
}

/** Words for an identity, for the CLI's output. */
export function describeIdentity(a: WorkgroupAccess): string {
  return a.identity.kind === 'iam'
    ? `${a.workgroup}: your IAM identity (IAMR:/IAM: user)`
    : `${a.workgroup}: admin via ${a.identity.source === 'managed' ? 'the namespace’s managed admin secret' : 'the given secret'}`
}

/**
 * Finds a workgroup's namespace (namespaces are named like their workgroups) and the identity
 * to run admin statements as: the given secret, else the namespace's managed admin secret
 * (GetNamespace's `adminPasswordSecretArn`); with `iamIdentity`, the caller's IAM identity
 * instead (it needs the grants of docs/deploy-on-aws.md). A namespace without a managed
 * secret and no secret given is an error naming the
 * fix: an IAM identity is not a superuser on a namespace with a customised admin (R-IAM-3), so
 * CREATE DATASHARE and CREATE DATABASE would be refused half-way.
 */
export async function workgroupAccess(
  serverless: ServerlessClient,
  workgroup: string,
  options: { readonly secretArn?: string | undefined; readonly iamIdentity?: boolean } = {},
): Promise<WorkgroupAccess> {
  const { GetNamespaceCommand } = await import('@aws-sdk/client-redshift-serverless')
  const out = await serverless.send(new GetNamespaceCommand({ namespaceName: workgroup }))
  const ns = out?.namespace
  const id = ns?.namespaceId
  if (typeof id !== 'string')
    throw Object.assign(new Error(`namespace ${workgroup} has no id (is it deployed?)`), {
      code: 'NAMESPACE_NOT_FOUND',
    })
  if (options.iamIdentity) return { workgroup, namespaceId: id, identity: { kind: 'iam' } }
  if (options.secretArn)
    return {
      workgroup,
      namespaceId: id,
      identity: { kind: 'secret', secretArn: options.secretArn, source: 'given' },
    }
  const managed = ns?.adminPasswordSecretArn
  if (typeof managed === 'string' && managed !== '')
    return {
      workgroup,
      namespaceId: id,
      identity: { kind: 'secret', secretArn: managed, source: 'managed' },
    }
  throw Object.assign(
    new Error(
      `namespace ${workgroup} has no managed admin secret (ManageAdminPassword) and no --secret-arn was given; your IAM identity is not a superuser there, so the datashare statements would be refused. Pass --secret-arn with an admin secret, or --iam-identity after granting it the privileges in docs/deploy-on-aws.md`,
    ),
    { code: 'NO_ADMIN_IDENTITY' },
  )
}

/** The Data API target of a workgroup with the identity its admin steps use. */
export function adminTarget(a: WorkgroupAccess, database: string) {
  return {
    workgroupName: a.workgroup,
    database,
    ...(a.identity.kind === 'secret' ? { secretArn: a.identity.secretArn } : {}),
  }
}

export interface ShareOnRedshiftResult extends PlanByShare {
  /** One plan for every datashare of the config (and the removal of managed ones no longer in it). */
  readonly plan: Plan
  readonly outcomes: readonly StatementOutcome[]
  /** The config's datashares, validated as a set, in config order. */
  readonly desired: readonly Datashare[]
  /**
   * The share names treated as rsp's own: `options.managed` (recorded in the deploy state)
   * and the config's. An outbound share that is not desired is dropped only when listed.
   */
  readonly managed: readonly string[]
  /** Producer and consumers: how each was reached. */
  readonly access: {
    readonly producer: WorkgroupAccess
    readonly consumers: Readonly<Record<string, WorkgroupAccess>>
  }
}

/** Options of {@link shareOnRedshift}. */
export interface ShareOnRedshiftOptions {
  readonly dryRun?: boolean
  readonly teardown?: boolean
  readonly database?: string
  /** Secrets to use instead of the managed admin secrets, by workgroup name. */
  readonly secretArns?: Readonly<Record<string, string>>
  /** Run every side as the caller's IAM identity instead of the admin secrets. */
  readonly iamIdentity?: boolean
  /**
   * Names of shares rsp created earlier (the deploy state's record): one no longer in the
   * config is torn down. The config's own names are always added.
   */
  readonly managed?: readonly string[]
  readonly onOutcome?: (o: StatementOutcome) => void
}

/**
 * Plans and applies every datashare of the config on Redshift through the Data API, as one
 * plan (`readRedshiftShares` + `planDatashares`, or `planTeardowns`): namespace ids and admin
 * secrets are read with GetNamespace (namespaces are named like their workgroups), each side
 * runs on its own workgroup as its admin user (the namespace's managed admin secret unless
 * `secretArns` names another) — one connection per consumer, whatever number of shares it
 * receives — producer first; consumers wait until the grant is visible. Outbound shares named
 * in `managed` that the config no longer has are torn down with the others' changes.
 */
export async function shareOnRedshift(
  config: RspConfig,
  clients: { readonly serverless: ServerlessClient; readonly data: DataClient },
  options: ShareOnRedshiftOptions = {},
): Promise<ShareOnRedshiftResult> {
  const [{ createKysely }, { RedshiftDataDialect }, s] = await Promise.all([
    import('../connections/using-kysely.js'),
    import('@redshift-playground/redshift-data'),
    import('@redshift-playground/sharing'),
  ])
  const database = options.database ?? 'dev'
  const access = (workgroup: string) =>
    workgroupAccess(clients.serverless, workgroup, {
      secretArn: options.secretArns?.[workgroup],
      ...(options.iamIdentity ? { iamIdentity: true } : {}),
    })
  const consumers = shareConsumers(config)
  const producer = await access(`${config.project}-producer`)
  const consumerAccess = Object.fromEntries(
    await Promise.all(consumers.map(async (c) => [c.name, await access(c.workgroup)] as const)),
  )
  const ids = {
    producer: producer.namespaceId,
    consumers: Object.fromEntries(
      consumers.map((c) => [c.name, consumerAccess[c.name]!.namespaceId]),
    ),
  }
  const desired = s.defineDatashares(datashareSpecs(config, ids, database))
  const managed = [...new Set([...(options.managed ?? []), ...desired.map((d) => d.name)])]
  // biome-ignore lint/suspicious/noExplicitAny: system views
  const on = (a: WorkgroupAccess): KyselyType<any> =>
    createKysely(
      new RedshiftDataDialect({
        client: clients.data,
        ...adminTarget(a, database),
        statementName: 'rsp-share',
      }),
    )
  const connections = {
    producer: on(producer),
    consumers: Object.fromEntries(consumers.map((c) => [c.name, on(consumerAccess[c.name]!)])),
  }
  try {
    const actual = await s.readRedshiftShares(desired, connections, { managed })
    const tracked = trackShares(s.redshiftRenderer())
    const plan = options.teardown
      ? s.planTeardowns(desired, actual, tracked.renderer, { managed })
      : s.planDatashares(desired, actual, tracked.renderer, { managed })
    const result = {
      plan,
      desired,
      managed,
      ...splitByShare(plan, desired, tracked.shareOf),
      access: { producer, consumers: consumerAccess },
    }
    if (options.dryRun || plan.isEmpty) return { ...result, outcomes: [] }
    // An IAM identity with CREATEDB cannot see the inbound share before it has a database
    // from it (R-SVV-1), so its consumers retry CREATE DATABASE instead of probing.
    const iamSides = new Set(
      consumers
        .filter((c) => consumerAccess[c.name]!.identity.kind === 'iam')
        .map((c) => `consumer:${c.name}`),
    )
    const applied = await s.applyPlan(plan, connections, {
      readiness: (side) => (iamSides.has(side) ? 'retry' : 'probe'),
      ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
    })
    return { ...result, outcomes: applied.outcomes }
  } finally {
    await Promise.all(
      [connections.producer, ...Object.values(connections.consumers)].map((k) => k.destroy()),
    )
  }
}

/**
 * A digest of the config's desired datashares (objects, consumers, policies; namespace ids
 * left out): `rsp deploy` runs its share step again when it changes, so a share added to or
 * removed from the config is applied (or dropped) by the next deploy.
 */
export function desiredSharesDigest(config: RspConfig, database = 'dev'): string {
  const specs = datashareSpecs(config, localNamespaceIds(config), database)
  return createHash('sha256').update(JSON.stringify(specs)).digest('hex').slice(0, 16)
}
