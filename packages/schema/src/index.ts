export type { DdlOptions, DdlRenderer, DdlScript, DdlTarget } from './ddl/ddl-renderer.js'
export { renderDdl } from './ddl/ddl-renderer.js'
export {
  PostgresDdlRenderer,
  postgresType,
  renderPostgresDdl,
} from './ddl/postgres/postgres-ddl.js'
export {
  RedshiftDdlRenderer,
  redshiftType,
  renderRedshiftDdl,
} from './ddl/redshift/redshift-ddl.js'
export type { SchemaErrorCode } from './errors.js'
export { IdentifierError, SchemaError } from './errors.js'
export type { QuoteLiteralOptions, ValidateIdentifierOptions } from './identifiers.js'
export {
  isReservedWord,
  POSTGRES_MAX_IDENTIFIER_BYTES,
  quoteIdent,
  quoteLiteral,
  quoteQualified,
  REDSHIFT_MAX_IDENTIFIER_BYTES,
  REDSHIFT_RESERVED_WORDS,
  validateIdentifier,
} from './identifiers.js'
export type { AirlineMigrationsOptions } from './migrations/airline-migrations.js'
export { AIRLINE_SCHEMA_MIGRATION, airlineMigrations } from './migrations/airline-migrations.js'
export type { AirlineModel, AirlineTableName, AirlineTables } from './model/airline-model.js'
export {
  airlineModel,
  bookingsRaw,
  DW,
  dimAircraft,
  dimAirport,
  dimCustomer,
  dimDate,
  dimFlight,
  factBookings,
  factDailyRevenue,
  factFlightOperations,
  flightOperationsRaw,
  STAGING,
} from './model/airline-model.js'
export type { Column, ColumnDefault, Encoding, SqlType } from './model/column.js'
export { ColumnBuilder, col } from './model/column.js'
export type { AirlineDatabase, KyselyColumn, KyselyTable } from './model/database.js'
export type { Distribution, ForeignKey, SortKey, TableDef, TableShape } from './model/table.js'
export { defineTable, fk } from './model/table.js'
export type { SchemaModel } from './model/validate-model.js'
export { orderedTables } from './model/validate-model.js'
export { cancellationsByCause } from './queries/cancellations-by-cause.js'
export { channelMixByLeadTime, LEAD_TIME_BUCKETS } from './queries/channel-mix-by-lead-time.js'
export { dailyRevenueMovingAverage } from './queries/daily-revenue-moving-average.js'
export type { FlagshipQuery, FlagshipQueryName, RunnableQuery } from './queries/flagship-queries.js'
export { flagshipQueries } from './queries/flagship-queries.js'
export { onTimePerformance } from './queries/on-time-performance.js'
export type { FlagshipQueryOptions } from './queries/query-options.js'
export { revenueByTierAndCabin } from './queries/revenue-by-tier-and-cabin.js'
export type { TableLocation } from './queries/table-location.js'
export { TableLocationPlugin } from './queries/table-location.js'
export { topRoutesByRevenue } from './queries/top-routes-by-revenue.js'
