import { col } from './column.js'
import { defineTable, fk } from './table.js'
import { defineView } from './view.js'

/** The warehouse schema shared through the datashare. */
export const DW = 'airline_dw'
/** The landing schema for raw loads; not shared. */
export const STAGING = 'staging'
/** Operational metadata of rsp itself (the freshness marker); not airline data. */
export const RSP_META = 'rsp_meta'

const scd2 = {
  valid_from: col.date().describe('SCD2: first day this version is valid'),
  valid_to: col
    .date()
    .nullable_()
    .describe('SCD2: last day this version is valid; NULL while current'),
  is_current: col.boolean().defaultTo(true).describe('SCD2: TRUE for the current version'),
} as const

export const dimDate = defineTable({
  schema: DW,
  name: 'dim_date',
  comment: 'Calendar dimension, one row per day; covers every booking and flight date.',
  columns: {
    date_key: col.integer().describe('YYYYMMDD'),
    full_date: col.date(),
    year: col.smallint(),
    quarter: col.smallint(),
    month: col.smallint(),
    month_name: col.varchar(10).encoding('BYTEDICT'),
    day_of_month: col.smallint(),
    day_of_week: col.smallint().describe('ISO: 1 = Monday … 7 = Sunday'),
    day_name: col.varchar(10).encoding('BYTEDICT'),
    week_of_year: col.smallint().describe('ISO week number'),
    is_weekend: col.boolean(),
    is_holiday: col.boolean().describe('US federal holiday (observed date)'),
    holiday_name: col.varchar(50).nullable_(),
    fiscal_year: col.smallint().describe('Fiscal year starting 1 October'),
    fiscal_quarter: col.smallint(),
  },
  primaryKey: ['date_key'],
  foreignKeys: [],
  distribution: { style: 'ALL' },
  sortKey: { style: 'COMPOUND', columns: ['date_key'] },
})

export const dimAirport = defineTable({
  schema: DW,
  name: 'dim_airport',
  comment: 'Airports (real IATA data), slowly changing type 2.',
  columns: {
    airport_key: col.integer(),
    airport_code: col.char(3).describe('IATA code'),
    airport_name: col.varchar(100),
    city: col.varchar(50),
    state: col.varchar(50).nullable_().describe('State or province; NULL where none applies'),
    country: col.varchar(50).encoding('BYTEDICT'),
    country_code: col.char(2).encoding('BYTEDICT').describe('ISO 3166-1 alpha-2'),
    region: col
      .varchar(20)
      .encoding('BYTEDICT')
      .describe('Reporting region, used by the RLS example'),
    latitude: col.decimal(9, 6),
    longitude: col.decimal(9, 6),
    timezone: col.varchar(40).encoding('BYTEDICT').describe('IANA time zone'),
    is_hub: col.boolean().defaultTo(false),
    ...scd2,
  },
  primaryKey: ['airport_key'],
  foreignKeys: [],
  distribution: { style: 'ALL' },
  sortKey: { style: 'COMPOUND', columns: ['airport_code'] },
})

export const dimAircraft = defineTable({
  schema: DW,
  name: 'dim_aircraft',
  comment: 'Fleet: one row per airframe, with its type, real cabin layout and range.',
  columns: {
    aircraft_key: col.integer(),
    tail_number: col.varchar(10),
    aircraft_code: col.varchar(4).encoding('BYTEDICT').describe('IATA type designator, e.g. 738'),
    manufacturer: col.varchar(50).encoding('BYTEDICT'),
    model: col.varchar(50).encoding('BYTEDICT'),
    body_type: col.varchar(20).encoding('BYTEDICT').describe('narrowbody, widebody or regional'),
    seats_first: col.smallint(),
    seats_business: col.smallint(),
    seats_premium_economy: col.smallint(),
    seats_economy: col.smallint(),
    total_seats: col.smallint(),
    range_miles: col.integer(),
    cruise_speed_mph: col.smallint(),
    max_cargo_kg: col.integer(),
    manufacture_year: col.smallint(),
    in_service_date: col.date(),
  },
  primaryKey: ['aircraft_key'],
  foreignKeys: [],
  distribution: { style: 'ALL' },
  sortKey: { style: 'COMPOUND', columns: ['aircraft_key'] },
})

