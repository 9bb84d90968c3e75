import type { ArchitectureConfig } from './architecture-config.js'
import { ConsumerLoadBalancer } from './consumer-load-balancer.js'
import { DataSharingArchitecture } from './data-sharing-architecture.js'
import { invalidProp } from './errors.js'
import { LoadTestHost } from './load-test-host.js'
import {
  App,
  type AppProps,
  Duration,
  ec2,
  type IPolicyValidationPlugin,
  RemovalPolicy,
  Stack,
  type StackProps,
  Tags,
  Validations,
} from './private/cdk.js'
import { TraditionalCluster } from './traditional-cluster.js'
import { WarehouseMonitoring } from './warehouse-monitoring.js'
import { type IWarehouseNetwork, WarehouseNetwork } from './warehouse-network.js'

export interface BuildAppOptions {
  /** Build into this app instead of a new one. @default - a new App */
  readonly app?: App
  /** Props of the new App (e.g. `outdir`). @default - none */
  readonly appProps?: AppProps
  /**
   * Policy validation plugins run at synth, e.g. cdk-nag's `new AwsSolutionsChecks()`.
   * @default - none
   */
  readonly validationPlugins?: readonly IPolicyValidationPlugin[]
}

/** The app and its stacks (absent stacks are disabled in the config). */
export interface BuiltApp {
  readonly app: App
  readonly network: Stack
  readonly warehouses: Stack
  readonly loadBalancer: Stack | undefined
  readonly cluster: Stack | undefined
  readonly monitoring: Stack | undefined
  readonly loadTest: Stack | undefined
  readonly architecture: DataSharingArchitecture
  readonly stacks: readonly Stack[]
}

/**
 * Resource types whose `Tags` property aws-cdk-lib 2.276 renders but CloudFormation does not
 * accept in every region yet (cfn-lint 1.51's registry schemas, E3002: the listener in none,
 * the dashboard not in us-east-1 or cn-northwest-1). The templates are region-agnostic, so
 * these are left untagged rather than failing to deploy where the property is unknown.
 */
export const TAGS_NOT_EVERYWHERE: readonly string[] = Object.freeze([
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::CloudWatch::Dashboard',
])

const REMOVAL: Record<string, RemovalPolicy> = {
  destroy: RemovalPolicy.DESTROY,
  retain: RemovalPolicy.RETAIN,
  snapshot: RemovalPolicy.SNAPSHOT,
}

/**
 * Builds the CDK app for a whole config: one stack per lifecycle (network, warehouses,
 * load balancer, traditional cluster, monitoring, load-test host), environment-agnostic so
 * `cdk synth` works offline and the same templates deploy to any account and region.
 * Throws `InfraError` naming the config field on invalid input, before adding any stack.
 *
 * @example
 * const { app } = buildApp({ consumers: { mode: 'pool', count: 2 }, nlb: { enabled: true } })
 * app.synth()
 */
