import type { ColumnDefault, Encoding, SqlType } from '../model/column.js'
import type { ForeignKey, TableShape } from '../model/table.js'
import type { SchemaModel } from '../model/validate-model.js'
import type { AirlineMigration } from './migration-step.js'

// FROZEN: the airline model as migration 0001 shipped it (copied from the model of that
// release as plain data, so later edits of the model or of its builders cannot change it).
// Never edit this file: change the model with a new numbered migration. The DDL this renders
// is pinned byte for byte in __golden__/0001_airline_star_schema.*.sql.

interface ColumnSpec {
  readonly nullable?: true
  readonly identity?: true
  readonly default?: ColumnDefault
  readonly comment?: string
}

function column(type: SqlType, encode: Encoding | undefined, spec: ColumnSpec = {}) {
  return Object.freeze({
    type: Object.freeze(type),
    nullable: spec.nullable === true,
    hasDefault: spec.default !== undefined || spec.identity === true,
    identity: spec.identity === true,
    ...(spec.default === undefined ? {} : { default: Object.freeze(spec.default) }),
    ...(encode === undefined ? {} : { encode }),
    ...(spec.comment === undefined ? {} : { comment: spec.comment }),
  })
}

const fk = (column: string, schema: string, table: string, ref: string): ForeignKey =>
  Object.freeze({
    columns: Object.freeze([column]),
    references: Object.freeze({ schema, table, columns: Object.freeze([ref]) }),
  })

const table = (t: TableShape): TableShape =>
  Object.freeze({ ...t, columns: Object.freeze(t.columns) })