export const dimFlight = defineTable({
  schema: DW,
  name: 'dim_flight',
  comment: 'Scheduled flights (route, number, equipment), slowly changing type 2.',
  columns: {
    flight_key: col.integer(),
    airline_code: col.char(2).encoding('BYTEDICT'),
    flight_number: col.varchar(10),
    origin_airport_key: col.integer(),
    destination_airport_key: col.integer(),
    aircraft_key: col.integer().describe('Scheduled airframe'),
    scheduled_departure_time: col.time().describe('Local time at the origin'),
    scheduled_arrival_time: col.time().describe('Local time at the destination'),
    scheduled_duration_minutes: col.smallint(),
    distance_miles: col.integer().describe('Great-circle distance'),
    route_type: col.varchar(20).encoding('BYTEDICT').describe('domestic or international'),
    ...scd2,
  },
  primaryKey: ['flight_key'],
  foreignKeys: [
    fk('origin_airport_key', DW, 'dim_airport', 'airport_key'),
    fk('destination_airport_key', DW, 'dim_airport', 'airport_key'),
    fk('aircraft_key', DW, 'dim_aircraft', 'aircraft_key'),
  ],
  distribution: { style: 'ALL' },
  sortKey: { style: 'COMPOUND', columns: ['flight_key'] },
})

export const dimCustomer = defineTable({
  schema: DW,
  name: 'dim_customer',
  comment:
    'Passengers and loyalty members. first_name … birth_date are PII (masked for consumers).',
  columns: {
    customer_key: col.integer(),
    customer_id: col.varchar(20).describe('Natural key'),
    first_name: col.varchar(50).describe('PII'),
    last_name: col.varchar(50).describe('PII'),
    email: col.varchar(120).describe('PII'),
    phone: col.varchar(30).describe('PII'),
    birth_date: col.date().describe('PII'),
    gender: col.char(1).nullable_(),
    city: col.varchar(50),
    state: col.varchar(50).nullable_(),
    country_code: col.char(2).encoding('BYTEDICT'),
    loyalty_tier: col.varchar(20).encoding('BYTEDICT').describe('NONE, SILVER, GOLD, PLATINUM'),
    loyalty_number: col.varchar(20).nullable_(),
    lifetime_miles: col.integer().defaultTo(0),
    join_date: col.date(),
    created_at: col.timestamp().defaultNow(),
  },
  primaryKey: ['customer_key'],
  foreignKeys: [],
  distribution: { style: 'KEY', key: 'customer_key' },
  sortKey: { style: 'COMPOUND', columns: ['customer_key'] },
})

export const factFlightOperations = defineTable({
  schema: DW,
  name: 'fact_flight_operations',
  comment:
    'One row per operated (or cancelled) flight on a date: times, delays, passengers, cargo.',
  columns: {
    operation_key: col.integer(),
    flight_key: col.integer(),
    date_key: col.integer().describe('Scheduled departure date'),
    origin_airport_key: col.integer(),
    destination_airport_key: col.integer(),
    aircraft_key: col.integer().describe('Airframe actually flown'),
    scheduled_departure: col.timestamp().describe('UTC'),
    actual_departure: col.timestamp().nullable_().describe('UTC; NULL when cancelled'),
    scheduled_arrival: col.timestamp().describe('UTC'),
    actual_arrival: col.timestamp().nullable_().describe('UTC; NULL when cancelled or diverted'),
    departure_delay_minutes: col.smallint().nullable_(),
    arrival_delay_minutes: col.smallint().nullable_(),
    carrier_delay_minutes: col.smallint().defaultTo(0),
    weather_delay_minutes: col.smallint().defaultTo(0),
    nas_delay_minutes: col.smallint().defaultTo(0),
    security_delay_minutes: col.smallint().defaultTo(0),
    late_aircraft_delay_minutes: col.smallint().defaultTo(0),
    taxi_out_minutes: col.smallint().nullable_(),
    taxi_in_minutes: col.smallint().nullable_(),
    departure_gate: col.varchar(5).nullable_(),
    arrival_gate: col.varchar(5).nullable_(),
    passengers_first: col.smallint(),
    passengers_business: col.smallint(),
    passengers_premium_economy: col.smallint(),
    passengers_economy: col.smallint(),
    total_passengers: col.smallint(),
    cargo_weight_kg: col.integer(),
    mail_weight_kg: col.integer(),
    flight_status: col
      .varchar(20)
      .encoding('BYTEDICT')
      .describe('ON_TIME, DELAYED, CANCELLED or DIVERTED'),
    cancellation_code: col
      .char(1)
      .nullable_()
      .describe('BTS cause: A carrier, B weather, C NAS, D security'),
    is_diverted: col.boolean().defaultTo(false),
  },
  primaryKey: ['operation_key'],
  foreignKeys: [
    fk('flight_key', DW, 'dim_flight', 'flight_key'),
    fk('date_key', DW, 'dim_date', 'date_key'),
    fk('origin_airport_key', DW, 'dim_airport', 'airport_key'),
    fk('destination_airport_key', DW, 'dim_airport', 'airport_key'),
    fk('aircraft_key', DW, 'dim_aircraft', 'aircraft_key'),
  ],
  distribution: { style: 'KEY', key: 'flight_key' },
  // Compound, date first: operations are read by date range, then by route. Not INTERLEAVED:
  // Redshift does not share tables with interleaved sort keys, nor views over them (R-DS-6),
  // and AWS advises against interleaving on dates or identity columns.
  sortKey: {
    style: 'COMPOUND',
    columns: ['date_key', 'origin_airport_key', 'destination_airport_key'],
  },
})

