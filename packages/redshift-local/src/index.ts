export {
  type LoadErrorEntry,
  LocalRedshift,
  type LocalRedshiftOptions,
  type NamespaceOptions,
  type QueryLogEntry,
  type S3Like,
} from './account/local-redshift.js'
export { type ExecuteOptions, Session, type SessionUser } from './account/session.js'
export type { Identity, NamespaceInfo, QueryResult, ResultColumn } from './account/types.js'
export type { DataApiPrincipal } from './data-api/data-api-auth.js'
export {
  type DataApiFault,
  type DataApiFaults,
  type DataApiServer,
  type DataApiServerOptions,
  startDataApiServer,
} from './data-api/data-api-server.js'
export type { Engine, EngineConnection, EngineField, EngineResult } from './engine/engine.js'
export { PGliteEngine, type PGliteLike } from './engine/pglite/pglite-engine.js'
export {
  type PgClientLike,
  type PgPoolFactory,
  type PgPoolLike,
  PostgresEngine,
} from './engine/postgres/postgres-engine.js'
export { RedshiftLocalError, type RedshiftLocalErrorCode } from './errors.js'
export { type LocalS3, startLocalS3 } from './s3/local-s3.js'
export {
  SERVERLESS_OPERATIONS,
  type ServerlessOperation,
} from './serverless/serverless-control-plane.js'
