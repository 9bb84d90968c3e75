export type { AwsClient, AwsInput } from './aws/aws-input.js'
export type {
  Check,
  CheckContext,
  CheckGroup,
  DiagnosticsInput,
  EvidenceValue,
  Finding,
  Severity,
} from './check/check.js'
export type { InputGuard, Inputs } from './check/define-check.js'
export { defineCheck, missing, ready } from './check/define-check.js'
export { findings, worstSeverity } from './check/finding.js'
export { allChecks, checkById, checksOf } from './checks/all-checks.js'
export { configChecks } from './checks/config/index.js'
export { controlPlaneChecks } from './checks/control-plane/index.js'
export { FRESHNESS_DEFAULTS } from './checks/data-plane/data-plane-freshness.js'
export type {
  DataPlaneInput,
  ExpectedConsumer,
  ExpectedDatashare,
  FreshnessCheckOptions,
  NlbProbe,
} from './checks/data-plane/data-plane-input.js'
export { dataPlaneChecks } from './checks/data-plane/index.js'
export { loadBalancerChecks } from './checks/load-balancer/index.js'
export type {
  DatashareConfig,
  DiagnosticsConfig,
  SubnetConfig,
  WarehouseConfig,
} from './config/diagnostics-config.js'
export { datasharesOf, validateDiagnosticsConfig } from './config/diagnostics-config.js'
export type { DiagnosticsErrorCode } from './errors/diagnostics-error.js'
export { DiagnosticsError } from './errors/diagnostics-error.js'
export type { AwsLimits } from './facts/aws-limits.js'
export {
  AWS_LIMITS,
  freeIpsNeeded,
  isAllowedBaseCapacity,
  minAzCount,
  resolveLimits,
} from './facts/aws-limits.js'
export { remediations } from './facts/remediations.js'
export type {
  FreshnessConsumer,
  FreshnessConsumerReport,
  FreshnessProbeOptions,
  FreshnessReport,
  FreshnessSample,
  LagStats,
} from './freshness/freshness-probe.js'
export { FRESHNESS_TABLE, probeFreshness } from './freshness/freshness-probe.js'
export { JsonRenderer, REPORT_FORMAT_VERSION, renderJson } from './render/json/json-renderer.js'
export type { JunitOptions } from './render/junit/junit-renderer.js'
export { escapeXml, JunitRenderer, renderJunit } from './render/junit/junit-renderer.js'
export type { ReportRenderer } from './render/report-renderer.js'
export type { TableOptions } from './render/table/table-renderer.js'
export { colorFromEnv, renderTable, TableRenderer } from './render/table/table-renderer.js'
export type {
  CheckFailure,
  CheckResult,
  DiagnosticsReport,
  RunOptions,
} from './runner/run-checks.js'
export { runChecks } from './runner/run-checks.js'
export type { StatusHistory } from './runner/status-history.js'
export { MemoryStatusHistory } from './runner/status-history.js'
export type { WatchOptions, WatchTimer } from './runner/watch-checks.js'
export { realTimer, watchChecks } from './runner/watch-checks.js'
export { RoleSessions } from './session/role-sessions.js'
