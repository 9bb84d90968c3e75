import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import {
  GetWorkgroupCommand,
  RedshiftServerlessClient,
  type Workgroup,
} from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type RetryOptions,
  syncInputFrom,
  syncTargets,
  WorkgroupNotReadyError,
  workgroupEndpointIps,
} from './sync.mjs'

const TG = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/consumers/abc'
const sm = mockClient(RedshiftServerlessClient)
const elb = mockClient(ElasticLoadBalancingV2Client)
const clients = {
  serverless: new RedshiftServerlessClient({}),
  elbv2: new ElasticLoadBalancingV2Client({}),
}
const sleeps: number[] = []
const retry: RetryOptions = {
  attempts: 4,
  initialDelayMs: 100,
  maxDelayMs: 250,
  sleep: async (ms) => {
    sleeps.push(ms)
  },
}

function workgroup(name: string, ips: string[][], status = 'AVAILABLE'): { workgroup: Workgroup } {
  return {
    workgroup: {
      workgroupName: name,
      status: status as Workgroup['status'],
      endpoint: {
        address: `${name}.111122223333.us-east-1.redshift-serverless.amazonaws.com`,
        port: 5439,
        vpcEndpoints: ips.map((group, i) => ({
          vpcEndpointId: `vpce-${i}`,
          networkInterfaces: group.map((ip, j) => ({
            networkInterfaceId: `eni-${i}${j}`,
            privateIpAddress: ip,
          })),
        })),
      },
    },
  }
}

function targetsAre(...ips: Array<string | [string, string]>) {
  elb.on(DescribeTargetHealthCommand, { TargetGroupArn: TG }).resolves({
    TargetHealthDescriptions: ips.map((t) => {
      const [ip, state] = typeof t === 'string' ? [t, 'healthy'] : t
      return { Target: { Id: ip, Port: 5439 }, TargetHealth: { State: state as 'healthy' } }
    }),
  })
}

const input = { targetGroupArn: TG, workgroupNames: ['consumer-1', 'consumer-2'], port: 5439 }

beforeEach(() => {
  sm.reset()
  elb.reset()
  sleeps.length = 0
  elb.on(RegisterTargetsCommand).resolves({})
  elb.on(DeregisterTargetsCommand).resolves({})
})
afterEach(() => {
  sm.reset()
  elb.reset()
})

