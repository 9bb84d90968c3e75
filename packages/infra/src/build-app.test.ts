import { Match, Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { nagViolations, normalise } from '../test/helpers.js'
import type { ArchitectureConfig } from './architecture-config.js'
import { type BuiltApp, buildApp } from './build-app.js'
import { DEFAULT_WORKLOADS } from './data-sharing-architecture.js'
import { InfraError } from './errors.js'

const templates = (built: BuiltApp) =>
  Object.fromEntries(built.stacks.map((s) => [s.stackName, Template.fromStack(s)]))

// Three full-app synths cover both consumer modes, with and without the NLB and the
// traditional cluster; each is synthesized once and shared by the tests below it.
const workloadWithCluster: ArchitectureConfig = {
  name: 'rsp',
  producer: { baseCapacity: 32, maxCapacity: 256 },
  consumers: { mode: 'workload', workloads: DEFAULT_WORKLOADS },
  traditionalCluster: { enabled: true, nodeType: 'ra3.xlplus', nodes: 2 },
  usageLimits: {
    producer: { amount: 1000 },
    consumers: { amount: 300, breachAction: 'deactivate' },
  },
  monitoring: { email: 'oncall@example.com' },
  access: { allowedCidrs: ['10.0.0.0/8'], allowedSecurityGroupIds: ['sg-0123456789abcdef0'] },
  copySource: { bucketName: 'airline-data', prefix: 'airline/' },
  tags: { project: 'redshift-playground' },
}
const poolWithNlb: ArchitectureConfig = {
  name: 'pool',
  consumers: { mode: 'pool', count: 3, baseCapacity: 32, maxCapacity: 64 },
  nlb: { enabled: true, stickiness: true, syncMinutes: 5 },
  loadTestHost: { enabled: true },
  access: { allowedCidrs: ['10.0.0.0/8'] },
}
const poolBare: ArchitectureConfig = {
  name: 'bare',
  network: { cidr: '10.30.0.0/16' },
  consumers: { mode: 'pool', count: 1 },
  monitoring: { enabled: false },
  sharing: false,
}

describe('buildApp: workload consumers, traditional cluster, no NLB', () => {
  let built: BuiltApp
  let t: Record<string, Template>
  beforeAll(() => {
    built = buildApp(workloadWithCluster)
    t = templates(built)
  })

  it('lays out one stack per lifecycle', () => {
    expect(built.stacks.map((s) => s.stackName)).toEqual([
      'rsp-network',
      'rsp-warehouses',
      'rsp-cluster',
      'rsp-monitoring',
    ])
    expect(built.loadBalancer).toBeUndefined()
    for (const s of built.stacks) expect(s.resolve(s.region)).toEqual({ Ref: 'AWS::Region' })
  })

  it('creates the producer and the named consumers with their RPU ranges and usage limits', () => {
    const w = t['rsp-warehouses']!
    w.resourceCountIs('AWS::RedshiftServerless::Workgroup', 3)
    w.hasResourceProperties('AWS::RedshiftServerless::Workgroup', {
      WorkgroupName: 'rsp-producer',
      BaseCapacity: 32,
      MaxCapacity: 256,
    })
    w.hasResourceProperties('AWS::RedshiftServerless::Workgroup', {
      WorkgroupName: 'rsp-analytics',
      BaseCapacity: 32,
      MaxCapacity: 128,
    })
    w.hasResourceProperties('AWS::RedshiftServerless::Workgroup', {
      WorkgroupName: 'rsp-reporting',
      BaseCapacity: 32,
      MaxCapacity: 64,
    })
    w.resourceCountIs('Custom::RedshiftServerlessUsageLimit', 3)
    w.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0)
  })

  it('admits the configured client security group and CIDR on 5439', () => {
    const w = t['rsp-warehouses']!
    w.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      SourceSecurityGroupId: 'sg-0123456789abcdef0',
      FromPort: 5439,
    })
  })

  it('gives the traditional cluster the producer COPY role', () => {
    t['rsp-cluster']!.hasResourceProperties('AWS::Redshift::Cluster', {
      ClusterIdentifier: 'rsp-load-cluster',
      NodeType: 'ra3.xlplus',
      IamRoles: [{ 'Fn::ImportValue': Match.stringLikeRegexp('ProducerCopyRole') }],
    })
  })

  it('has zero unacknowledged cdk-nag violations', () => {
    expect(built.stacks.flatMap((s) => nagViolations(s))).toEqual([])
  })

  it('matches the snapshot (asset hashes normalised)', () => {
    expect(
      normalise(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.toJSON()]))),
    ).toMatchSnapshot()
  })
})

describe('buildApp: pool consumers behind the NLB, load-test host, no cluster', () => {
  let built: BuiltApp
  let t: Record<string, Template>
  beforeAll(() => {
    built = buildApp(poolWithNlb)
    t = templates(built)
  })

  it('lays out the stacks', () => {
    expect(built.stacks.map((s) => s.stackName)).toEqual([
      'pool-network',
      'pool-warehouses',
      'pool-loadbalancer',
      'pool-monitoring',
      'pool-loadtest',
    ])
    expect(built.cluster).toBeUndefined()
  })

  it('creates an identical pool and an NLB syncing every consumer', () => {
    const w = t['pool-warehouses']!
    for (const n of [1, 2, 3]) {
      w.hasResourceProperties('AWS::RedshiftServerless::Workgroup', {
        WorkgroupName: `pool-consumer-${n}`,
        BaseCapacity: 32,
        MaxCapacity: 64,
      })
    }
    const sync = Object.values(
      t['pool-loadbalancer']!.findResources('Custom::NlbTargetSync'),
    )[0] as {
      Properties: { WorkgroupNames: unknown }
    }
    expect(sync.Properties.WorkgroupNames).toEqual([
      'pool-consumer-1',
      'pool-consumer-2',
      'pool-consumer-3',
    ])
    t['pool-monitoring']!.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'UnHealthyHostCount',
    })
  })

  it('has zero unacknowledged cdk-nag violations', () => {
    expect(built.stacks.flatMap((s) => nagViolations(s))).toEqual([])
  })

  it('synthesizes the whole assembly offline', () => {
    const assembly = built.app.synth()
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      'pool-loadbalancer',
      'pool-loadtest',
      'pool-monitoring',
      'pool-network',
      'pool-warehouses',
    ])
  })

  it('matches the snapshot (asset hashes normalised)', () => {
    expect(
      normalise(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.toJSON()]))),
    ).toMatchSnapshot()
  })
})