export const factBookings = defineTable({
  schema: DW,
  name: 'fact_bookings',
  comment: 'One row per passenger booking (a ticket on one flight operation).',
  columns: {
    booking_key: col.integer(),
    booking_reference: col.char(6),
    customer_key: col.integer(),
    flight_key: col.integer(),
    operation_key: col.integer(),
    booking_date_key: col.integer(),
    flight_date_key: col.integer(),
    cabin_class: col
      .varchar(20)
      .encoding('BYTEDICT')
      .describe('FIRST, BUSINESS, PREMIUM_ECONOMY, ECONOMY'),
    fare_class: col.char(1).encoding('BYTEDICT'),
    booking_channel: col
      .varchar(20)
      .encoding('BYTEDICT')
      .describe('WEB, MOBILE, AGENT, CALL_CENTER, OTA'),
    booking_status: col
      .varchar(20)
      .encoding('BYTEDICT')
      .describe('CONFIRMED, CANCELLED or REFUNDED'),
    seat_number: col.varchar(4).nullable_(),
    lead_time_days: col.smallint(),
    base_fare: col.decimal(10, 2),
    taxes: col.decimal(10, 2),
    fees: col.decimal(10, 2),
    bags_checked: col.smallint(),
    bag_fees: col.decimal(10, 2),
    total_amount: col.decimal(10, 2),
    currency: col.char(3).defaultTo('USD'),
    miles_earned: col.integer(),
    miles_redeemed: col.integer().defaultTo(0),
    is_refunded: col.boolean().defaultTo(false),
    refund_amount: col.decimal(10, 2).defaultTo(0),
    created_at: col.timestamp(),
    // Added by migration 0002_booking_baggage_fee. Columns added to a deployed table go last:
    // ALTER TABLE … ADD COLUMN appends, and loads (CSV column lists, Parquet by position) and
    // the migrations test hold the model to the migrated database's column order.
    baggage_fee: col
      .decimal(10, 2)
      .defaultTo(0)
      .describe(
        'Excess-baggage charges at check-in (overweight, oversize bags); 0 unless flown; not in total_amount',
      ),
  },
  primaryKey: ['booking_key'],
  foreignKeys: [
    fk('customer_key', DW, 'dim_customer', 'customer_key'),
    fk('flight_key', DW, 'dim_flight', 'flight_key'),
    fk('operation_key', DW, 'fact_flight_operations', 'operation_key'),
    fk('booking_date_key', DW, 'dim_date', 'date_key'),
    fk('flight_date_key', DW, 'dim_date', 'date_key'),
  ],
  distribution: { style: 'KEY', key: 'customer_key' },
  sortKey: { style: 'COMPOUND', columns: ['flight_date_key', 'flight_key'] },
  // Added by migration 0004_etl_delete_index, PostgreSQL and PGlite only (Redshift has no
  // indexes). Deleting a flight operation makes PostgreSQL look for bookings still referencing
  // it (the foreign key above): without an index that is a scan of every booking per deleted
  // operation, which made `rsp etl` re-running a loaded day take seconds. The only foreign key
  // to a fact table an ETL delete goes through (fact_daily_revenue references dimensions only).
  indexes: [
    {
      name: 'fact_bookings_operation_key_idx',
      columns: ['operation_key'],
      comment:
        'Serves the foreign-key check of deleting flight operations (rsp etl replacing a day); PostgreSQL only',
    },
  ],
})

