import { shareConsumers } from '../share/datashare-from-config.js'
import { type OnAccount, onWorkgroup, share } from './rehearsal-account.js'

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

/** Runs statements on a workgroup as its admin (managed admin secret). */
async function asAdmin(c: OnAccount, workgroup: string, statements: readonly string[]) {
  const access = await c.m.share.workgroupAccess(c.account.clients.serverless, workgroup)
  await c.m.usingKysely(onWorkgroup(c, access, 'rsp-grants'), async (db) => {
    for (const st of statements) await c.m.sql.raw(st).execute(db)
  })
}

/**
 * The IAM-identity route (`--iam-identity`): the caller (`IAMR:<role>`) is not a superuser on a
 * namespace with a customised admin (R-IAM-3), so the preflight refuses it before any statement,
 * naming the grants; each namespace's admin runs exactly those grants; the preflight passes;
 * then the share and its teardown run as the IAM identity — a second full share, as a
 * non-superuser, whose re-plan must be empty too.
 */
export async function rehearseIamRoute(c: OnAccount): Promise<IamRoute> {
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
      const refused = (await preflight()).filter((f) => f.severity === 'fail')
      let grants = 0
      for (const f of refused) {
        await asAdmin(c, f.workgroup, f.grants ?? [])
        grants += f.grants?.length ?? 0
      }
      const still = (await preflight()).filter((f) => f.severity === 'fail')
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
