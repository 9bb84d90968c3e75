import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2'
import {
  GetNamespaceCommand,
  GetWorkgroupCommand,
  ListWorkgroupsCommand,
} from '@aws-sdk/client-redshift-serverless'
import { describe, expect, it } from 'vitest'
import { healthyAws, healthyWorkgroups, workgroup } from '../../aws/test-aws-fixtures.js'
import { runChecks } from '../../runner/run-checks.js'
import { MemoryStatusHistory } from '../../runner/status-history.js'
import { configWith, findingsOf, healthyConfig, severities } from '../../test-fixtures.js'
import {
  controlPlaneChecks,
  endpointStatusCheck,
  logExportsCheck,
  namespaceStatusCheck,
  publicWorkgroupsCheck,
  rpuQuotaCheck,
  subnetFreeIpsCheck,
  workgroupStatusCheck,
} from './index.js'

const T0 = new Date('2025-06-01T12:00:00Z')
const at = (minutes: number) => () => new Date(T0.getTime() + minutes * 60_000)

describe('control-plane checks on a healthy deployment', () => {
  it('every check reports only ok', async () => {
    const { input } = healthyAws()
    const report = await runChecks(controlPlaneChecks, input)
    for (const r of report.results) expect([r.id, r.status]).toEqual([r.id, 'ok'])
  })

  it('shares one GetWorkgroup call per workgroup across checks', async () => {
    const { input, rs } = healthyAws()
    await runChecks(controlPlaneChecks, input)
    expect(rs.commandCalls(GetWorkgroupCommand)).toHaveLength(3)
  })

  it('skips without a config or a client', async () => {
    const { input } = healthyAws()
    expect(severities(await findingsOf(workgroupStatusCheck, { aws: input.aws }))).toEqual(['skip'])
    expect(severities(await findingsOf(workgroupStatusCheck, { config: healthyConfig }))).toEqual([
      'skip',
    ])
    expect(
      severities(
        await findingsOf(subnetFreeIpsCheck, {
          ...input,
          aws: { redshiftServerless: input.aws.redshiftServerless },
        }),
      ),
    ).toEqual(['skip'])
  })
})

describe('control-plane/workgroup-status', () => {
  it('fails a workgroup that does not exist', async () => {
    const { input } = healthyAws()
    const config = configWith({
      consumers: [{ ...healthyConfig.consumers[0]!, workgroup: 'missing' }],
    })
    const found = await findingsOf(workgroupStatusCheck, { ...input, config })
    expect(severities(found)).toEqual(['ok', 'fail'])
    expect(found[1]?.message).toBe('consumer workgroup missing does not exist')
    expect(found[1]?.remediation).toContain('rsp deploy')
  })

  it('warns on MODIFYING, then fails once it has been MODIFYING for over 10 minutes', async () => {
    const { input } = healthyAws([
      ...healthyWorkgroups().slice(0, 2),
      workgroup('rsp-pool-2', 'rsp-pool-2', 12, { status: 'MODIFYING' }),
    ])
    const history = new MemoryStatusHistory()
    const first = await findingsOf(workgroupStatusCheck, input, { history, now: at(0) })
    expect(first[2]).toMatchObject({
      severity: 'warn',
      message: 'workgroup rsp-pool-2 is MODIFYING (seen for 0 min)',
    })
    const nine = await findingsOf(workgroupStatusCheck, input, { history, now: at(9) })
    expect(nine[2]?.severity).toBe('warn')
    const eleven = await findingsOf(workgroupStatusCheck, input, { history, now: at(11) })
    expect(eleven[2]).toMatchObject({
      severity: 'fail',
      message: 'workgroup rsp-pool-2 has been MODIFYING for 11 min (over 10 min)',
    })
    expect(eleven[2]?.remediation).toContain(
      "can't update multiple configurations at the same time",
    )
    expect(eleven[2]?.evidence).toMatchObject({ since: T0.toISOString(), minutes: 11 })
  })

  it('times CREATING from the creation date', async () => {
    const created = new Date(T0.getTime() - 20 * 60_000)
    const { input } = healthyAws([
      workgroup('rsp-producer', 'rsp-producer', 10, { status: 'CREATING', creationDate: created }),
      ...healthyWorkgroups().slice(1),
    ])
    const found = await findingsOf(workgroupStatusCheck, input, { now: at(0) })
    expect(found[0]).toMatchObject({
      severity: 'fail',
      message: 'workgroup rsp-producer has been CREATING for 20 min (over 10 min)',
    })
  })

  it('fails DELETING and a workgroup in the wrong namespace', async () => {
    const { input } = healthyAws([
      workgroup('rsp-producer', 'rsp-producer', 10, { status: 'DELETING' }),
      workgroup('rsp-pool-1', 'someone-else', 11),
      workgroup('rsp-pool-2', 'rsp-pool-2', 12),
    ])
    const found = await findingsOf(workgroupStatusCheck, input)
    expect(severities(found)).toEqual(['fail', 'fail', 'ok'])
    expect(found[1]?.message).toBe(
      'workgroup rsp-pool-1 belongs to namespace someone-else, not rsp-pool-1',
    )
  })
})

