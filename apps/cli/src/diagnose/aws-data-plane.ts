import type {
  Check,
  DataPlaneInput,
  Finding,
  FreshnessCheckOptions,
} from '@redshift-playground/diagnostics'
import type { DatashareSpec } from '@redshift-playground/sharing'
import type { Kysely } from 'kysely'
import type { RspConfig } from '../config/config-schema.js'
import type { DataApiClient } from '../connections/aws-clients.js'
import type { IdentityChoice } from '../deploy/identity-args.js'
import type { ServerlessClient } from '../deploy/wait-for-workgroups.js'
import type { NamespaceIds } from '../share/datashare-from-config.js'
import type { WorkgroupAccess } from '../share/redshift-share.js'

type Diagnostics = typeof import('@redshift-playground/diagnostics')
// biome-ignore lint/suspicious/noExplicitAny: system views and the airline schema, by name
type Db = Kysely<any>

/** What `rsp diagnose --target aws` runs of the data-plane group, and with what. */
export interface AwsDataPlane {
  /** Every data-plane check: the real ones, or stand-ins that say why they could not run. */
  readonly checks: readonly Check[]
  /** The sessions and expected datashares (none when the checks cannot run). */
  readonly dataPlane: DataPlaneInput | undefined
  /** Destroys the sessions (the Data API client is the caller's). */
  close(): Promise<void>
}

/** What {@link awsDataPlane} works from. */
export interface AwsDataPlaneInput {
  readonly config: RspConfig
  readonly serverless: ServerlessClient
  readonly data: DataApiClient
  readonly choice: IdentityChoice
  /** The workgroups of the deployed stacks (empty: not deployed). */
  readonly deployedWorkgroups: readonly string[]
  readonly freshness?: FreshnessCheckOptions
}

/** The statement name the data-plane sessions give the Data API (SYS_QUERY_HISTORY shows it). */
export const DATA_PLANE_STATEMENT = 'rsp-diagnose'

/** A check that reports the same findings, whatever its inputs (a stand-in for one that cannot run). */
export const standIn = (
  c: Pick<Check, 'id' | 'title' | 'group'>,
  list: readonly Finding[],
): Check => Object.freeze({ id: c.id, title: c.title, group: c.group, run: async () => list })

const NLB_SPREAD = 'data-plane/nlb-spread'

/**
 * Every data-plane check as a stand-in reporting `skip` with the reason and the fix: what
 * `--target aws` lists when the data plane cannot be reached (no access, stacks unreadable or
 * not deployed, a workgroup or namespace missing, no identity to read as).
 */
export function skippedDataPlane(d: Diagnostics, why: string, fix: string): Check[] {
  return d.checksOf('data-plane').map((c) => standIn(c, [d.findings.skip(why, fix)]))
}

/**
 * The data-plane checks of `rsp diagnose --target aws`: the producer and every consumer
 * workgroup reached through the Data API as the identity the user chose (each namespace's
 * managed admin secret by default, `--secret-arn` on the producer, or `--iam-identity`, as
 * `rsp deploy`'s admin steps: {@link adminAccess}), each consumer reading through its database
 * of each share (`<share>_<consumer>`, as the share step creates them, R-DS-11, R-DS-13), and
 * the datashares the config describes, in Redshift mode — with published views where a share
 * is protected, as sharing plans them. `data-plane/nlb-spread` needs wire-protocol connections
 * through the NLB, which the Data API does not open: it reports skip and names `rsp loadtest`.
 */
