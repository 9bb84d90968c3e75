export { DatagenError } from './errors.js';
export { defaultWorkers, generate } from './generate.js';
export { loadAirlineData } from './load.js';
export { createPlan, DATAGEN_TABLES } from './plan.js';
export { AIRCRAFT_TYPES } from './reference/aircraft-types.js';
export { AIRPORTS, HUBS } from './reference/airports.js';
export { federalHolidays } from './reference/holidays.js';
export { BAG_FEES, BTS_TARGETS, bagFeeCents, TAXES } from './reference/realism.js';
export { FilesSink } from './sink/files/files-sink.js';
export { ParquetSink } from './sink/parquet/parquet-sink.js';
export { PGliteSink } from './sink/pglite/pglite-sink.js';
export { PostgresSink } from './sink/postgres/postgres-sink.js';
export { S3CopySink } from './sink/s3-copy/s3-copy-sink.js';
export { renderRedshiftCopy } from './sink/sql/copy-sql.js';
export { cargoRateCents, mailRateCents } from './tables/daily-revenue-generator.js';
//# sourceMappingURL=index.js.map