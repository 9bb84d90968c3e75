import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli } from '../context/cli-context.js'
import { identityArgs, identityChoice } from '../deploy/identity-args.js'
import { outputFileOrFail } from '../output/output-path.js'
import { describe } from './catalogue.js'
import { awsArgs, configArg, intArg, jsonArg, numberArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'diagnose',
    description: describe('diagnose'),
  },
  args: {
    ...configArg,
    target: {
      type: 'enum',
      options: ['config', 'local', 'aws'],
      description: 'What to check beyond the config',
      default: 'config',
    },
    dir: {
      type: 'string',
      description: 'Local target: PGlite data directory (rsp demo --keep DIR)',
      valueHint: 'DIR',
    },
    'target-group-arn': {
      type: 'string',
      description: 'AWS: the NLB target group (default: read from the deployed stack)',
      valueHint: 'ARN',
    },
    'freshness-threshold': {
      type: 'string',
      description:
        'data-plane/freshness fails above this lag, warns above half of it (overrides diagnostics.freshnessMaxLagSeconds; default 60 on Redshift, 5 locally)',
      valueHint: 'SECONDS',
    },
    'skip-data-plane': {
      type: 'boolean',
      description:
        'AWS: leave out the data-plane checks (no SQL on the workgroups; control plane and NLB only)',
      default: false,
    },
    watch: {
      type: 'string',
      description: 'Re-run every N seconds until Ctrl-C',
      valueHint: 'SECONDS',
    },
    junit: { type: 'string', description: 'Also write JUnit XML for CI', valueHint: 'FILE' },
    ...awsArgs,
    ...identityArgs,
    ...jsonArg,
  },
  async run({ args }) {
    const ctx = cli()
    const threshold = args['freshness-threshold']
    const flagLag =
      threshold === undefined ? undefined : numberArg('freshness-threshold', threshold, 0.1, 3600)
    const config = await loadConfigOrFail(args.config, ctx.cwd)
    const { runDiagnose } = await import('../diagnose/run-diagnose.js')
    await runDiagnose({
      config,
      target: args.target as 'config' | 'local' | 'aws',
      dir: args.dir,
      flagLag,
      watch: () => (args.watch === undefined ? undefined : intArg('watch', args.watch, 1, 86_400)),
      junit: async () =>
        args.junit ? await outputFileOrFail('--junit', args.junit, ctx.cwd) : undefined,
      json: args.json,
      choice: () => identityChoice(args, config.load?.secretArn),
      region: args.region ?? config.region,
      profile: args.profile ?? config.profile,
      targetGroupArn: args['target-group-arn'],
      skipDataPlane: args['skip-data-plane'],
    })
  },
})