export async function awsDataPlane(o: AwsDataPlaneInput): Promise<AwsDataPlane> {
  const [d, { shareConsumers }] = await Promise.all([
    import('@redshift-playground/diagnostics'),
    import('../share/datashare-from-config.js'),
  ])
  const skipped = (why: string, fix: string): AwsDataPlane => ({
    checks: skippedDataPlane(d, `not checked: ${why}`, fix),
    dataPlane: undefined,
    close: async () => undefined,
  })
  const producer = `${o.config.project}-producer`
  const consumers = shareConsumers(o.config)
  const workgroups = [
    { name: producer, role: 'producer' as const },
    ...consumers.map((c) => ({ name: c.workgroup, role: 'consumer' as const })),
  ]
  if (o.deployedWorkgroups.length === 0)
    return skipped(
      'no workgroups in the deployed stacks (see control-plane/deployed-stacks)',
      'Run rsp deploy.',
    )
  const absent = workgroups.filter((w) => !o.deployedWorkgroups.includes(w.name))
  if (absent.length > 0)
    return skipped(
      `workgroup${absent.length === 1 ? '' : 's'} ${absent.map((w) => w.name).join(', ')} not in the deployed stack`,
      'Run rsp deploy (it creates every workgroup of the config), then rsp diagnose --target aws.',
    )
  const reached = await reachWorkgroups(o, workgroups)
  if ('why' in reached) return skipped(reached.why, reached.fix)
  const database = o.config.load?.database ?? 'dev'
  const sessions = await dataApiSessions(o.data, reached.access, database)
  const close = () =>
    Promise.all(Object.values(sessions).map((db) => db.destroy())).then(() => undefined)
  try {
    const ids = {
      producer: reached.access[producer]!.namespaceId,
      consumers: Object.fromEntries(
        consumers.map((c) => [c.name, reached.access[c.workgroup]!.namespaceId]),
      ),
    }
    const datashares = await expectedOnRedshift(o.config, ids, database)
    const checks = d
      .checksOf('data-plane')
      .map((c) =>
        c.id === NLB_SPREAD
          ? standIn(c, [
              o.config.loadBalancer.enabled
                ? d.findings.skip(
                    'not checked here: the spread is measured on wire-protocol connections through the NLB, and rsp diagnose --target aws reads through the Data API',
                    'Run rsp loadtest --endpoint <NLB DNS name>:5439 --ssl --user admin --password-env RSP_PASSWORD: it reports the spread over namespaces.',
                  )
                : d.findings.skip('no NLB in this config (loadBalancer.enabled is false)'),
            ])
          : c,
      )
    return {
      checks,
      dataPlane: {
        target: 'redshift',
        producer: sessions[producer]!,
        consumers: Object.fromEntries(consumers.map((c) => [c.name, sessions[c.workgroup]!])),
        datashares,
        ...(o.freshness ? { freshness: o.freshness } : {}),
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * Each workgroup's namespace and the identity to read as ({@link adminAccess}, as the admin
 * steps): a missing namespace or no identity becomes the reason and the fix, not an error.
 */
async function reachWorkgroups(
  o: AwsDataPlaneInput,
  workgroups: readonly { readonly name: string; readonly role: 'producer' | 'consumer' }[],
): Promise<{ access: Record<string, WorkgroupAccess> } | { why: string; fix: string }> {
  const { adminAccess, AdminIdentityError } = await import('../deploy/admin-identity.js')
  const access: Record<string, WorkgroupAccess> = {}
  for (const w of workgroups) {
    try {
      access[w.name] = await adminAccess(
        o.serverless,
        w.name,
        // --secret-arn names the producer's admin; consumers use their managed admin secrets.
        { ...o.choice, secretArn: w.role === 'producer' ? o.choice.secretArn : undefined },
        w.role,
      )
    } catch (error) {
      if (error instanceof AdminIdentityError)
        return {
          why: error.message.slice(0, error.message.indexOf('. Fix: ')),
          fix: `${error.fix.charAt(0).toUpperCase()}${error.fix.slice(1)}.`,
        }
      const e = error as { name?: string; message?: string }
      return {
        why: `could not read namespace ${w.name}: ${e.name && e.name !== 'Error' ? `AWS ${e.name}: ` : ''}${e.message ?? String(error)}`,
        fix: 'Your credentials need redshift-serverless:GetNamespace, and redshift-data:ExecuteStatement / DescribeStatement / GetStatementResult with secretsmanager:GetSecretValue on the admin secrets (docs/deploy-on-aws.md lists every permission), or check --region / --profile.',
      }
    }
  }
  return { access }
}

/** A Kysely per workgroup on the Data API, as the identity chosen for it. */
async function dataApiSessions(
  data: DataApiClient,
  access: Readonly<Record<string, WorkgroupAccess>>,
  database: string,
): Promise<Record<string, Db>> {
  const [{ createKysely }, { RedshiftDataDialect }, { adminTarget }] = await Promise.all([
    import('../connections/using-kysely.js'),
    import('@redshift-playground/redshift-data'),
    import('../share/redshift-share.js'),
  ])
  return Object.fromEntries(
    Object.entries(access).map(([workgroup, a]) => [
      workgroup,
      createKysely(
        new RedshiftDataDialect({
          client: data,
          ...adminTarget(a, database),
          statementName: DATA_PLANE_STATEMENT,
        }),
      ),
    ]),
  )
}

/**
 * The datashares the config describes, as the share step creates them on Redshift: one per
 * share, its consumers' databases `<share>_<consumer>` (the single `datashare`:
 * `airline_<consumer>`), objects in the schema consumers read them in — the published views'
 * schema where the share is protected (sharing's `consumerSchema`).
 */
export async function expectedOnRedshift(config: RspConfig, ids: NamespaceIds, database: string) {
  const [sharing, { datashareSpecs }, input] = await Promise.all([
    import('@redshift-playground/sharing'),
    import('../share/datashare-from-config.js'),
    import('./diagnostics-input.js'),
  ])
  const specs = datashareSpecs(config, ids, database)
  const desired = new Map(sharing.defineDatashares(specs).map((s) => [s.name, s]))
  const publishedIn = (spec: DatashareSpec, schema: string) =>
    sharing.consumerSchema(desired.get(spec.name)!, schema)
  return input.expectedDatashares(specs, await input.modelRelations(), 'redshift', publishedIn)
}
