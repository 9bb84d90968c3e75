export {
  type BatchOptions,
  type BatchResult,
  type BatchStatement,
  type BatchSubStatement,
  batch,
} from './batch.js'
export type { DataApiClient, DataApiCommands } from './data-api/commands.js'
export type { Int8Mode } from './data-api/field-mapping.js'
export type { PollingOptions } from './data-api/polling.js'
export type { RetryOptions } from './data-api/retry.js'
export type { MigrationLockWait } from './dialect/redshift-data-adapter.js'
export { RedshiftDataAdapter } from './dialect/redshift-data-adapter.js'
export { RedshiftDataDialect } from './dialect/redshift-data-dialect.js'
export type {
  DataApiLogEvent,
  RedshiftDataDialectConfig,
} from './dialect/redshift-data-dialect-config.js'
export { RedshiftDataIntrospector } from './dialect/redshift-data-introspector.js'
export { RedshiftDataQueryCompiler } from './dialect/redshift-data-query-compiler.js'
export {
  DataApiAbortError,
  DataApiInputError,
  DataApiRequestError,
  DataApiResultError,
  DataApiStatementError,
  DataApiTimeoutError,
  RedshiftDataError,
  type RedshiftDataErrorCode,
  type StatementPhase,
  type StatementStatus,
} from './errors.js'
export { DATA_API_LIMITS } from './limits.js'
export { type StreamableQuery, type StreamQueryOptions, streamQuery } from './stream-query.js'