export const factDailyRevenue = defineTable({
  schema: DW,
  name: 'fact_daily_revenue',
  comment: 'Revenue per flight and day by stream, derived from bookings and operations.',
  columns: {
    date_key: col.integer(),
    flight_key: col.integer(),
    origin_airport_key: col.integer(),
    destination_airport_key: col.integer(),
    revenue_first: col.decimal(12, 2),
    revenue_business: col.decimal(12, 2),
    revenue_premium_economy: col.decimal(12, 2),
    revenue_economy: col.decimal(12, 2),
    ticket_revenue: col
      .decimal(12, 2)
      .describe('Base fares of all bookings sold (gross, later refunds included)'),
    ancillary_revenue: col.decimal(12, 2).describe('Bag fees and other fees'),
    cargo_revenue: col.decimal(12, 2),
    mail_revenue: col.decimal(12, 2),
    refunds: col
      .decimal(12, 2)
      .describe('Fares, fees and bag fees refunded (taxes excluded: never revenue)'),
    total_revenue: col.decimal(12, 2).describe('Net: ticket + ancillary + cargo + mail − refunds'),
    passenger_count: col.integer(),
    available_seats: col.integer(),
    average_fare: col.decimal(10, 2),
    load_factor: col.decimal(5, 4).describe('passenger_count / available_seats'),
  },
  primaryKey: ['date_key', 'flight_key'],
  foreignKeys: [
    fk('date_key', DW, 'dim_date', 'date_key'),
    fk('flight_key', DW, 'dim_flight', 'flight_key'),
    fk('origin_airport_key', DW, 'dim_airport', 'airport_key'),
    fk('destination_airport_key', DW, 'dim_airport', 'airport_key'),
  ],
  distribution: { style: 'KEY', key: 'flight_key' },
  sortKey: { style: 'COMPOUND', columns: ['date_key', 'flight_key'] },
})

export const flightOperationsRaw = defineTable({
  schema: STAGING,
  name: 'flight_operations_raw',
  comment: 'Landing table for raw operational feeds, loaded as text before validation.',
  columns: {
    raw_id: col.bigint().identity_(),
    source_file: col.varchar(256),
    loaded_at: col.timestamp().defaultNow(),
    flight_number: col.varchar(10),
    airline_code: col.varchar(3),
    flight_date: col.varchar(10),
    origin: col.varchar(3),
    destination: col.varchar(3),
    tail_number: col.varchar(10).nullable_(),
    scheduled_departure: col.varchar(32).nullable_(),
    actual_departure: col.varchar(32).nullable_(),
    scheduled_arrival: col.varchar(32).nullable_(),
    actual_arrival: col.varchar(32).nullable_(),
    status: col.varchar(20).nullable_(),
    cancellation_code: col.varchar(1).nullable_(),
    passengers: col.varchar(10).nullable_(),
    payload: col.varchar(65535).nullable_().encoding('ZSTD').describe('Original record'),
  },
  primaryKey: ['raw_id'],
  foreignKeys: [],
  distribution: { style: 'EVEN' },
  sortKey: { style: 'COMPOUND', columns: ['loaded_at'] },
})

export const bookingsRaw = defineTable({
  schema: STAGING,
  name: 'bookings_raw',
  comment: 'Landing table for raw booking feeds, loaded as text before validation.',
  columns: {
    raw_id: col.bigint().identity_(),
    source_file: col.varchar(256),
    loaded_at: col.timestamp().defaultNow(),
    booking_reference: col.varchar(6),
    customer_id: col.varchar(20),
    flight_number: col.varchar(10),
    flight_date: col.varchar(10),
    booking_date: col.varchar(10),
    cabin_class: col.varchar(20).nullable_(),
    fare_class: col.varchar(1).nullable_(),
    channel: col.varchar(20).nullable_(),
    status: col.varchar(20).nullable_(),
    base_fare: col.varchar(20).nullable_(),
    taxes: col.varchar(20).nullable_(),
    fees: col.varchar(20).nullable_(),
    bags_checked: col.varchar(5).nullable_(),
    payload: col.varchar(65535).nullable_().encoding('ZSTD').describe('Original record'),
  },
  primaryKey: ['raw_id'],
  foreignKeys: [],
  distribution: { style: 'EVEN' },
  sortKey: { style: 'COMPOUND', columns: ['loaded_at'] },
})

export const freshnessMarker = defineTable({
  schema: RSP_META,
  name: 'freshness_marker',
  comment:
    'Freshness probe: the producer writes a marker row, consumers read it through the datashare; written_at tells how fresh the shared data is.',
  columns: {
    marker_id: col.varchar(64).describe('Which probe wrote the row'),
    written_at: col.timestamp().describe('UTC, when the producer wrote the marker'),
  },
  primaryKey: ['marker_id'],
  foreignKeys: [],
  distribution: { style: 'ALL' },
  sortKey: { style: 'COMPOUND', columns: ['marker_id'] },
})

