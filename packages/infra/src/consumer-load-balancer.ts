import type { ClientAccessProps } from './client-access.js'
import { invalidProp } from './errors.js'
import { DEREGISTRATION_DELAY_SECONDS } from './limits.js'
import {
  Construct,
  CustomResource,
  cr,
  Duration,
  ec2,
  elbv2,
  events,
  iam,
  lambda,
  logs,
  RemovalPolicy,
  Stack,
  eventsTargets as targets,
  Validations,
} from './private/cdk.js'
import { LAMBDA_ASSET_EXCLUDE, lambdaAssetDir } from './private/lambda-assets.js'
import { admitClients, validateClientAccess, validateIntRange, who } from './private/validate.js'
import type { IServerlessWarehouse } from './serverless-warehouse.js'
import type { IWarehouseNetwork } from './warehouse-network.js'

export interface ConsumerLoadBalancerProps extends ClientAccessProps {
  readonly network: IWarehouseNetwork
  /** The consumer workgroups to balance over (all on the same port). */
  readonly consumers: readonly IServerlessWarehouse[]
  /**
   * Source-IP stickiness: a client keeps reaching the same consumer (session state, temp tables).
   * @default false
   */
  readonly stickiness?: boolean
  /**
   * How long a deregistered target keeps its open connections.
   * @default Duration.seconds(60)
   */
  readonly deregistrationDelay?: Duration
  /**
   * How often the targets are re-synced from the workgroups' endpoints between deployments.
   * @default Duration.minutes(5)
   */
  readonly syncInterval?: Duration
  /**
   * Retention of the sync function's logs.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays
}

/**
 * An internal, cross-zone Network Load Balancer over identical consumer workgroups: TCP
 * listener on the workgroups' port, an `ip` target group with TCP health checks, and targets
 * that are **every** ENI IP of every consumer endpoint. A custom resource (Lambda through the
 * Provider framework) reads `GetWorkgroup`, registers new IPs and deregisters stale ones on
 * create/update; an EventBridge schedule re-syncs every `syncInterval`.
 *
 * @example
 * const nlb = new ConsumerLoadBalancer(stack, 'Nlb', {
 *   network,
 *   consumers: architecture.consumers,
 *   stickiness: true,
 *   allowedCidrs: ['10.0.0.0/8'],
 * })
 * new CfnOutput(stack, 'NlbDns', { value: nlb.dnsName })
 */
export class ConsumerLoadBalancer extends Construct implements ec2.IConnectable {
  readonly loadBalancer: elbv2.NetworkLoadBalancer
  readonly targetGroup: elbv2.NetworkTargetGroup
  readonly listener: elbv2.NetworkListener
  readonly syncFunction: lambda.Function
  /** Clients connect here (the NLB's security group). */
  readonly connections: ec2.Connections
  readonly dnsName: string
  readonly port: number

  constructor(scope: Construct, id: string, props: ConsumerLoadBalancerProps) {
    super(scope, id)
    const owner = who('ConsumerLoadBalancer', id)
    if (props.consumers.length === 0) {
      invalidProp(
        'consumers',
        props.consumers,
        `${owner}: consumers is empty; the load balancer needs at least one consumer workgroup to balance over.`,
      )
    }
    const port = props.consumers[0]!.port
    const otherPort = props.consumers.find((c) => c.port !== port)
    if (otherPort) {
      invalidProp(
        'consumers',
        otherPort.port,
        `${owner}: consumers listen on different ports (${port} and ${otherPort.port} on '${otherPort.workgroupName}'); one listener needs them all on the same port.`,
      )
    }
    const delay = props.deregistrationDelay ?? Duration.seconds(60)
    validateIntRange(
      owner,
      'deregistrationDelay (seconds)',
      delay.toSeconds(),
      DEREGISTRATION_DELAY_SECONDS.min,
      DEREGISTRATION_DELAY_SECONDS.max,
    )
    const interval = props.syncInterval ?? Duration.minutes(5)
    validateIntRange(owner, 'syncInterval (minutes)', interval.toMinutes(), 1, 1440)
    validateClientAccess(owner, props, port)
    props.network.claimIps('the load balancer', 1, 'one ENI per subnet')
    this.port = port

    const sg = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.network.vpc,
      description: `Consumer NLB: port ${port} from listed clients, to consumer endpoints only`,
      allowAllOutbound: false,
    })
    this.connections = new ec2.Connections({
      securityGroups: [sg],
      defaultPort: ec2.Port.tcp(port),
    })
    admitClients(this.connections, props, port)
    // Targets see the NLB's address (client IP preservation is off for ip targets over TCP),
    // so each consumer admits the NLB's security group: traffic and health checks.
    for (const consumer of props.consumers) {
      this.connections.allowTo(
        consumer,
        ec2.Port.tcp(port),
        `to consumer ${consumer.workgroupName}`,
      )
    }

