import { resolve } from 'node:path'
import { configDatashares } from '../config/config-datashares.js'
import type { RspConfig } from '../config/config-schema.js'
import { cli, println } from '../context/cli-context.js'
import type { IdentityChoice } from './identity-args.js'

/** What `rsp restore` was asked, its flags parsed. */
export interface RestoreRequest {
  readonly config: RspConfig
  readonly snapshot: string
  readonly state: string
  readonly startS: number
  readonly waitS: number
  readonly pollS: number
  readonly choice: IdentityChoice
  readonly skipShare: boolean
  readonly region: string | undefined
  readonly profile: string | undefined
}

// biome-ignore lint/suspicious/noExplicitAny: the SDK clients, each created from one config
type AnyClient = any

/** The clients and names the restore works with. */
interface RestoreContext {
  readonly request: RestoreRequest
  readonly serverless: AnyClient
  readonly data: AnyClient
  readonly producer: string
  readonly database: string
}

/**
 * `rsp restore`: check the producer and (unless skipped) the share's identities, restore the
 * snapshot into the producer, wait for the namespace and the workgroup, then re-apply the
 * datashare.
 */
export async function restoreFromCli(request: RestoreRequest): Promise<void> {
  const { config } = request
  const [aws, rs, admin, { plannedWorkgroups }] = await Promise.all([
    import('../connections/aws-clients.js'),
    import('@aws-sdk/client-redshift-serverless'),
    import('./admin-identity.js'),
    import('../config/validate-config.js'),
  ])
  // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for both clients
  const clientConfig: any = await aws.awsClientConfig({
    region: request.region,
    profile: request.profile,
  })
  await aws.requireAwsAccess(clientConfig)
  const serverless = new rs.RedshiftServerlessClient(clientConfig)
  const data = await aws.dataApiClientFactory.create(clientConfig)
  const r: RestoreContext = {
    request,
    serverless,
    data,
    producer: `${config.project}-producer`,
    database: config.load?.database ?? 'dev',
  }
  try {
    // Before anything changes: the producer exists (and its secret's KMS key), and the
    // re-share will have an identity on every side.
    const before = await serverless.send(new rs.GetNamespaceCommand({ namespaceName: r.producer }))
    const kmsKey = before.namespace?.adminPasswordSecretKmsKeyId
    if (!request.skipShare) {
      const findings = await admin.adminPreflight({
        serverless,
        data,
        workgroups: admin.adminWorkgroups(plannedWorkgroups(config), { share: true }),
        database: r.database,
        choice: request.choice,
        needs: { share: true },
      })
      admin.assertPreflight(findings)
    }
    await restoreAndWait(r, kmsKey)
    if (request.skipShare) println('share: skipped (run rsp share before consumers query again)')
    else await reshare(r)
    println(`${cli().colors.green('✔')} restored ${r.producer}`)
  } finally {
    serverless.destroy()
    data.destroy()
  }
}

/** RestoreFromSnapshot, then wait for the namespace's restore and for the workgroup. */
async function restoreAndWait(r: RestoreContext, kmsKey: string | undefined): Promise<void> {
  const [rs, { waitForWorkgroups }, { waitForRestore }] = await Promise.all([
    import('@aws-sdk/client-redshift-serverless'),
    import('./wait-for-workgroups.js'),
    import('./wait-for-restore.js'),
  ])
  const { request, serverless, producer } = r
  const poll = { pollMs: request.pollS * 1000 }
  const restored = await serverless.send(
    new rs.RestoreFromSnapshotCommand({
      namespaceName: producer,
      workgroupName: producer,
      snapshotArn: request.snapshot,
      // A provisioned snapshot brings its own admin credentials; keep the admin password in
      // Secrets Manager so the managed admin secret the data steps use stays valid.
      manageAdminPassword: true,
      ...(kmsKey ? { adminPasswordSecretKmsKeyId: kmsKey } : {}),
    }),
  )
  println(`restoring ${request.snapshot} into ${producer}`)
  await waitForRestore(serverless, producer, {
    ...poll,
    startTimeoutMs: request.startS * 1000,
    timeoutMs: request.waitS * 1000,
    initialStatus: restored.namespace?.status,
    onNamespaceStatus: (ns, status) => println(`namespace ${ns}: ${status}`),
  })
  await waitForWorkgroups(serverless, [producer], {
    ...poll,
    timeoutMs: request.waitS * 1000,
    onStatus: (wg, status) => println(`workgroup ${wg}: ${status}`),
  })
}

/** Re-applies the datashare a restore replaced, recording which shares rsp manages. */
async function reshare(r: RestoreContext): Promise<void> {
  const [{ shareOnRedshift }, state, admin] = await Promise.all([
    import('../share/redshift-share.js'),
    import('./deploy-state.js'),
    import('./admin-identity.js'),
  ])
  const { config } = r.request
  const stateFile = resolve(cli().cwd, r.request.state)
  const recorded = state.managedShares(await state.readState(stateFile, config.project))
  const configured = configDatashares(config).map((d) => d.name)
  // Recorded before anything runs (see rsp deploy's share step).
  await state.recordManagedShares(stateFile, config.project, [...recorded, ...configured])
  const who = admin.shareIdentity(r.request.choice, r.producer, {
    serverless: r.serverless,
    data: r.data,
  })
  const result = await shareOnRedshift(config, who.clients, {
    ...who.options,
    database: r.database,
    managed: recorded,
  })
  await state.recordManagedShares(stateFile, config.project, configured)
  println(
    `share: ${result.plan.isEmpty ? 'datashares already in place' : `${result.outcomes.length} statements re-applied for ${result.byShare.length} datashare(s)`}, as ${admin.identityWords(result.access.producer)} on the producer`,
  )
}
