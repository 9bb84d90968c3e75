import { invalidProp } from './errors.js'
import { MIN_AVAILABILITY_ZONES, usableIpsForMask } from './limits.js'
import { availabilityZoneIdRegion } from './network-rules.js'
import {
  Construct,
  ec2,
  Fn,
  type IConstruct,
  logs,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from './private/cdk.js'
import { interfaceEndpointAck, parseCidr, validateIntRange, who } from './private/validate.js'

/** Which interface endpoints to add (each takes one IP in every subnet). */
export interface WarehouseInterfaceEndpoints {
  /** Redshift Data API (`redshift-data`). @default false */
  readonly redshiftData?: boolean
  /** Secrets Manager (admin passwords). @default false */
  readonly secretsManager?: boolean
  /** STS (IAM auth from inside the VPC). @default false */
  readonly sts?: boolean
}

/** A network that warehouses, the NLB and the load-test host are placed in. */
export interface IWarehouseNetwork extends IConstruct {
  readonly vpc: ec2.IVpc
  /** The subnets workgroups, the cluster, the NLB and endpoints use (one per AZ). */
  readonly subnets: readonly ec2.ISubnet[]
  /** How many Availability Zones `subnets` span. */
  readonly availabilityZoneCount: number
  /** Usable addresses per subnet, when known (new VPC, or given for an imported one). */
  readonly usableIpsPerSubnet: number | undefined
  /**
   * Books `ipsPerSubnet` addresses in every subnet for `owner`; throws when the subnets cannot
   * hold everything booked so far. Constructs call it from their constructors.
   */
  claimIps(owner: string, ipsPerSubnet: number, reason: string): void
}

export interface WarehouseNetworkProps {
  /**
   * IPv4 CIDR of the new VPC.
   * @default '10.20.0.0/16'
   */
  readonly cidr?: string
  /**
   * Availability Zones to spread the subnets over (the region's first N, `Fn::GetAZs`).
   * Redshift Serverless with enhanced VPC routing needs 3. Ignored in favour of
   * `availabilityZoneIds` when those are given (then it must be absent or equal their count).
   * @default 3
   */
  readonly availabilityZones?: number
  /**
   * Availability Zone IDs (e.g. `['use1-az1', 'use1-az2', 'use1-az4']`) to place one subnet
   * in each, instead of the region's first `availabilityZones` AZ names. Redshift Serverless
   * accepts subnets only in the AZ IDs it supports in a region (AWS does not publish the
   * list), and AZ names map to different AZ IDs in every account, so pin the AZ IDs when the
   * first AZ names of an account land on an unsupported one. The subnets are created with
   * `AWS::EC2::Subnet` `AvailabilityZoneId`, resolved by CloudFormation at deploy time: the
   * template stays environment-agnostic and synth needs no lookup. All IDs must belong to
   * the region the stack is deployed to: at least 3 with enhanced VPC routing, 2 without.
   * @default - the first `availabilityZones` AZs of the region
   */
  readonly availabilityZoneIds?: readonly string[]
  /**
   * Prefix length of each private isolated subnet. /23 (507 usable addresses) leaves room for a
   * producer and several consumers scaling up, which the seed learnt the hard way.
   * @default 23
   */
  readonly subnetCidrMask?: number
  /**
   * Whether the warehouses use enhanced VPC routing: COPY traffic to S3 then stays on the S3
   * gateway endpoint this construct adds, and 3 AZs are required.
   * @default true
   */
  readonly enhancedVpcRouting?: boolean
  /**
   * Interface endpoints to add, for clients inside the VPC that have no internet path.
   * @default - none
   */
  readonly interfaceEndpoints?: WarehouseInterfaceEndpoints
  /**
   * Retention of the VPC flow logs (rejected and accepted traffic, CloudWatch Logs).
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly flowLogRetention?: logs.RetentionDays
  /**
   * What happens to the flow log group when the stack is deleted.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy
}

/** Attributes of an existing VPC and subnets for `WarehouseNetwork.fromNetworkAttributes`. */
export interface WarehouseNetworkAttributes {
  readonly vpcId: string
  /** @default - unknown (security group rules then reference the given CIDRs only) */
  readonly vpcCidrBlock?: string
  /** Private subnets for the warehouses, one or more per AZ. */
  readonly subnetIds: readonly string[]
  /** The AZ of each subnet, same order as `subnetIds`. */
  readonly availabilityZones: readonly string[]
  /**
   * Free addresses in each subnet, if known: then IP needs are validated at synth time.
   * @default - not validated (diagnostics checks the real free IPs before deploy)
   */
  readonly usableIpsPerSubnet?: number
}

/** Books IPs per subnet and fails when they no longer fit. */
class IpLedger {
  #claimed = 0
  readonly #claims: string[] = []
  constructor(
    private readonly owner: string,
    private readonly usable: number | undefined,
    private readonly sizeNote: string,
  ) {}

  claim(claimant: string, ips: number, reason: string): void {
    if (this.usable !== undefined && this.#claimed + ips > this.usable) {
      const before =
        this.#claims.length > 0
          ? ` on top of ${this.#claimed} already booked (${this.#claims.join(', ')})`
          : ''
      invalidProp(
        'subnetCidrMask',
        this.sizeNote,
        `${this.owner}: subnets of ${this.sizeNote} have ${this.usable} usable addresses each, but ${claimant} needs ${ips} free IPs per subnet (${reason})${before}; use a larger subnet (smaller subnetCidrMask, e.g. 23) or lower the base capacity.`,
      )
    }
    this.#claimed += ips
    this.#claims.push(`${claimant}: ${ips}`)
  }
}

/**
 * The VPC the architecture lives in: private isolated subnets in 3 AZs (no internet gateway,
 * no NAT), an S3 gateway endpoint for COPY under enhanced VPC routing, flow logs, the default
 * security group stripped of rules, and optional interface endpoints. Or an imported VPC.
 *
 * @example
 * const network = new WarehouseNetwork(stack, 'Network', { cidr: '10.20.0.0/16' })
 * new ServerlessWarehouse(stack, 'Producer', { network, namespaceName: 'producer', workgroupName: 'producer' })
 */
export class WarehouseNetwork extends Construct implements IWarehouseNetwork {
  /** Imports an existing VPC and subnets. */
  static fromNetworkAttributes(
    scope: Construct,
    id: string,
    attrs: WarehouseNetworkAttributes,
  ): IWarehouseNetwork {
    const owner = who('WarehouseNetwork', id)
    if (attrs.subnetIds.length === 0) {
      invalidProp(
        'subnetIds',
        attrs.subnetIds,
        `${owner}: subnetIds is empty; give the private subnets the warehouses should use.`,
      )
    }
    if (attrs.availabilityZones.length !== attrs.subnetIds.length) {
      invalidProp(
        'availabilityZones',
        attrs.availabilityZones,
        `${owner}: availabilityZones has ${attrs.availabilityZones.length} entries but subnetIds has ${attrs.subnetIds.length}; give the AZ of each subnet, in the same order.`,
      )
    }
    class Imported extends Construct implements IWarehouseNetwork {
      readonly vpc: ec2.IVpc
      readonly subnets: readonly ec2.ISubnet[]
      readonly availabilityZoneCount: number
      readonly usableIpsPerSubnet = attrs.usableIpsPerSubnet
      readonly #ledger = new IpLedger(owner, attrs.usableIpsPerSubnet, 'the imported subnets')
      constructor() {
        super(scope, id)
        this.subnets = attrs.subnetIds.map((subnetId, i) =>
          ec2.Subnet.fromSubnetAttributes(this, `Subnet${i}`, {
            subnetId,
            availabilityZone: attrs.availabilityZones[i]!,
          }),
        )
        const azs = [...new Set(attrs.availabilityZones)]
        this.availabilityZoneCount = azs.length
        this.vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
          vpcId: attrs.vpcId,
          ...(attrs.vpcCidrBlock ? { vpcCidrBlock: attrs.vpcCidrBlock } : {}),
          availabilityZones: azs,
        })
      }
      claimIps(claimant: string, ips: number, reason: string): void {
        this.#ledger.claim(claimant, ips, reason)
      }
    }
    return new Imported()
  }

  readonly vpc: ec2.Vpc
  readonly subnets: readonly ec2.ISubnet[]
  readonly availabilityZoneCount: number
  readonly usableIpsPerSubnet: number
  /** The S3 gateway endpoint (present with enhanced VPC routing). */
  readonly s3Endpoint: ec2.GatewayVpcEndpoint | undefined
  readonly #ledger: IpLedger

  constructor(scope: Construct, id: string, props: WarehouseNetworkProps = {}) {
    super(scope, id)
    const owner = who('WarehouseNetwork', id)
    const cidr = props.cidr ?? '10.20.0.0/16'
    const azIds = props.availabilityZoneIds
    const mask = props.subnetCidrMask ?? 23
    const enhanced = props.enhancedVpcRouting ?? true
    if (azIds) validateAvailabilityZoneIds(owner, azIds, props.availabilityZones, enhanced)
    const azCount = azIds?.length ?? props.availabilityZones ?? 3

    const parsed = parseCidr(cidr)
    if (!parsed || parsed.prefix < 16 || parsed.prefix > 28) {
      invalidProp(
        'cidr',
        cidr,
        `${owner}: cidr '${cidr}' is not an IPv4 CIDR with a prefix from /16 to /28 (e.g. 10.20.0.0/16).`,
      )
    }
    validateIntRange(owner, 'availabilityZones', azCount, 1, 6)
    validateIntRange(owner, 'subnetCidrMask', mask, 16, 28)
    if (enhanced && azCount < MIN_AVAILABILITY_ZONES.enhancedVpcRouting) {
      invalidProp(
        'availabilityZones',
        azCount,
        `${owner}: availabilityZones is ${azCount}, but enhanced VPC routing needs subnets in at least ${MIN_AVAILABILITY_ZONES.enhancedVpcRouting} Availability Zones; set availabilityZones to ${MIN_AVAILABILITY_ZONES.enhancedVpcRouting} or enhancedVpcRouting to false.`,
      )
    }
    if (!enhanced && azCount < MIN_AVAILABILITY_ZONES.standard) {
      invalidProp(
        'availabilityZones',
        azCount,
        `${owner}: availabilityZones is ${azCount}, but Redshift Serverless needs subnets in at least ${MIN_AVAILABILITY_ZONES.standard} Availability Zones; set availabilityZones to ${MIN_AVAILABILITY_ZONES.standard} or more.`,
      )
    }
    if (mask < parsed.prefix || 2 ** (mask - parsed.prefix) < azCount) {
      invalidProp(
        'subnetCidrMask',
        mask,
        `${owner}: ${azCount} subnets of /${mask} do not fit in ${cidr}; use a longer subnetCidrMask or a larger cidr.`,
      )
    }

    // Explicit AZ tokens: an environment-agnostic stack otherwise offers only 2 AZs, and the
    // template stays deployable in any region with 3 or more AZs.
    const availabilityZones = Array.from({ length: azCount }, (_, i) => Fn.select(i, Fn.getAzs()))
    this.vpc = new ec2.Vpc(this, 'Resource', {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      availabilityZones,
      natGateways: 0,
      // With AZ IDs the subnets are added below: ec2.Vpc places subnets by AZ name only.
      subnetConfiguration: azIds
        ? []
        : [{ name: 'warehouse', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: mask }],
      restrictDefaultSecurityGroup: true,
      enableDnsHostnames: true,
      enableDnsSupport: true,
    })
    this.subnets = azIds ? this.#subnetsByAzId(azIds, parsed, mask) : this.vpc.isolatedSubnets
    this.#acknowledgeRestrictDefaultSgRole()
    this.availabilityZoneCount = azCount
    this.usableIpsPerSubnet = usableIpsForMask(mask)
    this.#ledger = new IpLedger(owner, this.usableIpsPerSubnet, `/${mask}`)

    const flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.flowLogRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    })
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    })

    this.s3Endpoint = enhanced
      ? this.vpc.addGatewayEndpoint('S3', {
          service: ec2.GatewayVpcEndpointAwsService.S3,
          subnets: [{ subnets: [...this.subnets] }],
        })
      : undefined

    const endpoints = props.interfaceEndpoints ?? {}
    const services: Array<[string, boolean | undefined, ec2.InterfaceVpcEndpointAwsService]> = [
      ['RedshiftData', endpoints.redshiftData, ec2.InterfaceVpcEndpointAwsService.REDSHIFT_DATA],
      [
        'SecretsManager',
        endpoints.secretsManager,
        ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      ],
      ['Sts', endpoints.sts, ec2.InterfaceVpcEndpointAwsService.STS],
    ]
    for (const [name, enabled, service] of services) {
      if (!enabled) continue
      this.claimIps(`the ${name} interface endpoint`, 1, 'one ENI per subnet')
      const endpoint = this.vpc.addInterfaceEndpoint(name, {
        service,
        subnets: { subnets: [...this.subnets] },
        privateDnsEnabled: true,
      })
      Validations.of(endpoint).acknowledge(interfaceEndpointAck(name))
    }
  }

  claimIps(claimant: string, ips: number, reason: string): void {
    if (Token.isUnresolved(ips)) return
    this.#ledger.claim(claimant, ips, reason)
  }

  // One private isolated subnet per AZ ID, laid out like ec2.Vpc does (consecutive blocks of
  // /mask from the start of the VPC CIDR), each with its own route table (no routes: the S3
  // gateway endpoint adds its own). The subnet's AZ name is read back with Fn::GetAtt, so
  // resources that need a name (an EC2 instance) get the real one.
  #subnetsByAzId(
    azIds: readonly string[],
    vpcCidr: { readonly address: number; readonly prefix: number },
    mask: number,
  ): ec2.ISubnet[] {
    const size = 2 ** (32 - mask)
    const start = vpcCidr.address - (vpcCidr.address % 2 ** (32 - vpcCidr.prefix))
    return azIds.map((azId, i) => {
      const scope = new Construct(this, `warehouseSubnet${i + 1}`)
      const subnet = new ec2.CfnSubnet(scope, 'Subnet', {
        vpcId: this.vpc.vpcId,
        cidrBlock: `${formatIpv4(start + i * size)}/${mask}`,
        availabilityZoneId: azId,
        mapPublicIpOnLaunch: false,
        tags: [
          { key: 'Name', value: `${this.node.path}/warehouse-${azId}` },
          { key: 'aws-cdk:subnet-name', value: 'warehouse' },
          { key: 'aws-cdk:subnet-type', value: 'Isolated' },
        ],
      })
      const routeTable = new ec2.CfnRouteTable(scope, 'RouteTable', {
        vpcId: this.vpc.vpcId,
        tags: [{ key: 'Name', value: `${this.node.path}/warehouse-${azId}` }],
      })
      new ec2.CfnSubnetRouteTableAssociation(scope, 'RouteTableAssociation', {
        subnetId: subnet.ref,
        routeTableId: routeTable.ref,
      })
      return ec2.Subnet.fromSubnetAttributes(scope, 'Imported', {
        subnetId: subnet.ref,
        availabilityZone: subnet.attrAvailabilityZone,
        ipv4CidrBlock: subnet.cidrBlock!,
        routeTableId: routeTable.ref,
      })
    })
  }

  // restrictDefaultSecurityGroup strips the default security group's rules with a custom
  // resource whose provider role (a stack-wide singleton made by aws-cdk-lib, a plain
  // CfnResource that cdk-nag's construct walk does not see as an IAM role) carries the
  // AWS-managed AWSLambdaBasicExecutionRole: a check of the synthesized template flags it.
  #acknowledgeRestrictDefaultSgRole(): void {
    const provider = Stack.of(this).node.tryFindChild(RESTRICT_DEFAULT_SG_PROVIDER_ID)
    const role = provider?.node.tryFindChild('Role')
    if (!role) return
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "Role of the aws-cdk-lib provider that strips the VPC default security group (restrictDefaultSecurityGroup): the AWS-managed AWSLambdaBasicExecutionRole only lets it write its own CloudWatch logs; its EC2 permissions are an inline policy on this VPC's default security group.",
    })
  }
}

