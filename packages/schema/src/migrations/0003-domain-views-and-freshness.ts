import type { ColumnDefault, Encoding, SqlType } from '../model/column.js'
import type { AirlineMigration } from './migration-step.js'

// FROZEN once released: never edit; change the model with a new numbered migration. The
// definitions are plain-data copies (not imports of the model), so later edits of the model
// cannot change what this migration does.

function column(
  type: SqlType,
  encode: Encoding,
  spec: { nullable?: true; default?: ColumnDefault; comment?: string } = {},
) {
  return Object.freeze({
    type: Object.freeze(type),
    nullable: spec.nullable === true,
    hasDefault: spec.default !== undefined,
    identity: false,
    ...(spec.default === undefined ? {} : { default: Object.freeze(spec.default) }),
    encode,
    ...(spec.comment === undefined ? {} : { comment: spec.comment }),
  })
}
const int = (): SqlType => ({ kind: 'integer' })
const big = (): SqlType => ({ kind: 'bigint' })
const dec = (precision: number, scale: number): SqlType => ({ kind: 'decimal', precision, scale })
const chr = (length: number): SqlType => ({ kind: 'char', length })
const vc = (length: number): SqlType => ({ kind: 'varchar', length })

const ON_TIME = `f."flight_status" <> 'CANCELLED' AND NOT f."is_diverted" AND f."arrival_delay_minutes" < 15`

const routePerformance = Object.freeze({
  schema: 'airline_dw',
  name: 'v_route_performance',
  comment:
    'Per route (origin, destination): flights, on-time arrivals (< 15 min late, BTS), cancellations, diversions, average delays and passengers.',
  columns: Object.freeze({
    origin_airport_code: column(chr(3), 'ZSTD'),
    destination_airport_code: column(chr(3), 'ZSTD'),
    flights: column(big(), 'AZ64'),
    on_time_flights: column(big(), 'AZ64'),
    cancelled_flights: column(big(), 'AZ64'),
    diverted_flights: column(big(), 'AZ64'),
    on_time_pct: column(dec(5, 2), 'AZ64'),
    avg_departure_delay_minutes: column(dec(10, 2), 'AZ64', { nullable: true }),
    avg_arrival_delay_minutes: column(dec(10, 2), 'AZ64', { nullable: true }),
    passengers: column(big(), 'AZ64'),
  }),
  reads: Object.freeze([
    Object.freeze({
      schema: 'airline_dw',
      table: 'fact_flight_operations',
      columns: Object.freeze([
        'origin_airport_key',
        'destination_airport_key',
        'departure_delay_minutes',
        'arrival_delay_minutes',
        'total_passengers',
        'flight_status',
        'is_diverted',
      ]),
    }),
    Object.freeze({
      schema: 'airline_dw',
      table: 'dim_airport',
      columns: Object.freeze(['airport_key', 'airport_code']),
    }),
  ]),
  query: [
    'SELECT o."airport_code" AS "origin_airport_code", d."airport_code" AS "destination_airport_code",',
    '  COUNT(*) AS "flights",',
    `  SUM(CASE WHEN ${ON_TIME} THEN 1 ELSE 0 END) AS "on_time_flights",`,
    `  SUM(CASE WHEN f."flight_status" = 'CANCELLED' THEN 1 ELSE 0 END) AS "cancelled_flights",`,
    `  SUM(CASE WHEN f."flight_status" <> 'CANCELLED' AND f."is_diverted" THEN 1 ELSE 0 END) AS "diverted_flights",`,
    `  CAST(100.0 * SUM(CASE WHEN ${ON_TIME} THEN 1 ELSE 0 END) / COUNT(*) AS DECIMAL(5,2)) AS "on_time_pct",`,
    '  CAST(AVG(CAST(f."departure_delay_minutes" AS DECIMAL(10,2))) AS DECIMAL(10,2)) AS "avg_departure_delay_minutes",',
    '  CAST(AVG(CAST(f."arrival_delay_minutes" AS DECIMAL(10,2))) AS DECIMAL(10,2)) AS "avg_arrival_delay_minutes",',
    '  SUM(f."total_passengers") AS "passengers"',
    'FROM "airline_dw"."fact_flight_operations" AS f',
    'JOIN "airline_dw"."dim_airport" AS o ON o."airport_key" = f."origin_airport_key"',
    'JOIN "airline_dw"."dim_airport" AS d ON d."airport_key" = f."destination_airport_key"',
    'GROUP BY o."airport_code", d."airport_code"',
  ].join('\n'),
})

