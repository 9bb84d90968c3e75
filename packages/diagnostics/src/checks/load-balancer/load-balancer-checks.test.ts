import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2'
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { describe, expect, it } from 'vitest'
import {
  healthyAws,
  healthyWorkgroups,
  LB_ARN,
  TARGET_GROUP_ARN,
  workgroup,
} from '../../aws/test-aws-fixtures.js'
import { runChecks } from '../../runner/run-checks.js'
import { configWith, findingsOf, severities } from '../../test-fixtures.js'
import {
  listenerCheck,
  loadBalancerChecks,
  securityGroupsCheck,
  targetDriftCheck,
  targetHealthCheck,
} from './index.js'

const NLB_REMEDY = 'security groups admit TCP 5439 from the NLB'

describe('load-balancer checks on a healthy deployment', () => {
  it('every check reports only ok', async () => {
    const { input } = healthyAws()
    const report = await runChecks(loadBalancerChecks, input)
    for (const r of report.results)
      expect([r.id, r.status, r.findings.map((f) => f.message)]).toEqual([
        r.id,
        'ok',
        expect.any(Array),
      ])
  })

  it('skips when the NLB is disabled or its identity is missing', async () => {
    const { input } = healthyAws()
    expect(
      severities(
        await findingsOf(targetHealthCheck, {
          ...input,
          config: configWith({ nlb: { enabled: false } }),
        }),
      ),
    ).toEqual(['skip'])
    expect(
      severities(
        await findingsOf(targetHealthCheck, {
          ...input,
          aws: { ...input.aws, loadBalancer: undefined },
        }),
      ),
    ).toEqual(['skip'])
  })
})

describe('load-balancer/target-health', () => {
  it('fails unhealthy targets with the seed NLB remediation and warns on initial ones', async () => {
    const { input, elb } = healthyAws()
    elb.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: '10.0.0.11', Port: 5439 }, TargetHealth: { State: 'healthy' } },
        {
          Target: { Id: '10.0.2.11', Port: 5439 },
          TargetHealth: {
            State: 'unhealthy',
            Reason: 'Target.Timeout',
            Description: 'Health checks timed out',
          },
        },
        {
          Target: { Id: '10.0.4.11', Port: 5439 },
          TargetHealth: { State: 'initial', Reason: 'Elb.RegistrationInProgress' },
        },
      ],
    })
    const found = await findingsOf(targetHealthCheck, input)
    expect(severities(found)).toEqual(['ok', 'fail', 'warn'])
    expect(found[1]?.message).toBe('target 10.0.2.11:5439 is unhealthy (Health checks timed out)')
    expect(found[1]?.remediation).toContain(NLB_REMEDY)
    expect(found[1]?.remediation).toContain('Target.Timeout')
  })

  it('fails an empty or missing target group', async () => {
    const empty = healthyAws()
    empty.elb.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] })
    expect((await findingsOf(targetHealthCheck, empty.input))[0]?.message).toBe(
      `target group ${TARGET_GROUP_ARN} has no registered targets`,
    )
    const gone = healthyAws()
    gone.elb
      .on(DescribeTargetHealthCommand)
      .rejects(Object.assign(new Error('gone'), { name: 'TargetGroupNotFoundException' }))
    expect((await findingsOf(targetHealthCheck, gone.input))[0]?.message).toBe(
      `target group ${TARGET_GROUP_ARN} does not exist`,
    )
  })
})

describe('load-balancer/target-drift', () => {
  it('fails missing consumer IPs and stale targets (the seed registered one IP per consumer)', async () => {
    const { input, elb } = healthyAws()
    // Like the seed: one IP per consumer registered, plus a reserved 10.0.0.N fallback.
    elb.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: '10.0.0.11', Port: 5439 }, TargetHealth: { State: 'healthy' } },
        { Target: { Id: '10.0.0.12', Port: 5439 }, TargetHealth: { State: 'healthy' } },
        { Target: { Id: '10.0.0.4', Port: 5439 }, TargetHealth: { State: 'unhealthy' } },
      ],
    })
    const found = await findingsOf(targetDriftCheck, input)
    const fails = found.filter((f) => f.severity === 'fail').map((f) => f.message)
    expect(fails).toEqual([
      'consumer pool-1 ENI IP 10.0.2.11 is not a target',
      'consumer pool-1 ENI IP 10.0.4.11 is not a target',
      'consumer pool-2 ENI IP 10.0.2.12 is not a target',
      'consumer pool-2 ENI IP 10.0.4.12 is not a target',
      'target 10.0.0.4 is not an ENI IP of any consumer (stale)',
    ])
    expect(found[0]?.remediation).toContain('Re-sync the targets')
  })

  it('fails when a consumer endpoint moved to new IPs', async () => {
    // Targets registered for the old IPs; pool-1's ENIs now have new addresses.
    const old = healthyAws()
    const targets = await old.input.aws.elbv2.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: TARGET_GROUP_ARN }),
    )
    const moved = healthyAws([
      healthyWorkgroups()[0]!,
      workgroup('rsp-pool-1', 'rsp-pool-1', 21),
      workgroup('rsp-pool-2', 'rsp-pool-2', 12),
    ])
    moved.elb.on(DescribeTargetHealthCommand).resolves(targets)
    const drift = await findingsOf(targetDriftCheck, moved.input)
    expect(drift.filter((f) => f.message.includes('stale'))).toHaveLength(3)
    expect(drift.filter((f) => f.message.includes('is not a target'))).toHaveLength(3)
  })
})

