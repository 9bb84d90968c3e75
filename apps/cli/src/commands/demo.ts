import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { validateConfigOrFail } from '../config/validate-config.js'
import { cli, printJson, println } from '../context/cli-context.js'
import { ExitError, UsageError } from '../errors/cli-errors.js'
import { outputDirOrFail } from '../output/output-path.js'
import { ms } from '../output/table.js'
import { intArg, jsonArg, numberArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'demo',
    description: [
      'A rehearsal of rsp deploy’s data steps, with no AWS account: synthesise the CDK app',
      'offline; create its namespaces in an emulated Redshift Serverless account (rules from the',
      'AWS docs, see docs/local-redshift-fidelity.md); through the real AWS SDK clients, migrate',
      'the schema over the Data API, upload the data set to a local S3 and COPY it, share every',
      'datashare (published views, producer then each consumer), run on each consumer the',
      'flagship queries its shares allow (three-part names), show each consumer reads its shares',
      'and is refused the others, append days through rsp etl’s path and time when each entitled',
      'consumer sees them, run the checks (per share, freshness), share again (nothing to do) and',
      'tear it down. Every admin step runs as the namespace’s admin via its managed admin secret.',
      '--target postgres runs the same on embedded PGlite (consumers as roles).',
      'Uses rsp.config.json when present, else the datashares-by-domain layout (rsp init',
      '--layout domains): shares core, sales_domain, operations_domain; consumers analytics,',
      'sales, operations.',
      '',
      'Examples:',
      '  rsp demo',
      '  rsp demo --scale 0.1',
      '  rsp demo --keep .rsp/account && rsp local serve --data-api --dir .rsp/account',
      '  rsp demo --target postgres --keep .rsp/db && rsp local serve --dir .rsp/db',
    ].join('\n'),
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
    const c = ctx.colors
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
    const { domainFailures } = await import('../demo/domain-steps.js')
    if (args.target === 'redshift-local') {
      const { runRehearsal } = await import('../demo/run-rehearsal.js')
      const { printRehearsal } = await import('../demo/print-rehearsal.js')
      if (!args.json)
        println(
          c.bold(
            `rsp demo — project ${config.project}, scale ${scale}: a rehearsal of rsp deploy on an emulated Redshift Serverless account, no AWS`,
          ),
        )
      const report = await runRehearsal({
        config,
        scale,
        seed,
        keepDir,
        cdkOut,
        workers,
        etlDays,
        onStep: args.json
          ? undefined
          : (s) =>
              println(
                `${c.green('✔')} ${s.name.padEnd(9)} ${s.detail} ${c.dim(`(${ms(s.ms)}${s.identity ? `; as ${s.identity}` : ''})`)}`,
              ),
      })
      if (args.json) printJson(report)
      else await printRehearsal(report, { keep: args.keep })
      if (
        report.diagnostics.status === 'fail' ||
        report.reshareStatements > 0 ||
        domainFailures(report).length > 0
      )
        throw new ExitError(1)
      return
    }
    const { runDemo } = await import('../demo/run-demo.js')
    if (!args.json)
      println(
        c.bold(`rsp demo — project ${config.project}, scale ${scale}, embedded PGlite, no AWS`),
      )
    const report = await runDemo({
      config,
      scale,
      seed,
      keepDir,
      cdkOut,
      workers,
      etlDays,
      onStep: args.json
        ? undefined
        : (s) =>
            println(`${c.green('✔')} ${s.name.padEnd(9)} ${s.detail} ${c.dim(`(${ms(s.ms)})`)}`),
    })
    if (args.json) printJson(report)
    else await (await import('../demo/print-rehearsal.js')).printDemo(report, { keep: args.keep })
    if (report.diagnostics.status === 'fail' || domainFailures(report).length > 0)
      throw new ExitError(1)
  },
})
