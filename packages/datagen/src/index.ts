export type { DatagenErrorCode } from './errors.js'
export { DatagenError } from './errors.js'
export type { DayBatchResult } from './etl/apply-day-batch.js'
export {
  applyDayBatchPGlite,
  applyDayBatchPostgres,
  DAY_BATCH_REQUIRED_TABLES,
  deleteDaySql,
} from './etl/apply-day-batch.js'
export type {
  DayBatch,
  DayBatchOptions,
  DayBatchTable,
  DayBatchTableName,
  DayCalendar,
  KeyRange,
} from './etl/day-batch.js'
export { createDayBatch, DAY_BATCH_TABLES, DayBatchGenerator } from './etl/day-batch.js'
export type { ProducerDays } from './etl/producer-days.js'
export { checkProducerMatches, etlDays, readProducerDays } from './etl/producer-days.js'
export type {
  RedshiftDayBatch,
  RedshiftDayBatchOptions,
  StagedObject,
} from './etl/redshift-day-batch.js'
export { renderRedshiftDayBatch } from './etl/redshift-day-batch.js'
export type { GeneratedChunk, RunOptions } from './generate.js'
export { defaultWorkers, generate } from './generate.js'
export type { LoadOptions, LoadSummary, ProgressEvent } from './load.js'
export { loadAirlineData } from './load.js'
export type { DatagenPlan, DatagenTableName, PartPlan, PlanOptions, TablePlan } from './plan.js'
export { createPlan, DATAGEN_TABLES, DEFAULT_HEADROOM_DAYS } from './plan.js'
export type { ChunkEncoding } from './pool/part-stream.js'
export type { AircraftTypeRef } from './reference/aircraft-types.js'
export { AIRCRAFT_TYPES } from './reference/aircraft-types.js'
export type { AirportRef } from './reference/airports.js'
export { AIRPORTS, HUBS } from './reference/airports.js'
export type { Holiday } from './reference/holidays.js'
export { federalHolidays } from './reference/holidays.js'
export type { Cabin } from './reference/realism.js'
export {
  BAG_FEES,
  BTS_TARGETS,
  bagFeeCents,
  EXCESS_BAGGAGE,
  excessBagCents,
  TAXES,
} from './reference/realism.js'
export type { FilesSinkOptions } from './sink/files/files-sink.js'
export { FilesSink } from './sink/files/files-sink.js'
export type { ParquetSinkOptions } from './sink/parquet/parquet-sink.js'
export { ParquetSink } from './sink/parquet/parquet-sink.js'
export type { PGliteLike, PGliteSinkOptions } from './sink/pglite/pglite-sink.js'
export { PGliteSink } from './sink/pglite/pglite-sink.js'
export type {
  PgClientLike,
  PgPoolLike,
  PostgresSinkOptions,
} from './sink/postgres/postgres-sink.js'
export { PostgresSink } from './sink/postgres/postgres-sink.js'
export type { S3CopySinkOptions, UploadLike, UploadParams } from './sink/s3-copy/s3-copy-sink.js'
export { S3CopySink } from './sink/s3-copy/s3-copy-sink.js'
export type { DatagenSink, TableSink } from './sink/sink.js'
export type { CopyManifest, RedshiftCopyOptions } from './sink/sql/copy-sql.js'
export { renderRedshiftCopy } from './sink/sql/copy-sql.js'
export { cargoRateCents, mailRateCents } from './tables/daily-revenue-generator.js'