describe('load-balancer/listener', () => {
  it('fails a missing listener port, a wrong target group and a non-TCP target group', async () => {
    const { input, elb } = healthyAws()
    elb.on(DescribeListenersCommand).resolves({
      Listeners: [
        {
          Port: 5440,
          Protocol: 'TCP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: TARGET_GROUP_ARN }],
        },
      ],
    })
    elb.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: [{ TargetGroupArn: TARGET_GROUP_ARN, Protocol: 'TCP', TargetType: 'instance' }],
    })
    const found = await findingsOf(listenerCheck, input)
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ['fail', 'no listener on port 5439'],
      ['fail', 'target group is TCP/instance, expected TCP/ip'],
    ])
    const other = healthyAws()
    other.elb.on(DescribeListenersCommand).resolves({
      Listeners: [
        {
          Port: 5439,
          Protocol: 'TCP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:other' }],
        },
      ],
    })
    expect((await findingsOf(listenerCheck, other.input))[0]?.message).toBe(
      `listener on 5439 does not forward to ${TARGET_GROUP_ARN}`,
    )
  })

  it('fails a missing or failed load balancer and warns while provisioning', async () => {
    const gone = healthyAws()
    gone.elb
      .on(DescribeLoadBalancersCommand)
      .rejects(Object.assign(new Error('x'), { name: 'LoadBalancerNotFoundException' }))
    expect((await findingsOf(listenerCheck, gone.input))[0]?.message).toBe(
      `load balancer ${LB_ARN} does not exist`,
    )
    const prov = healthyAws()
    prov.elb.on(DescribeLoadBalancersCommand).resolves({
      LoadBalancers: [
        {
          LoadBalancerArn: LB_ARN,
          LoadBalancerName: 'rsp-nlb',
          Type: 'network',
          State: { Code: 'provisioning' },
        },
      ],
    })
    expect(severities(await findingsOf(listenerCheck, prov.input))).toEqual(['warn', 'ok'])
  })
})

describe('load-balancer/security-groups', () => {
  it('fails when no rule admits 5439 from the NLB, with the seed NLB remediation', async () => {
    const { input, ec2 } = healthyAws()
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-redshift',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 443,
              ToPort: 443,
              UserIdGroupPairs: [{ GroupId: 'sg-nlb' }],
            },
          ],
        },
      ],
    })
    const found = await findingsOf(securityGroupsCheck, input)
    expect(severities(found)).toEqual(['fail', 'fail'])
    expect(found[0]?.message).toBe(
      "workgroup rsp-pool-1's security groups do not admit TCP 5439 from the NLB",
    )
    expect(found[0]?.remediation).toContain(NLB_REMEDY)
  })

  it('accepts a CIDR rule covering every NLB subnet, refuses one covering only some', async () => {
    const wide = healthyAws()
    wide.ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-redshift',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 5439,
              ToPort: 5439,
              IpRanges: [{ CidrIp: '10.0.0.0/16' }],
            },
          ],
        },
      ],
    })
    expect(severities(await findingsOf(securityGroupsCheck, wide.input))).toEqual(['ok', 'ok'])
    const narrow = healthyAws()
    narrow.ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-redshift',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 5439,
              ToPort: 5439,
              IpRanges: [{ CidrIp: '10.0.103.0/24' }],
            },
          ],
        },
      ],
    })
    expect(severities(await findingsOf(securityGroupsCheck, narrow.input))).toEqual([
      'fail',
      'fail',
    ])
  })
})
