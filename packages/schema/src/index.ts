// The model, identifiers and DDL: one list, shared with the Kysely-free `./model` entry.

export type { AirlineMigrationsOptions } from './migrations/airline-migrations.js'
export {
  AIRLINE_MIGRATION_NAMES,
  AIRLINE_SCHEMA_MIGRATION,
  airlineMigrations,
} from './migrations/airline-migrations.js'
export type { AirlineDatabase, KyselyColumn, KyselyTable, KyselyView } from './model/database.js'
export * from './model-entry.js'
export { cancellationsByCause } from './queries/cancellations-by-cause.js'
export { channelMixByLeadTime, LEAD_TIME_BUCKETS } from './queries/channel-mix-by-lead-time.js'
export { dailyRevenueMovingAverage } from './queries/daily-revenue-moving-average.js'
export type { FlagshipQuery, FlagshipQueryName, RunnableQuery } from './queries/flagship-queries.js'
export { flagshipQueries } from './queries/flagship-queries.js'
export { onTimePerformance } from './queries/on-time-performance.js'
export type { FlagshipQueryOptions } from './queries/query-options.js'
export { revenueByTierAndCabin } from './queries/revenue-by-tier-and-cabin.js'
export type { LocateRelation, RelationRef, TableLocation } from './queries/table-location.js'
export { RelationRoutingPlugin, TableLocationPlugin } from './queries/table-location.js'
export { topRoutesByRevenue } from './queries/top-routes-by-revenue.js'
