import { describe, expect, it } from 'vitest'
import type { WarehouseConfig } from '../../config/diagnostics-config.js'
import { configWith, findingsOf, healthyConfig, severities } from '../../test-fixtures.js'
import {
  budgetCheck,
  configChecks,
  networkCapacityCheck,
  nlbPoolCheck,
  publicDatashareCheck,
  rpuValuesCheck,
  workgroupSettingsCheck,
} from './index.js'

const consumer = (patch: object) => ({ ...healthyConfig.consumers[0]!, ...patch })

describe('config checks on a healthy config', () => {
  it.each(configChecks.map((c) => [c.id, c] as const))('%s reports only ok', async (_id, check) => {
    const found = await findingsOf(check, { config: healthyConfig })
    expect(found.length).toBeGreaterThan(0)
    expect(severities(found).every((s) => s === 'ok')).toBe(true)
  })

  it('skips every check without a config', async () => {
    for (const check of configChecks) {
      expect(severities(await findingsOf(check, {}))).toEqual(['skip'])
    }
  })
})

describe('config/rpu-values', () => {
  it('fails a base capacity off the ladder and names the nearest allowed values', async () => {
    const found = await findingsOf(rpuValuesCheck, {
      config: configWith({ producer: { ...healthyConfig.producer, baseCapacity: 33 } }),
    })
    const f = found.find((x) => x.severity === 'fail')
    expect(f?.message).toContain('base capacity 33 RPU is not an allowed value')
    expect(f?.remediation).toContain('nearest: 32 or 40')
  })

  it('accepts 4, 512+32 steps and refuses 520', async () => {
    const run = (baseCapacity: number, maxCapacity = 1024) =>
      findingsOf(rpuValuesCheck, {
        config: configWith({ producer: { ...healthyConfig.producer, baseCapacity, maxCapacity } }),
      })
    expect(severities(await run(4))[0]).toBe('ok')
    expect(severities(await run(544))[0]).toBe('ok')
    expect(severities(await run(520))[0]).toBe('fail')
  })

  it('fails 1024 RPU outside its regions and warns without a region', async () => {
    const producer = { ...healthyConfig.producer, baseCapacity: 1024, maxCapacity: 1024 }
    const inRegion = await findingsOf(rpuValuesCheck, {
      config: configWith({ producer, region: 'ap-south-1' }),
    })
    expect(inRegion[0]?.severity).toBe('fail')
    expect(inRegion[0]?.remediation).toContain('us-east-1')
    const noRegion = await findingsOf(rpuValuesCheck, {
      config: configWith({ producer, region: undefined }),
    })
    expect(noRegion[0]?.severity).toBe('warn')
  })

  it('fails every base capacity above 512 RPU outside the five Regions that offer them (serverless-capacity)', async () => {
    for (const baseCapacity of [544, 768, 992]) {
      const producer = { ...healthyConfig.producer, baseCapacity, maxCapacity: 1024 }
      const [outside] = await findingsOf(rpuValuesCheck, {
        config: configWith({ producer, region: 'ap-south-1' }),
      })
      expect(outside?.severity, String(baseCapacity)).toBe('fail')
      expect(outside?.remediation).toContain('Use 512 RPU or less')
      const [inside] = await findingsOf(rpuValuesCheck, {
        config: configWith({ producer, region: 'eu-west-1' }),
      })
      expect(inside?.severity, String(baseCapacity)).toBe('ok')
    }
  })

  it('fails max below base and above the ceiling', async () => {
    const below = await findingsOf(rpuValuesCheck, {
      config: configWith({ producer: { ...healthyConfig.producer, maxCapacity: 16 } }),
    })
    expect(below[0]).toMatchObject({
      severity: 'fail',
      remediation: 'Set maxCapacity to at least 32.',
    })
    const above = await findingsOf(rpuValuesCheck, {
      config: configWith({ producer: { ...healthyConfig.producer, maxCapacity: 6000 } }),
    })
    expect(above[0]?.message).toContain('above the ceiling of 5632')
  })

  it('honours overridden limits', async () => {
    const found = await findingsOf(rpuValuesCheck, {
      config: configWith({ producer: { ...healthyConfig.producer, maxCapacity: 256 } }),
      limits: { maxCapacityCeiling: 128 },
    })
    expect(found[0]?.severity).toBe('fail')
  })
})

