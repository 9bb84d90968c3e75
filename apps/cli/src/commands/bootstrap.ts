import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, printJson, println } from '../context/cli-context.js'
import { describe } from './catalogue.js'
import { toolkitFactory } from './deploy.js'
import { awsArgs, configArg, deploymentArgs, jsonArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'bootstrap',
    description: describe('bootstrap'),
  },
  args: {
    ...configArg,
    ...awsArgs,
    out: deploymentArgs.out,
    ...jsonArg,
  },
  async run({ args }) {
    const ctx = cli()
    const config = await loadConfigOrFail(args.config, ctx.cwd)
    const region = args.region ?? config.region
    const profile = args.profile ?? config.profile
    const [{ synthApp }, { awsClientConfig, requireAwsAccess }, { describeBootstrap }] =
      await Promise.all([
        import('../infra/synth.js'),
        import('../connections/aws-clients.js'),
        import('../deploy/run-deploy.js'),
      ])
    await requireAwsAccess(await awsClientConfig({ region, profile }))
    // The assembly says which bootstrap version its stacks need.
    const cdkOut = resolve(ctx.cwd, args.out)
    await synthApp(config, cdkOut)
    const toolkit = await toolkitFactory.create(cdkOut, { profile, region })
    const before = await toolkit.bootstrapStatus()
    if (!args.json) println(`before: ${describeBootstrap(before)}`)
    const result = await toolkit.bootstrap()
    const after = await toolkit.bootstrapStatus()
    if (args.json) return printJson({ before, result, after })
    println(
      `${ctx.colors.green('✔')} ${result.environment}: ${result.status === 'no-op' ? 'already bootstrapped, nothing changed' : 'bootstrapped'} (${after.stackName} version ${after.version ?? 'unknown'}; the stacks need ${after.required})`,
    )
  },
})
