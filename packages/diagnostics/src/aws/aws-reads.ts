import type { CheckContext } from '../check/check.js'
import { ec2Commands, elbv2Commands, redshiftServerlessCommands } from './aws-commands.js'
import type {
  AwsClient,
  NamespaceShape,
  SecurityGroupShape,
  SubnetShape,
  WorkgroupShape,
} from './aws-input.js'

/*
 * Reads shared by several checks, memoized per run (ctx.memo) so one run makes one
 * GetWorkgroup call per workgroup however many checks look at it. "Not found" is a value
 * (`undefined`), every other error propagates to the check.
 */

const isNotFound = (e: unknown): boolean =>
  e instanceof Error &&
  (e.name === 'ResourceNotFoundException' ||
    e.name === 'TargetGroupNotFoundException' ||
    e.name === 'LoadBalancerNotFoundException' ||
    e.name === 'InvalidSubnetID.NotFound' ||
    e.name === 'InvalidGroup.NotFound')

const opts = (ctx: CheckContext) => ({ abortSignal: ctx.signal })

/** GetWorkgroup, or `undefined` when it does not exist. */
export function getWorkgroup(
  ctx: CheckContext,
  client: AwsClient,
  name: string,
): Promise<WorkgroupShape | undefined> {
  return ctx.memo(`workgroup:${name}`, async () => {
    const c = await redshiftServerlessCommands()
    try {
      const out = await client.send(new c.GetWorkgroup({ workgroupName: name }), opts(ctx))
      return out?.workgroup as WorkgroupShape | undefined
    } catch (e) {
      if (isNotFound(e)) return undefined
      throw e
    }
  })
}

/** GetNamespace, or `undefined` when it does not exist. */
export function getNamespace(
  ctx: CheckContext,
  client: AwsClient,
  name: string,
): Promise<NamespaceShape | undefined> {
  return ctx.memo(`namespace:${name}`, async () => {
    const c = await redshiftServerlessCommands()
    try {
      const out = await client.send(new c.GetNamespace({ namespaceName: name }), opts(ctx))
      return out?.namespace as NamespaceShape | undefined
    } catch (e) {
      if (isNotFound(e)) return undefined
      throw e
    }
  })
}

/** Every workgroup of the account in the client's region (all pages). */
export function listWorkgroups(
  ctx: CheckContext,
  client: AwsClient,
): Promise<readonly WorkgroupShape[]> {
  return ctx.memo('workgroups', async () => {
    const c = await redshiftServerlessCommands()
    const all: WorkgroupShape[] = []
    let nextToken: string | undefined
    do {
      const out = await client.send(new c.ListWorkgroups({ nextToken }), opts(ctx))
      all.push(...((out?.workgroups ?? []) as WorkgroupShape[]))
      nextToken = out?.nextToken
    } while (nextToken)
    return all
  })
}

/** DescribeSubnets for `ids` (one call; order of the answer). */
export function describeSubnets(
  ctx: CheckContext,
  client: AwsClient,
  ids: readonly string[],
): Promise<readonly SubnetShape[]> {
  const sorted = [...new Set(ids)].sort()
  return ctx.memo(`subnets:${sorted.join(',')}`, async () => {
    if (sorted.length === 0) return []
    const c = await ec2Commands()
    const out = await client.send(new c.DescribeSubnets({ SubnetIds: sorted }), opts(ctx))
    return (out?.Subnets ?? []) as SubnetShape[]
  })
}

/** DescribeSecurityGroups for `ids`. */
export function describeSecurityGroups(
  ctx: CheckContext,
  client: AwsClient,
  ids: readonly string[],
): Promise<readonly SecurityGroupShape[]> {
  const sorted = [...new Set(ids)].sort()
  return ctx.memo(`security-groups:${sorted.join(',')}`, async () => {
    if (sorted.length === 0) return []
    const c = await ec2Commands()
    const out = await client.send(new c.DescribeSecurityGroups({ GroupIds: sorted }), opts(ctx))
    return (out?.SecurityGroups ?? []) as SecurityGroupShape[]
  })
}

/** The subset of an ELBv2 `TargetHealthDescription`. */
export interface TargetHealthShape {
  readonly Target?: { readonly Id?: string; readonly Port?: number }
  readonly TargetHealth?: {
    readonly State?: string
    readonly Reason?: string
    readonly Description?: string
  }
}

