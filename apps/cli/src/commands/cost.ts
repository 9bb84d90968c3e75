import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli, printJson, println } from '../context/cli-context.js'
import { estimateCost, type ModeEstimate } from '../cost/estimate-cost.js'
import { HOURS_PER_MONTH } from '../cost/prices.js'
import { renderTable, usd } from '../output/table.js'
import { describe } from './catalogue.js'
import { configArg, jsonArg } from './shared-args.js'

export default defineCommand({
  meta: {
    name: 'cost',
    description: describe('cost'),
  },
  args: { ...configArg, ...jsonArg },
  async run({ args }) {
    const config = await loadConfigOrFail(args.config, cli().cwd)
    const estimate = estimateCost(config)
    if (args.json) return printJson(estimate)
    const c = cli().colors
    const section = (m: ModeEstimate) => {
      const selected = m.mode === estimate.selectedMode
      println(
        c.bold(
          `${m.mode === 'workload' ? 'Workload-specific consumers' : 'Identical consumer pool'}${selected ? ' (selected)' : ''}`,
        ),
      )
      println(
        renderTable(
          ['component', 'monthly', 'at max RPU', 'basis'],
          m.lines.map((l) => [
            l.component,
            usd(l.monthlyUsd),
            usd(l.peakMonthlyUsd),
            c.dim(l.basis),
          ]),
        ),
      )
      println(
        `${c.bold('total')} ${usd(m.totalUsd)} per month (up to ${usd(m.peakTotalUsd)} at max RPU)`,
      )
      println()
    }
    section(estimate.modes[estimate.selectedMode])
    section(estimate.modes[estimate.selectedMode === 'workload' ? 'pool' : 'workload'])
    if (estimate.budgetUsd !== undefined) {
      const over = estimate.totalUsd > estimate.budgetUsd
      println(
        over
          ? c.yellow(
              `over budget: ${usd(estimate.totalUsd)} > ${usd(estimate.budgetUsd)} per month`,
            )
          : c.green(
              `within budget: ${usd(estimate.totalUsd)} ≤ ${usd(estimate.budgetUsd)} per month`,
            ),
      )
    }
    println(
      c.dim(
        `Prices: ${estimate.priceSource.region}, as of ${estimate.priceSource.asOf}; ${estimate.priceSource.source}. Override them under "prices" in the config. Serverless bills per second with a ${estimate.prices.serverlessMinimumSeconds} s minimum and nothing while idle; always-on resources bill ${HOURS_PER_MONTH} h a month.`,
      ),
    )
  },
})
