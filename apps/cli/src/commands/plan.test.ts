import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempProject } from '../test-cli.js'

describe('rsp plan', () => {
  it('synthesises the pool + NLB app offline and prints stacks, cost and sharing plan', {
    timeout: 180_000,
  }, async () => {
    const dir = tempProject({
      project: 'fleet',
      consumers: { mode: 'pool', pool: { count: 2, baseCapacity: 8, maxCapacity: 32 } },
      loadBalancer: { enabled: true },
    })
    const r = await runCli(['plan', '--json'], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const plan = JSON.parse(r.stdout)
    expect(existsSync(join(dir, 'cdk.out', 'manifest.json'))).toBe(true)
    const names = plan.stacks.map((s: { stackName: string }) => s.stackName)
    expect(names).toEqual(expect.arrayContaining(['fleet-network', 'fleet-warehouses']))
    const warehouses = plan.stacks.find(
      (s: { stackName: string }) => s.stackName === 'fleet-warehouses',
    )
    expect(warehouses.resourceTypes['AWS::RedshiftServerless::Workgroup']).toBe(3)
    expect(warehouses.dependencies.length).toBeGreaterThan(0)
    expect(
      plan.stacks.some(
        (s: { resourceTypes: Record<string, number> }) =>
          s.resourceTypes['AWS::ElasticLoadBalancingV2::LoadBalancer'] === 1,
      ),
    ).toBe(true)
    expect(plan.cost.selectedMode).toBe('pool')
    expect(plan.sharing.placeholders).toEqual(
      expect.arrayContaining(['ProducerNamespaceId', 'Consumer1NamespaceId']),
    )
  })

  it('exits 2 on an invalid config before synthesising anything', async () => {
    const dir = tempProject({ project: 'fleet', producer: { baseCapacity: 33, maxCapacity: 64 } })
    const r = await runCli(['plan'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(existsSync(join(dir, 'cdk.out'))).toBe(false)
  })
})
