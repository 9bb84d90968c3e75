import type { ClientAccessProps } from './client-access.js'
import { invalidProp } from './errors.js'
import {
  DEFAULT_BASE_CAPACITY,
  DEFAULT_PORT,
  freeIpsPerSubnet,
  isAllowedBaseCapacity,
  isAllowedPort,
  LARGE_BASE_CAPACITY_REGIONS,
  MAX_CAPACITY_CEILING,
  MAX_CAPACITY_STEP,
  MIN_AVAILABILITY_ZONES,
  nearestBaseCapacities,
  REGIONAL_BASE_CAPACITY_ABOVE,
  USAGE_LIMIT_BREACH_ACTIONS,
  USAGE_LIMIT_PERIODS,
  USAGE_LIMIT_TYPES,
  WORKGROUP_PORT_RANGES,
} from './limits.js'
import {
  Arn,
  Construct,
  cr,
  Duration,
  ec2,
  type IConstruct,
  iam,
  kms,
  RemovalPolicy,
  redshiftserverless,
  Stack,
  Tags,
  Token,
  Validations,
} from './private/cdk.js'
import {
  admitClients,
  validateClientAccess,
  validateResourceName,
  who,
} from './private/validate.js'
import type { IWarehouseNetwork } from './warehouse-network.js'

/** All three namespace log exports (CloudWatch Logs). */
export const NAMESPACE_LOG_EXPORTS = Object.freeze(['userlog', 'useractivitylog', 'connectionlog'])

export type UsageLimitType = 'serverless-compute' | 'cross-region-datasharing'
export type UsageLimitPeriod = 'daily' | 'weekly' | 'monthly'
export type UsageLimitBreachAction = 'log' | 'emit-metric' | 'deactivate'

/** A Redshift Serverless usage limit on the workgroup (`CreateUsageLimit`). */
export interface UsageLimitOptions {
  /** RPU-hours for `serverless-compute`, TB for `cross-region-datasharing`. */
  readonly amount: number
  /** @default 'serverless-compute' */
  readonly usageType?: UsageLimitType
  /** @default 'monthly' */
  readonly period?: UsageLimitPeriod
  /** @default 'emit-metric' */
  readonly breachAction?: UsageLimitBreachAction
}

/** The bucket (and optional key prefix) the COPY role may read. */
export interface CopySource {
  readonly bucketName: string
  /** @default - the whole bucket */
  readonly prefix?: string
}

/** A Redshift Serverless namespace and workgroup. */
export interface IServerlessWarehouse extends IConstruct, ec2.IConnectable {
  readonly namespaceName: string
  /** The namespace GUID (a token until deployed). */
  readonly namespaceId: string
  readonly workgroupName: string
  readonly workgroupArn: string
  readonly endpointAddress: string
  readonly port: number
  /** @default undefined when imported without it */
  readonly maxCapacity: number | undefined
}

export interface ServerlessWarehouseProps extends ClientAccessProps {
  /** Where the workgroup's endpoint ENIs go. */
  readonly network: IWarehouseNetwork
  /** `[a-z0-9-]`, 3–64 characters. */
  readonly namespaceName: string
  /** `[a-z0-9-]`, 3–64 characters. */
  readonly workgroupName: string
  /**
   * Base capacity in RPU: 4, 8–512 in steps of 8, or 512–1024 in steps of 32.
   * @default 128
   */
  readonly baseCapacity?: number
  /**
   * Maximum capacity in RPU (a multiple of 8, at least `baseCapacity`): the cost ceiling.
   * @default - no maximum
   */
  readonly maxCapacity?: number
  /** @default 'dev' */
  readonly dbName?: string
  /**
   * Admin user; its password is generated and kept in Secrets Manager by Redshift.
   * @default 'rsp_admin'
   */
  readonly adminUsername?: string
  /**
   * Route COPY/UNLOAD traffic through the VPC (needs subnets in 3 AZs).
   * @default true
   */
  readonly enhancedVpcRouting?: boolean
  /** @default false */
  readonly publiclyAccessible?: boolean
  /** @default 5439 */
  readonly port?: number
  /**
   * Key for the namespace data and the admin secret.
   * @default - a new key with yearly rotation
   */
  readonly encryptionKey?: kms.IKey
  /**
   * Creates the namespace's default IAM role, read-only on this bucket/prefix, for `COPY ... IAM_ROLE default`.
   * @default - no COPY role
   */
  readonly copySource?: CopySource
  /**
   * A usage limit on the workgroup.
   * @default - none
   */
  readonly usageLimit?: UsageLimitOptions
  /**
   * Extra workgroup config parameters. `require_ssl` and `enable_user_activity_logging` are
   * always `true` and cannot be overridden.
   * @default - none
   */
  readonly configParameters?: Readonly<Record<string, string>>
  /** @default - none */
  readonly tags?: Readonly<Record<string, string>>
  /**
   * What happens to the namespace, workgroup and key when removed from the stack.
   * @default RemovalPolicy.DESTROY (a playground: `rsp destroy` leaves nothing billable)
   */
  readonly removalPolicy?: RemovalPolicy
}

