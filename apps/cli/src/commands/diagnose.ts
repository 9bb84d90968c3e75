import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Check, DiagnosticsInput, DiagnosticsReport } from '@redshift-playground/diagnostics'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, eprintln, interruption, println } from '../context/cli-context.js'
import { estimateCost } from '../cost/estimate-cost.js'
import { ExitError, UsageError } from '../errors/cli-errors.js'
import { awsArgs, configArg, intArg, jsonArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'diagnose',
    description: [
      'Health checks with remediation. Offline config checks always run; --target local adds the',
      'data-plane checks on the embedded database (datashare, consumer reads, read-only, row',
      'parity); --target aws adds the control-plane checks (workgroups, namespaces, subnets’ free',
      'IPs, quota) and, when the config has the NLB, the load-balancer checks: the workgroups and',
      'the target group come from the deployed stacks (CloudFormation), --target-group-arn overrides.',
      'Exit 1 when a check fails.',
      '',
      'Examples:',
      '  rsp diagnose',
      '  rsp diagnose --target local --dir .rsp/db --junit diagnostics.xml',
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
    watch: {
      type: 'string',
      description: 'Re-run every N seconds until Ctrl-C',
      valueHint: 'SECONDS',
    },
    junit: { type: 'string', description: 'Also write JUnit XML for CI', valueHint: 'FILE' },
    ...awsArgs,
    ...jsonArg,
  },
  async run({ args }) {
    const ctx = cli()
    const config = await loadConfigOrFail(args.config, ctx.cwd)
    const d = await import('@redshift-playground/diagnostics')
    const { diagnosticsConfig, expectedLocalDatashare, rlsFilteredTables } = await import(
      '../diagnose/diagnostics-input.js'
    )
    const base: DiagnosticsInput = { config: diagnosticsConfig(config, estimateCost(config)) }
    const watch = args.watch === undefined ? undefined : intArg('watch', args.watch, 1, 86_400)

    const report = async (r: DiagnosticsReport) => {
      if (args.junit) await writeFile(resolve(ctx.cwd, args.junit), d.renderJunit(r))
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
      const [{ usingLocalWarehouse }, { shareConsumers }, schema] = await Promise.all([
        import('../local/local-warehouse.js'),
        import('../share/datashare-from-config.js'),
        import('@redshift-playground/schema'),
      ])
      if (!args.dir)
        throw new UsageError(
          '--target local needs --dir DIR (a database kept by rsp demo --keep DIR)',
          '--dir',
          undefined,
        )
      const filtered = rlsFilteredTables(config)
      const tables = Object.values(schema.airlineModel.tables)
        .filter((t) => t.schema === schema.DW)
        .map((t) => t.name)
      result = await usingLocalWarehouse({ dir: resolve(ctx.cwd, args.dir) }, (w) =>
        runAll([...d.checksOf('config'), ...d.checksOf('data-plane')], {
          ...base,
          dataPlane: {
            target: 'postgres',
            producer: w.producer,
            consumers: Object.fromEntries(
              shareConsumers(config).map((c) => [c.name, w.as(c.name)]),
            ),
            datashare: expectedLocalDatashare(config, tables, filtered),
          },
        }),
      )
    } else {
      const [{ awsClientConfig }, rs, ec2, elb, cf, { readDeployedStacks }] = await Promise.all([
        import('../connections/aws-clients.js'),
        import('@aws-sdk/client-redshift-serverless'),
        import('@aws-sdk/client-ec2'),
        import('@aws-sdk/client-elastic-load-balancing-v2'),
        import('@aws-sdk/client-cloudformation'),
        import('../diagnose/deployed-stacks.js'),
      ])
      // biome-ignore lint/suspicious/noExplicitAny: one provider-chain config for four clients
      const clientConfig: any = await awsClientConfig({
        region: args.region ?? config.region,
        profile: args.profile ?? config.profile,
      })
      const clients = {
        redshiftServerless: new rs.RedshiftServerlessClient(clientConfig),
        ec2: new ec2.EC2Client(clientConfig),
        elbv2: new elb.ElasticLoadBalancingV2Client(clientConfig),
      }
      const cfn = new cf.CloudFormationClient(clientConfig)
      try {
        // The deployed stacks name the NLB's target group (the flag overrides it) and the
        // workgroups that really exist.
        const override = args['target-group-arn']
        const deployed = await readDeployedStacks(cfn, config, {
          loadBalancer: config.loadBalancer.enabled && !override,
        })
        const loadBalancer = override ? { targetGroupArn: override } : deployed.loadBalancer
        const notes = [...deployed.notes]
        if (deployed.workgroups.length > 0) {
          const { plannedWorkgroups } = await import('../config/validate-config.js')
          for (const w of plannedWorkgroups(config))
            if (!deployed.workgroups.includes(w.name))
              notes.push(
                `workgroup ${w.name} is in the config but not in the deployed stack (run rsp deploy)`,
              )
        }
        if (config.loadBalancer.enabled && !loadBalancer)
          notes.push('load-balancer checks skipped: no target group found')
        for (const n of notes) eprintln(`note: ${n}`)
        if (!args.json)
          println(
            `deployed: ${deployed.workgroups.length} workgroups${loadBalancer ? `, target group ${loadBalancer.targetGroupArn}${override ? ' (--target-group-arn)' : ''}` : ''}`,
          )
        const groups = loadBalancer
          ? (['config', 'control-plane', 'load-balancer'] as const)
          : (['config', 'control-plane'] as const)
        result = await runAll(
          groups.flatMap((g) => d.checksOf(g)),
          { ...base, aws: { ...clients, ...(loadBalancer ? { loadBalancer } : {}) } },
        )
      } finally {
        for (const c of Object.values(clients)) c.destroy()
        cfn.destroy()
      }
    }
    if (result?.status === 'fail') throw new ExitError(1)
  },
})
