import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { GetWorkgroupCommand, RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { handler } from './index.mjs'

const TG = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/consumers/abc'
const sm = mockClient(RedshiftServerlessClient)
const elb = mockClient(ElasticLoadBalancingV2Client)

beforeEach(() => {
  sm.reset()
  elb.reset()
  sm.on(GetWorkgroupCommand).resolves({
    workgroup: {
      status: 'AVAILABLE',
      endpoint: { vpcEndpoints: [{ networkInterfaces: [{ privateIpAddress: '10.0.0.5' }] }] },
    } as never,
  })
  elb.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] })
  elb.on(RegisterTargetsCommand).resolves({})
})
afterAll(() => {
  sm.restore()
  elb.restore()
})

describe('target-sync handler', () => {
  it('answers the Provider framework on Create with a stable physical id and the target count', async () => {
    const out = await handler({
      RequestType: 'Create',
      ResourceProperties: { TargetGroupArn: TG, WorkgroupNames: ['c-1'], Port: '5439' },
    })
    expect(out).toEqual({ PhysicalResourceId: `target-sync:${TG}`, Data: { TargetCount: '1' } })
    expect(elb.commandCalls(RegisterTargetsCommand)[0]!.args[0].input.Targets).toEqual([
      { Id: '10.0.0.5', Port: 5439 },
    ])
  })

  it('keeps the physical id on Update and does nothing on Delete', async () => {
    const update = await handler({
      RequestType: 'Update',
      PhysicalResourceId: 'target-sync:old',
      ResourceProperties: { TargetGroupArn: TG, WorkgroupNames: ['c-1'], Port: '5439' },
    })
    expect(update).toMatchObject({ PhysicalResourceId: 'target-sync:old' })
    elb.resetHistory()
    sm.resetHistory()
    expect(await handler({ RequestType: 'Delete', PhysicalResourceId: 'target-sync:old' })).toEqual(
      {
        PhysicalResourceId: 'target-sync:old',
      },
    )
    expect(elb.calls()).toHaveLength(0)
    expect(sm.calls()).toHaveLength(0)
  })

  it('syncs from the environment on a scheduled event', async () => {
    process.env.TARGET_GROUP_ARN = TG
    process.env.WORKGROUP_NAMES = 'c-1'
    process.env.TARGET_PORT = '5439'
    try {
      const out = await handler({})
      expect(out).toMatchObject({ registered: ['10.0.0.5'], deregistered: [] })
    } finally {
      delete process.env.TARGET_GROUP_ARN
      delete process.env.WORKGROUP_NAMES
      delete process.env.TARGET_PORT
    }
  })
})