/**
 * The freshness marker's names, for the freshness probe (write on the producer, read on a
 * consumer): import them rather than spelling them.
 *
 * @example
 * sql`SELECT ${sql.ref(`${FRESHNESS_MARKER.schema}.${FRESHNESS_MARKER.table}.${FRESHNESS_MARKER.columns.writtenAt}`)} …`
 */
export const FRESHNESS_MARKER = Object.freeze({
  schema: RSP_META,
  table: 'freshness_marker',
  columns: Object.freeze({ markerId: 'marker_id', writtenAt: 'written_at' }),
} as const)

// The views' SQL is what Redshift and PostgreSQL both accept: quoted identifiers, CASE instead
// of FILTER, CAST instead of `::`, averages taken over DECIMAL (Redshift's AVG of an integer
// column is an integer) and every computed column cast to the type declared here.
const ON_TIME = `f."flight_status" <> 'CANCELLED' AND NOT f."is_diverted" AND f."arrival_delay_minutes" < 15`

export const vRoutePerformance = defineView({
  schema: DW,
  name: 'v_route_performance',
  comment:
    'Per route (origin, destination): flights, on-time arrivals (< 15 min late, BTS), cancellations, diversions, average delays and passengers.',
  columns: {
    origin_airport_code: col.char(3),
    destination_airport_code: col.char(3),
    flights: col.bigint(),
    on_time_flights: col.bigint(),
    cancelled_flights: col.bigint(),
    diverted_flights: col.bigint(),
    on_time_pct: col.decimal(5, 2),
    avg_departure_delay_minutes: col.decimal(10, 2).nullable_(),
    avg_arrival_delay_minutes: col.decimal(10, 2).nullable_(),
    passengers: col.bigint(),
  },
  reads: [
    {
      schema: DW,
      table: 'fact_flight_operations',
      columns: [
        'origin_airport_key',
        'destination_airport_key',
        'departure_delay_minutes',
        'arrival_delay_minutes',
        'total_passengers',
        'flight_status',
        'is_diverted',
      ],
    },
    { schema: DW, table: 'dim_airport', columns: ['airport_key', 'airport_code'] },
  ],
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

export const vCustomer360 = defineView({
  schema: DW,
  name: 'v_customer_360',
  comment:
    'Per customer: loyalty, bookings and revenue, last booking. No PII (no name, email, phone or birth date).',
  columns: {
    customer_key: col.integer(),
    customer_id: col.varchar(20),
    loyalty_tier: col.varchar(20),
    lifetime_miles: col.integer(),
    country_code: col.char(2),
    join_date: col.date(),
    bookings: col.bigint(),
    confirmed_bookings: col.bigint(),
    gross_revenue: col.decimal(14, 2),
    refunds: col.decimal(14, 2),
    net_revenue: col.decimal(14, 2),
    last_booking_at: col.timestamp().nullable_(),
  },
  reads: [
    {
      schema: DW,
      table: 'dim_customer',
      columns: [
        'customer_key',
        'customer_id',
        'country_code',
        'loyalty_tier',
        'lifetime_miles',
        'join_date',
      ],
    },
    {
      schema: DW,
      table: 'fact_bookings',
      columns: [
        'booking_key',
        'customer_key',
        'booking_status',
        'total_amount',
        'refund_amount',
        'created_at',
      ],
    },
  ],
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

/**
 * The whole model, tables in dependency order (every table comes after those it references).
 * Keys are the table names; `schema` says where each lives.
 */
export const airlineModel = Object.freeze({
  schemas: Object.freeze([DW, STAGING, RSP_META] as const),
  tables: Object.freeze({
    dim_date: dimDate,
    dim_airport: dimAirport,
    dim_aircraft: dimAircraft,
    dim_flight: dimFlight,
    dim_customer: dimCustomer,
    fact_flight_operations: factFlightOperations,
    fact_bookings: factBookings,
    fact_daily_revenue: factDailyRevenue,
    flight_operations_raw: flightOperationsRaw,
    bookings_raw: bookingsRaw,
    freshness_marker: freshnessMarker,
  }),
  views: Object.freeze({
    v_route_performance: vRoutePerformance,
    v_customer_360: vCustomer360,
  }),
})

export type AirlineModel = typeof airlineModel
export type AirlineTables = AirlineModel['tables']
export type AirlineTableName = keyof AirlineTables
export type AirlineViews = AirlineModel['views']
export type AirlineViewName = keyof AirlineViews
