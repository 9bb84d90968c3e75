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

/** What the stack builders below share: the app, its name prefix and the config. */
interface AppParts {
  readonly config: ArchitectureConfig
  readonly name: string
  readonly stack: (id: string, description: string, props?: StackProps) => Stack
  readonly publicIngress: { readonly allowPublicIngress?: boolean }
  readonly otherRemoval: RemovalPolicy
}

/** Cross-field checks of {@link buildApp}, before any construct exists. */
function checkAppConfig(config: ArchitectureConfig): RemovalPolicy {
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
    return invalidProp(
      'removalPolicy',
      config.removalPolicy,
      `buildApp: removalPolicy '${config.removalPolicy}' is invalid; use destroy, retain or snapshot.`,
    )
  }
  return removalPolicy
}

/** The App, with strong cross-stack references and the validation plugins. */
function createApp(options: BuildAppOptions): App {
  // Strong cross-stack references (exports) are what this layout relies on: say so explicitly
  // instead of inheriting a default the CLI warns about.
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
  return app
}

/** Only the props the config sets (CDK defaults apply to the rest). */
const present = <T extends object>(props: T): Partial<T> =>
  Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as Partial<T>

function addNetwork(parts: AppParts): { stack: Stack; network: IWarehouseNetwork } {
  const { config } = parts
  const stack = parts.stack('Network', 'Redshift playground: VPC, subnets, endpoints, flow logs')
  const existing = config.network?.existing
  const n = config.network
  const network: IWarehouseNetwork = existing
    ? WarehouseNetwork.fromNetworkAttributes(stack, 'Network', existing)
    : new WarehouseNetwork(stack, 'Network', {
        ...(n?.cidr ? { cidr: n.cidr } : {}),
        ...(n?.availabilityZones ? { availabilityZones: n.availabilityZones } : {}),
        ...(n?.availabilityZoneIds ? { availabilityZoneIds: n.availabilityZoneIds } : {}),
        ...(n?.subnetCidrMask ? { subnetCidrMask: n.subnetCidrMask } : {}),
        ...(n?.interfaceEndpoints ? { interfaceEndpoints: n.interfaceEndpoints } : {}),
        ...present({ enhancedVpcRouting: config.enhancedVpcRouting }),
        removalPolicy: parts.otherRemoval,
      })
  return { stack, network }
}

/** Consumers with the config-wide usage limit filled in where they have none. */
function consumersWithLimits(config: ArchitectureConfig): ArchitectureConfig['consumers'] {
  const consumerLimit = config.usageLimits?.consumers
  const limit = <T extends { readonly usageLimit?: unknown }>(c: T) => {
    const usageLimit = c.usageLimit ?? consumerLimit
    return usageLimit ? { ...c, usageLimit } : { ...c }
  }
  return config.consumers.mode === 'pool'
    ? limit(config.consumers)
    : { ...config.consumers, workloads: config.consumers.workloads.map(limit) }
}

function addWarehouses(
  parts: AppParts,
  network: IWarehouseNetwork,
): { stack: Stack; architecture: DataSharingArchitecture } {
  const { config } = parts
  const stack = parts.stack(
    'Warehouses',
    'Redshift playground: producer and consumer namespaces and workgroups',
  )
  const clientSgs = (config.access?.allowedSecurityGroupIds ?? []).map((id, i) =>
    ec2.SecurityGroup.fromSecurityGroupId(stack, `ClientSecurityGroup${i}`, id),
  )
  const producerLimit = config.producer?.usageLimit ?? config.usageLimits?.producer
  const architecture = new DataSharingArchitecture(stack, 'Architecture', {
    network,
    namePrefix: parts.name,
    producer: { ...config.producer, ...(producerLimit ? { usageLimit: producerLimit } : {}) },
    consumers: consumersWithLimits(config),
    ...(config.access?.allowedCidrs ? { allowedCidrs: config.access.allowedCidrs } : {}),
    ...parts.publicIngress,
    allowedSecurityGroups: clientSgs,
    ...(config.copySource ? { copySource: config.copySource } : {}),
    ...present({ enhancedVpcRouting: config.enhancedVpcRouting, sharing: config.sharing }),
    removalPolicy: parts.otherRemoval,
  })
  return { stack, architecture }
}

