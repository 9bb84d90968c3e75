// Lambda entry point (handler `index.handler`): invoked by the CloudFormation Provider
// framework on create/update/delete, and by an EventBridge schedule between deployments.
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless'
import { type SyncEvent, syncInputFrom, syncTargets } from './sync.mjs'

const clients = {
  serverless: new RedshiftServerlessClient({}),
  elbv2: new ElasticLoadBalancingV2Client({}),
}

export async function handler(event: SyncEvent) {
  if (event.RequestType === 'Delete') {
    // The target group is deleted with the stack; deregistering first would only slow it down.
    return { PhysicalResourceId: event.PhysicalResourceId }
  }
  const input = syncInputFrom(event, process.env)
  const result = await syncTargets(clients, input)
  console.log(
    JSON.stringify({
      message: 'target sync done',
      targetGroupArn: input.targetGroupArn,
      ...result,
    }),
  )
  if (event.RequestType === undefined) return result
  return {
    PhysicalResourceId: event.PhysicalResourceId ?? `target-sync:${input.targetGroupArn}`,
    Data: { TargetCount: String(result.desired.length) },
  }
}
