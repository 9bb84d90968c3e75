// `rsp diagnose --target aws` reads the workgroups and the NLB's target group from the deployed
// stacks (CloudFormation), with --target-group-arn as an override. Every AWS API is mocked.
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation'
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { GetWorkgroupCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { exampleAwsEnv } from '../deploy/test-toolkit.js'
import { awsTestEnv as env } from '../load/test-load-fakes.js'
import { runCli, tempProject } from '../test-cli.js'

const TG =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/airline-consumers/0123456789abcdef'
const LB =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/airline-nlb/0123456789abcdef'

describe('rsp diagnose --target aws: identities from the deployed stacks', () => {
  const cfn = mockClient(CloudFormationClient)
  const elb = mockClient(ElasticLoadBalancingV2Client)
  const serverless = mockClient(RedshiftServerlessClient)
  const restoreEnv = exampleAwsEnv()
  afterAll(() => {
    restoreEnv()
    cfn.restore()
    elb.restore()
    serverless.restore()
  })
  beforeEach(() => {
    for (const m of [cfn, elb, serverless]) m.reset()
    serverless.on(GetWorkgroupCommand).resolves({ workgroup: { status: 'AVAILABLE' } })
    elb.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] })
    cfn.on(DescribeStacksCommand, { StackName: 'airline-warehouses' }).resolves({
      Stacks: [
        {
          StackName: 'airline-warehouses',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [
            {
              OutputKey: 'ArchitectureProducerWorkgroupName1A2B3C4D',
              OutputValue: 'airline-producer',
            },
            {
              OutputKey: 'ArchitectureProducerNamespaceId5E6F7A8B',
              OutputValue: '11111111-2222-3333-4444-555555555555',
              Description: 'Namespace id of airline-producer',
            },
            {
              OutputKey: 'ArchitectureConsumer1WorkgroupNameC0FFEE00',
              OutputValue: 'airline-consumer-1',
            },
          ],
        },
      ],
    })
    cfn.on(DescribeStackResourcesCommand, { StackName: 'airline-loadbalancer' }).resolves({
      StackResources: [
        {
          LogicalResourceId: 'ConsumerNlbTargetGroup',
          ResourceType: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          PhysicalResourceId: TG,
          ResourceStatus: 'CREATE_COMPLETE',
          Timestamp: new Date(),
        },
        {
          LogicalResourceId: 'ConsumerNlb',
          ResourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          PhysicalResourceId: LB,
          ResourceStatus: 'CREATE_COMPLETE',
          Timestamp: new Date(),
        },
      ],
    })
  })
  const dir = tempProject({
    project: 'airline',
    region: 'us-east-1',
    consumers: { mode: 'pool', pool: { count: 2, baseCapacity: 32, maxCapacity: 64 } },
    loadBalancer: { enabled: true },
  })
  const ids = (stdout: string) => (JSON.parse(stdout).results as { id: string }[]).map((r) => r.id)

  it('reads the target group from the load balancer stack and notes undeployed workgroups', async () => {
    const r = await runCli(['diagnose', '--target', 'aws', '--json'], { cwd: dir, env })
    expect(cfn.commandCalls(DescribeStacksCommand)[0]?.args[0].input.StackName).toBe(
      'airline-warehouses',
    )
    expect(elb.commandCalls(DescribeTargetHealthCommand)[0]?.args[0].input.TargetGroupArn).toBe(TG)
    expect(ids(r.stdout)).toContain('load-balancer/target-health')
    expect(r.stderr).toBe(
      'note: workgroup airline-consumer-2 is in the config but not in the deployed stack (run rsp deploy)\n',
    )
  })

  it('--target-group-arn overrides the stack (no DescribeStackResources)', async () => {
    const other = TG.replace('airline-consumers', 'other')
    const r = await runCli(['diagnose', '--target', 'aws', '--target-group-arn', other], {
      cwd: dir,
      env,
    })
    expect(cfn.commandCalls(DescribeStackResourcesCommand)).toHaveLength(0)
    expect(elb.commandCalls(DescribeTargetHealthCommand)[0]?.args[0].input.TargetGroupArn).toBe(
      other,
    )
    expect(r.stdout).toContain(`deployed: 2 workgroups, target group ${other} (--target-group-arn)`)
  })

  it('stacks not deployed: notes, and the load-balancer checks are skipped', async () => {
    cfn.reset()
    const missing = (name: string) =>
      Object.assign(new Error(`Stack with id ${name} does not exist`), { name: 'ValidationError' })
    cfn.on(DescribeStacksCommand).rejects(missing('airline-warehouses'))
    cfn.on(DescribeStackResourcesCommand).rejects(missing('airline-loadbalancer'))
    const r = await runCli(['diagnose', '--target', 'aws', '--json'], { cwd: dir, env })
    expect(r.stderr).toBe(
      [
        'note: stack airline-warehouses is not deployed (run rsp deploy)',
        'note: stack airline-loadbalancer is not deployed (run rsp deploy, or pass --target-group-arn)',
        'note: load-balancer checks skipped: no target group found',
        '',
      ].join('\n'),
    )
    // Every check still reports: the load-balancer ones are skipped, saying why.
    const lb = (JSON.parse(r.stdout).results as { id: string; status: string }[]).filter((x) =>
      x.id.startsWith('load-balancer/'),
    )
    expect(lb.length).toBeGreaterThan(0)
    expect(new Set(lb.map((x) => x.status))).toEqual(new Set(['skip']))
    expect(elb.commandCalls(DescribeTargetHealthCommand)).toHaveLength(0)
  })

  it('other CloudFormation errors fail the command, and every check still reports', async () => {
    cfn.reset()
    cfn
      .on(DescribeStacksCommand)
      .rejects(
        Object.assign(new Error('User is not authorized'), { name: 'AccessDenied', $metadata: {} }),
      )
    const r = await runCli(['diagnose', '--target', 'aws'], { cwd: dir, env })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('User is not authorized')
    expect(r.stdout).toMatch(
      /FAIL +control-plane\/deployed-stacks +could not read the deployed stacks: AWS AccessDenied: User is not authorized/,
    )
    expect(r.stdout).toContain('cloudformation:DescribeStacks')
    expect(r.stdout).toMatch(/SKIP +control-plane\/workgroup-status +not checked/)
    expect(r.stdout).toMatch(/OK +config\/rpu-values/)
  })
})
