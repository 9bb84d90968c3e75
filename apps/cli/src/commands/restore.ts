import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { awsArgs, configArg, intArg } from './shared-args.js'

/** A provisioned-cluster or serverless snapshot ARN. */
export const SNAPSHOT_ARN =
  /^arn:aws[a-z-]*:(redshift:[a-z0-9-]+:\d{12}:snapshot:[^/\s]+\/[^\s]+|redshift-serverless:[a-z0-9-]+:\d{12}:snapshot\/[^\s]+)$/

export default defineCommand({
  meta: {
    name: 'restore',
    description: [
      'Restore a snapshot into the producer namespace (RestoreFromSnapshot), wait until the',
      'producer is AVAILABLE again, then re-apply the datashare: a restore replaces the',
      "producer's datashares, so consumers lose access until it is shared again.",
      '',
      'Examples:',
      '  rsp restore --snapshot arn:aws:redshift:us-east-1:123456789012:snapshot:airline-cluster/first-load',
      '  rsp restore --snapshot arn:aws:redshift-serverless:us-east-1:123456789012:snapshot/0a1b… --skip-share',
    ].join('\n'),
  },
  args: {
    ...configArg,
    ...awsArgs,
    snapshot: {
      type: 'string',
      description: 'Snapshot ARN (a provisioned-cluster snapshot needs the ARN)',
      required: true,
      valueHint: 'ARN',
    },
    'wait-timeout': {
      type: 'string',
      description: 'Seconds to wait for the producer',
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
    const waitS = intArg('wait-timeout', args['wait-timeout'], 1, 86_400)
    const pollS = intArg('poll-interval', args['poll-interval'], 1, 3600)
    const [{ awsClientConfig }, rs, rd, { waitForWorkgroups }] = await Promise.all([
      import('../connections/aws-clients.js'),
      import('@aws-sdk/client-redshift-serverless'),
      import('@aws-sdk/client-redshift-data'),
      import('../deploy/wait-for-workgroups.js'),
    ])
    // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for both clients
    const clientConfig: any = await awsClientConfig({
      region: args.region ?? config.region,
      profile: args.profile ?? config.profile,
    })
    const serverless = new rs.RedshiftServerlessClient(clientConfig)
    const data = new rd.RedshiftDataClient(clientConfig)
    const producer = `${config.project}-producer`
    try {
      await serverless.send(
        new rs.RestoreFromSnapshotCommand({
          namespaceName: producer,
          workgroupName: producer,
          snapshotArn: args.snapshot,
        }),
      )
      println(`restoring ${args.snapshot} into ${producer}`)
      await waitForWorkgroups(serverless, [producer], {
        timeoutMs: waitS * 1000,
        pollMs: pollS * 1000,
        onStatus: (wg, status) => println(`workgroup ${wg}: ${status}`),
      })
      if (args['skip-share']) println('share: skipped (run rsp share before consumers query again)')
      else {
        const { shareOnRedshift } = await import('../share/redshift-share.js')
        const r = await shareOnRedshift(config, { serverless, data })
        println(
          `share: ${r.plan.isEmpty ? 'datashare already in place' : `${r.outcomes.length} statements re-applied`}`,
        )
      }
      println(`${ctx.colors.green('✔')} restored ${producer}`)
    } finally {
      serverless.destroy()
      data.destroy()
    }
  },
})
