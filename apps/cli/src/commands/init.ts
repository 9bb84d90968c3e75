import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { ask, type InitAnswers, initialConfig, layoutProblem } from '../config/init-answers.js'
import { validateConfigOrFail } from '../config/validate-config.js'
import { cli, println } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { describe } from './catalogue.js'
import { intArg } from './shared-args.js'

export {
  answerProblem,
  ask,
  type InitAnswers,
  type InitPrompts,
  initialConfig,
  layoutProblem,
  SCHEMA_REF,
} from '../config/init-answers.js'

export default defineCommand({
  meta: {
    name: 'init',
    description: describe('init'),
  },
  args: {
    config: {
      type: 'string',
      description: 'Path to write',
      default: 'rsp.config.json',
      valueHint: 'PATH',
    },
    project: { type: 'string', description: 'Project name', default: 'airline' },
    region: { type: 'string', description: 'AWS region (default: from the profile)' },
    mode: {
      type: 'enum',
      options: ['workload', 'pool'],
      description: 'Consumer mode',
      default: 'workload',
    },
    consumers: {
      type: 'string',
      description: 'Pool size in pool mode',
      default: '3',
      valueHint: 'N',
    },
    layout: {
      type: 'string',
      description:
        'Datashares: single (one share to every consumer) or domains (core to every consumer, sales and operations to their consumers; workload mode)',
      default: 'single',
      valueHint: 'single|domains',
    },
    nlb: {
      type: 'boolean',
      description: 'Network Load Balancer over the consumers',
      default: false,
    },
    cluster: {
      type: 'boolean',
      description: 'Provisioned cluster for the first load',
      default: false,
    },
    yes: { type: 'boolean', alias: 'y', description: 'No prompts: use the flags', default: false },
    force: { type: 'boolean', description: 'Overwrite an existing file', default: false },
  },
  async run({ args }) {
    const ctx = cli()
    const file = resolve(ctx.cwd, args.config)
    if (existsSync(file) && !args.force) {
      throw new UsageError(
        `${args.config} exists; pass --force to overwrite it`,
        '--config',
        args.config,
      )
    }
    let answers: InitAnswers = {
      project: args.project,
      region: args.region,
      mode: args.mode as 'workload' | 'pool',
      poolCount: intArg('consumers', args.consumers, 1, 20),
      loadBalancer: args.nlb,
      traditionalCluster: args.cluster,
      layout: args.layout as 'single' | 'domains',
    }
    const bad = layoutProblem(args.layout, answers.mode)
    if (bad) throw new UsageError(bad, '--layout', args.layout)
    if (ctx.isTTY && !args.yes) answers = await ask(answers)
    const config = initialConfig(answers)
    validateConfigOrFail(config, args.config) // exit 2 on a bad flag, before writing
    await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { flag: args.force ? 'w' : 'wx' })
    println(`${ctx.colors.green('✔')} wrote ${args.config}. Next: rsp plan, rsp cost, or rsp demo.`)
  },
})