describe('config/workgroup-settings', () => {
  it('fails bad names, ports and duplicates', async () => {
    const found = await findingsOf(workgroupSettingsCheck, {
      config: configWith({
        consumers: [consumer({ workgroup: 'Pool_1', port: 6000 }), consumer({ name: 'pool-2' })],
      }),
    })
    expect(severities(found)).toEqual(['ok', 'fail', 'fail'])
    expect(found[1]?.message).toMatch(/must be 3–64 characters.*port 6000 is outside/)
    expect(found[2]?.message).toContain('is also used by "pool-1"')
  })
})

describe('config/network-capacity', () => {
  it('fails two AZs with enhanced VPC routing', async () => {
    const found = await findingsOf(networkCapacityCheck, {
      config: configWith({
        network: {
          ...healthyConfig.network,
          azCount: 2,
          subnets: healthyConfig.network.subnets.slice(0, 2),
        },
      }),
    })
    expect(found[0]).toMatchObject({ severity: 'fail' })
    expect(found[0]?.message).toContain('3 required with enhanced VPC routing')
    expect(found[0]?.remediation).toContain('/23 or larger subnets')
  })

  it('passes two AZs without enhanced VPC routing', async () => {
    const found = await findingsOf(networkCapacityCheck, {
      config: configWith({
        network: {
          azCount: 2,
          subnets: healthyConfig.network.subnets.slice(0, 2),
          enhancedVpcRouting: false,
        },
      }),
    })
    expect(severities(found).every((s) => s === 'ok')).toBe(true)
  })

  it('fails subnets too small at base RPU and warns when max RPU would not fit', async () => {
    const small = (prefixLength: number) =>
      configWith({
        network: {
          ...healthyConfig.network,
          subnets: healthyConfig.network.subnets.map((s) => ({ ...s, prefixLength })),
        },
      })
    // 3 workgroups at 32 RPU need 13 each + 1 for the NLB = 40; a /27 has 27 usable.
    const tooSmall = await findingsOf(networkCapacityCheck, { config: small(27) })
    expect(tooSmall.filter((f) => f.severity === 'fail')).toHaveLength(3)
    expect(tooSmall[1]?.evidence).toMatchObject({ usableAddresses: 27, neededAtBaseCapacity: 40 })
    expect(tooSmall[1]?.remediation).toContain('Use /23 or larger subnets')
    // At max RPU: 37 (128) + 21 + 21 + 1 = 80; a /26 has 59 usable, enough for base (40).
    const tight = await findingsOf(networkCapacityCheck, { config: small(26) })
    expect(severities(tight).slice(1)).toEqual(['warn', 'warn', 'warn'])
  })
})

describe('config/nlb-pool', () => {
  it('warns on an NLB over consumers of different sizes', async () => {
    const found = await findingsOf(nlbPoolCheck, {
      config: configWith({
        consumers: [
          consumer({}),
          consumer({
            name: 'big',
            workgroup: 'big',
            namespace: 'big',
            baseCapacity: 128,
            maxCapacity: 256,
          }),
        ],
      }),
    })
    expect(found[0]?.severity).toBe('warn')
    expect(found[0]?.message).toContain('different sizes (32/64, 128/256 RPU)')
    expect(found[0]?.remediation).toContain('round-robin wants identical targets')
  })

  it('warns on workload mode behind an NLB and on a single-consumer pool', async () => {
    const found = await findingsOf(nlbPoolCheck, {
      config: configWith({ consumerMode: 'workload', consumers: [consumer({})] }),
    })
    expect(severities(found)).toEqual(['warn', 'warn'])
  })

  it('warns on a pool without an NLB', async () => {
    const found = await findingsOf(nlbPoolCheck, {
      config: configWith({ nlb: { enabled: false } }),
    })
    expect(found[0]?.severity).toBe('warn')
  })
})

describe('config/public-datashare', () => {
  it('fails a public consumer with a private datashare, with the seed remediation', async () => {
    const found = await findingsOf(publicDatashareCheck, {
      config: configWith({ consumers: [consumer({ publiclyAccessible: true })] }),
    })
    expect(found[0]?.severity).toBe('fail')
    expect(found[0]?.remediation).toContain(
      'ALTER DATASHARE "airline_share" SET PUBLICACCESSIBLE TRUE;',
    )
    expect(found[0]?.remediation).toContain(
      'Publicly accessible consumer cannot access object in the database',
    )
  })

  it('warns on a public datashare nobody needs and on a public producer', async () => {
    const found = await findingsOf(publicDatashareCheck, {
      config: configWith({
        datashare: { name: 'airline_share', publicAccessible: true },
        producer: { ...healthyConfig.producer, publiclyAccessible: true },
      }),
    })
    expect(severities(found)).toEqual(['warn', 'warn'])
  })
})