export function buildApp(config: ArchitectureConfig, options: BuildAppOptions = {}): BuiltApp {
  const name = config.name ?? 'rsp'
  const consumerCount =
    config.consumers.mode === 'pool' ? config.consumers.count : config.consumers.workloads.length
  if (config.nlb?.enabled && consumerCount === 0) {
    invalidProp(
      'nlb.enabled',
      true,
      'buildApp: nlb.enabled is true but there are no consumers; add consumers (consumers.count) or disable the load balancer.',
    )
  }
  if (config.nlb?.enabled && config.consumers.mode !== 'pool') {
    invalidProp(
      'nlb.enabled',
      true,
      "buildApp: nlb.enabled needs identical consumers; set consumers.mode to 'pool' or disable the load balancer.",
    )
  }
  const removalPolicy = REMOVAL[config.removalPolicy ?? 'destroy']
  if (!removalPolicy) {
    invalidProp(
      'removalPolicy',
      config.removalPolicy,
      `buildApp: removalPolicy '${config.removalPolicy}' is invalid; use destroy, retain or snapshot.`,
    )
  }

  // Strong cross-stack references (exports) are what this layout relies on: say so explicitly
  // instead of inheriting a default the CLI warns about.
  // Only the provisioned cluster supports a Snapshot deletion policy; the rest is retained.
  const clusterRemoval = removalPolicy
  const otherRemoval =
    removalPolicy === RemovalPolicy.SNAPSHOT ? RemovalPolicy.RETAIN : removalPolicy
  const app =
    options.app ??
    new App({
      ...options.appProps,
      context: {
        '@aws-cdk/core:defaultCrossStackReferences': 'strong',
        ...options.appProps?.context,
      },
    })
  if (options.validationPlugins?.length)
    Validations.of(app).addPlugins(...options.validationPlugins)
  const stack = (id: string, description: string, props: StackProps = {}) =>
    new Stack(app, id, { stackName: `${name}-${id.toLowerCase()}`, description, ...props })

  const networkStack = stack('Network', 'Redshift playground: VPC, subnets, endpoints, flow logs')
  const existing = config.network?.existing
  const network: IWarehouseNetwork = existing
    ? WarehouseNetwork.fromNetworkAttributes(networkStack, 'Network', existing)
    : new WarehouseNetwork(networkStack, 'Network', {
        ...(config.network?.cidr ? { cidr: config.network.cidr } : {}),
        ...(config.network?.availabilityZones
          ? { availabilityZones: config.network.availabilityZones }
          : {}),
        ...(config.network?.availabilityZoneIds
          ? { availabilityZoneIds: config.network.availabilityZoneIds }
          : {}),
        ...(config.network?.subnetCidrMask
          ? { subnetCidrMask: config.network.subnetCidrMask }
          : {}),
        ...(config.network?.interfaceEndpoints
          ? { interfaceEndpoints: config.network.interfaceEndpoints }
          : {}),
        ...(config.enhancedVpcRouting !== undefined
          ? { enhancedVpcRouting: config.enhancedVpcRouting }
          : {}),
        removalPolicy: otherRemoval,
      })

  const warehouses = stack(
    'Warehouses',
    'Redshift playground: producer and consumer namespaces and workgroups',
  )
  const clientSgs = (config.access?.allowedSecurityGroupIds ?? []).map((id, i) =>
    ec2.SecurityGroup.fromSecurityGroupId(warehouses, `ClientSecurityGroup${i}`, id),
  )
  const publicIngress =
    config.access?.allowPublicIngress !== undefined
      ? { allowPublicIngress: config.access.allowPublicIngress }
      : {}
  const consumerLimit = config.usageLimits?.consumers
  const consumers =
    config.consumers.mode === 'pool'
      ? {
          ...config.consumers,
          ...((config.consumers.usageLimit ?? consumerLimit)
            ? { usageLimit: config.consumers.usageLimit ?? consumerLimit }
            : {}),
        }
      : {
          ...config.consumers,
          workloads: config.consumers.workloads.map((w) => ({
            ...w,
            ...((w.usageLimit ?? consumerLimit)
              ? { usageLimit: w.usageLimit ?? consumerLimit }
              : {}),
          })),
        }
  const producerLimit = config.producer?.usageLimit ?? config.usageLimits?.producer
  const architecture = new DataSharingArchitecture(warehouses, 'Architecture', {
    network,
    namePrefix: name,
    producer: { ...config.producer, ...(producerLimit ? { usageLimit: producerLimit } : {}) },
    consumers,
    ...(config.access?.allowedCidrs ? { allowedCidrs: config.access.allowedCidrs } : {}),
    ...publicIngress,
    allowedSecurityGroups: clientSgs,
    ...(config.copySource ? { copySource: config.copySource } : {}),
    ...(config.enhancedVpcRouting !== undefined
      ? { enhancedVpcRouting: config.enhancedVpcRouting }
      : {}),
    ...(config.sharing !== undefined ? { sharing: config.sharing } : {}),
    removalPolicy: otherRemoval,
  })

  let loadBalancerStack: Stack | undefined
  let nlb: ConsumerLoadBalancer | undefined
  if (config.nlb?.enabled) {
    loadBalancerStack = stack('LoadBalancer', 'Redshift playground: consumer NLB with target sync')
    nlb = new ConsumerLoadBalancer(loadBalancerStack, 'ConsumerNlb', {
      network,
      consumers: architecture.consumers,
      stickiness: config.nlb.stickiness ?? false,
      syncInterval: Duration.minutes(config.nlb.syncMinutes ?? 5),
      deregistrationDelay: Duration.seconds(config.nlb.deregistrationDelaySeconds ?? 60),
      ...(config.access?.allowedCidrs ? { allowedCidrs: config.access.allowedCidrs } : {}),
      ...publicIngress,
      allowedSecurityGroups: (config.access?.allowedSecurityGroupIds ?? []).map((id, i) =>
        ec2.SecurityGroup.fromSecurityGroupId(loadBalancerStack!, `ClientSecurityGroup${i}`, id),
      ),
    })
  }

  let clusterStack: Stack | undefined
  if (config.traditionalCluster?.enabled) {
    clusterStack = stack('Cluster', 'Redshift playground: provisioned cluster for the first load')
    const tc = config.traditionalCluster
    new TraditionalCluster(clusterStack, 'Cluster', {
      network,
      clusterIdentifier: `${name}-load-cluster`,
      ...(tc.nodeType ? { nodeType: tc.nodeType } : {}),
      ...(tc.nodes ? { numberOfNodes: tc.nodes } : {}),
      ...(tc.snapshotRetentionDays ? { snapshotRetentionDays: tc.snapshotRetentionDays } : {}),
      ...(config.access?.allowedCidrs ? { allowedCidrs: config.access.allowedCidrs } : {}),
      ...publicIngress,
      ...(architecture.producer.copyRole ? { iamRoles: [architecture.producer.copyRole] } : {}),
      removalPolicy: clusterRemoval,
    })
  }

  let monitoringStack: Stack | undefined
  if (config.monitoring?.enabled ?? true) {
    monitoringStack = stack('Monitoring', 'Redshift playground: dashboard and alarms')
    new WarehouseMonitoring(monitoringStack, 'Monitoring', {
      producer: architecture.producer,
      consumers: architecture.consumers,
      ...(nlb ? { loadBalancer: nlb } : {}),
      ...(config.monitoring?.email ? { alarmEmail: config.monitoring.email } : {}),
      ...(config.monitoring?.rpuAlarmFraction
        ? { rpuAlarmFraction: config.monitoring.rpuAlarmFraction }
        : {}),
      dashboardName: `${name}-warehouses`,
    })
  }

  let loadTestStack: Stack | undefined
  if (config.loadTestHost?.enabled) {
    loadTestStack = stack('LoadTest', 'Redshift playground: load-test host (Session Manager)')
    new LoadTestHost(loadTestStack, 'Host', {
      network,
      targets: nlb
        ? [nlb]
        : architecture.consumers.length > 0
          ? architecture.consumers
          : [architecture.producer],
      ...(config.loadTestHost.instanceType
        ? { instanceType: new ec2.InstanceType(config.loadTestHost.instanceType) }
        : {}),
    })
  }

  const stacks = [
    networkStack,
    warehouses,
    loadBalancerStack,
    clusterStack,
    monitoringStack,
    loadTestStack,
  ].filter((s): s is Stack => s !== undefined)
  const tagOptions = { excludeResourceTypes: [...TAGS_NOT_EVERYWHERE] }
  for (const s of stacks) {
    Tags.of(s).add('rsp:app', name, tagOptions)
    for (const [k, v] of Object.entries(config.tags ?? {})) Tags.of(s).add(k, v, tagOptions)
  }
  return Object.freeze({
    app,
    network: networkStack,
    warehouses,
    loadBalancer: loadBalancerStack,
    cluster: clusterStack,
    monitoring: monitoringStack,
    loadTest: loadTestStack,
    architecture,
    stacks: Object.freeze(stacks),
  })
}