const customer360 = Object.freeze({
  schema: 'airline_dw',
  name: 'v_customer_360',
  comment:
    'Per customer: loyalty, bookings and revenue, last booking. No PII (no name, email, phone or birth date).',
  columns: Object.freeze({
    customer_key: column(int(), 'AZ64'),
    customer_id: column(vc(20), 'ZSTD'),
    loyalty_tier: column(vc(20), 'ZSTD'),
    lifetime_miles: column(int(), 'AZ64'),
    country_code: column(chr(2), 'ZSTD'),
    join_date: column({ kind: 'date' }, 'AZ64'),
    bookings: column(big(), 'AZ64'),
    confirmed_bookings: column(big(), 'AZ64'),
    gross_revenue: column(dec(14, 2), 'AZ64'),
    refunds: column(dec(14, 2), 'AZ64'),
    net_revenue: column(dec(14, 2), 'AZ64'),
    last_booking_at: column({ kind: 'timestamp' }, 'AZ64', { nullable: true }),
  }),
  reads: Object.freeze([
    Object.freeze({
      schema: 'airline_dw',
      table: 'dim_customer',
      columns: Object.freeze([
        'customer_key',
        'customer_id',
        'country_code',
        'loyalty_tier',
        'lifetime_miles',
        'join_date',
      ]),
    }),
    Object.freeze({
      schema: 'airline_dw',
      table: 'fact_bookings',
      columns: Object.freeze([
        'booking_key',
        'customer_key',
        'booking_status',
        'total_amount',
        'refund_amount',
        'created_at',
      ]),
    }),
  ]),
  query: [
    'SELECT c."customer_key", c."customer_id", c."loyalty_tier", c."lifetime_miles", c."country_code", c."join_date",',
    '  COUNT(b."booking_key") AS "bookings",',
    `  SUM(CASE WHEN b."booking_status" = 'CONFIRMED' THEN 1 ELSE 0 END) AS "confirmed_bookings",`,
    '  CAST(COALESCE(SUM(b."total_amount"), 0) AS DECIMAL(14,2)) AS "gross_revenue",',
    '  CAST(COALESCE(SUM(b."refund_amount"), 0) AS DECIMAL(14,2)) AS "refunds",',
    '  CAST(COALESCE(SUM(b."total_amount" - b."refund_amount"), 0) AS DECIMAL(14,2)) AS "net_revenue",',
    '  MAX(b."created_at") AS "last_booking_at"',
    'FROM "airline_dw"."dim_customer" AS c',
    'LEFT JOIN "airline_dw"."fact_bookings" AS b ON b."customer_key" = c."customer_key"',
    'GROUP BY c."customer_key", c."customer_id", c."loyalty_tier", c."lifetime_miles", c."country_code", c."join_date"',
  ].join('\n'),
})

const freshnessMarker = Object.freeze({
  schema: 'rsp_meta',
  name: 'freshness_marker',
  comment:
    'Freshness probe: the producer writes a marker row, consumers read it through the datashare; written_at tells how fresh the shared data is.',
  columns: Object.freeze({
    marker_id: column(vc(64), 'ZSTD', { comment: 'Which probe wrote the row' }),
    written_at: column({ kind: 'timestamp' }, 'AZ64', {
      comment: 'UTC, when the producer wrote the marker',
    }),
  }),
  primaryKey: Object.freeze(['marker_id']),
  foreignKeys: Object.freeze([]),
  distribution: Object.freeze({ style: 'ALL' as const }),
  sortKey: Object.freeze({ style: 'COMPOUND' as const, columns: Object.freeze(['marker_id']) }),
})

/**
 * The domain scenario's two regular views in `airline_dw` — `v_route_performance` (per route:
 * on-time %, delays, cancellations) and `v_customer_360` (per customer: loyalty, bookings,
 * revenue; no PII) — and schema `rsp_meta` with `freshness_marker`, which the freshness probe
 * writes on the producer and reads on consumers.
 */
export const MIGRATION_0003: AirlineMigration = Object.freeze({
  name: '0003_domain_views_and_freshness',
  steps: Object.freeze([
    Object.freeze({ kind: 'create-schema', schema: 'rsp_meta' } as const),
    Object.freeze({
      kind: 'create-table',
      key: 'freshness_marker',
      table: freshnessMarker,
    } as const),
    Object.freeze({
      kind: 'create-view',
      key: 'v_route_performance',
      view: routePerformance,
    } as const),
    Object.freeze({ kind: 'create-view', key: 'v_customer_360', view: customer360 } as const),
  ]),
})
