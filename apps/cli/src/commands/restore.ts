import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { configDatashares } from '../config/config-datashares.js'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, println } from '../context/cli-context.js'
import { identityArgs } from '../deploy/identity-args.js'
import { UsageError } from '../errors/cli-errors.js'
import { awsArgs, configArg, deploymentArgs, intArg } from './shared-args.js'

/** A provisioned-cluster or serverless snapshot ARN. */
export const SNAPSHOT_ARN =
  /^arn:aws[a-z-]*:(redshift:[a-z0-9-]+:\d{12}:snapshot:[^/\s]+\/[^\s]+|redshift-serverless:[a-z0-9-]+:\d{12}:snapshot\/[^\s]+)$/

export default defineCommand({
  meta: {
    name: 'restore',
    description: [
      'Restore a snapshot into the producer namespace (RestoreFromSnapshot, with the admin',
      'password kept in Secrets Manager: manageAdminPassword, under the namespace’s KMS key),',
      'wait for the restore itself — the namespace leaves AVAILABLE (MODIFYING) within',
      '--start-timeout, then returns to AVAILABLE — and for the workgroup, then re-apply the',
      'datashare: a restore replaces the producer’s datashares, so consumers lose access until',
      'it is shared again. The share runs as each namespace’s admin through its managed admin',
      'secret (--secret-arn for the producer, or --iam-identity).',
      '',
      'Examples:',
      '  rsp restore --snapshot arn:aws:redshift:us-east-1:123456789012:snapshot:airline-cluster/first-load',
      '  rsp restore --snapshot arn:aws:redshift-serverless:us-east-1:123456789012:snapshot/0a1b… --skip-share',
    ].join('\n'),
  },
  args: {
    ...configArg,
    ...awsArgs,
    ...identityArgs,
    state: {
      ...deploymentArgs.state,
      description:
        'Deploy state file: the datashares rsp created (one no longer in the config is dropped)',
    },
    snapshot: {
      type: 'string',
      description: 'Snapshot ARN (a provisioned-cluster snapshot needs the ARN)',
      required: true,
      valueHint: 'ARN',
    },
    'start-timeout': {
      type: 'string',
      description: 'Seconds for the namespace to leave AVAILABLE (the restore starting)',
      default: '300',
      valueHint: 'S',
    },
    'wait-timeout': {
      type: 'string',
      description: 'Seconds to wait for the restore to finish',
      default: '3600',
      valueHint: 'S',
    },
    'poll-interval': {
      type: 'string',
      description: 'Seconds between status polls',
      default: '15',
      valueHint: 'S',
    },
    'skip-share': { type: 'boolean', description: 'Do not re-apply the datashare', default: false },
  },
  async run({ args }) {
    const ctx = cli()
    const config = await loadConfigOrFail(args.config, ctx.cwd)
    if (!SNAPSHOT_ARN.test(args.snapshot)) {
      throw new UsageError(
        `--snapshot ${JSON.stringify(args.snapshot)} is not a snapshot ARN; use arn:aws:redshift:<region>:<account>:snapshot:<cluster>/<snapshot> or arn:aws:redshift-serverless:<region>:<account>:snapshot/<id>`,
        '--snapshot',
        args.snapshot,
      )
    }
    const startS = intArg('start-timeout', args['start-timeout'], 1, 86_400)
    const waitS = intArg('wait-timeout', args['wait-timeout'], 1, 86_400)
    const pollS = intArg('poll-interval', args['poll-interval'], 1, 3600)
    const admin = await import('../deploy/admin-identity.js')
    const choice = admin.identityChoice(args, config.load?.secretArn)
    const [
      { awsClientConfig, dataApiClientFactory, requireAwsAccess },
      rs,
      { waitForWorkgroups },
      { waitForRestore },
      { plannedWorkgroups },
    ] = await Promise.all([
      import('../connections/aws-clients.js'),
      import('@aws-sdk/client-redshift-serverless'),
      import('../deploy/wait-for-workgroups.js'),
      import('../deploy/wait-for-restore.js'),
      import('../config/validate-config.js'),
    ])
    // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for both clients
    const clientConfig: any = await awsClientConfig({
      region: args.region ?? config.region,
      profile: args.profile ?? config.profile,
    })
    await requireAwsAccess(clientConfig)
    const serverless = new rs.RedshiftServerlessClient(clientConfig)
    const data = await dataApiClientFactory.create(clientConfig)
    const producer = `${config.project}-producer`
    const database = config.load?.database ?? 'dev'
    const poll = { pollMs: pollS * 1000 }
    try {
      // Before anything changes: the producer exists (and its secret's KMS key), and the
      // re-share will have an identity on every side.
      const before = await serverless.send(new rs.GetNamespaceCommand({ namespaceName: producer }))
      const kmsKey = before.namespace?.adminPasswordSecretKmsKeyId
      if (!args['skip-share']) {
        const findings = await admin.adminPreflight({
          serverless,
          data,
          workgroups: admin.adminWorkgroups(plannedWorkgroups(config), { share: true }),
          database,
          choice,
          needs: { share: true },
        })
        admin.assertPreflight(findings)
      }
      const restored = await serverless.send(
        new rs.RestoreFromSnapshotCommand({
          namespaceName: producer,
          workgroupName: producer,
          snapshotArn: args.snapshot,
          // A provisioned snapshot brings its own admin credentials; keep the admin password in
          // Secrets Manager so the managed admin secret the data steps use stays valid.
          manageAdminPassword: true,
          ...(kmsKey ? { adminPasswordSecretKmsKeyId: kmsKey } : {}),
        }),
      )
      println(`restoring ${args.snapshot} into ${producer}`)
      await waitForRestore(serverless, producer, {
        ...poll,
        startTimeoutMs: startS * 1000,
        timeoutMs: waitS * 1000,
        initialStatus: restored.namespace?.status,
        onNamespaceStatus: (ns, status) => println(`namespace ${ns}: ${status}`),
      })
      await waitForWorkgroups(serverless, [producer], {
        ...poll,
        timeoutMs: waitS * 1000,
        onStatus: (wg, status) => println(`workgroup ${wg}: ${status}`),
      })
      if (args['skip-share']) println('share: skipped (run rsp share before consumers query again)')
      else {
        const [{ shareOnRedshift }, state] = await Promise.all([
          import('../share/redshift-share.js'),
          import('../deploy/deploy-state.js'),
        ])
        const stateFile = resolve(ctx.cwd, args.state)
        const recorded = state.managedShares(await state.readState(stateFile, config.project))
        const configured = configDatashares(config).map((d) => d.name)
        // Recorded before anything runs (see rsp deploy's share step).
        await state.recordManagedShares(stateFile, config.project, [...recorded, ...configured])
        const who = admin.shareIdentity(choice, producer, { serverless, data })
        const r = await shareOnRedshift(config, who.clients, {
          ...who.options,
          database,
          managed: recorded,
        })
        await state.recordManagedShares(stateFile, config.project, configured)
        println(
          `share: ${r.plan.isEmpty ? 'datashares already in place' : `${r.outcomes.length} statements re-applied for ${r.byShare.length} datashare(s)`}, as ${admin.identityWords(r.access.producer)} on the producer`,
        )
      }
      println(`${ctx.colors.green('✔')} restored ${producer}`)
    } finally {
      serverless.destroy()
      data.destroy()
    }
  },
})
