import type { RspConfig } from '../config/config-schema.js'

/** A CloudFormation client, typed structurally (`CloudFormationClient`'s `send`). */
export interface CloudFormationLike {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's send is generic over commands
  send(command: any, options?: any): Promise<any>
}

/** What the deployed stacks say about the warehouses and the NLB. */
export interface DeployedStacks {
  /** Workgroup names from the warehouses stack's outputs (`…WorkgroupName`). */
  readonly workgroups: readonly string[]
  /** Namespace ids by namespace name (outputs described "Namespace id of <name>"). */
  readonly namespaceIds: Readonly<Record<string, string>>
  /** The NLB and its target group, from the load balancer stack's resources. */
  readonly loadBalancer?: { readonly loadBalancerArn?: string; readonly targetGroupArn: string }
  /** Why something could not be read (a stack not deployed), for the user. */
  readonly notes: readonly string[]
}

/** Stack names as infra's buildApp names them: `<project>-<stack id in lower case>`. */
export const stackName = (config: RspConfig, id: 'Warehouses' | 'LoadBalancer'): string =>
  `${config.project}-${id.toLowerCase()}`

const notDeployed = (error: unknown): boolean => {
  const e = error as { name?: string; message?: string }
  return e.name === 'ValidationError' && /does not exist/.test(e.message ?? '')
}

/**
 * Reads the deployed stacks through CloudFormation: DescribeStacks for the warehouses stack's
 * outputs, and — infra outputs no target group ARN — DescribeStackResources on the load
 * balancer stack for the target group and NLB ARNs (a target group's physical id is its ARN).
 * A stack that is not deployed becomes a note, not an error; other failures are thrown.
 */
export async function readDeployedStacks(
  cfn: CloudFormationLike,
  config: RspConfig,
  options: { readonly loadBalancer?: boolean } = {},
): Promise<DeployedStacks> {
  const { DescribeStacksCommand, DescribeStackResourcesCommand } = await import(
    '@aws-sdk/client-cloudformation'
  )
  const notes: string[] = []
  const workgroups: string[] = []
  const namespaceIds: Record<string, string> = {}
  const warehouses = stackName(config, 'Warehouses')
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: warehouses }))
    const outputs = (out?.Stacks?.[0]?.Outputs ?? []) as {
      OutputKey?: string
      OutputValue?: string
      Description?: string
    }[]
    for (const o of outputs) {
      if (!o.OutputKey || !o.OutputValue) continue
      // Logical ids carry a hash suffix: ArchitectureProducerWorkgroupName1A2B3C4D.
      if (/WorkgroupName[0-9A-F]{0,8}$/.test(o.OutputKey)) workgroups.push(o.OutputValue)
      const ns = /^Namespace id of (.+)$/.exec(o.Description ?? '')
      if (ns?.[1]) namespaceIds[ns[1]] = o.OutputValue
    }
  } catch (error) {
    if (!notDeployed(error)) throw error
    notes.push(`stack ${warehouses} is not deployed (run rsp deploy)`)
  }
  let loadBalancer: DeployedStacks['loadBalancer']
  if (options.loadBalancer) {
    const nlb = stackName(config, 'LoadBalancer')
    try {
      const out = await cfn.send(new DescribeStackResourcesCommand({ StackName: nlb }))
      const resources = (out?.StackResources ?? []) as {
        ResourceType?: string
        PhysicalResourceId?: string
      }[]
      const arnOf = (type: string) =>
        resources.find((r) => r.ResourceType === type && r.PhysicalResourceId?.startsWith('arn:'))
          ?.PhysicalResourceId
      const targetGroupArn = arnOf('AWS::ElasticLoadBalancingV2::TargetGroup')
      const loadBalancerArn = arnOf('AWS::ElasticLoadBalancingV2::LoadBalancer')
      if (targetGroupArn)
        loadBalancer = { targetGroupArn, ...(loadBalancerArn ? { loadBalancerArn } : {}) }
      else notes.push(`stack ${nlb} has no target group (is it still being created?)`)
    } catch (error) {
      if (!notDeployed(error)) throw error
      notes.push(`stack ${nlb} is not deployed (run rsp deploy, or pass --target-group-arn)`)
    }
  }
  return { workgroups, namespaceIds, ...(loadBalancer ? { loadBalancer } : {}), notes }
}
