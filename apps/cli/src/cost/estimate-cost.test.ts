import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateConfigOrFail } from '../config/validate-config.js'
import { synthApp } from '../infra/synth.js'
import { runCli, tempProject } from '../test-cli.js'
import { estimateCost, serverlessUseCost, supportResources } from './estimate-cost.js'
import { defaultPrices, HOURS_PER_MONTH, priceSource, resolvePrices } from './prices.js'

describe('estimateCost', () => {
  it('corrects the seed: 32 RPU × 8 h/day × 30 days is $2,880, not $276', () => {
    const config = validateConfigOrFail({
      project: 'airline',
      producer: { baseCapacity: 32, maxCapacity: 32, hoursPerDay: 8 },
      consumers: {
        workloads: [{ name: 'analytics', baseCapacity: 32, maxCapacity: 64, hoursPerDay: 0 }],
      },
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

  it('E: prices both consumer modes, storage once, NLB and cluster around the clock of a 730-hour month, keys, secrets and logs', () => {
    const config = validateConfigOrFail({
      project: 'airline',
      consumers: {
        mode: 'pool',
        pool: { count: 2, baseCapacity: 8, maxCapacity: 16, hoursPerDay: 10 },
      },
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
      'KMS keys',
      'Secrets Manager',
      'CloudWatch Logs',
    ])
    const byName = Object.fromEntries(e.modes.pool.lines.map((l) => [l.component, l.monthlyUsd]))
    expect(byName['airline-consumer-1']).toBe(8 * 10 * 30 * 0.375) // 900
    expect(byName['managed storage']).toBe(24)
    // Always-on resources bill 730 h a month (24 × 365 / 12), not 24 h × 30 days = 720 h.
    expect(HOURS_PER_MONTH).toBe(730)
    expect(byName['network load balancer']).toBe(Math.round((0.0225 + 2 * 0.006) * 730 * 100) / 100)
    expect(byName['traditional cluster (ra3.xlplus)']).toBe(Math.round(2 * 1.086 * 730 * 100) / 100)
    // Keys: the namespaces', the alarm topic's, the cluster's; secrets and log exporters: the
    // producer, two consumers and the cluster; 1 GB of logs each by default.
    expect(byName['KMS keys']).toBe(3)
    expect(byName['Secrets Manager']).toBe(1.6)
    expect(byName['CloudWatch Logs']).toBe(2)
    expect(e.modes.workload.lines.map((l) => l.component)).toContain('airline-analytics')
    expect(e.totalUsd).toBe(e.modes.pool.totalUsd)
    expect(e.budgetUsd).toBe(1000)
  })

  it('E: a cluster paused part of the day bills its share of 730 h; the log volume is a config knob', () => {
    const config = validateConfigOrFail({
      project: 'airline',
      traditionalCluster: { enabled: true, nodes: 1, hoursPerDay: 12 },
      monitoring: { logGbPerMonth: 40 },
      prices: { logsIngestGb: 0.25, kmsKeyMonth: 2, secretMonth: 1 },
    })
    const lines = Object.fromEntries(
      estimateCost(config).modes.workload.lines.map((l) => [l.component, l]),
    )
    expect(lines['traditional cluster (ra3.xlplus)']?.monthlyUsd).toBe(
      Math.round(1.086 * 365 * 100) / 100,
    )
    expect(lines['traditional cluster (ra3.xlplus)']?.basis).toContain(
      '365 h/month (12 h/day of 730 h)',
    )
    expect(lines['CloudWatch Logs']?.monthlyUsd).toBe(10)
    expect(lines['CloudWatch Logs']?.basis).toContain('40 GB/month')
    expect(lines['KMS keys']?.monthlyUsd).toBe(6)
    expect(lines['Secrets Manager']?.monthlyUsd).toBe(4)
  })

  it('E: the keys, secrets and log exports priced are the ones the synthesised stacks create', {
    timeout: 120_000,
  }, async () => {
    for (const raw of [
      { project: 'airline' },
      { project: 'airline', consumers: { mode: 'pool' }, traditionalCluster: { enabled: true } },
    ]) {
      const config = validateConfigOrFail(raw)
      const synth = await synthApp(config, mkdtempSync(join(tmpdir(), 'rsp-cost-cdk-')))
      let keys = 0
      let managedPasswords = 0
      let logExporters = 0
      for (const stack of synth.stacks) {
        const template = JSON.parse(readFileSync(stack.templateFile, 'utf8')) as {
          Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>
        }
        for (const r of Object.values(template.Resources)) {
          if (r.Type === 'AWS::KMS::Key') keys++
          if (
            r.Properties?.ManageAdminPassword === true ||
            r.Properties?.ManageMasterPassword === true
          )
            managedPasswords++
          if (r.Type === 'AWS::RedshiftServerless::Namespace' && r.Properties?.LogExports)
            logExporters++
          if (r.Type === 'AWS::Redshift::Cluster' && r.Properties?.LoggingProperties) logExporters++
        }
        expect(
          Object.keys(stack.resourceTypes).filter((t) => t === 'AWS::SecretsManager::Secret'),
        ).toEqual([])
      }
      const namespaces = estimateCost(config).modes[config.consumers.mode].lines.filter(
        (l) => l.kind === 'serverless',
      ).length
      const expected = supportResources(config, namespaces)
      expect(expected.kmsKeys.length).toBe(keys)
      expect(expected.secrets).toBe(managedPasswords)
      expect(expected.logExporters).toBe(logExporters)
    }
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
    expect(r.stdout).toContain('over budget: $8,647.10 > $100.00 per month')
    expect(r.stdout).toMatch(/KMS keys +\$2\.00 /)
    expect(r.stdout).toMatch(/Secrets Manager +\$1\.20 /)
    expect(r.stdout).toMatch(/CloudWatch Logs +\$1\.50 /)
    expect(r.stdout).toContain(`Prices: us-east-1, as of ${priceSource.asOf}`)
    // E: it cites AWS's pricing pages, not a file users do not have.
    for (const url of [
      'https://aws.amazon.com/redshift/pricing/',
      'https://aws.amazon.com/kms/pricing/',
      'https://aws.amazon.com/secrets-manager/pricing/',
      'https://aws.amazon.com/cloudwatch/pricing/',
    ])
      expect(r.stdout).toContain(url)
    expect(r.stdout).not.toContain('FACTS')
    expect(r.stdout).not.toContain(String.fromCharCode(27))
  })

  it('prints the estimate as JSON with --json', async () => {
    const r = await runCli(['cost', '--json'], { cwd: tempProject({ project: 'airline' }) })
    expect(r.code).toBe(0)
    const e = JSON.parse(r.stdout)
    expect(e.modes.workload.totalUsd).toBe(8647.1)
    expect(e.modes.pool.totalUsd).toBe(11528)
    expect(e.priceSource.region).toBe('us-east-1')
    expect(e.priceSource.sources.secretMonth).toBe(
      'https://aws.amazon.com/secrets-manager/pricing/',
    )
    expect(JSON.stringify(e)).not.toContain('FACTS')
  })
})
