import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli } from '../context/cli-context.js'
import { identityArgs } from '../deploy/identity-args.js'
import { UsageError } from '../errors/cli-errors.js'
import { describe } from './catalogue.js'
import { awsArgs, configArg, deploymentArgs } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'destroy',
    description: describe('destroy'),
  },
  args: {
    ...configArg,
    ...awsArgs,
    ...deploymentArgs,
    ...identityArgs,
    yes: { type: 'boolean', alias: 'y', description: 'Do not ask', default: false },
    'skip-unshare': {
      type: 'boolean',
      description: 'Do not tear the datashare down first',
      default: false,
    },
  },
  async run({ args }) {
    const ctx = cli()
    const config = await loadConfigOrFail(args.config, ctx.cwd)
    const admin = await import('../deploy/identity-args.js')
    const choice = admin.identityChoice(args, config.load?.secretArn)
    if (!args.yes) {
      if (!ctx.isTTY)
        throw new UsageError(
          'rsp destroy deletes every stack of the project; pass --yes to confirm when not in a terminal',
          '--yes',
          false,
        )
      const p = await import('@clack/prompts')
      const ok = await p.confirm({
        message: `Destroy every stack of ${config.project} (warehouses, data, network)?`,
        initialValue: false,
      })
      if (ok !== true) throw new UsageError('not confirmed; nothing was destroyed', '--yes', false)
    }
    const { destroyFromCli } = await import('../deploy/destroy-from-cli.js')
    await destroyFromCli({
      config,
      out: args.out,
      state: args.state,
      choice,
      skipUnshare: args['skip-unshare'],
      region: args.region ?? config.region,
      profile: args.profile ?? config.profile,
    })
  },
})
