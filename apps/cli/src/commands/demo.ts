import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { validateConfigOrFail } from '../config/validate-config.js'
import { cli } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { outputDirOrFail } from '../output/output-path.js'
import { describe } from './catalogue.js'
import { intArg, jsonArg, numberArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'demo',
    description: describe('demo'),
  },
  args: {
    config: {
      type: 'string',
      description: 'Config file (optional for the demo)',
      default: 'rsp.config.json',
      valueHint: 'PATH',
    },
    scale: {
      type: 'string',
      description: 'Data scale (1 ≈ 1M bookings); default local.scale (0.01)',
      valueHint: 'S',
    },
    seed: {
      type: 'string',
      description: 'Generator seed; default local.seed (42)',
      valueHint: 'N',
    },
    target: {
      type: 'string',
      description: 'redshift-local (the rehearsal, default) or postgres (Postgres-native roles)',
      default: 'redshift-local',
      valueHint: 'T',
    },
    keep: {
      type: 'string',
      description: 'Keep the account (or, with --target postgres, the database) in DIR',
      valueHint: 'DIR',
    },
    'cdk-out': { type: 'string', description: 'Keep the synthesised app in DIR', valueHint: 'DIR' },
    workers: {
      type: 'string',
      description: 'Generator worker threads (0: main thread)',
      valueHint: 'N',
    },
    'etl-days': {
      type: 'string',
      description: 'Days the live ETL step appends, one transaction each (default 3)',
      valueHint: 'N',
    },
    ...jsonArg,
  },
  async run({ args }) {
    const ctx = cli()
    // No config: the datashares-by-domain layout (three shares, three consumers).
    const config = existsSync(resolve(ctx.cwd, args.config))
      ? await loadConfigOrFail(args.config, ctx.cwd)
      : validateConfigOrFail(
          { project: 'airline', ...(await import('../config/domain-layout.js')).DOMAIN_LAYOUT },
          '(defaults: the datashares-by-domain layout)',
        )
    const scale =
      args.scale === undefined ? config.local.scale : numberArg('scale', args.scale, 0.0001, 10)
    const seed =
      args.seed === undefined ? config.local.seed : intArg('seed', args.seed, 0, 2 ** 32 - 1)
    const workers = args.workers === undefined ? undefined : intArg('workers', args.workers, 0, 64)
    const etlDays =
      args['etl-days'] === undefined ? undefined : intArg('etl-days', args['etl-days'], 1, 31)
    if (args.target !== 'redshift-local' && args.target !== 'postgres')
      throw new UsageError(
        `--target ${JSON.stringify(args.target)}: use redshift-local (the rehearsal of rsp deploy) or postgres`,
        '--target',
        args.target,
      )
    // Output folders are made now (with their parents), before the synth; a file in the way
    // is a usage error instead of an ENOENT/ENOTDIR after it.
    const keepDir = args.keep ? await outputDirOrFail('--keep', args.keep, ctx.cwd) : undefined
    const cdkOut = args['cdk-out']
      ? await outputDirOrFail('--cdk-out', args['cdk-out'], ctx.cwd)
      : undefined
    const { demoFromCli } = await import('../demo/demo-from-cli.js')
    await demoFromCli({
      target: args.target,
      config,
      scale,
      seed,
      keepDir,
      cdkOut,
      workers,
      etlDays,
      keep: args.keep,
      json: args.json,
    })
  },
})
