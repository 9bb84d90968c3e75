import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli } from '../context/cli-context.js'
import { identityArgs, identityChoice } from '../deploy/identity-args.js'
import { UsageError } from '../errors/cli-errors.js'
import { describe } from './catalogue.js'
import { awsArgs, configArg, deploymentArgs, intArg } from './shared-args.js'

/** A provisioned-cluster or serverless snapshot ARN. */
export const SNAPSHOT_ARN =
  /^arn:aws[a-z-]*:(redshift:[a-z0-9-]+:\d{12}:snapshot:[^/\s]+\/[^\s]+|redshift-serverless:[a-z0-9-]+:\d{12}:snapshot\/[^\s]+)$/

export default defineCommand({
  meta: {
    name: 'restore',
    description: describe('restore'),
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
    const choice = identityChoice(args, config.load?.secretArn)
    const { restoreFromCli } = await import('../deploy/restore-from-cli.js')
    await restoreFromCli({
      config,
      snapshot: args.snapshot,
      state: args.state,
      startS,
      waitS,
      pollS,
      choice,
      skipShare: args['skip-share'],
      region: args.region ?? config.region,
      profile: args.profile ?? config.profile,
    })
  },
})