describe('control-plane/namespace-status', () => {
  it('fails a missing or DELETING namespace with the snapshot-restore remediation', async () => {
    const { input, rs } = healthyAws()
    rs.on(GetNamespaceCommand, { namespaceName: 'rsp-pool-1' }).rejects(
      Object.assign(new Error('nope'), { name: 'ResourceNotFoundException' }),
    )
    rs.on(GetNamespaceCommand, { namespaceName: 'rsp-pool-2' }).resolves({
      namespace: { namespaceName: 'rsp-pool-2', status: 'DELETING' },
    })
    const found = await findingsOf(namespaceStatusCheck, input)
    expect(severities(found)).toEqual(['ok', 'fail', 'fail'])
    expect(found[1]?.message).toBe('consumer namespace rsp-pool-1 does not exist')
    expect(found[2]?.message).toBe('namespace rsp-pool-2 is DELETING')
    for (const f of found.slice(1)) {
      expect(f.remediation).toContain('redshift:RestoreFromClusterSnapshot')
      expect(f.remediation).toContain('KMS key policy')
    }
  })

  it('lets other errors surface as a crash finding', async () => {
    const { input, rs } = healthyAws()
    rs.on(GetNamespaceCommand).rejects(
      Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }),
    )
    const report = await runChecks([namespaceStatusCheck], input)
    expect(report.results[0]).toMatchObject({ status: 'fail', failure: 'crash' })
    expect(report.results[0]?.findings[0]?.evidence).toMatchObject({
      name: 'AccessDeniedException',
    })
  })
})

describe('control-plane/endpoint-status', () => {
  it('fails a missing address and a port drift, warns on missing ENIs', async () => {
    const wgs = healthyWorkgroups()
    const { input } = healthyAws([
      workgroup('rsp-producer', 'rsp-producer', 10, { endpoint: { port: 5439 } }),
      workgroup('rsp-pool-1', 'rsp-pool-1', 11, { endpoint: { ...wgs[1]!.endpoint, port: 5440 } }),
      workgroup('rsp-pool-2', 'rsp-pool-2', 12, {
        endpoint: {
          ...wgs[2]!.endpoint,
          vpcEndpoints: [{ networkInterfaces: [{ privateIpAddress: '10.0.0.12' }] }],
        },
      }),
    ])
    const found = await findingsOf(endpointStatusCheck, input)
    expect(severities(found)).toEqual(['fail', 'fail', 'warn'])
    expect(found[1]?.message).toBe('workgroup rsp-pool-1 listens on 5440, the config says 5439')
    expect(found[2]?.remediation).toContain('security groups admit TCP 5439')
  })
})

describe('control-plane/subnet-free-ips', () => {
  const subnetsWith = (free: number) => ({
    Subnets: ['subnet-a', 'subnet-b', 'subnet-c'].map((id, i) => ({
      SubnetId: id,
      AvailabilityZone: `us-east-1${'abc'[i]}`,
      AvailableIpAddressCount: free,
    })),
  })

  it('fails below the need (3 workgroups × 13 IPs at 32 RPU), warns below twice, with the seed remediation', async () => {
    const low = healthyAws()
    low.ec2.on(DescribeSubnetsCommand).resolves(subnetsWith(38))
    const fail = await findingsOf(subnetFreeIpsCheck, low.input)
    expect(severities(fail)).toEqual(['fail', 'fail', 'fail'])
    expect(fail[0]?.message).toBe('subnet subnet-a has 38 free IPs; 3 workgroup(s) need 39')
    expect(fail[0]?.remediation).toContain(
      '/23 or larger subnets (512 addresses) in 3 availability zones',
    )

    const tight = healthyAws()
    tight.ec2.on(DescribeSubnetsCommand).resolves(subnetsWith(77))
    expect(severities(await findingsOf(subnetFreeIpsCheck, tight.input))).toEqual([
      'warn',
      'warn',
      'warn',
    ])

    const plenty = healthyAws()
    plenty.ec2.on(DescribeSubnetsCommand).resolves(subnetsWith(78))
    expect(severities(await findingsOf(subnetFreeIpsCheck, plenty.input))).toEqual([
      'ok',
      'ok',
      'ok',
    ])
  })

  it('fails workgroups spanning too few availability zones', async () => {
    const { input, ec2 } = healthyAws()
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: ['subnet-a', 'subnet-b', 'subnet-c'].map((id) => ({
        SubnetId: id,
        AvailabilityZone: 'us-east-1a',
        AvailableIpAddressCount: 400,
      })),
    })
    const found = await findingsOf(subnetFreeIpsCheck, input)
    expect(found.filter((f) => f.severity === 'fail').map((f) => f.message)).toContain(
      'workgroup rsp-producer spans 1 availability zone(s); 3 required',
    )
  })
})

