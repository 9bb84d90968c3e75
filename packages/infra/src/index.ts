export type { ArchitectureConfig } from './architecture-config.js'
export type { BuildAppOptions, BuiltApp } from './build-app.js'
export { buildApp } from './build-app.js'
export type { ClientAccessProps } from './client-access.js'
export type { ConsumerLoadBalancerProps } from './consumer-load-balancer.js'
export { ConsumerLoadBalancer } from './consumer-load-balancer.js'
export type {
  ConsumersSpec,
  DataSharingArchitectureProps,
  PoolConsumers,
  WarehouseSizing,
  WorkloadConsumer,
  WorkloadConsumers,
} from './data-sharing-architecture.js'
export {
  DataSharingArchitecture,
  DEFAULT_WORKLOADS,
  MAX_POOL_CONSUMERS,
} from './data-sharing-architecture.js'
export type { InfraErrorCode } from './errors.js'
export { InfraError } from './errors.js'
export * as limits from './limits.js'
export type { LoadTestHostProps } from './load-test-host.js'
export { LoadTestHost } from './load-test-host.js'
export type { SharingOptions, SharingScript } from './private/sharing-script.js'
export type {
  CopySource,
  IServerlessWarehouse,
  ServerlessWarehouseAttributes,
  ServerlessWarehouseProps,
  UsageLimitBreachAction,
  UsageLimitOptions,
  UsageLimitPeriod,
  UsageLimitType,
} from './serverless-warehouse.js'
export { NAMESPACE_LOG_EXPORTS, ServerlessWarehouse } from './serverless-warehouse.js'
export type { TraditionalClusterProps } from './traditional-cluster.js'
export { TraditionalCluster } from './traditional-cluster.js'
export type { WarehouseMonitoringProps } from './warehouse-monitoring.js'
export { SERVERLESS_METRICS, WarehouseMonitoring } from './warehouse-monitoring.js'
export type {
  IWarehouseNetwork,
  WarehouseInterfaceEndpoints,
  WarehouseNetworkAttributes,
  WarehouseNetworkProps,
} from './warehouse-network.js'
export { WarehouseNetwork } from './warehouse-network.js'