/** Attributes for `ServerlessWarehouse.fromWarehouseAttributes`. */
export interface ServerlessWarehouseAttributes {
  readonly namespaceName: string
  readonly namespaceId: string
  readonly workgroupName: string
  /** Workgroup ARNs carry the workgroup id, not its name, so they cannot be derived. */
  readonly workgroupArn: string
  readonly endpointAddress: string
  /** @default 5439 */
  readonly port?: number
  /** @default - no security group: `connections` is empty */
  readonly securityGroupId?: string
  /** @default undefined */
  readonly maxCapacity?: number
}

// The construct id aws-cdk-lib gives the AwsCustomResource singleton function.
const SDK_CALL_FUNCTION_ID = 'AWS679f53fac002430cb0da5b7982bd2287'

const FORCED_PARAMETERS = Object.freeze({
  require_ssl: 'true',
  enable_user_activity_logging: 'true',
})

/**
 * A Redshift Serverless namespace and workgroup, secure by default: KMS-encrypted with a
 * rotating key, admin password managed in Secrets Manager, all three log exports and user
 * activity logging, SSL required, enhanced VPC routing, private, and reachable on its port
 * only from the CIDRs and security groups you list.
 *
 * @example
 * const producer = new ServerlessWarehouse(stack, 'Producer', {
 *   network,
 *   namespaceName: 'producer',
 *   workgroupName: 'producer',
 *   baseCapacity: 32,
 *   maxCapacity: 128,
 *   copySource: { bucketName: 'my-data', prefix: 'airline/' },
 *   usageLimit: { amount: 500, period: 'monthly', breachAction: 'deactivate' },
 * })
 */
export class ServerlessWarehouse extends Construct implements IServerlessWarehouse {
  /** Refers to an existing namespace and workgroup. */
  static fromWarehouseAttributes(
    scope: Construct,
    id: string,
    attrs: ServerlessWarehouseAttributes,
  ): IServerlessWarehouse {
    const owner = who('ServerlessWarehouse', id)
    validateResourceName(owner, 'namespaceName', attrs.namespaceName)
    validateResourceName(owner, 'workgroupName', attrs.workgroupName)
    class Imported extends Construct implements IServerlessWarehouse {
      readonly namespaceName = attrs.namespaceName
      readonly namespaceId = attrs.namespaceId
      readonly workgroupName = attrs.workgroupName
      readonly workgroupArn = attrs.workgroupArn
      readonly endpointAddress = attrs.endpointAddress
      readonly port = attrs.port ?? DEFAULT_PORT
      readonly maxCapacity = attrs.maxCapacity
      readonly connections: ec2.Connections
      constructor() {
        super(scope, id)
        this.connections = new ec2.Connections({
          securityGroups: attrs.securityGroupId
            ? [ec2.SecurityGroup.fromSecurityGroupId(this, 'SecurityGroup', attrs.securityGroupId)]
            : [],
          defaultPort: ec2.Port.tcp(this.port),
        })
      }
    }
    return new Imported()
  }

  readonly namespaceName: string
  readonly namespaceId: string
  readonly namespaceArn: string
  readonly workgroupName: string
  readonly workgroupArn: string
  readonly endpointAddress: string
  readonly port: number
  readonly baseCapacity: number
  readonly maxCapacity: number | undefined
  readonly connections: ec2.Connections
  readonly securityGroup: ec2.SecurityGroup
  readonly encryptionKey: kms.IKey
  /** The namespace's default IAM role for COPY, when `copySource` is given. */
  readonly copyRole: iam.Role | undefined
  readonly namespace: redshiftserverless.CfnNamespace
  readonly workgroup: redshiftserverless.CfnWorkgroup

