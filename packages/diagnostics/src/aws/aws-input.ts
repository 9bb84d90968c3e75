/**
 * AWS SDK v3 clients, typed structurally: any object with the SDK's `send` works, so this
 * package does not depend on the SDK at run time for its types. The commands sent are the
 * SDK's real command classes, loaded lazily from the optional peer dependencies (see
 * `aws-commands.ts` for why).
 */
export interface AwsClient {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's send is generic over every command
  send(command: any, options?: { abortSignal?: AbortSignal }): Promise<any>
}

/** What the AWS check groups read. */
export interface AwsInput {
  /** A `RedshiftServerlessClient` (control-plane and load-balancer groups). */
  readonly redshiftServerless?: AwsClient
  /** An `EC2Client` (subnets, security groups). */
  readonly ec2?: AwsClient
  /** An `ElasticLoadBalancingV2Client` (load-balancer group). */
  readonly elbv2?: AwsClient
  /** The NLB's identity from the deployment outputs. */
  readonly loadBalancer?: {
    /** ARN or name of the NLB. */
    readonly loadBalancerArn?: string
    readonly loadBalancerName?: string
    readonly targetGroupArn: string
  }
  /**
   * The account's Redshift Serverless base-RPU quota (per region), when known: from Service
   * Quotas (looked up by the CLI) or the config. Without it the quota check is skipped.
   */
  readonly baseCapacityQuota?: number
}

/** The subset of `GetWorkgroup`'s `workgroup` the checks read. */
export interface WorkgroupShape {
  readonly workgroupName?: string
  readonly namespaceName?: string
  readonly status?: string
  readonly baseCapacity?: number
  readonly maxCapacity?: number
  readonly publiclyAccessible?: boolean
  readonly enhancedVpcRouting?: boolean
  readonly subnetIds?: readonly string[]
  readonly securityGroupIds?: readonly string[]
  readonly creationDate?: Date
  readonly port?: number
  readonly endpoint?: {
    readonly address?: string
    readonly port?: number
    readonly vpcEndpoints?: readonly {
      readonly vpcEndpointId?: string
      readonly vpcId?: string
      readonly networkInterfaces?: readonly {
        readonly networkInterfaceId?: string
        readonly subnetId?: string
        readonly privateIpAddress?: string
        readonly availabilityZone?: string
      }[]
    }[]
  }
}

/** The subset of `GetNamespace`'s `namespace` the checks read. */
export interface NamespaceShape {
  readonly namespaceName?: string
  readonly namespaceId?: string
  readonly status?: string
  readonly logExports?: readonly string[]
  readonly creationDate?: Date
}

/** The subset of an EC2 `Subnet`. */
export interface SubnetShape {
  readonly SubnetId?: string
  readonly AvailabilityZone?: string
  readonly AvailableIpAddressCount?: number
  readonly CidrBlock?: string
  readonly VpcId?: string
}

/** The subset of an EC2 `SecurityGroup`. */
export interface SecurityGroupShape {
  readonly GroupId?: string
  readonly GroupName?: string
  readonly IpPermissions?: readonly {
    readonly IpProtocol?: string
    readonly FromPort?: number
    readonly ToPort?: number
    readonly IpRanges?: readonly { readonly CidrIp?: string }[]
    readonly UserIdGroupPairs?: readonly { readonly GroupId?: string }[]
  }[]
}
