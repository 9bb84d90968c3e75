import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Check, DiagnosticsInput, DiagnosticsReport } from '@redshift-playground/diagnostics'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, eprintln, interruption, println } from '../context/cli-context.js'
import { estimateCost } from '../cost/estimate-cost.js'
import { identityArgs } from '../deploy/identity-args.js'
import { ExitError, UsageError } from '../errors/cli-errors.js'
import { outputFileOrFail } from '../output/output-path.js'
import { awsArgs, configArg, intArg, jsonArg, numberArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'diagnose',
    description: [
      'Health checks with remediation. Offline config checks always run; --target local adds the',
      'data-plane checks on the embedded database (datashare, consumer reads, read-only, row',
      'parity); --target aws adds the control-plane checks (workgroups, namespaces, subnets’ free',
      'IPs, quota) and, when the config has the NLB, the load-balancer checks: the workgroups and',
      'the target group come from the deployed stacks (CloudFormation), --target-group-arn overrides;',
      'and checks the admin identity the data steps use (the managed admin secrets, --secret-arn, or',
      'with --iam-identity your IAM identity’s privileges, read from documented system views).',
      'Without AWS credentials or a region every AWS check still reports, with the fix. Exit 1 when',
      'a check fails.',
      '',
      'The data-plane checks report per datashare (and per share × consumer); consumer-read also',
      'checks that a consumer is refused the shares it is not a consumer of. data-plane/freshness',
      'commits a marker row on the producer and times until every consumer reads it (p50/p95/max,',
      'on this process’s clock; locally one database, so it is only the probe’s round trips).',
      '',
      'Examples:',
      '  rsp diagnose',
      '  rsp diagnose --target local --dir .rsp/db --junit diagnostics.xml',
      '  rsp diagnose --target local --dir .rsp/db --freshness-threshold 2',
      '  rsp diagnose --target aws --region us-east-1 --watch 30',
    ].join('\n'),
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
    const d = await import('@redshift-playground/diagnostics')
    const {
      configShareSpecs,
      diagnosticsConfig,
      expectedDatashares,
      freshnessOptions,
      modelRelations,
    } = await import('../diagnose/diagnostics-input.js')
    // The flag overrides the config's diagnostics.freshnessMaxLagSeconds.
    const freshness = freshnessOptions(config, flagLag)
    const base: DiagnosticsInput = { config: diagnosticsConfig(config, estimateCost(config)) }
    const watch = args.watch === undefined ? undefined : intArg('watch', args.watch, 1, 86_400)
    // Before any check runs: its folder is created, a folder in its place refused.
    const junit = args.junit ? await outputFileOrFail('--junit', args.junit, ctx.cwd) : undefined

    const report = async (r: DiagnosticsReport) => {
      if (args.junit) await writeFile(junit as string, d.renderJunit(r))
      if (args.json) ctx.out(d.renderJson(r))
      else println(d.renderTable(r, { color: ctx.colors.isColorSupported }))
    }
    const runAll = async (checks: readonly Check[], input: DiagnosticsInput) => {
      if (watch === undefined) {
        const r = await d.runChecks(checks, input, { concurrency: args.target === 'local' ? 1 : 4 })
        await report(r)
        return r
      }
      let last: DiagnosticsReport | undefined
      for await (const r of d.watchChecks(checks, input, {
        intervalSeconds: watch,
        signal: interruption(),
      })) {
        last = r
        if (!args.json && ctx.isTTY) ctx.out('\u001b[2J\u001b[H')
        await report(r)
      }
      return last
    }

    let result: DiagnosticsReport | undefined
    if (args.target === 'config') {
      result = await runAll(d.checksOf('config'), base)
    } else if (args.target === 'local') {
      const [{ usingLocalWarehouse }, { shareConsumers, localNamespaceIds }] = await Promise.all([
        import('../local/local-warehouse.js'),
        import('../share/datashare-from-config.js'),
      ])
      if (!args.dir)
        throw new UsageError(
          '--target local needs --dir DIR (a database kept by rsp demo --keep DIR)',
          '--dir',
          undefined,
        )
      const relations = await modelRelations()
      const datashares = expectedDatashares(
        configShareSpecs(config, localNamespaceIds(config)),
        relations,
        'postgres',
      )
      result = await usingLocalWarehouse({ dir: resolve(ctx.cwd, args.dir) }, (w) =>
        runAll([...d.checksOf('config'), ...d.checksOf('data-plane')], {
          ...base,
          dataPlane: {
            target: 'postgres',
            producer: w.producer,
            consumers: Object.fromEntries(
              shareConsumers(config).map((c) => [c.name, w.as(c.name)]),
            ),
            datashares,
            freshness,
          },
        }),
      )
    } else {
      const [
        { awsClientConfig, checkAwsAccess, dataApiClientFactory },
        { awsChecks },
        { identityChoice },
      ] = await Promise.all([
        import('../connections/aws-clients.js'),
        import('../diagnose/aws-checks.js'),
        import('../deploy/identity-args.js'),
      ])
      const choice = identityChoice(args, config.load?.secretArn)
      // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for every client
      const clientConfig: any = await awsClientConfig({
        region: args.region ?? config.region,
        profile: args.profile ?? config.profile,
      })
      // No region or no credentials: every AWS check still reports, with the reason and the fix.
      const access = await checkAwsAccess(clientConfig)
      const plan = await awsChecks({
        config,
        access,
        clientConfig,
        dataApiClientFactory,
        choice,
        targetGroupArn: args['target-group-arn'],
      })
      try {
        for (const n of plan.notes) eprintln(`note: ${n}`)
        if (!args.json && plan.summary) println(plan.summary)
        result = await runAll([...d.checksOf('config'), ...plan.checks], {
          ...base,
          ...(plan.aws ? { aws: plan.aws } : {}),
        })
      } finally {
        plan.close()
      }
    }
    if (result?.status === 'fail') throw new ExitError(1)
  },
})
