import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli } from '../context/cli-context.js'
import { identityArgs, identityChoice } from '../deploy/identity-args.js'
import { describe } from './catalogue.js'
import { genArgs } from './datagen.js'
import { awsArgs, configArg, deploymentArgs, intArg } from './shared-args.js'

// The toolkit and prompt factories tests replace, and the helpers `rsp bootstrap` and
// `rsp destroy` share, live with the deploy itself.
export {
  bootstrapCommand,
  bootstrapConsent,
  describeEvent,
  prompts,
  toolkitFactory,
} from '../deploy/deploy-from-cli.js'

export default defineCommand({
  meta: {
    name: 'deploy',
    description: describe('deploy'),
  },
  args: {
    ...configArg,
    ...awsArgs,
    ...deploymentArgs,
    ...identityArgs,
    yes: {
      type: 'boolean',
      alias: 'y',
      description: 'Bootstrap the environment without asking when it needs it',
      default: false,
    },
    'wait-timeout': {
      type: 'string',
      description: 'Seconds to wait for workgroups',
      default: '1800',
      valueHint: 'S',
    },
    'poll-interval': {
      type: 'string',
      description: 'Seconds between status polls',
      default: '15',
      valueHint: 'S',
    },
    workers: { ...genArgs.workers, description: 'Load step: generator worker threads' },
    'skip-load': {
      type: 'boolean',
      description: 'Do not load data (also skipped without a `load` config)',
      default: false,
    },
    'skip-share': { type: 'boolean', description: 'Do not apply the datashare', default: false },
    'skip-diagnose': { type: 'boolean', description: 'Do not run the checks', default: false },
  },
  async run({ args }) {
    const config = await loadConfigOrFail(args.config, cli().cwd)
    const waitS = intArg('wait-timeout', args['wait-timeout'], 1, 86_400)
    const pollS = intArg('poll-interval', args['poll-interval'], 1, 3600)
    const workers = args.workers === undefined ? undefined : intArg('workers', args.workers, 0, 64)
    const choice = identityChoice(args, config.load?.secretArn)
    const { deployFromCli } = await import('../deploy/deploy-from-cli.js')
    await deployFromCli({
      config,
      configPath: args.config,
      out: args.out,
      state: args.state,
      region: args.region ?? config.region,
      profile: args.profile ?? config.profile,
      choice,
      yes: args.yes,
      waitS,
      pollS,
      workers,
      skipLoad: args['skip-load'],
      skipShare: args['skip-share'],
      skipDiagnose: args['skip-diagnose'],
    })
  },
})