describe('config/public-datashare with several datashares (datashares by domain)', () => {
  const [pool1, pool2] = healthyConfig.consumers as [WarehouseConfig, WarehouseConfig]
  const shares = (patch: { sales?: boolean; ops?: boolean }) => [
    { name: 'core', publicAccessible: false, consumers: ['pool-1', 'pool-2'] },
    { name: 'sales_domain', publicAccessible: patch.sales ?? false, consumers: ['pool-2'] },
    { name: 'ops_domain', publicAccessible: patch.ops ?? false, consumers: ['pool-1'] },
  ]

  it('checks every share against its own consumers, not only the first share', async () => {
    // pool-2 is public: core and sales_domain (its shares) must be public; ops_domain need not.
    const found = await findingsOf(publicDatashareCheck, {
      config: configWith({
        consumers: [pool1, { ...pool2, publiclyAccessible: true }],
        datashares: shares({ sales: true }),
      }),
    })
    expect(found.map((f) => [f.resource, f.severity])).toEqual([
      ['core', 'fail'],
      ['sales_domain', 'ok'],
      ['ops_domain', 'ok'],
    ])
    expect(found[0]?.message).toBe(
      'consumer(s) pool-2 of datashare core are publicly accessible but the datashare is not',
    )
    expect(found[0]?.remediation).toContain('ALTER DATASHARE "core" SET PUBLICACCESSIBLE TRUE;')
  })

  it('fails a later share whose public consumer it lacks, and warns on a later public share nobody needs', async () => {
    const found = await findingsOf(publicDatashareCheck, {
      config: configWith({
        consumers: [pool1, { ...pool2, publiclyAccessible: true }],
        datashares: [{ name: 'core', publicAccessible: true }, ...shares({ ops: true }).slice(1)],
      }),
    })
    expect(found.map((f) => [f.resource, f.severity])).toEqual([
      ['core', 'ok'],
      ['sales_domain', 'fail'],
      ['ops_domain', 'warn'],
    ])
    expect(found[1]?.remediation).toContain(
      'ALTER DATASHARE "sales_domain" SET PUBLICACCESSIBLE TRUE;',
    )
    expect(found[2]?.message).toBe(
      'datashare ops_domain is publicly accessible but none of its consumers is',
    )
  })

  it('`datashares` replaces the one-share `datashare`; a caller passing one share keeps its result', async () => {
    const both = await findingsOf(publicDatashareCheck, {
      config: configWith({
        datashare: { name: 'airline_share', publicAccessible: true },
        datashares: shares({}),
      }),
    })
    expect(both.map((f) => f.resource)).toEqual(['core', 'sales_domain', 'ops_domain'])
    expect(severities(both)).toEqual(['ok', 'ok', 'ok'])
    const { datashare } = healthyConfig
    const one = await findingsOf(publicDatashareCheck, {
      config: configWith({ datashare, consumers: [{ ...pool1, publiclyAccessible: true }, pool2] }),
    })
    expect(one.map((f) => [f.resource, f.severity])).toEqual([['airline_share', 'fail']])
  })

  it('refuses a share naming an unknown consumer, a repeated share and no share at all (INPUT_INVALID, the field named)', async () => {
    const run = (patch: object) =>
      findingsOf(publicDatashareCheck, { config: { ...healthyConfig, ...patch } as never })
    await expect(
      run({ datashares: [{ name: 'core', publicAccessible: false, consumers: ['pool-9'] }] }),
    ).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      field: 'config.datashares[0].consumers[0]',
      value: 'pool-9',
      message:
        'config.datashares[0].consumers[0]: expected the name of one of the consumers (pool-1, pool-2), got "pool-9".',
    })
    await expect(
      run({ datashares: [...shares({}), { name: 'core', publicAccessible: true }] }),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID', field: 'config.datashares[3].name' })
    await expect(run({ datashares: [] })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      field: 'config.datashares',
    })
    await expect(run({ datashare: undefined })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      field: 'config.datashares',
    })
  })
})

describe('config/budget', () => {
  it('warns when the estimate exceeds the budget and skips without one', async () => {
    const over = await findingsOf(budgetCheck, {
      config: configWith({ budget: { monthlyUsd: 1000, estimatedMonthlyUsd: 2880 } }),
    })
    expect(over[0]).toMatchObject({
      severity: 'warn',
      message: 'estimated $2880.00/month exceeds the budget of $1000.00',
    })
    const none = await findingsOf(budgetCheck, { config: configWith({ budget: undefined }) })
    expect(none[0]?.severity).toBe('skip')
  })
})