/** The model migration 0001 created: ten tables in schemas `airline_dw` and `staging`. */
export const MODEL_0001: SchemaModel = Object.freeze({
  schemas: ['airline_dw', 'staging'],
  tables: {
    dim_date: table({
      schema: 'airline_dw',
      name: 'dim_date',
      comment: 'Calendar dimension, one row per day; covers every booking and flight date.',
      columns: {
        date_key: column({ kind: 'integer' }, 'AZ64', { comment: 'YYYYMMDD' }),
        full_date: column({ kind: 'date' }, 'AZ64'),
        year: column({ kind: 'smallint' }, 'AZ64'),
        quarter: column({ kind: 'smallint' }, 'AZ64'),
        month: column({ kind: 'smallint' }, 'AZ64'),
        month_name: column({ kind: 'varchar', length: 10 }, 'BYTEDICT'),
        day_of_month: column({ kind: 'smallint' }, 'AZ64'),
        day_of_week: column({ kind: 'smallint' }, 'AZ64', {
          comment: 'ISO: 1 = Monday … 7 = Sunday',
        }),
        day_name: column({ kind: 'varchar', length: 10 }, 'BYTEDICT'),
        week_of_year: column({ kind: 'smallint' }, 'AZ64', { comment: 'ISO week number' }),
        is_weekend: column({ kind: 'boolean' }, 'RAW'),
        is_holiday: column({ kind: 'boolean' }, 'RAW', {
          comment: 'US federal holiday (observed date)',
        }),
        holiday_name: column({ kind: 'varchar', length: 50 }, 'ZSTD', { nullable: true }),
        fiscal_year: column({ kind: 'smallint' }, 'AZ64', {
          comment: 'Fiscal year starting 1 October',
        }),
        fiscal_quarter: column({ kind: 'smallint' }, 'AZ64'),
      },
      primaryKey: ['date_key'],
      foreignKeys: [],
      distribution: { style: 'ALL' },
      sortKey: { style: 'COMPOUND', columns: ['date_key'] },
    }),
    dim_airport: table({
      schema: 'airline_dw',
      name: 'dim_airport',
      comment: 'Airports (real IATA data), slowly changing type 2.',
      columns: {
        airport_key: column({ kind: 'integer' }, 'AZ64'),
        airport_code: column({ kind: 'char', length: 3 }, 'ZSTD', { comment: 'IATA code' }),
        airport_name: column({ kind: 'varchar', length: 100 }, 'ZSTD'),
        city: column({ kind: 'varchar', length: 50 }, 'ZSTD'),
        state: column({ kind: 'varchar', length: 50 }, 'ZSTD', {
          nullable: true,
          comment: 'State or province; NULL where none applies',
        }),
        country: column({ kind: 'varchar', length: 50 }, 'BYTEDICT'),
        country_code: column({ kind: 'char', length: 2 }, 'BYTEDICT', {
          comment: 'ISO 3166-1 alpha-2',
        }),
        region: column({ kind: 'varchar', length: 20 }, 'BYTEDICT', {
          comment: 'Reporting region, used by the RLS example',
        }),
        latitude: column({ kind: 'decimal', precision: 9, scale: 6 }, 'AZ64'),
        longitude: column({ kind: 'decimal', precision: 9, scale: 6 }, 'AZ64'),
        timezone: column({ kind: 'varchar', length: 40 }, 'BYTEDICT', {
          comment: 'IANA time zone',
        }),
        is_hub: column({ kind: 'boolean' }, 'RAW', { default: { kind: 'literal', value: false } }),
        valid_from: column({ kind: 'date' }, 'AZ64', {
          comment: 'SCD2: first day this version is valid',
        }),
        valid_to: column({ kind: 'date' }, 'AZ64', {
          nullable: true,
          comment: 'SCD2: last day this version is valid; NULL while current',
        }),
        is_current: column({ kind: 'boolean' }, 'RAW', {
          default: { kind: 'literal', value: true },
          comment: 'SCD2: TRUE for the current version',
        }),
      },
      primaryKey: ['airport_key'],
      foreignKeys: [],
      distribution: { style: 'ALL' },
      sortKey: { style: 'COMPOUND', columns: ['airport_code'] },
    }),
    dim_aircraft: table({
      schema: 'airline_dw',
      name: 'dim_aircraft',
      comment: 'Fleet: one row per airframe, with its type, real cabin layout and range.',
      columns: {
        aircraft_key: column({ kind: 'integer' }, 'AZ64'),
        tail_number: column({ kind: 'varchar', length: 10 }, 'ZSTD'),
        aircraft_code: column({ kind: 'varchar', length: 4 }, 'BYTEDICT', {
          comment: 'IATA type designator, e.g. 738',
        }),
        manufacturer: column({ kind: 'varchar', length: 50 }, 'BYTEDICT'),
        model: column({ kind: 'varchar', length: 50 }, 'BYTEDICT'),
        body_type: column({ kind: 'varchar', length: 20 }, 'BYTEDICT', {
          comment: 'narrowbody, widebody or regional',
        }),
        seats_first: column({ kind: 'smallint' }, 'AZ64'),
        seats_business: column({ kind: 'smallint' }, 'AZ64'),
        seats_premium_economy: column({ kind: 'smallint' }, 'AZ64'),
        seats_economy: column({ kind: 'smallint' }, 'AZ64'),
        total_seats: column({ kind: 'smallint' }, 'AZ64'),
        range_miles: column({ kind: 'integer' }, 'AZ64'),
        cruise_speed_mph: column({ kind: 'smallint' }, 'AZ64'),
        max_cargo_kg: column({ kind: 'integer' }, 'AZ64'),
        manufacture_year: column({ kind: 'smallint' }, 'AZ64'),
        in_service_date: column({ kind: 'date' }, 'AZ64'),
      },
      primaryKey: ['aircraft_key'],
      foreignKeys: [],
      distribution: { style: 'ALL' },
      sortKey: { style: 'COMPOUND', columns: ['aircraft_key'] },
    }),
    dim_flight: table({
      schema: 'airline_dw',
      name: 'dim_flight',
      comment: 'Scheduled flights (route, number, equipment), slowly changing type 2.',
      columns: {
        flight_key: column({ kind: 'integer' }, 'AZ64'),
        airline_code: column({ kind: 'char', length: 2 }, 'BYTEDICT'),
        flight_number: column({ kind: 'varchar', length: 10 }, 'ZSTD'),
        origin_airport_key: column({ kind: 'integer' }, 'AZ64'),
        destination_airport_key: column({ kind: 'integer' }, 'AZ64'),
        aircraft_key: column({ kind: 'integer' }, 'AZ64', { comment: 'Scheduled airframe' }),
        scheduled_departure_time: column({ kind: 'time' }, 'ZSTD', {
          comment: 'Local time at the origin',
        }),
        scheduled_arrival_time: column({ kind: 'time' }, 'ZSTD', {
          comment: 'Local time at the destination',
        }),
        scheduled_duration_minutes: column({ kind: 'smallint' }, 'AZ64'),
        distance_miles: column({ kind: 'integer' }, 'AZ64', { comment: 'Great-circle distance' }),
        route_type: column({ kind: 'varchar', length: 20 }, 'BYTEDICT', {
          comment: 'domestic or international',
        }),
        valid_from: column({ kind: 'date' }, 'AZ64', {
          comment: 'SCD2: first day this version is valid',
        }),
        valid_to: column({ kind: 'date' }, 'AZ64', {
          nullable: true,
          comment: 'SCD2: last day this version is valid; NULL while current',
        }),
        is_current: column({ kind: 'boolean' }, 'RAW', {
          default: { kind: 'literal', value: true },
          comment: 'SCD2: TRUE for the current version',
        }),
      },
      primaryKey: ['flight_key'],
      foreignKeys: [
        fk('origin_airport_key', 'airline_dw', 'dim_airport', 'airport_key'),
        fk('destination_airport_key', 'airline_dw', 'dim_airport', 'airport_key'),
        fk('aircraft_key', 'airline_dw', 'dim_aircraft', 'aircraft_key'),
      ],
      distribution: { style: 'ALL' },
      sortKey: { style: 'COMPOUND', columns: ['flight_key'] },
    }),
    dim_customer: table({
      schema: 'airline_dw',
      name: 'dim_customer',
      comment:
        'Passengers and loyalty members. first_name … birth_date are PII (masked for consumers).',
      columns: {
        customer_key: column({ kind: 'integer' }, 'AZ64'),
        customer_id: column({ kind: 'varchar', length: 20 }, 'ZSTD', { comment: 'Natural key' }),
        first_name: column({ kind: 'varchar', length: 50 }, 'ZSTD', { comment: 'PII' }),
        last_name: column({ kind: 'varchar', length: 50 }, 'ZSTD', { comment: 'PII' }),
        email: column({ kind: 'varchar', length: 120 }, 'ZSTD', { comment: 'PII' }),
        phone: column({ kind: 'varchar', length: 30 }, 'ZSTD', { comment: 'PII' }),
        birth_date: column({ kind: 'date' }, 'AZ64', { comment: 'PII' }),
        gender: column({ kind: 'char', length: 1 }, 'ZSTD', { nullable: true }),
        city: column({ kind: 'varchar', length: 50 }, 'ZSTD'),
        state: column({ kind: 'varchar', length: 50 }, 'ZSTD', { nullable: true }),
        country_code: column({ kind: 'char', length: 2 }, 'BYTEDICT'),
        loyalty_tier: column({ kind: 'varchar', length: 20 }, 'BYTEDICT', {
          comment: 'NONE, SILVER, GOLD, PLATINUM',
        }),
        loyalty_number: column({ kind: 'varchar', length: 20 }, 'ZSTD', { nullable: true }),
        lifetime_miles: column({ kind: 'integer' }, 'AZ64', {
          default: { kind: 'literal', value: 0 },
        }),
        join_date: column({ kind: 'date' }, 'AZ64'),
        created_at: column({ kind: 'timestamp' }, 'AZ64', {
          default: { kind: 'current_timestamp' },
        }),
      },
      primaryKey: ['customer_key'],
      foreignKeys: [],
      distribution: { style: 'KEY', key: 'customer_key' },
      sortKey: { style: 'COMPOUND', columns: ['customer_key'] },
    }),
    fact_flight_operations: table({
      schema: 'airline_dw',
      name: 'fact_flight_operations',
      comment:
        'One row per operated (or cancelled) flight on a date: times, delays, passengers, cargo.',
      columns: {
        operation_key: column({ kind: 'integer' }, 'AZ64'),
        flight_key: column({ kind: 'integer' }, 'AZ64'),
        date_key: column({ kind: 'integer' }, 'AZ64', { comment: 'Scheduled departure date' }),
        origin_airport_key: column({ kind: 'integer' }, 'AZ64'),
        destination_airport_key: column({ kind: 'integer' }, 'AZ64'),
        aircraft_key: column({ kind: 'integer' }, 'AZ64', { comment: 'Airframe actually flown' }),
        scheduled_departure: column({ kind: 'timestamp' }, 'AZ64', { comment: 'UTC' }),
        actual_departure: column({ kind: 'timestamp' }, 'AZ64', {
          nullable: true,
          comment: 'UTC; NULL when cancelled',
        }),
        scheduled_arrival: column({ kind: 'timestamp' }, 'AZ64', { comment: 'UTC' }),
        actual_arrival: column({ kind: 'timestamp' }, 'AZ64', {
          nullable: true,
          comment: 'UTC; NULL when cancelled or diverted',
        }),
        departure_delay_minutes: column({ kind: 'smallint' }, 'AZ64', { nullable: true }),
        arrival_delay_minutes: column({ kind: 'smallint' }, 'AZ64', { nullable: true }),
        carrier_delay_minutes: column({ kind: 'smallint' }, 'AZ64', {
          default: { kind: 'literal', value: 0 },
        }),
        weather_delay_minutes: column({ kind: 'smallint' }, 'AZ64', {
          default: { kind: 'literal', value: 0 },
        }),
        nas_delay_minutes: column({ kind: 'smallint' }, 'AZ64', {
          default: { kind: 'literal', value: 0 },
        }),
        security_delay_minutes: column({ kind: 'smallint' }, 'AZ64', {
          default: { kind: 'literal', value: 0 },
        }),
        late_aircraft_delay_minutes: column({ kind: 'smallint' }, 'AZ64', {
          default: { kind: 'literal', value: 0 },
        }),
        taxi_out_minutes: column({ kind: 'smallint' }, 'AZ64', { nullable: true }),
        taxi_in_minutes: column({ kind: 'smallint' }, 'AZ64', { nullable: true }),
        departure_gate: column({ kind: 'varchar', length: 5 }, 'ZSTD', { nullable: true }),
        arrival_gate: column({ kind: 'varchar', length: 5 }, 'ZSTD', { nullable: true }),
        passengers_first: column({ kind: 'smallint' }, 'AZ64'),
        passengers_business: column({ kind: 'smallint' }, 'AZ64'),
        passengers_premium_economy: column({ kind: 'smallint' }, 'AZ64'),
        passengers_economy: column({ kind: 'smallint' }, 'AZ64'),
        total_passengers: column({ kind: 'smallint' }, 'AZ64'),
        cargo_weight_kg: column({ kind: 'integer' }, 'AZ64'),
        mail_weight_kg: column({ kind: 'integer' }, 'AZ64'),
        flight_status: column({ kind: 'varchar', length: 20 }, 'BYTEDICT', {
          comment: 'ON_TIME, DELAYED, CANCELLED or DIVERTED',
        }),
        cancellation_code: column({ kind: 'char', length: 1 }, 'ZSTD', {
          nullable: true,
          comment: 'BTS cause: A carrier, B weather, C NAS, D security',
        }),
        is_diverted: column({ kind: 'boolean' }, 'RAW', {
          default: { kind: 'literal', value: false },
        }),
      },
      primaryKey: ['operation_key'],
      foreignKeys: [
        fk('flight_key', 'airline_dw', 'dim_flight', 'flight_key'),
        fk('date_key', 'airline_dw', 'dim_date', 'date_key'),
        fk('origin_airport_key', 'airline_dw', 'dim_airport', 'airport_key'),
        fk('destination_airport_key', 'airline_dw', 'dim_airport', 'airport_key'),
        fk('aircraft_key', 'airline_dw', 'dim_aircraft', 'aircraft_key'),
      ],
      distribution: { style: 'KEY', key: 'flight_key' },
      sortKey: {
        style: 'COMPOUND',
        columns: ['date_key', 'origin_airport_key', 'destination_airport_key'],
      },
    }),
    fact_bookings: table({
      schema: 'airline_dw',
      name: 'fact_bookings',
      comment: 'One row per passenger booking (a ticket on one flight operation).',
      columns: {
        booking_key: column({ kind: 'integer' }, 'AZ64'),
        booking_reference: column({ kind: 'char', length: 6 }, 'ZSTD'),
        customer_key: column({ kind: 'integer' }, 'AZ64'),
        flight_key: column({ kind: 'integer' }, 'AZ64'),
        operation_key: column({ kind: 'integer' }, 'AZ64'),
        booking_date_key: column({ kind: 'integer' }, 'AZ64'),
        flight_date_key: column({ kind: 'integer' }, 'AZ64'),
        cabin_class: column({ kind: 'varchar', length: 20 }, 'BYTEDICT', {
          comment: 'FIRST, BUSINESS, PREMIUM_ECONOMY, ECONOMY',
        }),
        fare_class: column({ kind: 'char', length: 1 }, 'BYTEDICT'),
        booking_channel: column({ kind: 'varchar', length: 20 }, 'BYTEDICT', {
          comment: 'WEB, MOBILE, AGENT, CALL_CENTER, OTA',
        }),
        booking_status: column({ kind: 'varchar', length: 20 }, 'BYTEDICT', {
          comment: 'CONFIRMED, CANCELLED or REFUNDED',
        }),
        seat_number: column({ kind: 'varchar', length: 4 }, 'ZSTD', { nullable: true }),
        lead_time_days: column({ kind: 'smallint' }, 'AZ64'),
        base_fare: column({ kind: 'decimal', precision: 10, scale: 2 }, 'AZ64'),
        taxes: column({ kind: 'decimal', precision: 10, scale: 2 }, 'AZ64'),
        fees: column({ kind: 'decimal', precision: 10, scale: 2 }, 'AZ64'),
        bags_checked: column({ kind: 'smallint' }, 'AZ64'),
        bag_fees: column({ kind: 'decimal', precision: 10, scale: 2 }, 'AZ64'),
        total_amount: column({ kind: 'decimal', precision: 10, scale: 2 }, 'AZ64'),
        currency: column({ kind: 'char', length: 3 }, 'ZSTD', {
          default: { kind: 'literal', value: 'USD' },
        }),
        miles_earned: column({ kind: 'integer' }, 'AZ64'),
        miles_redeemed: column({ kind: 'integer' }, 'AZ64', {
          default: { kind: 'literal', value: 0 },
        }),
        is_refunded: column({ kind: 'boolean' }, 'RAW', {
          default: { kind: 'literal', value: false },
        }),
        refund_amount: column({ kind: 'decimal', precision: 10, scale: 2 }, 'AZ64', {
          default: { kind: 'literal', value: 0 },
        }),
        created_at: column({ kind: 'timestamp' }, 'AZ64'),
      },
      primaryKey: ['booking_key'],
      foreignKeys: [
        fk('customer_key', 'airline_dw', 'dim_customer', 'customer_key'),
        fk('flight_key', 'airline_dw', 'dim_flight', 'flight_key'),
        fk('operation_key', 'airline_dw', 'fact_flight_operations', 'operation_key'),
        fk('booking_date_key', 'airline_dw', 'dim_date', 'date_key'),
        fk('flight_date_key', 'airline_dw', 'dim_date', 'date_key'),
      ],
      distribution: { style: 'KEY', key: 'customer_key' },
      sortKey: { style: 'COMPOUND', columns: ['flight_date_key', 'flight_key'] },
    }),
    fact_daily_revenue: table({
      schema: 'airline_dw',
      name: 'fact_daily_revenue',
      comment: 'Revenue per flight and day by stream, derived from bookings and operations.',
      columns: {
        date_key: column({ kind: 'integer' }, 'AZ64'),
        flight_key: column({ kind: 'integer' }, 'AZ64'),
        origin_airport_key: column({ kind: 'integer' }, 'AZ64'),
        destination_airport_key: column({ kind: 'integer' }, 'AZ64'),
        revenue_first: column({ kind: 'decimal', precision: 12, scale: 2 }, 'AZ64'),
        revenue_business: column({ kind: 'decimal', precision: 12, scale: 2 }, 'AZ64'),
        revenue_premium_economy: column({ kind: 'decimal', precision: 12, scale: 2 }, 'AZ64'),
        revenue_economy: column({ kind: 'decimal', precision: 12, scale: 2 }, 'AZ64'),
        ticket_revenue: column({ kind: 'decimal', precision: 12, scale: 2 }, 'AZ64', {
          comment: 'Base fares of all bookings sold (gross, later refunds included)',
        }),
        ancillary_revenue: column({ kind: 'decimal', precision: 12, scale: 2 }, 'AZ64', {
          comment: 'Bag fees and other fees',
        }),
        cargo_revenue: column({ kind: 'decimal', precision: 12, scale: 2 }, 'AZ64'),
        mail_revenue: column({ kind: 'decimal', precision: 12, scale: 2 }, 'AZ64'),
        refunds: column({ kind: 'decimal', precision: 12, scale: 2 }, 'AZ64', {
          comment: 'Fares, fees and bag fees refunded (taxes excluded: never revenue)',
        }),
        total_revenue: column({ kind: 'decimal', precision: 12, scale: 2 }, 'AZ64', {
          comment: 'Net: ticket + ancillary + cargo + mail − refunds',
        }),
        passenger_count: column({ kind: 'integer' }, 'AZ64'),
        available_seats: column({ kind: 'integer' }, 'AZ64'),
        average_fare: column({ kind: 'decimal', precision: 10, scale: 2 }, 'AZ64'),
        load_factor: column({ kind: 'decimal', precision: 5, scale: 4 }, 'AZ64', {
          comment: 'passenger_count / available_seats',
        }),
      },
      primaryKey: ['date_key', 'flight_key'],
      foreignKeys: [
        fk('date_key', 'airline_dw', 'dim_date', 'date_key'),
        fk('flight_key', 'airline_dw', 'dim_flight', 'flight_key'),
        fk('origin_airport_key', 'airline_dw', 'dim_airport', 'airport_key'),
        fk('destination_airport_key', 'airline_dw', 'dim_airport', 'airport_key'),
      ],
      distribution: { style: 'KEY', key: 'flight_key' },
      sortKey: { style: 'COMPOUND', columns: ['date_key', 'flight_key'] },
    }),
    flight_operations_raw: table({
      schema: 'staging',
      name: 'flight_operations_raw',
      comment: 'Landing table for raw operational feeds, loaded as text before validation.',
      columns: {
        raw_id: column({ kind: 'bigint' }, 'AZ64', { identity: true }),
        source_file: column({ kind: 'varchar', length: 256 }, 'ZSTD'),
        loaded_at: column({ kind: 'timestamp' }, 'AZ64', {
          default: { kind: 'current_timestamp' },
        }),
        flight_number: column({ kind: 'varchar', length: 10 }, 'ZSTD'),
        airline_code: column({ kind: 'varchar', length: 3 }, 'ZSTD'),
        flight_date: column({ kind: 'varchar', length: 10 }, 'ZSTD'),
        origin: column({ kind: 'varchar', length: 3 }, 'ZSTD'),
        destination: column({ kind: 'varchar', length: 3 }, 'ZSTD'),
        tail_number: column({ kind: 'varchar', length: 10 }, 'ZSTD', { nullable: true }),
        scheduled_departure: column({ kind: 'varchar', length: 32 }, 'ZSTD', { nullable: true }),
        actual_departure: column({ kind: 'varchar', length: 32 }, 'ZSTD', { nullable: true }),
        scheduled_arrival: column({ kind: 'varchar', length: 32 }, 'ZSTD', { nullable: true }),
        actual_arrival: column({ kind: 'varchar', length: 32 }, 'ZSTD', { nullable: true }),
        status: column({ kind: 'varchar', length: 20 }, 'ZSTD', { nullable: true }),
        cancellation_code: column({ kind: 'varchar', length: 1 }, 'ZSTD', { nullable: true }),
        passengers: column({ kind: 'varchar', length: 10 }, 'ZSTD', { nullable: true }),
        payload: column({ kind: 'varchar', length: 65535 }, 'ZSTD', {
          nullable: true,
          comment: 'Original record',
        }),
      },
      primaryKey: ['raw_id'],
      foreignKeys: [],
      distribution: { style: 'EVEN' },
      sortKey: { style: 'COMPOUND', columns: ['loaded_at'] },
    }),
    bookings_raw: table({
      schema: 'staging',
      name: 'bookings_raw',
      comment: 'Landing table for raw booking feeds, loaded as text before validation.',
      columns: {
        raw_id: column({ kind: 'bigint' }, 'AZ64', { identity: true }),
        source_file: column({ kind: 'varchar', length: 256 }, 'ZSTD'),
        loaded_at: column({ kind: 'timestamp' }, 'AZ64', {
          default: { kind: 'current_timestamp' },
        }),
        booking_reference: column({ kind: 'varchar', length: 6 }, 'ZSTD'),
        customer_id: column({ kind: 'varchar', length: 20 }, 'ZSTD'),
        flight_number: column({ kind: 'varchar', length: 10 }, 'ZSTD'),
        flight_date: column({ kind: 'varchar', length: 10 }, 'ZSTD'),
        booking_date: column({ kind: 'varchar', length: 10 }, 'ZSTD'),
        cabin_class: column({ kind: 'varchar', length: 20 }, 'ZSTD', { nullable: true }),
        fare_class: column({ kind: 'varchar', length: 1 }, 'ZSTD', { nullable: true }),
        channel: column({ kind: 'varchar', length: 20 }, 'ZSTD', { nullable: true }),
        status: column({ kind: 'varchar', length: 20 }, 'ZSTD', { nullable: true }),
        base_fare: column({ kind: 'varchar', length: 20 }, 'ZSTD', { nullable: true }),
        taxes: column({ kind: 'varchar', length: 20 }, 'ZSTD', { nullable: true }),
        fees: column({ kind: 'varchar', length: 20 }, 'ZSTD', { nullable: true }),
        bags_checked: column({ kind: 'varchar', length: 5 }, 'ZSTD', { nullable: true }),
        payload: column({ kind: 'varchar', length: 65535 }, 'ZSTD', {
          nullable: true,
          comment: 'Original record',
        }),
      },
      primaryKey: ['raw_id'],
      foreignKeys: [],
      distribution: { style: 'EVEN' },
      sortKey: { style: 'COMPOUND', columns: ['loaded_at'] },
    }),
  },
})

/** The first migration: the star schema as first released. */
export const MIGRATION_0001: AirlineMigration = Object.freeze({
  name: '0001_airline_star_schema',
  steps: Object.freeze([{ kind: 'create-model', model: MODEL_0001 } as const]),
})
