import type { IdentityChoice } from '../deploy/admin-identity.js'
import type { ServerlessClient } from '../deploy/wait-for-workgroups.js'
import type { DataClient } from '../share/redshift-share.js'
import type { CopyOptions } from './redshift-load.js'

/**
 * What `rsp load --to s3-copy|data-api` and `rsp etl --target redshift` settle on the producer
 * before anything is generated, uploaded or COPYed: who runs the statements (the namespace's
 * admin secret, a given secret, or the caller's IAM identity after the preflight passes) and
 * the role COPY … IAM_ROLE uses (R-COPY-4). Nothing is sent but reads.
 */
export async function producerCopyAccess(o: {
  readonly serverless: ServerlessClient
  readonly data: DataClient
  readonly where: { readonly workgroupName: string; readonly database: string }
  readonly choice: IdentityChoice
  readonly copy: CopyOptions
}) {
  const [admin, load, { adminTarget }] = await Promise.all([
    import('../deploy/admin-identity.js'),
    import('./redshift-load.js'),
    import('../share/redshift-share.js'),
  ])
  const { serverless, data, where, choice } = o
  const access = await admin.adminAccess(serverless, where.workgroupName, choice)
  const target = adminTarget(access, where.database)
  if (choice.iamIdentity)
    admin.assertPreflight(
      await admin.adminPreflight({
        serverless,
        data,
        workgroups: [{ name: where.workgroupName, role: 'producer' }],
        database: where.database,
        choice,
        needs: { load: true },
      }),
    )
  const role = await load.checkCopyRole(serverless, where.workgroupName, o.copy)
  return { access, target, role, identity: admin.identityWords(access) }
}
