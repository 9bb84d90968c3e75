import { resolve } from 'node:path'
import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, printJson, println } from '../context/cli-context.js'
import { estimateCost } from '../cost/estimate-cost.js'
import { renderTable, usd } from '../output/table.js'
import { describe } from './catalogue.js'
import { configArg, jsonArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'plan',
    description: describe('plan'),
  },
  args: {
    ...configArg,
    out: {
      type: 'string',
      description: 'Cloud assembly directory',
      default: 'cdk.out',
      valueHint: 'DIR',
    },
    sql: { type: 'boolean', description: 'Print the datashare SQL per side', default: true },
    ...jsonArg,
  },
  async run({ args }) {
    const ctx = cli()
    const config = await loadConfigOrFail(args.config, ctx.cwd)
    const [{ synthApp }, { offlineSharePlan }, { statementsByShare }] = await Promise.all([
      import('../infra/synth.js'),
      import('../share/offline-share-plan.js'),
      import('../share/share-parts.js'),
    ])
    const synth = await synthApp(config, resolve(ctx.cwd, args.out))
    const cost = estimateCost(config)
    const share = await offlineSharePlan(config)
    if (args.json) {
      return printJson({
        cdkOut: synth.outdir,
        stacks: synth.stacks,
        cost,
        sharing: {
          shares: share.byShare.map((p) => p.share),
          statements: statementsByShare(share.plan, share.byShare),
          placeholders: share.placeholders,
        },
      })
    }
    const c = ctx.colors
    println(
      c.bold(
        `Stacks (deploy order), synthesised to ${args.out} in ${(synth.durationMs / 1000).toFixed(1)} s`,
      ),
    )
    println(
      renderTable(
        ['stack', 'resources', 'main resources', 'depends on'],
        synth.stacks.map((s) => [
          s.stackName,
          String(s.resources),
          Object.entries(s.resourceTypes)
            .filter(([t]) =>
              /Redshift|ElasticLoadBalancing|EC2::VPC$|EC2::Subnet$|KMS::Key|SNS::Topic|CloudWatch::Dashboard/.test(
                t,
              ),
            )
            .map(([t, n]) => `${n} ${t.replace(/^AWS::/, '')}`)
            .join(', '),
          s.dependencies.join(', '),
        ]),
      ),
    )
    println()
    const selected = cost.modes[cost.selectedMode]
    println(
      `${c.bold('Cost')} ${usd(selected.totalUsd)} per month (${cost.selectedMode} mode; up to ${usd(selected.peakTotalUsd)} at max RPU); ${cost.selectedMode === 'workload' ? 'pool' : 'workload'} mode: ${usd(cost.modes[cost.selectedMode === 'workload' ? 'pool' : 'workload'].totalUsd)}. Details: rsp cost`,
    )
    println()
    for (const p of share.byShare)
      println(
        c.bold(
          `Datashare ${p.share}: ${p.statements.length} statements, namespace ids filled in at deploy (${p.placeholders.join(', ')})`,
        ),
      )
    if (share.byShare.length > 1)
      println('The datashares are planned together: the SQL below is in run order.')
    if (args.sql) for (const script of share.scripts) println(`\n${script.sql.trimEnd()}`)
  },
})
