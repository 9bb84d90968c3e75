import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { configInputs } from './config-support.js'

/** An NLB balances round-robin-ish over identical consumers only. */
export const nlbPoolCheck: Check = defineCheck({
  id: 'config/nlb-pool',
  title: 'NLB fronts a pool of identical consumers',
  group: 'config',
  inputs: configInputs,
  async run(config) {
    const { consumers, nlb } = config
    const sizes = consumers.map((c) => ({
      name: c.name,
      baseCapacity: c.baseCapacity,
      maxCapacity: c.maxCapacity,
    }))
    if (!nlb.enabled) {
      return [
        config.consumerMode === 'pool' && consumers.length > 1
          ? findings.warn(
              `consumerMode is "pool" but the NLB is off: clients must pick a consumer themselves`,
              { consumerMode: config.consumerMode, consumers: consumers.length },
              'Enable the NLB (nlb.enabled: true) to spread connections over the pool, or use consumerMode "workload".',
            )
          : findings.ok('no NLB; consumers are addressed directly', {
              consumerMode: config.consumerMode,
            }),
      ]
    }
    const out: Finding[] = []
    const distinct = new Set(consumers.map((c) => `${c.baseCapacity}/${c.maxCapacity}`))
    if (consumers.length < 2) {
      out.push(
        findings.warn(
          `the NLB fronts ${consumers.length} consumer(s); it adds cost without spreading load`,
          { consumers: consumers.length },
          'Add identical consumers to the pool or disable the NLB.',
        ),
      )
    }
    if (distinct.size > 1) {
      out.push(
        findings.warn(
          `the NLB spreads connections evenly over consumers of different sizes (${[...distinct].join(', ')} RPU)`,
          { consumers: sizes },
          'Give every pooled consumer the same base and max RPU (round-robin wants identical targets), or use consumerMode "workload" without the NLB.',
        ),
      )
    }
    if (config.consumerMode === 'workload') {
      out.push(
        findings.warn(
          'consumerMode is "workload" but the NLB is on: workload-specific consumers behind one balancer receive each other’s queries',
          { consumerMode: config.consumerMode },
          'Use consumerMode "pool" with identical consumers, or disable the NLB.',
        ),
      )
    }
    if (out.length === 0)
      out.push(
        findings.ok(`the NLB fronts ${consumers.length} identical consumers`, { consumers: sizes }),
      )
    return out
  },
})
