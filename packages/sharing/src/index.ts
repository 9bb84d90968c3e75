export type { ApplyOptions, ApplyResult, StatementOutcome } from './apply/apply-plan.js'
export { applyPlan } from './apply/apply-plan.js'
export type { ShareConnections } from './connections.js'
export { singleDatabase } from './connections.js'
export type {
  Consumer,
  ConsumerSpec,
  Datashare,
  DatashareSpec,
  DefineDatashareOptions,
  Grantee,
  InterleavedView,
  MaskingPolicy,
  MaskingPolicySpec,
  PolicyColumn,
  PolicyTable,
  PolicyView,
  Reader,
  ReaderSpec,
  RelationDef,
  RlsPolicy,
  RlsPolicySpec,
  ShareObjectSpec,
  ShareSchema,
} from './desired-state.js'
export { defineDatashare } from './desired-state.js'
export type { SharingErrorCode } from './errors.js'
export { ApplyError, DesiredStateError, SharingError } from './errors.js'
export type { AccountRef, NamespaceRef } from './namespace-ref.js'
export { isPlaceholder, Placeholder, placeholder } from './namespace-ref.js'
export type { PlanDatasharesOptions } from './plan/multi-planner.js'
export {
  defineDatashares,
  planDatashares,
  planTeardowns,
} from './plan/multi-planner.js'
export { viewRisk } from './plan/objects.js'
export type {
  Plan,
  PlanAction,
  PlanStep,
  PublishedView,
  Readiness,
  Side,
  Statement,
} from './plan/plan-step.js'
export { planDatashare, planTeardown } from './plan/planner.js'
export { consumerSchema } from './plan/publication.js'
export type { RenderScriptOptions, SideScript } from './render-script.js'
export { renderScript } from './render-script.js'
export type { LocalRendererOptions } from './renderer/local/local-renderer.js'
export { localRenderer } from './renderer/local/local-renderer.js'
export { readLocalShares, readLocalState } from './renderer/local/local-state-reader.js'
export { redshiftRenderer } from './renderer/redshift/redshift-renderer.js'
export type { ReadSharesOptions } from './renderer/redshift/redshift-state-reader.js'
export {
  readRedshiftShares,
  readRedshiftState,
} from './renderer/redshift/redshift-state-reader.js'
export type { RenderContext, ShareRenderer } from './renderer/share-renderer.js'
export type { ConsumerState, ShareState, SharesState } from './state.js'
export { emptyConsumerState, emptyState, tableKey } from './state.js'
