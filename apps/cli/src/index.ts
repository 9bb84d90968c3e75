export { main, run } from './cli.js'
export type { RspConfig, RspConfigInput, WorkloadConsumer } from './config/config-schema.js'
export { configSchema, isAllowedBaseCapacity } from './config/config-schema.js'
export { DOMAIN_LAYOUT } from './config/domain-layout.js'
export { CONFIG_FILE, loadConfigOrFail } from './config/load-config.js'
export type { PlannedWorkgroup } from './config/validate-config.js'
export { ipsPerSubnet, plannedWorkgroups, validateConfigOrFail } from './config/validate-config.js'
export type { CliContext, CliContextInit } from './context/cli-context.js'
export type { CostEstimate, CostLine, ModeEstimate } from './cost/estimate-cost.js'
export { estimateCost, serverlessUseCost } from './cost/estimate-cost.js'
export type { PriceSource, Prices } from './cost/prices.js'
export { defaultPrices, priceSource, resolvePrices } from './cost/prices.js'
export type { ConfigIssue } from './errors/cli-errors.js'
export { ConfigError, EXIT, ExitError, InternalError, UsageError } from './errors/cli-errors.js'
export { formatError } from './errors/format-error.js'
export type { LoadTestOptions, LoadTestResult } from './loadtest/run-loadtest.js'
export { runLoadTest } from './loadtest/run-loadtest.js'
export type { NamespaceIds, ShareConsumer } from './share/datashare-from-config.js'
export {
  datashareSpecs,
  localNamespaceIds,
  shareConsumers,
} from './share/datashare-from-config.js'
