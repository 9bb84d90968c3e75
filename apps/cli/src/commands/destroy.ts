import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { describeEvent, toolkitFactory } from './deploy.js'
import { awsArgs, configArg, deploymentArgs } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'destroy',
    description: [
      'Tear everything down: unshare first (consumer databases, revoke, drop the share through the',
      'Data API), then destroy the stacks in reverse dependency order. Asks first unless --yes.',
      '',
      'Examples:',
      '  rsp destroy',
      '  rsp destroy --yes --skip-unshare',
    ].join('\n'),
  },
  args: {
    ...configArg,
    ...awsArgs,
    ...deploymentArgs,
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
    const region = args.region ?? config.region
    const profile = args.profile ?? config.profile
    const [{ synthApp }, { runDestroy }, { awsClientConfig }, rs, rd] = await Promise.all([
      import('../infra/synth.js'),
      import('../deploy/run-deploy.js'),
      import('../connections/aws-clients.js'),
      import('@aws-sdk/client-redshift-serverless'),
      import('@aws-sdk/client-redshift-data'),
    ])
    const cdkOut = resolve(ctx.cwd, args.out)
    const synth = await synthApp(config, cdkOut)
    const toolkit = await toolkitFactory.create(cdkOut, { profile, region })
    // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for both clients
    const clientConfig: any = await awsClientConfig({ region, profile })
    const serverless = new rs.RedshiftServerlessClient(clientConfig)
    const data = new rd.RedshiftDataClient(clientConfig)
    try {
      await runDestroy({
        config,
        stacks: synth.stacks,
        toolkit,
        stateFile: resolve(ctx.cwd, args.state),
        onEvent: (e) => println(describeEvent(e)),
        ...(args['skip-unshare']
          ? {}
          : {
              before: async () => {
                const { shareOnRedshift } = await import('../share/redshift-share.js')
                const r = await shareOnRedshift(config, { serverless, data }, { teardown: true })
                println(`unshare: ${r.outcomes.length} statements`)
              },
            }),
      })
      println(`${ctx.colors.green('✔')} destroyed ${config.project}`)
    } finally {
      serverless.destroy()
      data.destroy()
    }
  },
})
