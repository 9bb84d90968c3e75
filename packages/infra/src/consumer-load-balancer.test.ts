import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Duration } from 'aws-cdk-lib'
import { Match, Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { nagViolations, newStack } from '../test/helpers.js'
import { ConsumerLoadBalancer } from './consumer-load-balancer.js'
import { ServerlessWarehouse } from './serverless-warehouse.js'
import { WarehouseNetwork } from './warehouse-network.js'

function consumers(count: number) {
  const { app, stack } = newStack('Test', true)
  const network = new WarehouseNetwork(stack, 'Network')
  const list = Array.from(
    { length: count },
    (_, i) =>
      new ServerlessWarehouse(stack, `Consumer${i + 1}`, {
        network,
        namespaceName: `consumer-${i + 1}`,
        workgroupName: `consumer-${i + 1}`,
        baseCapacity: 32,
      }),
  )
  return { app, stack, network, list }
}

describe('ConsumerLoadBalancer', () => {
  let template: Template
  let violations: string[]
  let assetDir: string
  beforeAll(() => {
    const { app, stack, network, list } = consumers(2)
    new ConsumerLoadBalancer(stack, 'Nlb', {
      network,
      consumers: list,
      stickiness: true,
      deregistrationDelay: Duration.seconds(45),
      syncInterval: Duration.minutes(10),
      allowedCidrs: ['10.1.0.0/16'],
    })
    template = Template.fromStack(stack)
    violations = nagViolations(stack)
    const assembly = app.synth()
    const fn = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (r) =>
        (r as { Properties: { Handler?: string } }).Properties.Handler === 'index.handler' &&
        JSON.stringify(r).includes('TARGET_GROUP_ARN'),
    ) as { Metadata: { 'aws:asset:path': string } }
    assetDir = join(assembly.directory, fn.Metadata['aws:asset:path'])
  })

  it('creates an internal cross-zone NLB with a TCP listener on 5439', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Type: 'network',
      Scheme: 'internal',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'load_balancing.cross_zone.enabled', Value: 'true' },
      ]),
    })
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 5439,
      Protocol: 'TCP',
    })
  })

  it('uses an ip target group with TCP health checks, deregistration delay and source-IP stickiness', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Port: 5439,
      Protocol: 'TCP',
      HealthCheckProtocol: 'TCP',
      HealthCheckPort: '5439',
      TargetGroupAttributes: Match.arrayWith([
        { Key: 'deregistration_delay.timeout_seconds', Value: '45' },
        { Key: 'stickiness.enabled', Value: 'true' },
        { Key: 'stickiness.type', Value: 'source_ip' },
      ]),
    })
    // Targets come only from the sync, never as static (guessed) addresses.
    const tg = Object.values(
      template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup'),
    )[0] as {
      Properties: Record<string, unknown>
    }
    expect(tg.Properties.Targets).toBeUndefined()
  })

  it('syncs targets with a custom resource after every consumer exists, and on a schedule', () => {
    const sync = Object.values(template.findResources('Custom::NlbTargetSync'))[0] as {
      Properties: Record<string, unknown>
      DependsOn: string[]
    }
    expect(sync.Properties.WorkgroupNames).toEqual(['consumer-1', 'consumer-2'])
    expect(sync.Properties.Port).toBe('5439')
    expect(sync.DependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Consumer1[0-9A-F]{8}$/),
        expect.stringMatching(/^Consumer2[0-9A-F]{8}$/),
      ]),
    )
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(10 minutes)' })
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Timeout: 600,
      Environment: {
        Variables: Match.objectLike({
          WORKGROUP_NAMES: 'consumer-1,consumer-2',
          TARGET_PORT: '5439',
        }),
      },
    })
  })

  it('grants the sync only what it needs', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'redshift-serverless:GetWorkgroup' }),
          Match.objectLike({
            Action: [
              'elasticloadbalancing:RegisterTargets',
              'elasticloadbalancing:DeregisterTargets',
            ],
            Resource: { Ref: Match.stringLikeRegexp('^NlbTargetGroup') },
          }),
          { Action: 'elasticloadbalancing:DescribeTargetHealth', Effect: 'Allow', Resource: '*' },
        ]),
      },
    })
  })

  it('admits clients to the NLB and the NLB to each consumer on 5439', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^Consumer NLB'),
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.1.0.0/16', FromPort: 5439 })],
    })
    template.resourcePropertiesCountIs(
      'AWS::EC2::SecurityGroupIngress',
      {
        FromPort: 5439,
        SourceSecurityGroupId: {
          'Fn::GetAtt': [Match.stringLikeRegexp('^NlbSecurityGroup'), 'GroupId'],
        },
      },
      2,
    )
  })

  it('packages the compiled handler (ESM .mjs, no tests, maps or typings) without bundling', () => {
    expect(existsSync(join(assetDir, 'index.mjs'))).toBe(true)
    expect(readdirSync(assetDir).sort()).toEqual(['index.mjs', 'sync.mjs'])
  })

  it('has no unacknowledged cdk-nag findings', () => {
    expect(violations).toEqual([])
  })

  it('refuses zero consumers', () => {
    const { stack, network } = consumers(0)
    expect(() => new ConsumerLoadBalancer(stack, 'Nlb', { network, consumers: [] })).toThrow(
      "ConsumerLoadBalancer 'Nlb': consumers is empty; the load balancer needs at least one consumer workgroup to balance over.",
    )
  })

  it('refuses 0.0.0.0/0, public CIDRs unless allowed, and out-of-range timings', () => {
    const { stack, network, list } = consumers(1)
    expect(
      () =>
        new ConsumerLoadBalancer(stack, 'A', {
          network,
          consumers: list,
          allowedCidrs: ['0.0.0.0/0'],
        }),
    ).toThrow(
      "ConsumerLoadBalancer 'A': allowedCidrs contains 0.0.0.0/0, which would open port 5439 to the whole internet; list your clients' networks instead (e.g. 10.0.0.0/16).",
    )
    expect(
      () =>
        new ConsumerLoadBalancer(stack, 'P', {
          network,
          consumers: list,
          allowedCidrs: ['0.0.0.0/1', '128.0.0.0/1'],
        }),
    ).toThrow(
      "ConsumerLoadBalancer 'P': allowedCidrs contains 0.0.0.0/1, which includes public IPv4 addresses, so port 5439 would be reachable from outside private networks; list private networks only (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10), or set allowPublicIngress to true to admit public addresses on purpose.",
    )
    expect(
      () =>
        new ConsumerLoadBalancer(stack, 'Q', {
          network,
          consumers: list,
          allowedCidrs: ['198.51.100.0/24'],
          allowPublicIngress: true,
        }),
    ).not.toThrow()
    expect(
      () =>
        new ConsumerLoadBalancer(stack, 'B', {
          network,
          consumers: list,
          syncInterval: Duration.days(2),
        }),
    ).toThrow(
      "ConsumerLoadBalancer 'B': syncInterval (minutes) 2880 is out of range; use a whole number from 1 to 1440.",
    )
  })
})