// The construct id aws-cdk-lib gives the restrictDefaultSecurityGroup provider (per stack).
const RESTRICT_DEFAULT_SG_PROVIDER_ID = 'Custom::VpcRestrictDefaultSGCustomResourceProvider'

function validateAvailabilityZoneIds(
  owner: string,
  azIds: readonly string[],
  azCount: number | undefined,
  enhanced: boolean,
): void {
  const resolved = azIds.filter((azId) => !Token.isUnresolved(azId))
  for (const azId of resolved) {
    if (availabilityZoneIdRegion(azId) === undefined) {
      invalidProp(
        'availabilityZoneIds',
        azId,
        `${owner}: availabilityZoneIds contains '${azId}', which is not an Availability Zone ID; use IDs like use1-az1 (the ZoneId column of \`aws ec2 describe-availability-zones\`), not AZ names like us-east-1a.`,
      )
    }
  }
  const duplicate = resolved.find((azId, i) => resolved.indexOf(azId) !== i)
  if (duplicate) {
    invalidProp(
      'availabilityZoneIds',
      duplicate,
      `${owner}: availabilityZoneIds lists ${duplicate} twice; give each AZ ID once (one subnet per Availability Zone).`,
    )
  }
  const regions = [...new Set(resolved.map((azId) => availabilityZoneIdRegion(azId)))]
  if (regions.length > 1) {
    invalidProp(
      'availabilityZoneIds',
      azIds,
      `${owner}: availabilityZoneIds mixes AZ IDs of different Regions (${regions.join(', ')}); list AZ IDs of the Region the stack deploys to only.`,
    )
  }
  const min = enhanced ? MIN_AVAILABILITY_ZONES.enhancedVpcRouting : MIN_AVAILABILITY_ZONES.standard
  if (azIds.length < min) {
    invalidProp(
      'availabilityZoneIds',
      azIds,
      enhanced
        ? `${owner}: availabilityZoneIds has ${azIds.length} (${azIds.join(', ')}), but enhanced VPC routing needs subnets in at least ${min} Availability Zones; list ${min} or more AZ IDs or set enhancedVpcRouting to false.`
        : `${owner}: availabilityZoneIds has ${azIds.length} (${azIds.join(', ')}), but Redshift Serverless needs subnets in at least ${min} Availability Zones; list ${min} or more AZ IDs.`,
    )
  }
  if (azCount !== undefined && azCount !== azIds.length) {
    invalidProp(
      'availabilityZones',
      azCount,
      `${owner}: availabilityZones is ${azCount} but availabilityZoneIds has ${azIds.length}; leave availabilityZones out (the AZ IDs set the count).`,
    )
  }
}

function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.')
}