  constructor(scope: Construct, id: string, props: ServerlessWarehouseProps) {
    super(scope, id)
    const owner = who('ServerlessWarehouse', id)
    const base = props.baseCapacity ?? DEFAULT_BASE_CAPACITY
    const max = props.maxCapacity
    const enhanced = props.enhancedVpcRouting ?? true
    const port = props.port ?? DEFAULT_PORT
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY

    // Validate everything before adding any resource: nothing is half-built on bad props.
    validateResourceName(owner, 'namespaceName', props.namespaceName)
    validateResourceName(owner, 'workgroupName', props.workgroupName)
    validateCapacity(owner, base, max, Stack.of(scope).region)
    if (!isAllowedPort(port)) {
      invalidProp(
        'port',
        port,
        `${owner}: port ${port} is not allowed; use 5439 or a port in ${WORKGROUP_PORT_RANGES.map(([a, b]) => `${a}–${b}`).join(' or ')}.`,
      )
    }
    validateClientAccess(owner, props, port)
    const minAzs = enhanced
      ? MIN_AVAILABILITY_ZONES.enhancedVpcRouting
      : MIN_AVAILABILITY_ZONES.standard
    if (props.network.availabilityZoneCount < minAzs) {
      invalidProp(
        'network',
        props.network.availabilityZoneCount,
        enhanced
          ? `${owner}: enhancedVpcRouting needs subnets in at least ${minAzs} Availability Zones, but the network spans ${props.network.availabilityZoneCount}; add subnets in another AZ or set enhancedVpcRouting to false.`
          : `${owner}: a workgroup needs subnets in at least ${minAzs} Availability Zones, but the network spans ${props.network.availabilityZoneCount}; add subnets in another AZ.`,
      )
    }
    if (props.usageLimit) validateUsageLimit(owner, props.usageLimit)
    for (const key of Object.keys(props.configParameters ?? {})) {
      if (key in FORCED_PARAMETERS) {
        invalidProp(
          `configParameters.${key}`,
          props.configParameters?.[key],
          `${owner}: configParameters.${key} cannot be set: it is always 'true' (secure by default).`,
        )
      }
    }
    props.network.claimIps(
      `workgroup '${props.workgroupName}'`,
      freeIpsPerSubnet(base, enhanced),
      `base capacity ${base} RPU${enhanced ? ' with enhanced VPC routing' : ''}`,
    )

    this.namespaceName = props.namespaceName
    this.workgroupName = props.workgroupName
    this.port = port
    this.baseCapacity = base
    this.maxCapacity = max

    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: `Redshift Serverless namespace ${props.namespaceName}: data and admin secret`,
        enableKeyRotation: true,
        removalPolicy,
      })

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.network.vpc,
      description: `Redshift Serverless workgroup ${props.workgroupName}: port ${port} from listed clients only`,
      // Isolated subnets have no route out; egress stays open so COPY reaches S3 through the
      // gateway endpoint (its prefix list is not known offline).
      allowAllOutbound: true,
    })
    this.connections = new ec2.Connections({
      securityGroups: [this.securityGroup],
      defaultPort: ec2.Port.tcp(port),
    })
    admitClients(this.connections, props, port)

    if (props.copySource) {
      this.copyRole = new iam.Role(this, 'CopyRole', {
        description: `COPY role of namespace ${props.namespaceName}: read-only on s3://${props.copySource.bucketName}/${props.copySource.prefix ?? ''}`,
        assumedBy: new iam.CompositePrincipal(
          new iam.ServicePrincipal('redshift.amazonaws.com'),
          new iam.ServicePrincipal('redshift-serverless.amazonaws.com'),
        ),
      })
      const bucketArn = Arn.format(
        { service: 's3', region: '', account: '', resource: props.copySource.bucketName },
        Stack.of(this),
      )
      const prefix = props.copySource.prefix ?? ''
      this.copyRole.addToPolicy(
        new iam.PolicyStatement({
          actions: ['s3:GetObject'],
          resources: [`${bucketArn}/${prefix}*`],
        }),
      )
      this.copyRole.addToPolicy(
        new iam.PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucketArn],
          ...(prefix ? { conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } } } : {}),
        }),
      )
      this.copyRole.addToPolicy(
        new iam.PolicyStatement({ actions: ['s3:GetBucketLocation'], resources: [bucketArn] }),
      )
      Validations.of(this.copyRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${props.copySource.bucketName}/${prefix}*]`,
        reason: `COPY role of ${props.namespaceName} reads the data files under s3://${props.copySource.bucketName}/${prefix}; their names are generated, so the grant is the prefix, read-only.`,
      })
    }

    this.namespace = new redshiftserverless.CfnNamespace(this, 'Namespace', {
      namespaceName: props.namespaceName,
      dbName: props.dbName ?? 'dev',
      adminUsername: props.adminUsername ?? 'rsp_admin',
      manageAdminPassword: true,
      adminPasswordSecretKmsKeyId: this.encryptionKey.keyArn,
      kmsKeyId: this.encryptionKey.keyArn,
      logExports: [...NAMESPACE_LOG_EXPORTS],
      ...(this.copyRole
        ? { iamRoles: [this.copyRole.roleArn], defaultIamRoleArn: this.copyRole.roleArn }
        : {}),
    })
    this.namespace.applyRemovalPolicy(removalPolicy)

    const parameters = { ...props.configParameters, ...FORCED_PARAMETERS }
    this.workgroup = new redshiftserverless.CfnWorkgroup(this, 'Resource', {
      workgroupName: props.workgroupName,
      namespaceName: this.namespace.attrNamespaceNamespaceName,
      baseCapacity: base,
      ...(max !== undefined ? { maxCapacity: max } : {}),
      enhancedVpcRouting: enhanced,
      publiclyAccessible: props.publiclyAccessible ?? false,
      port,
      subnetIds: props.network.subnets.map((s) => s.subnetId),
      securityGroupIds: [this.securityGroup.securityGroupId],
      configParameters: Object.entries(parameters)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([parameterKey, parameterValue]) => ({ parameterKey, parameterValue })),
    })
    this.workgroup.applyRemovalPolicy(removalPolicy)

    this.namespaceId = this.namespace.attrNamespaceNamespaceId
    this.namespaceArn = this.namespace.attrNamespaceNamespaceArn
    this.workgroupArn = this.workgroup.attrWorkgroupWorkgroupArn
    this.endpointAddress = this.workgroup.attrWorkgroupEndpointAddress

    for (const [key, value] of Object.entries(props.tags ?? {})) Tags.of(this).add(key, value)

    if (props.usageLimit) this.#addUsageLimit(props.usageLimit)
  }

  // Usage limits have no CloudFormation resource (coverage-roadmap#595): an SDK-call custom
  // resource over Create/Update/DeleteUsageLimit. Type and period cannot be updated in place,
  // so they are part of the construct id: changing them creates a new limit and deletes the old.
  #addUsageLimit(limit: UsageLimitOptions): void {
    const usageType = limit.usageType ?? 'serverless-compute'
    const period = limit.period ?? 'monthly'
    const breachAction = limit.breachAction ?? 'emit-metric'
    const stack = Stack.of(this)
    const limitArns = Arn.format(
      { service: 'redshift-serverless', resource: 'usagelimit', resourceName: '*' },
      stack,
    )
    const call = (action: string, parameters: Record<string, unknown>): cr.AwsSdkCall => ({
      service: '@aws-sdk/client-redshift-serverless',
      action,
      parameters,
      physicalResourceId: cr.PhysicalResourceId.fromResponse('usageLimit.usageLimitId'),
    })
    const resource = new cr.AwsCustomResource(this, `UsageLimit-${usageType}-${period}`, {
      resourceType: 'Custom::RedshiftServerlessUsageLimit',
      installLatestAwsSdk: false,
      timeout: Duration.minutes(2),
      onCreate: call('CreateUsageLimit', {
        resourceArn: this.workgroupArn,
        usageType,
        period,
        amount: limit.amount,
        breachAction,
      }),
      onUpdate: call('UpdateUsageLimit', {
        usageLimitId: new cr.PhysicalResourceIdReference(),
        amount: limit.amount,
        breachAction,
      }),
      onDelete: {
        service: '@aws-sdk/client-redshift-serverless',
        action: 'DeleteUsageLimit',
        parameters: { usageLimitId: new cr.PhysicalResourceIdReference() },
        ignoreErrorCodesMatching: 'ResourceNotFoundException',
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: [
            'redshift-serverless:CreateUsageLimit',
            'redshift-serverless:UpdateUsageLimit',
            'redshift-serverless:DeleteUsageLimit',
          ],
          resources: [this.workgroupArn, limitArns],
        }),
      ]),
    })
    resource.node.addDependency(this.workgroup)
    // The SDK-call function is a per-stack singleton created by aws-cdk-lib.
    const singleton = stack.node.tryFindChild(SDK_CALL_FUNCTION_ID)
    if (singleton) {
      Validations.of(singleton).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            'Usage-limit SDK-call function (aws-cdk-lib AwsCustomResource singleton): basic execution role for its own logs; its API permissions are the inline usage-limit policy.',
        },
        {
          id: 'AwsSolutions-L1',
          reason:
            'Usage-limit SDK-call function (aws-cdk-lib AwsCustomResource singleton): its runtime is chosen by aws-cdk-lib, not by this package.',
        },
      )
    }
    Validations.of(resource).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:redshift-serverless:<AWS::Region>:<AWS::AccountId>:usagelimit/*]',
      reason: `Usage limit of workgroup ${this.workgroupName}: usage-limit ids are assigned by CreateUsageLimit, so Update/Delete can only be granted on usagelimit/* in this account and region.`,
    })
  }
}

function validateCapacity(
  owner: string,
  base: number,
  max: number | undefined,
  region: string,
): void {
  if (Token.isUnresolved(base)) return
  if (!isAllowedBaseCapacity(base)) {
    const near = nearestBaseCapacities(base)
    invalidProp(
      'baseCapacity',
      base,
      `${owner}: baseCapacity ${base} is not an allowed value; use 4, a multiple of 8 up to 512, or a multiple of 32 from 512 to 1024${near.length > 0 ? ` (nearest: ${near.join(' or ')})` : ''}.`,
    )
  }
  if (!Token.isUnresolved(region) && !isAllowedBaseCapacity(base, region)) {
    invalidProp(
      'baseCapacity',
      base,
      `${owner}: baseCapacity ${base} is above ${REGIONAL_BASE_CAPACITY_ABOVE} RPU, which ${region} does not offer (only ${LARGE_BASE_CAPACITY_REGIONS.join(', ')}); use ${REGIONAL_BASE_CAPACITY_ABOVE} or less.`,
    )
  }
  if (max === undefined || Token.isUnresolved(max)) return
  if (base > max) {
    invalidProp(
      'baseCapacity',
      base,
      `${owner}: baseCapacity ${base} is above maxCapacity ${max}; set maxCapacity to at least ${base} or lower baseCapacity.`,
    )
  }
  if (!Number.isInteger(max) || max % MAX_CAPACITY_STEP !== 0 || max > MAX_CAPACITY_CEILING) {
    invalidProp(
      'maxCapacity',
      max,
      `${owner}: maxCapacity ${max} is not allowed; use a multiple of ${MAX_CAPACITY_STEP} up to ${MAX_CAPACITY_CEILING}.`,
    )
  }
}

function validateUsageLimit(owner: string, limit: UsageLimitOptions): void {
  if (!Number.isInteger(limit.amount) || limit.amount < 1) {
    invalidProp(
      'usageLimit.amount',
      limit.amount,
      `${owner}: usageLimit.amount ${limit.amount} is invalid; use a whole number of RPU-hours (or TB for cross-region-datasharing) of at least 1.`,
    )
  }
  const checks: Array<[string, string | undefined, readonly string[]]> = [
    ['usageType', limit.usageType, USAGE_LIMIT_TYPES],
    ['period', limit.period, USAGE_LIMIT_PERIODS],
    ['breachAction', limit.breachAction, USAGE_LIMIT_BREACH_ACTIONS],
  ]
  for (const [field, value, allowed] of checks) {
    if (value !== undefined && !allowed.includes(value)) {
      invalidProp(
        `usageLimit.${field}`,
        value,
        `${owner}: usageLimit.${field} '${value}' is invalid; use one of ${allowed.join(', ')}.`,
      )
    }
  }
}