/** DescribeTargetHealth for the target group, or `undefined` when the group does not exist. */
export function describeTargetHealth(
  ctx: CheckContext,
  client: AwsClient,
  targetGroupArn: string,
): Promise<readonly TargetHealthShape[] | undefined> {
  return ctx.memo(`target-health:${targetGroupArn}`, async () => {
    const c = await elbv2Commands()
    try {
      const out = await client.send(
        new c.DescribeTargetHealth({ TargetGroupArn: targetGroupArn }),
        opts(ctx),
      )
      return (out?.TargetHealthDescriptions ?? []) as TargetHealthShape[]
    } catch (e) {
      if (isNotFound(e)) return undefined
      throw e
    }
  })
}

/** The subset of an ELBv2 `LoadBalancer`. */
export interface LoadBalancerShape {
  readonly LoadBalancerArn?: string
  readonly LoadBalancerName?: string
  readonly Type?: string
  readonly Scheme?: string
  readonly State?: { readonly Code?: string; readonly Reason?: string }
  readonly SecurityGroups?: readonly string[]
  readonly AvailabilityZones?: readonly { readonly ZoneName?: string; readonly SubnetId?: string }[]
}

/** DescribeLoadBalancers by ARN or name, or `undefined` when it does not exist. */
export function describeLoadBalancer(
  ctx: CheckContext,
  client: AwsClient,
  ref: { readonly loadBalancerArn?: string; readonly loadBalancerName?: string },
): Promise<LoadBalancerShape | undefined> {
  const key = ref.loadBalancerArn ?? ref.loadBalancerName ?? ''
  return ctx.memo(`load-balancer:${key}`, async () => {
    const c = await elbv2Commands()
    const input = ref.loadBalancerArn
      ? { LoadBalancerArns: [ref.loadBalancerArn] }
      : { Names: [ref.loadBalancerName] }
    try {
      const out = await client.send(new c.DescribeLoadBalancers(input), opts(ctx))
      return (out?.LoadBalancers ?? [])[0] as LoadBalancerShape | undefined
    } catch (e) {
      if (isNotFound(e)) return undefined
      throw e
    }
  })
}

/** The subset of an ELBv2 `Listener`. */
export interface ListenerShape {
  readonly ListenerArn?: string
  readonly Port?: number
  readonly Protocol?: string
  readonly DefaultActions?: readonly {
    readonly Type?: string
    readonly TargetGroupArn?: string
    readonly ForwardConfig?: {
      readonly TargetGroups?: readonly { readonly TargetGroupArn?: string }[]
    }
  }[]
}

/** DescribeListeners of a load balancer. */
export function describeListeners(
  ctx: CheckContext,
  client: AwsClient,
  loadBalancerArn: string,
): Promise<readonly ListenerShape[]> {
  return ctx.memo(`listeners:${loadBalancerArn}`, async () => {
    const c = await elbv2Commands()
    const out = await client.send(
      new c.DescribeListeners({ LoadBalancerArn: loadBalancerArn }),
      opts(ctx),
    )
    return (out?.Listeners ?? []) as ListenerShape[]
  })
}

/** The subset of an ELBv2 `TargetGroup`. */
export interface TargetGroupShape {
  readonly TargetGroupArn?: string
  readonly Protocol?: string
  readonly Port?: number
  readonly TargetType?: string
  readonly HealthCheckProtocol?: string
  readonly HealthCheckPort?: string
}

/** DescribeTargetGroups for one ARN, or `undefined` when it does not exist. */
export function describeTargetGroup(
  ctx: CheckContext,
  client: AwsClient,
  targetGroupArn: string,
): Promise<TargetGroupShape | undefined> {
  return ctx.memo(`target-group:${targetGroupArn}`, async () => {
    const c = await elbv2Commands()
    try {
      const out = await client.send(
        new c.DescribeTargetGroups({ TargetGroupArns: [targetGroupArn] }),
        opts(ctx),
      )
      return (out?.TargetGroups ?? [])[0] as TargetGroupShape | undefined
    } catch (e) {
      if (isNotFound(e)) return undefined
      throw e
    }
  })
}

/** Every ENI private IP behind a workgroup's endpoint (one per subnet). */
export function endpointIps(workgroup: WorkgroupShape): readonly {
  readonly ip: string
  readonly subnetId?: string
  readonly eni?: string
}[] {
  const out: { ip: string; subnetId?: string; eni?: string }[] = []
  for (const vpce of workgroup.endpoint?.vpcEndpoints ?? []) {
    for (const ni of vpce.networkInterfaces ?? []) {
      if (ni.privateIpAddress)
        out.push({
          ip: ni.privateIpAddress,
          ...(ni.subnetId ? { subnetId: ni.subnetId } : {}),
          ...(ni.networkInterfaceId ? { eni: ni.networkInterfaceId } : {}),
        })
    }
  }
  return out
}
