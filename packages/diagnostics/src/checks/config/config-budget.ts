import type { Check } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { configInputs } from './config-support.js'

/** The estimated monthly cost fits the budget. */
export const budgetCheck: Check = defineCheck({
  id: 'config/budget',
  title: 'Estimated cost fits the budget',
  group: 'config',
  inputs: configInputs,
  async run(config) {
    const budget = config.budget
    if (!budget)
      return [
        findings.skip(
          'no budget configured',
          'Set budget.monthlyUsd to compare the estimate against.',
        ),
      ]
    const ev = { monthlyUsd: budget.monthlyUsd, estimatedMonthlyUsd: budget.estimatedMonthlyUsd }
    const money = (n: number) => `$${n.toFixed(2)}`
    return [
      budget.estimatedMonthlyUsd > budget.monthlyUsd
        ? findings.warn(
            `estimated ${money(budget.estimatedMonthlyUsd)}/month exceeds the budget of ${money(budget.monthlyUsd)}`,
            ev,
            'Lower base/max RPU or active hours, use fewer consumers, or add a usage limit (serverless-compute, breachAction deactivate); "rsp cost" shows the breakdown.',
          )
        : findings.ok(
            `estimated ${money(budget.estimatedMonthlyUsd)}/month within ${money(budget.monthlyUsd)}`,
            ev,
          ),
    ]
  },
})

/** The offline `config` group. */
