/**
 * `@redshift-playground/schema/model`: the model, identifiers and DDL without the Kysely
 * query layer, for code that only needs table definitions (the data generator's hot path and
 * worker threads). Kysely's ESM graph takes a few hundred milliseconds to load; this entry
 * never loads it. Everything here is also exported from the package root.
 *
 * @example
 * import { airlineModel, quoteIdent } from '@redshift-playground/schema/model'
 * quoteIdent(airlineModel.tables.fact_bookings.name) // "fact_bookings"
 */
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
export type {
  AirlineModel,
  AirlineTableName,
  AirlineTables,
  AirlineViewName,
  AirlineViews,
} from './model/airline-model.js'
export {
  airlineModel,
  bookingsRaw,
  DW,
  dimAircraft,
  dimAirport,
  dimCustomer,
  dimDate,
  dimFlight,
  FRESHNESS_MARKER,
  factBookings,
  factDailyRevenue,
  factFlightOperations,
  flightOperationsRaw,
  freshnessMarker,
  RSP_META,
  STAGING,
  vCustomer360,
  vRoutePerformance,
} from './model/airline-model.js'
export type { Column, ColumnDefault, Encoding, SqlKind, SqlType } from './model/column.js'
export { ColumnBuilder, col } from './model/column.js'
export type {
  Distribution,
  ForeignKey,
  SortKey,
  TableDef,
  TableIndex,
  TableShape,
} from './model/table.js'
export { defineTable, fk } from './model/table.js'
export type { SchemaModel } from './model/validate-model.js'
export { orderedTables, orderedViews } from './model/validate-model.js'
export type { ViewDef, ViewRead, ViewShape } from './model/view.js'
export { defineView } from './model/view.js'