function addLoadBalancer(
  parts: AppParts,
  network: IWarehouseNetwork,
  architecture: DataSharingArchitecture,
): { stack?: Stack; nlb?: ConsumerLoadBalancer } {
  const { config } = parts
  if (!config.nlb?.enabled) return {}
  const stack = parts.stack('LoadBalancer', 'Redshift playground: consumer NLB with target sync')
  const nlb = new ConsumerLoadBalancer(stack, 'ConsumerNlb', {
    network,
    consumers: architecture.consumers,
    stickiness: config.nlb.stickiness ?? false,
    syncInterval: Duration.minutes(config.nlb.syncMinutes ?? 5),
    deregistrationDelay: Duration.seconds(config.nlb.deregistrationDelaySeconds ?? 60),
    ...(config.access?.allowedCidrs ? { allowedCidrs: config.access.allowedCidrs } : {}),
    ...parts.publicIngress,
    allowedSecurityGroups: (config.access?.allowedSecurityGroupIds ?? []).map((id, i) =>
      ec2.SecurityGroup.fromSecurityGroupId(stack, `ClientSecurityGroup${i}`, id),
    ),
  })
  return { stack, nlb }
}

function addCluster(
  parts: AppParts,
  network: IWarehouseNetwork,
  architecture: DataSharingArchitecture,
  removalPolicy: RemovalPolicy,
): Stack | undefined {
  const { config, name } = parts
  const tc = config.traditionalCluster
  if (!tc?.enabled) return undefined
  const stack = parts.stack(
    'Cluster',
    'Redshift playground: provisioned cluster for the first load',
  )
  new TraditionalCluster(stack, 'Cluster', {
    network,
    clusterIdentifier: `${name}-load-cluster`,
    ...(tc.nodeType ? { nodeType: tc.nodeType } : {}),
    ...(tc.nodes ? { numberOfNodes: tc.nodes } : {}),
    ...(tc.snapshotRetentionDays ? { snapshotRetentionDays: tc.snapshotRetentionDays } : {}),
    ...(config.access?.allowedCidrs ? { allowedCidrs: config.access.allowedCidrs } : {}),
    ...parts.publicIngress,
    ...(architecture.producer.copyRole ? { iamRoles: [architecture.producer.copyRole] } : {}),
    // Only the provisioned cluster supports a Snapshot deletion policy; the rest is retained.
    removalPolicy,
  })
  return stack
}

function addMonitoring(
  parts: AppParts,
  architecture: DataSharingArchitecture,
  nlb: ConsumerLoadBalancer | undefined,
): Stack | undefined {
  const { config, name } = parts
  if (!(config.monitoring?.enabled ?? true)) return undefined
  const stack = parts.stack('Monitoring', 'Redshift playground: dashboard and alarms')
  new WarehouseMonitoring(stack, 'Monitoring', {
    producer: architecture.producer,
    consumers: architecture.consumers,
    ...(nlb ? { loadBalancer: nlb } : {}),
    ...(config.monitoring?.email ? { alarmEmail: config.monitoring.email } : {}),
    ...(config.monitoring?.rpuAlarmFraction
      ? { rpuAlarmFraction: config.monitoring.rpuAlarmFraction }
      : {}),
    dashboardName: `${name}-warehouses`,
  })
  return stack
}

function addLoadTest(
  parts: AppParts,
  network: IWarehouseNetwork,
  architecture: DataSharingArchitecture,
  nlb: ConsumerLoadBalancer | undefined,
): Stack | undefined {
  const host = parts.config.loadTestHost
  if (!host?.enabled) return undefined
  const stack = parts.stack('LoadTest', 'Redshift playground: load-test host (Session Manager)')
  new LoadTestHost(stack, 'Host', {
    network,
    targets: nlb
      ? [nlb]
      : architecture.consumers.length > 0
        ? architecture.consumers
        : [architecture.producer],
    ...(host.instanceType ? { instanceType: new ec2.InstanceType(host.instanceType) } : {}),
  })
  return stack
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
  const removalPolicy = checkAppConfig(config)
  const app = createApp(options)
  const parts: AppParts = {
    config,
    name,
    stack: (id, description, props = {}) =>
      new Stack(app, id, { stackName: `${name}-${id.toLowerCase()}`, description, ...props }),
    publicIngress: present({ allowPublicIngress: config.access?.allowPublicIngress }),
    otherRemoval: removalPolicy === RemovalPolicy.SNAPSHOT ? RemovalPolicy.RETAIN : removalPolicy,
  }
  const { stack: networkStack, network } = addNetwork(parts)
  const { stack: warehouses, architecture } = addWarehouses(parts, network)
  const { stack: loadBalancerStack, nlb } = addLoadBalancer(parts, network, architecture)
  const clusterStack = addCluster(parts, network, architecture, removalPolicy)
  const monitoringStack = addMonitoring(parts, architecture, nlb)
  const loadTestStack = addLoadTest(parts, network, architecture, nlb)

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