describe('syncTargets', () => {
  it('registers every ENI IP of every consumer endpoint (one per subnet, all endpoints)', async () => {
    sm.on(GetWorkgroupCommand, { workgroupName: 'consumer-1' }).resolves(
      workgroup('consumer-1', [['10.0.0.10', '10.0.2.10', '10.0.4.10']]),
    )
    sm.on(GetWorkgroupCommand, { workgroupName: 'consumer-2' }).resolves(
      workgroup('consumer-2', [['10.0.0.20', '10.0.2.20'], ['10.0.4.20']]),
    )
    targetsAre()
    const result = await syncTargets(clients, input, retry)
    expect(result.registered).toEqual([
      '10.0.0.10',
      '10.0.0.20',
      '10.0.2.10',
      '10.0.2.20',
      '10.0.4.10',
      '10.0.4.20',
    ])
    expect(result.deregistered).toEqual([])
    const calls = elb.commandCalls(RegisterTargetsCommand)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.args[0].input).toEqual({
      TargetGroupArn: TG,
      Targets: result.registered.map((Id) => ({ Id, Port: 5439 })),
    })
    expect(elb.commandCalls(DeregisterTargetsCommand)).toHaveLength(0)
  })

  it('registers new IPs and deregisters stale ones', async () => {
    sm.on(GetWorkgroupCommand, { workgroupName: 'consumer-1' }).resolves(
      workgroup('consumer-1', [['10.0.0.10', '10.0.2.11']]),
    )
    sm.on(GetWorkgroupCommand, { workgroupName: 'consumer-2' }).resolves(
      workgroup('consumer-2', [['10.0.0.20']]),
    )
    targetsAre('10.0.0.10', '10.0.2.99', '10.0.0.20')
    const result = await syncTargets(clients, input, retry)
    expect(result).toEqual({
      desired: ['10.0.0.10', '10.0.0.20', '10.0.2.11'],
      registered: ['10.0.2.11'],
      deregistered: ['10.0.2.99'],
      unchanged: ['10.0.0.10', '10.0.0.20'],
    })
    expect(elb.commandCalls(RegisterTargetsCommand)[0]!.args[0].input.Targets).toEqual([
      { Id: '10.0.2.11', Port: 5439 },
    ])
    expect(elb.commandCalls(DeregisterTargetsCommand)[0]!.args[0].input).toEqual({
      TargetGroupArn: TG,
      Targets: [{ Id: '10.0.2.99', Port: 5439 }],
    })
  })

  it('makes no ELB write when the targets are already right', async () => {
    sm.on(GetWorkgroupCommand, { workgroupName: 'consumer-1' }).resolves(
      workgroup('consumer-1', [['10.0.0.10']]),
    )
    sm.on(GetWorkgroupCommand, { workgroupName: 'consumer-2' }).resolves(
      workgroup('consumer-2', [['10.0.0.20']]),
    )
    targetsAre('10.0.0.20', '10.0.0.10')
    const result = await syncTargets(clients, input, retry)
    expect(result.registered).toEqual([])
    expect(result.deregistered).toEqual([])
    expect(result.unchanged).toEqual(['10.0.0.10', '10.0.0.20'])
    expect(elb.commandCalls(RegisterTargetsCommand)).toHaveLength(0)
    expect(elb.commandCalls(DeregisterTargetsCommand)).toHaveLength(0)
  })

  it('re-registers a wanted IP that is draining', async () => {
    sm.on(GetWorkgroupCommand).resolves(workgroup('consumer-1', [['10.0.0.10']]))
    targetsAre(['10.0.0.10', 'draining'])
    const result = await syncTargets(clients, { ...input, workgroupNames: ['consumer-1'] }, retry)
    expect(result.registered).toEqual(['10.0.0.10'])
  })

  it('retries a workgroup that is not yet AVAILABLE, with backoff', async () => {
    sm.on(GetWorkgroupCommand, { workgroupName: 'consumer-1' })
      .resolvesOnce(workgroup('consumer-1', [], 'CREATING'))
      .resolvesOnce(workgroup('consumer-1', [['10.0.0.10']], 'MODIFYING'))
      .resolves(workgroup('consumer-1', [['10.0.0.10', '10.0.2.10']]))
    targetsAre()
    const result = await syncTargets(clients, { ...input, workgroupNames: ['consumer-1'] }, retry)
    expect(result.registered).toEqual(['10.0.0.10', '10.0.2.10'])
    expect(sm.commandCalls(GetWorkgroupCommand)).toHaveLength(3)
    expect(sleeps).toEqual([100, 200])
  })

  it('gives up without touching the targets when a workgroup never becomes AVAILABLE', async () => {
    sm.on(GetWorkgroupCommand, { workgroupName: 'consumer-1' }).resolves(
      workgroup('consumer-1', [['10.0.0.10']]),
    )
    sm.on(GetWorkgroupCommand, { workgroupName: 'consumer-2' }).resolves(
      workgroup('consumer-2', [], 'CREATING'),
    )
    targetsAre('10.0.9.9')
    const err = await syncTargets(clients, input, retry).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WorkgroupNotReadyError)
    expect((err as Error).message).toBe(
      "Workgroup 'consumer-2' is CREATING after 4 attempts; targets were left unchanged. The next create/update or scheduled sync retries.",
    )
    expect(sleeps).toEqual([100, 200, 250])
    expect(elb.calls()).toHaveLength(0)
  })

  it('treats an AVAILABLE workgroup without endpoint IPs as not ready', async () => {
    sm.on(GetWorkgroupCommand).resolves(workgroup('consumer-1', []))
    await expect(
      workgroupEndpointIps(clients.serverless, 'consumer-1', { ...retry, attempts: 2 }),
    ).rejects.toThrow("Workgroup 'consumer-1' is AVAILABLE after 2 attempts")
  })

  it('ignores targets registered on another port', async () => {
    sm.on(GetWorkgroupCommand).resolves(workgroup('consumer-1', [['10.0.0.10']]))
    elb.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [{ Target: { Id: '10.0.0.10', Port: 8192 } }],
    })
    const result = await syncTargets(clients, { ...input, workgroupNames: ['consumer-1'] }, retry)
    expect(result.registered).toEqual(['10.0.0.10'])
    expect(result.deregistered).toEqual([])
  })

  it('refuses an empty workgroup list', async () => {
    await expect(syncTargets(clients, { ...input, workgroupNames: [] }, retry)).rejects.toThrow(
      'syncTargets: workgroupNames is empty',
    )
  })
})

describe('syncInputFrom', () => {
  it('reads custom resource properties', () => {
    expect(
      syncInputFrom(
        {
          RequestType: 'Create',
          ResourceProperties: { TargetGroupArn: TG, WorkgroupNames: ['a-1'], Port: '5439' },
        },
        {},
      ),
    ).toEqual({ targetGroupArn: TG, workgroupNames: ['a-1'], port: 5439 })
  })
  it('falls back to the environment for scheduled events', () => {
    expect(
      syncInputFrom({}, { TARGET_GROUP_ARN: TG, WORKGROUP_NAMES: 'c-1,c-2', TARGET_PORT: '5439' }),
    ).toEqual({ targetGroupArn: TG, workgroupNames: ['c-1', 'c-2'], port: 5439 })
  })
  it('rejects a missing target group', () => {
    expect(() => syncInputFrom({}, { WORKGROUP_NAMES: 'c-1', TARGET_PORT: '5439' })).toThrow(
      'target sync: no TargetGroupArn in the event or TARGET_GROUP_ARN.',
    )
  })
})
