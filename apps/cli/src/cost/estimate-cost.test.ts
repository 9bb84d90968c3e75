import { describe, expect, it } from 'vitest'
import { validateConfigOrFail } from '../config/validate-config.js'
import { runCli, tempProject } from '../test-cli.js'
import { estimateCost, serverlessUseCost } from './estimate-cost.js'
import { defaultPrices, resolvePrices } from './prices.js'

describe('estimateCost', () => {
  it('corrects the seed: 32 RPU × 8 h/day × 30 days is $2,880, not $276', () => {
    const config = validateConfigOrFail({
      project: 'airline',
      producer: { baseRpu: 32, maxRpu: 32, hoursPerDay: 8 },
      consumers: { workloads: [{ name: 'analytics', baseRpu: 32, maxRpu: 64, hoursPerDay: 0 }] },
      storage: { gb: 0 },
    })
    const producer = estimateCost(config).modes.workload.lines[0]
    expect(producer?.monthlyUsd).toBe(2880)
    expect(producer?.peakMonthlyUsd).toBe(2880)
  })

  it('bills at least 60 s per use', () => {
    expect(serverlessUseCost(8, 10, defaultPrices)).toBeCloseTo((8 * 60 * 0.375) / 3600, 10)
    expect(serverlessUseCost(8, 120, defaultPrices)).toBeCloseTo((8 * 120 * 0.375) / 3600, 10)
    expect(serverlessUseCost(8, 0, defaultPrices)).toBe(0)
  })

  it('prices both consumer modes, storage once, NLB and cluster around the clock', () => {
    const config = validateConfigOrFail({
      project: 'airline',
      consumers: { mode: 'pool', pool: { count: 2, baseRpu: 8, maxRpu: 16, hoursPerDay: 10 } },
      loadBalancer: { enabled: true, nlcu: 2 },
      traditionalCluster: { enabled: true, nodes: 2 },
      storage: { gb: 1000 },
      budget: { monthlyUsd: 1000 },
    })
    const e = estimateCost(config)
    expect(e.selectedMode).toBe('pool')
    expect(e.modes.pool.lines.map((l) => l.component)).toEqual([
      'airline-producer',
      'airline-consumer-1',
      'airline-consumer-2',
      'managed storage',
      'network load balancer',
      'traditional cluster (ra3.xlplus)',
    ])
    const byName = Object.fromEntries(e.modes.pool.lines.map((l) => [l.component, l.monthlyUsd]))
    expect(byName['airline-consumer-1']).toBe(8 * 10 * 30 * 0.375) // 900
    expect(byName['managed storage']).toBe(24)
    expect(byName['network load balancer']).toBe(
      Math.round((0.0225 + 2 * 0.006) * 24 * 30 * 100) / 100,
    )
    expect(byName['traditional cluster (ra3.xlplus)']).toBe(
      Math.round(2 * 1.086 * 24 * 30 * 100) / 100,
    )
    expect(e.modes.workload.lines.map((l) => l.component)).toContain('airline-analytics')
    expect(e.totalUsd).toBe(e.modes.pool.totalUsd)
    expect(e.budgetUsd).toBe(1000)
  })

  it('uses price overrides from the config', () => {
    const config = validateConfigOrFail({
      project: 'airline',
      prices: { serverlessRpuHour: 0.5, provisionedNodeHour: { 'ra3.xlplus': 2 } },
    })
    const e = estimateCost(config)
    expect(e.prices.serverlessRpuHour).toBe(0.5)
    expect(e.prices.provisionedNodeHour['ra3.xlplus']).toBe(2)
    expect(e.prices.provisionedNodeHour['ra3.4xlarge']).toBe(
      defaultPrices.provisionedNodeHour['ra3.4xlarge'],
    )
    expect(resolvePrices(undefined)).toEqual(defaultPrices)
  })
})

describe('rsp cost', () => {
  it('prints both modes, the budget verdict and the price source', async () => {
    const dir = tempProject({ project: 'airline', budget: { monthlyUsd: 100 } })
    const r = await runCli(['cost'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Workload-specific consumers (selected)')
    expect(r.stdout).toContain('Identical consumer pool')
    expect(r.stdout).toMatch(/airline-producer +\$2,880\.00 +\$11,520\.00 +32 RPU \(max 128\)/)
    expect(r.stdout).toContain('over budget: $8,642.40 > $100.00 per month')
    expect(r.stdout).toContain('Prices: us-east-1, as of 2026-11-26')
    expect(r.stdout).not.toContain(String.fromCharCode(27))
  })

  it('prints the estimate as JSON with --json', async () => {
    const r = await runCli(['cost', '--json'], { cwd: tempProject({ project: 'airline' }) })
    expect(r.code).toBe(0)
    const e = JSON.parse(r.stdout)
    expect(e.modes.workload.totalUsd).toBe(8642.4)
    expect(e.priceSource.region).toBe('us-east-1')
  })
})