describe('buildApp: pool without NLB or cluster', () => {
  it('builds only network and warehouses', () => {
    const built = buildApp(poolBare)
    expect(built.stacks.map((s) => s.stackName)).toEqual(['bare-network', 'bare-warehouses'])
    const w = Template.fromStack(built.warehouses)
    w.resourceCountIs('AWS::RedshiftServerless::Workgroup', 2)
    expect(Object.keys(w.toJSON().Outputs).some((k) => k.includes('SharingSql'))).toBe(false)
    Template.fromStack(built.network).hasResourceProperties('AWS::EC2::VPC', {
      CidrBlock: '10.30.0.0/16',
    })
  })
})

describe('buildApp validation', () => {
  it('refuses the NLB with zero consumers', () => {
    let error: unknown
    try {
      buildApp({ consumers: { mode: 'pool', count: 0 }, nlb: { enabled: true } })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InfraError)
    expect(error).toMatchObject({ field: 'nlb.enabled' })
    expect((error as Error).message).toBe(
      'buildApp: nlb.enabled is true but there are no consumers; add consumers (consumers.count) or disable the load balancer.',
    )
  })

  it('refuses the NLB over workload consumers', () => {
    expect(() =>
      buildApp({
        consumers: { mode: 'workload', workloads: DEFAULT_WORKLOADS },
        nlb: { enabled: true },
      }),
    ).toThrow(
      "buildApp: nlb.enabled needs identical consumers; set consumers.mode to 'pool' or disable the load balancer.",
    )
  })

  it('refuses 0.0.0.0/0 from the config', () => {
    expect(() =>
      buildApp({ consumers: { mode: 'pool', count: 1 }, access: { allowedCidrs: ['0.0.0.0/0'] } }),
    ).toThrow(
      "ServerlessWarehouse 'Producer': allowedCidrs contains 0.0.0.0/0, which would open port 5439 to the whole internet",
    )
  })
})

describe('buildApp: access and network from the config', () => {
  it('refuses CIDRs that add up to the internet (0.0.0.0/1 + 128.0.0.0/1)', () => {
    expect(() =>
      buildApp({
        consumers: { mode: 'pool', count: 1 },
        access: { allowedCidrs: ['0.0.0.0/1', '128.0.0.0/1'] },
      }),
    ).toThrow(
      "ServerlessWarehouse 'Producer': allowedCidrs contains 0.0.0.0/1, which includes public IPv4 addresses, so port 5439 would be reachable from outside private networks; list private networks only (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10), or set allowPublicIngress to true to admit public addresses on purpose.",
    )
  })

  it('passes access.allowPublicIngress to the warehouses, the NLB and the cluster', () => {
    const built = buildApp({
      name: 'pub',
      consumers: { mode: 'pool', count: 1 },
      nlb: { enabled: true },
      traditionalCluster: { enabled: true, nodes: 1 },
      monitoring: { enabled: false },
      sharing: false,
      access: { allowedCidrs: ['203.0.113.0/24'], allowPublicIngress: true },
    })
    for (const s of [built.warehouses, built.loadBalancer!, built.cluster!]) {
      Template.fromStack(s).hasResourceProperties('AWS::EC2::SecurityGroup', {
        SecurityGroupIngress: Match.arrayWith([
          Match.objectLike({ CidrIp: '203.0.113.0/24', FromPort: 5439 }),
        ]),
      })
    }
  })

  it('places the subnets in network.availabilityZoneIds', () => {
    const built = buildApp({
      name: 'azid',
      network: { availabilityZoneIds: ['euw1-az3', 'euw1-az1', 'euw1-az2'] },
      consumers: { mode: 'pool', count: 0 },
      monitoring: { enabled: false },
    })
    const subnets = Template.fromStack(built.network).findResources('AWS::EC2::Subnet')
    expect(
      Object.values(subnets).map(
        (s) => (s as { Properties: { AvailabilityZoneId: string } }).Properties.AvailabilityZoneId,
      ),
    ).toEqual(['euw1-az3', 'euw1-az1', 'euw1-az2'])
  })
})

describe('buildApp removal policies', () => {
  it("keeps data on 'snapshot': the cluster snapshots, serverless resources are retained", () => {
    const built = buildApp({
      name: 'keep',
      consumers: { mode: 'pool', count: 0 },
      traditionalCluster: { enabled: true },
      monitoring: { enabled: false },
      removalPolicy: 'snapshot',
    })
    const cluster = Template.fromStack(built.cluster!).findResources('AWS::Redshift::Cluster')
    expect(Object.values(cluster)[0]).toMatchObject({ DeletionPolicy: 'Snapshot' })
    const ns = Template.fromStack(built.warehouses).findResources(
      'AWS::RedshiftServerless::Namespace',
    )
    expect(Object.values(ns)[0]).toMatchObject({ DeletionPolicy: 'Retain' })
  })
})