    this.loadBalancer = new elbv2.NetworkLoadBalancer(this, 'Resource', {
      vpc: props.network.vpc,
      vpcSubnets: { subnets: [...props.network.subnets] },
      internetFacing: false,
      crossZoneEnabled: true,
      securityGroups: [sg],
    })
    this.dnsName = this.loadBalancer.loadBalancerDnsName
    Validations.of(this.loadBalancer).acknowledge({
      id: 'AwsSolutions-ELB2',
      reason:
        'Consumer NLB: internal TCP pass-through to Redshift, whose connection and user-activity logs (exported to CloudWatch) record every session; NLB access logs only cover TLS listeners.',
    })

    this.targetGroup = new elbv2.NetworkTargetGroup(this, 'TargetGroup', {
      vpc: props.network.vpc,
      port,
      protocol: elbv2.Protocol.TCP,
      targetType: elbv2.TargetType.IP,
      deregistrationDelay: delay,
      healthCheck: {
        protocol: elbv2.Protocol.TCP,
        port: String(port),
        interval: Duration.seconds(10),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 2,
      },
    })
    if (props.stickiness) {
      this.targetGroup.setAttribute('stickiness.enabled', 'true')
      this.targetGroup.setAttribute('stickiness.type', 'source_ip')
    }
    this.listener = this.loadBalancer.addListener('Listener', {
      port,
      protocol: elbv2.Protocol.TCP,
      defaultTargetGroups: [this.targetGroup],
    })

    const workgroupNames = props.consumers.map((c) => c.workgroupName)
    const logGroup = new logs.LogGroup(this, 'SyncLogs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    })
    const role = new iam.Role(this, 'SyncRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'NLB target sync: reads consumer workgroups, edits one target group',
    })
    logGroup.grantWrite(role)
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['redshift-serverless:GetWorkgroup'],
        resources: props.consumers.map((c) => c.workgroupArn),
      }),
    )
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
        resources: [this.targetGroup.targetGroupArn],
      }),
    )
    role.addToPolicy(
      new iam.PolicyStatement({
        // Describe* calls of ELBv2 support no resource-level permissions.
        actions: ['elasticloadbalancing:DescribeTargetHealth'],
        resources: ['*'],
      }),
    )
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'NLB target sync role: elasticloadbalancing:DescribeTargetHealth supports no resource-level permissions; writes are limited to the one target group.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup)}.Arn>:*]`,
        reason: 'NLB target sync role: log streams of its own log group are created at run time.',
      },
    )

    // Handler code: compiled TypeScript (src/lambda/target-sync) using only the runtime's AWS
    // SDK v3, so the asset is the folder as is: no bundling, no network at synth time.
    this.syncFunction = new lambda.Function(this, 'SyncFunction', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(lambdaAssetDir('target-sync'), {
        exclude: [...LAMBDA_ASSET_EXCLUDE],
      }),
      description: `Keeps NLB target group in sync with consumer endpoint IPs (${workgroupNames.join(', ')})`,
      timeout: Duration.minutes(10),
      memorySize: 256,
      role,
      logGroup,
      environment: {
        TARGET_GROUP_ARN: this.targetGroup.targetGroupArn,
        WORKGROUP_NAMES: workgroupNames.join(','),
        TARGET_PORT: String(port),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    })
    Validations.of(this.syncFunction).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'NLB target sync function: pinned to nodejs22.x, the runtime its handler and AWS SDK v3 usage are written and tested for; upgrade deliberately.',
    })

    const provider = new cr.Provider(this, 'SyncProvider', {
      onEventHandler: this.syncFunction,
      logGroup: new logs.LogGroup(this, 'SyncProviderLogs', {
        retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    })
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'Target sync Provider framework function (aws-cdk-lib): its role and logging policy are defined by the framework.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.syncFunction.node.defaultChild as lambda.CfnFunction)}.Arn>:*]`,
        reason:
          'Target sync Provider framework function (aws-cdk-lib): invokes only the sync function and its versions (function ARN with :*).',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'Target sync Provider framework function: its runtime is chosen by aws-cdk-lib.',
      },
    )
    const sync = new CustomResource(this, 'TargetSync', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::NlbTargetSync',
      properties: {
        TargetGroupArn: this.targetGroup.targetGroupArn,
        WorkgroupNames: workgroupNames,
        Port: String(port),
      },
    })
    // Targets can only be read once every consumer workgroup exists.
    for (const consumer of props.consumers) sync.node.addDependency(consumer)

    new events.Rule(this, 'SyncSchedule', {
      description: `Re-sync consumer NLB targets every ${interval.toMinutes()} minutes`,
      schedule: events.Schedule.rate(interval),
      targets: [new targets.LambdaFunction(this.syncFunction, { retryAttempts: 2 })],
    })
  }
}
