import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, println } from '../context/cli-context.js'
import { identityArgs } from '../deploy/identity-args.js'
import { UsageError } from '../errors/cli-errors.js'
import { describeEvent, toolkitFactory } from './deploy.js'
import { awsArgs, configArg, deploymentArgs } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'destroy',
    description: [
      'Tear everything down: unshare first (consumer databases, revoke, drop the share through the',
      'Data API), then destroy the stacks in reverse dependency order. Asks first unless --yes.',
      'The unshare runs as each namespace’s admin through its managed admin secret (--secret-arn',
      'for the producer, or --iam-identity).',
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
    const region = args.region ?? config.region
    const profile = args.profile ?? config.profile
    const [
      { synthApp },
      { runDestroy },
      { awsClientConfig, dataApiClientFactory, requireAwsAccess },
      rs,
      { shareIdentity, identityWords },
    ] = await Promise.all([
      import('../infra/synth.js'),
      import('../deploy/run-deploy.js'),
      import('../connections/aws-clients.js'),
      import('@aws-sdk/client-redshift-serverless'),
      import('../deploy/admin-identity.js'),
    ])
    // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for both clients
    const clientConfig: any = await awsClientConfig({ region, profile })
    await requireAwsAccess(clientConfig)
    const cdkOut = resolve(ctx.cwd, args.out)
    const synth = await synthApp(config, cdkOut)
    const toolkit = await toolkitFactory.create(cdkOut, { profile, region })
    const serverless = new rs.RedshiftServerlessClient(clientConfig)
    const data = await dataApiClientFactory.create(clientConfig)
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
                const [{ shareOnRedshift }, { managedShares, readState, recordManagedShares }] =
                  await Promise.all([
                    import('../share/redshift-share.js'),
                    import('../deploy/deploy-state.js'),
                  ])
                const who = shareIdentity(choice, `${config.project}-producer`, {
                  serverless,
                  data,
                })
                const stateFile = resolve(ctx.cwd, args.state)
                // The config's shares and those rsp recorded creating (gone from the config).
                const recorded = managedShares(await readState(stateFile, config.project))
                const r = await shareOnRedshift(config, who.clients, {
                  ...who.options,
                  database: config.load?.database ?? 'dev',
                  teardown: true,
                  managed: recorded,
                })
                await recordManagedShares(stateFile, config.project, [])
                println(
                  `unshare: ${r.outcomes.length} statements for ${r.byShare.length} datashare(s), as ${identityWords(r.access.producer)} on the producer`,
                )
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