describe('control-plane/rpu-quota', () => {
  it('skips without a quota, warns above 80 %, fails above it', async () => {
    const { input } = healthyAws()
    const run = (baseCapacityQuota?: number) =>
      findingsOf(rpuQuotaCheck, { ...input, aws: { ...input.aws, baseCapacityQuota } })
    expect((await run(undefined))[0]?.severity).toBe('skip')
    expect((await run(1000))[0]).toMatchObject({
      severity: 'ok',
      message: 'total base RPU 96 of a quota of 1000',
    })
    expect((await run(110))[0]?.severity).toBe('warn')
    expect((await run(90))[0]).toMatchObject({
      severity: 'fail',
      message: 'total base RPU 96 exceeds the quota of 90',
    })
  })

  it('follows ListWorkgroups pages', async () => {
    const { input, rs } = healthyAws()
    rs.on(ListWorkgroupsCommand)
      .resolvesOnce({ workgroups: healthyWorkgroups(), nextToken: 'p2' })
      .resolves({ workgroups: [workgroup('other', 'other', 50, { baseCapacity: 512 })] })
    const found = await findingsOf(rpuQuotaCheck, input)
    expect(found[0]?.evidence).toMatchObject({ totalBaseCapacity: 608, workgroups: 4 })
  })
})

describe('control-plane/log-exports and public-workgroups', () => {
  it('warns on missing log exports', async () => {
    const { input, rs } = healthyAws()
    rs.on(GetNamespaceCommand, { namespaceName: 'rsp-producer' }).resolves({
      namespace: { namespaceName: 'rsp-producer', status: 'AVAILABLE', logExports: ['userlog'] },
    })
    const found = await findingsOf(logExportsCheck, input)
    expect(found[0]).toMatchObject({
      severity: 'warn',
      message: 'namespace rsp-producer does not export useractivitylog, connectionlog',
    })
  })

  it('lists public workgroups: warn when not configured public, ok when configured', async () => {
    const wgs = [
      workgroup('rsp-producer', 'rsp-producer', 10),
      workgroup('rsp-pool-1', 'rsp-pool-1', 11, { publiclyAccessible: true }),
      workgroup('stray', 'stray', 40, { publiclyAccessible: true }),
    ]
    const { input } = healthyAws(wgs)
    const found = await findingsOf(publicWorkgroupsCheck, input)
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ['warn', 'workgroup rsp-pool-1 is publicly accessible but the config says private'],
      ['warn', 'workgroup stray (not in this config) is publicly accessible'],
    ])
    const config = configWith({
      consumers: [
        { ...healthyConfig.consumers[0]!, publiclyAccessible: true },
        healthyConfig.consumers[1]!,
      ],
    })
    const declared = await findingsOf(publicWorkgroupsCheck, { ...input, config })
    expect(declared[0]?.severity).toBe('ok')
  })

  it('a public workgroup the config says private: the fix names the datashares its consumer receives', async () => {
    const wgs = [
      workgroup('rsp-producer', 'rsp-producer', 10),
      workgroup('rsp-pool-2', 'rsp-pool-2', 12, { publiclyAccessible: true }),
    ]
    const { input } = healthyAws(wgs)
    const config = configWith({
      datashares: [
        { name: 'core', publicAccessible: false },
        { name: 'sales_domain', publicAccessible: false, consumers: ['pool-2'] },
        { name: 'ops_domain', publicAccessible: false, consumers: ['pool-1'] },
      ],
    })
    const [found] = await findingsOf(publicWorkgroupsCheck, { ...input, config })
    expect(found?.remediation).toContain(
      'ALTER DATASHARE "core" SET PUBLICACCESSIBLE TRUE; ALTER DATASHARE "sales_domain" SET PUBLICACCESSIBLE TRUE;',
    )
    expect(found?.remediation).not.toContain('ops_domain')
    expect(found?.remediation).not.toContain('airline_share')
  })
})
