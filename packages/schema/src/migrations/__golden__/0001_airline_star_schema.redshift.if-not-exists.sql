CREATE SCHEMA IF NOT EXISTS "airline_dw";

CREATE SCHEMA IF NOT EXISTS "staging";

CREATE TABLE IF NOT EXISTS "airline_dw"."dim_date" (
  "date_key" INTEGER ENCODE AZ64 NOT NULL,
  "full_date" DATE ENCODE AZ64 NOT NULL,
  "year" SMALLINT ENCODE AZ64 NOT NULL,
  "quarter" SMALLINT ENCODE AZ64 NOT NULL,
  "month" SMALLINT ENCODE AZ64 NOT NULL,
  "month_name" VARCHAR(10) ENCODE BYTEDICT NOT NULL,
  "day_of_month" SMALLINT ENCODE AZ64 NOT NULL,
  "day_of_week" SMALLINT ENCODE AZ64 NOT NULL,
  "day_name" VARCHAR(10) ENCODE BYTEDICT NOT NULL,
  "week_of_year" SMALLINT ENCODE AZ64 NOT NULL,
  "is_weekend" BOOLEAN ENCODE RAW NOT NULL,
  "is_holiday" BOOLEAN ENCODE RAW NOT NULL,
  "holiday_name" VARCHAR(50) ENCODE ZSTD,
  "fiscal_year" SMALLINT ENCODE AZ64 NOT NULL,
  "fiscal_quarter" SMALLINT ENCODE AZ64 NOT NULL,
  PRIMARY KEY ("date_key")
)
DISTSTYLE ALL
COMPOUND SORTKEY ("date_key");

COMMENT ON TABLE "airline_dw"."dim_date" IS 'Calendar dimension, one row per day; covers every booking and flight date.';

COMMENT ON COLUMN "airline_dw"."dim_date"."date_key" IS 'YYYYMMDD';

COMMENT ON COLUMN "airline_dw"."dim_date"."day_of_week" IS 'ISO: 1 = Monday … 7 = Sunday';

COMMENT ON COLUMN "airline_dw"."dim_date"."week_of_year" IS 'ISO week number';

COMMENT ON COLUMN "airline_dw"."dim_date"."is_holiday" IS 'US federal holiday (observed date)';

COMMENT ON COLUMN "airline_dw"."dim_date"."fiscal_year" IS 'Fiscal year starting 1 October';

CREATE TABLE IF NOT EXISTS "airline_dw"."dim_airport" (
  "airport_key" INTEGER ENCODE AZ64 NOT NULL,
  "airport_code" CHAR(3) ENCODE ZSTD NOT NULL,
  "airport_name" VARCHAR(100) ENCODE ZSTD NOT NULL,
  "city" VARCHAR(50) ENCODE ZSTD NOT NULL,
  "state" VARCHAR(50) ENCODE ZSTD,
  "country" VARCHAR(50) ENCODE BYTEDICT NOT NULL,
  "country_code" CHAR(2) ENCODE BYTEDICT NOT NULL,
  "region" VARCHAR(20) ENCODE BYTEDICT NOT NULL,
  "latitude" DECIMAL(9,6) ENCODE AZ64 NOT NULL,
  "longitude" DECIMAL(9,6) ENCODE AZ64 NOT NULL,
  "timezone" VARCHAR(40) ENCODE BYTEDICT NOT NULL,
  "is_hub" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL,
  "valid_from" DATE ENCODE AZ64 NOT NULL,
  "valid_to" DATE ENCODE AZ64,
  "is_current" BOOLEAN DEFAULT TRUE ENCODE RAW NOT NULL,
  PRIMARY KEY ("airport_key")
)
DISTSTYLE ALL
COMPOUND SORTKEY ("airport_code");

COMMENT ON TABLE "airline_dw"."dim_airport" IS 'Airports (real IATA data), slowly changing type 2.';

COMMENT ON COLUMN "airline_dw"."dim_airport"."airport_code" IS 'IATA code';

COMMENT ON COLUMN "airline_dw"."dim_airport"."state" IS 'State or province; NULL where none applies';

COMMENT ON COLUMN "airline_dw"."dim_airport"."country_code" IS 'ISO 3166-1 alpha-2';

COMMENT ON COLUMN "airline_dw"."dim_airport"."region" IS 'Reporting region, used by the RLS example';

COMMENT ON COLUMN "airline_dw"."dim_airport"."timezone" IS 'IANA time zone';

COMMENT ON COLUMN "airline_dw"."dim_airport"."valid_from" IS 'SCD2: first day this version is valid';

COMMENT ON COLUMN "airline_dw"."dim_airport"."valid_to" IS 'SCD2: last day this version is valid; NULL while current';

COMMENT ON COLUMN "airline_dw"."dim_airport"."is_current" IS 'SCD2: TRUE for the current version';

CREATE TABLE IF NOT EXISTS "airline_dw"."dim_aircraft" (
  "aircraft_key" INTEGER ENCODE AZ64 NOT NULL,
  "tail_number" VARCHAR(10) ENCODE ZSTD NOT NULL,
  "aircraft_code" VARCHAR(4) ENCODE BYTEDICT NOT NULL,
  "manufacturer" VARCHAR(50) ENCODE BYTEDICT NOT NULL,
  "model" VARCHAR(50) ENCODE BYTEDICT NOT NULL,
  "body_type" VARCHAR(20) ENCODE BYTEDICT NOT NULL,
  "seats_first" SMALLINT ENCODE AZ64 NOT NULL,
  "seats_business" SMALLINT ENCODE AZ64 NOT NULL,
  "seats_premium_economy" SMALLINT ENCODE AZ64 NOT NULL,
  "seats_economy" SMALLINT ENCODE AZ64 NOT NULL,
  "total_seats" SMALLINT ENCODE AZ64 NOT NULL,
  "range_miles" INTEGER ENCODE AZ64 NOT NULL,
  "cruise_speed_mph" SMALLINT ENCODE AZ64 NOT NULL,
  "max_cargo_kg" INTEGER ENCODE AZ64 NOT NULL,
  "manufacture_year" SMALLINT ENCODE AZ64 NOT NULL,
  "in_service_date" DATE ENCODE AZ64 NOT NULL,
  PRIMARY KEY ("aircraft_key")
)
DISTSTYLE ALL
COMPOUND SORTKEY ("aircraft_key");

COMMENT ON TABLE "airline_dw"."dim_aircraft" IS 'Fleet: one row per airframe, with its type, real cabin layout and range.';

COMMENT ON COLUMN "airline_dw"."dim_aircraft"."aircraft_code" IS 'IATA type designator, e.g. 738';

COMMENT ON COLUMN "airline_dw"."dim_aircraft"."body_type" IS 'narrowbody, widebody or regional';

CREATE TABLE IF NOT EXISTS "airline_dw"."dim_flight" (
  "flight_key" INTEGER ENCODE AZ64 NOT NULL,
  "airline_code" CHAR(2) ENCODE BYTEDICT NOT NULL,
  "flight_number" VARCHAR(10) ENCODE ZSTD NOT NULL,
  "origin_airport_key" INTEGER ENCODE AZ64 NOT NULL,
  "destination_airport_key" INTEGER ENCODE AZ64 NOT NULL,
  "aircraft_key" INTEGER ENCODE AZ64 NOT NULL,
  "scheduled_departure_time" TIME ENCODE ZSTD NOT NULL,
  "scheduled_arrival_time" TIME ENCODE ZSTD NOT NULL,
  "scheduled_duration_minutes" SMALLINT ENCODE AZ64 NOT NULL,
  "distance_miles" INTEGER ENCODE AZ64 NOT NULL,
  "route_type" VARCHAR(20) ENCODE BYTEDICT NOT NULL,
  "valid_from" DATE ENCODE AZ64 NOT NULL,
  "valid_to" DATE ENCODE AZ64,
  "is_current" BOOLEAN DEFAULT TRUE ENCODE RAW NOT NULL,
  PRIMARY KEY ("flight_key"),
  FOREIGN KEY ("origin_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key"),
  FOREIGN KEY ("destination_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key"),
  FOREIGN KEY ("aircraft_key") REFERENCES "airline_dw"."dim_aircraft" ("aircraft_key")
)
DISTSTYLE ALL
COMPOUND SORTKEY ("flight_key");

COMMENT ON TABLE "airline_dw"."dim_flight" IS 'Scheduled flights (route, number, equipment), slowly changing type 2.';

COMMENT ON COLUMN "airline_dw"."dim_flight"."aircraft_key" IS 'Scheduled airframe';

COMMENT ON COLUMN "airline_dw"."dim_flight"."scheduled_departure_time" IS 'Local time at the origin';

COMMENT ON COLUMN "airline_dw"."dim_flight"."scheduled_arrival_time" IS 'Local time at the destination';

COMMENT ON COLUMN "airline_dw"."dim_flight"."distance_miles" IS 'Great-circle distance';

COMMENT ON COLUMN "airline_dw"."dim_flight"."route_type" IS 'domestic or international';

COMMENT ON COLUMN "airline_dw"."dim_flight"."valid_from" IS 'SCD2: first day this version is valid';

COMMENT ON COLUMN "airline_dw"."dim_flight"."valid_to" IS 'SCD2: last day this version is valid; NULL while current';

COMMENT ON COLUMN "airline_dw"."dim_flight"."is_current" IS 'SCD2: TRUE for the current version';

CREATE TABLE IF NOT EXISTS "airline_dw"."dim_customer" (
  "customer_key" INTEGER ENCODE AZ64 NOT NULL,
  "customer_id" VARCHAR(20) ENCODE ZSTD NOT NULL,
  "first_name" VARCHAR(50) ENCODE ZSTD NOT NULL,
  "last_name" VARCHAR(50) ENCODE ZSTD NOT NULL,
  "email" VARCHAR(120) ENCODE ZSTD NOT NULL,
  "phone" VARCHAR(30) ENCODE ZSTD NOT NULL,
  "birth_date" DATE ENCODE AZ64 NOT NULL,
  "gender" CHAR(1) ENCODE ZSTD,
  "city" VARCHAR(50) ENCODE ZSTD NOT NULL,
  "state" VARCHAR(50) ENCODE ZSTD,
  "country_code" CHAR(2) ENCODE BYTEDICT NOT NULL,
  "loyalty_tier" VARCHAR(20) ENCODE BYTEDICT NOT NULL,
  "loyalty_number" VARCHAR(20) ENCODE ZSTD,
  "lifetime_miles" INTEGER DEFAULT 0 ENCODE AZ64 NOT NULL,
  "join_date" DATE ENCODE AZ64 NOT NULL,
  "created_at" TIMESTAMP DEFAULT GETDATE() ENCODE AZ64 NOT NULL,
  PRIMARY KEY ("customer_key")
)
DISTSTYLE KEY DISTKEY ("customer_key")
COMPOUND SORTKEY ("customer_key");

COMMENT ON TABLE "airline_dw"."dim_customer" IS 'Passengers and loyalty members. first_name … birth_date are PII (masked for consumers).';

COMMENT ON COLUMN "airline_dw"."dim_customer"."customer_id" IS 'Natural key';

COMMENT ON COLUMN "airline_dw"."dim_customer"."first_name" IS 'PII';

COMMENT ON COLUMN "airline_dw"."dim_customer"."last_name" IS 'PII';

COMMENT ON COLUMN "airline_dw"."dim_customer"."email" IS 'PII';

COMMENT ON COLUMN "airline_dw"."dim_customer"."phone" IS 'PII';

COMMENT ON COLUMN "airline_dw"."dim_customer"."birth_date" IS 'PII';

COMMENT ON COLUMN "airline_dw"."dim_customer"."loyalty_tier" IS 'NONE, SILVER, GOLD, PLATINUM';

CREATE TABLE IF NOT EXISTS "airline_dw"."fact_flight_operations" (
  "operation_key" INTEGER ENCODE AZ64 NOT NULL,
  "flight_key" INTEGER ENCODE AZ64 NOT NULL,
  "date_key" INTEGER ENCODE AZ64 NOT NULL,
  "origin_airport_key" INTEGER ENCODE AZ64 NOT NULL,
  "destination_airport_key" INTEGER ENCODE AZ64 NOT NULL,
  "aircraft_key" INTEGER ENCODE AZ64 NOT NULL,
  "scheduled_departure" TIMESTAMP ENCODE AZ64 NOT NULL,
  "actual_departure" TIMESTAMP ENCODE AZ64,
  "scheduled_arrival" TIMESTAMP ENCODE AZ64 NOT NULL,
  "actual_arrival" TIMESTAMP ENCODE AZ64,
  "departure_delay_minutes" SMALLINT ENCODE AZ64,
  "arrival_delay_minutes" SMALLINT ENCODE AZ64,
  "carrier_delay_minutes" SMALLINT DEFAULT 0 ENCODE AZ64 NOT NULL,
  "weather_delay_minutes" SMALLINT DEFAULT 0 ENCODE AZ64 NOT NULL,
  "nas_delay_minutes" SMALLINT DEFAULT 0 ENCODE AZ64 NOT NULL,
  "security_delay_minutes" SMALLINT DEFAULT 0 ENCODE AZ64 NOT NULL,
  "late_aircraft_delay_minutes" SMALLINT DEFAULT 0 ENCODE AZ64 NOT NULL,
  "taxi_out_minutes" SMALLINT ENCODE AZ64,
  "taxi_in_minutes" SMALLINT ENCODE AZ64,
  "departure_gate" VARCHAR(5) ENCODE ZSTD,
  "arrival_gate" VARCHAR(5) ENCODE ZSTD,
  "passengers_first" SMALLINT ENCODE AZ64 NOT NULL,
  "passengers_business" SMALLINT ENCODE AZ64 NOT NULL,
  "passengers_premium_economy" SMALLINT ENCODE AZ64 NOT NULL,
  "passengers_economy" SMALLINT ENCODE AZ64 NOT NULL,
  "total_passengers" SMALLINT ENCODE AZ64 NOT NULL,
  "cargo_weight_kg" INTEGER ENCODE AZ64 NOT NULL,
  "mail_weight_kg" INTEGER ENCODE AZ64 NOT NULL,
  "flight_status" VARCHAR(20) ENCODE BYTEDICT NOT NULL,
  "cancellation_code" CHAR(1) ENCODE ZSTD,
  "is_diverted" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL,
  PRIMARY KEY ("operation_key"),
  FOREIGN KEY ("flight_key") REFERENCES "airline_dw"."dim_flight" ("flight_key"),
  FOREIGN KEY ("date_key") REFERENCES "airline_dw"."dim_date" ("date_key"),
  FOREIGN KEY ("origin_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key"),
  FOREIGN KEY ("destination_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key"),
  FOREIGN KEY ("aircraft_key") REFERENCES "airline_dw"."dim_aircraft" ("aircraft_key")
)
DISTSTYLE KEY DISTKEY ("flight_key")
COMPOUND SORTKEY ("date_key", "origin_airport_key", "destination_airport_key");

COMMENT ON TABLE "airline_dw"."fact_flight_operations" IS 'One row per operated (or cancelled) flight on a date: times, delays, passengers, cargo.';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."date_key" IS 'Scheduled departure date';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."aircraft_key" IS 'Airframe actually flown';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."scheduled_departure" IS 'UTC';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."actual_departure" IS 'UTC; NULL when cancelled';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."scheduled_arrival" IS 'UTC';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."actual_arrival" IS 'UTC; NULL when cancelled or diverted';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."flight_status" IS 'ON_TIME, DELAYED, CANCELLED or DIVERTED';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."cancellation_code" IS 'BTS cause: A carrier, B weather, C NAS, D security';

CREATE TABLE IF NOT EXISTS "airline_dw"."fact_bookings" (
  "booking_key" INTEGER ENCODE AZ64 NOT NULL,
  "booking_reference" CHAR(6) ENCODE ZSTD NOT NULL,
  "customer_key" INTEGER ENCODE AZ64 NOT NULL,
  "flight_key" INTEGER ENCODE AZ64 NOT NULL,
  "operation_key" INTEGER ENCODE AZ64 NOT NULL,
  "booking_date_key" INTEGER ENCODE AZ64 NOT NULL,
  "flight_date_key" INTEGER ENCODE AZ64 NOT NULL,
  "cabin_class" VARCHAR(20) ENCODE BYTEDICT NOT NULL,
  "fare_class" CHAR(1) ENCODE BYTEDICT NOT NULL,
  "booking_channel" VARCHAR(20) ENCODE BYTEDICT NOT NULL,
  "booking_status" VARCHAR(20) ENCODE BYTEDICT NOT NULL,
  "seat_number" VARCHAR(4) ENCODE ZSTD,
  "lead_time_days" SMALLINT ENCODE AZ64 NOT NULL,
  "base_fare" DECIMAL(10,2) ENCODE AZ64 NOT NULL,
  "taxes" DECIMAL(10,2) ENCODE AZ64 NOT NULL,
  "fees" DECIMAL(10,2) ENCODE AZ64 NOT NULL,
  "bags_checked" SMALLINT ENCODE AZ64 NOT NULL,
  "bag_fees" DECIMAL(10,2) ENCODE AZ64 NOT NULL,
  "total_amount" DECIMAL(10,2) ENCODE AZ64 NOT NULL,
  "currency" CHAR(3) DEFAULT 'USD' ENCODE ZSTD NOT NULL,
  "miles_earned" INTEGER ENCODE AZ64 NOT NULL,
  "miles_redeemed" INTEGER DEFAULT 0 ENCODE AZ64 NOT NULL,
  "is_refunded" BOOLEAN DEFAULT FALSE ENCODE RAW NOT NULL,
  "refund_amount" DECIMAL(10,2) DEFAULT 0 ENCODE AZ64 NOT NULL,
  "created_at" TIMESTAMP ENCODE AZ64 NOT NULL,
  PRIMARY KEY ("booking_key"),
  FOREIGN KEY ("customer_key") REFERENCES "airline_dw"."dim_customer" ("customer_key"),
  FOREIGN KEY ("flight_key") REFERENCES "airline_dw"."dim_flight" ("flight_key"),
  FOREIGN KEY ("operation_key") REFERENCES "airline_dw"."fact_flight_operations" ("operation_key"),
  FOREIGN KEY ("booking_date_key") REFERENCES "airline_dw"."dim_date" ("date_key"),
  FOREIGN KEY ("flight_date_key") REFERENCES "airline_dw"."dim_date" ("date_key")
)
DISTSTYLE KEY DISTKEY ("customer_key")
COMPOUND SORTKEY ("flight_date_key", "flight_key");

COMMENT ON TABLE "airline_dw"."fact_bookings" IS 'One row per passenger booking (a ticket on one flight operation).';

COMMENT ON COLUMN "airline_dw"."fact_bookings"."cabin_class" IS 'FIRST, BUSINESS, PREMIUM_ECONOMY, ECONOMY';

COMMENT ON COLUMN "airline_dw"."fact_bookings"."booking_channel" IS 'WEB, MOBILE, AGENT, CALL_CENTER, OTA';

COMMENT ON COLUMN "airline_dw"."fact_bookings"."booking_status" IS 'CONFIRMED, CANCELLED or REFUNDED';

CREATE TABLE IF NOT EXISTS "airline_dw"."fact_daily_revenue" (
  "date_key" INTEGER ENCODE AZ64 NOT NULL,
  "flight_key" INTEGER ENCODE AZ64 NOT NULL,
  "origin_airport_key" INTEGER ENCODE AZ64 NOT NULL,
  "destination_airport_key" INTEGER ENCODE AZ64 NOT NULL,
  "revenue_first" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "revenue_business" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "revenue_premium_economy" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "revenue_economy" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "ticket_revenue" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "ancillary_revenue" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "cargo_revenue" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "mail_revenue" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "refunds" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "total_revenue" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "passenger_count" INTEGER ENCODE AZ64 NOT NULL,
  "available_seats" INTEGER ENCODE AZ64 NOT NULL,
  "average_fare" DECIMAL(10,2) ENCODE AZ64 NOT NULL,
  "load_factor" DECIMAL(5,4) ENCODE AZ64 NOT NULL,
  PRIMARY KEY ("date_key", "flight_key"),
  FOREIGN KEY ("date_key") REFERENCES "airline_dw"."dim_date" ("date_key"),
  FOREIGN KEY ("flight_key") REFERENCES "airline_dw"."dim_flight" ("flight_key"),
  FOREIGN KEY ("origin_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key"),
  FOREIGN KEY ("destination_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key")
)
DISTSTYLE KEY DISTKEY ("flight_key")
COMPOUND SORTKEY ("date_key", "flight_key");

COMMENT ON TABLE "airline_dw"."fact_daily_revenue" IS 'Revenue per flight and day by stream, derived from bookings and operations.';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."ticket_revenue" IS 'Base fares of all bookings sold (gross, later refunds included)';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."ancillary_revenue" IS 'Bag fees and other fees';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."refunds" IS 'Fares, fees and bag fees refunded (taxes excluded: never revenue)';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."total_revenue" IS 'Net: ticket + ancillary + cargo + mail − refunds';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."load_factor" IS 'passenger_count / available_seats';

CREATE TABLE IF NOT EXISTS "staging"."flight_operations_raw" (
  "raw_id" BIGINT IDENTITY(1,1) ENCODE AZ64 NOT NULL,
  "source_file" VARCHAR(256) ENCODE ZSTD NOT NULL,
  "loaded_at" TIMESTAMP DEFAULT GETDATE() ENCODE AZ64 NOT NULL,
  "flight_number" VARCHAR(10) ENCODE ZSTD NOT NULL,
  "airline_code" VARCHAR(3) ENCODE ZSTD NOT NULL,
  "flight_date" VARCHAR(10) ENCODE ZSTD NOT NULL,
  "origin" VARCHAR(3) ENCODE ZSTD NOT NULL,
  "destination" VARCHAR(3) ENCODE ZSTD NOT NULL,
  "tail_number" VARCHAR(10) ENCODE ZSTD,
  "scheduled_departure" VARCHAR(32) ENCODE ZSTD,
  "actual_departure" VARCHAR(32) ENCODE ZSTD,
  "scheduled_arrival" VARCHAR(32) ENCODE ZSTD,
  "actual_arrival" VARCHAR(32) ENCODE ZSTD,
  "status" VARCHAR(20) ENCODE ZSTD,
  "cancellation_code" VARCHAR(1) ENCODE ZSTD,
  "passengers" VARCHAR(10) ENCODE ZSTD,
  "payload" VARCHAR(65535) ENCODE ZSTD,
  PRIMARY KEY ("raw_id")
)
DISTSTYLE EVEN
COMPOUND SORTKEY ("loaded_at");

COMMENT ON TABLE "staging"."flight_operations_raw" IS 'Landing table for raw operational feeds, loaded as text before validation.';

COMMENT ON COLUMN "staging"."flight_operations_raw"."payload" IS 'Original record';

CREATE TABLE IF NOT EXISTS "staging"."bookings_raw" (
  "raw_id" BIGINT IDENTITY(1,1) ENCODE AZ64 NOT NULL,
  "source_file" VARCHAR(256) ENCODE ZSTD NOT NULL,
  "loaded_at" TIMESTAMP DEFAULT GETDATE() ENCODE AZ64 NOT NULL,
  "booking_reference" VARCHAR(6) ENCODE ZSTD NOT NULL,
  "customer_id" VARCHAR(20) ENCODE ZSTD NOT NULL,
  "flight_number" VARCHAR(10) ENCODE ZSTD NOT NULL,
  "flight_date" VARCHAR(10) ENCODE ZSTD NOT NULL,
  "booking_date" VARCHAR(10) ENCODE ZSTD NOT NULL,
  "cabin_class" VARCHAR(20) ENCODE ZSTD,
  "fare_class" VARCHAR(1) ENCODE ZSTD,
  "channel" VARCHAR(20) ENCODE ZSTD,
  "status" VARCHAR(20) ENCODE ZSTD,
  "base_fare" VARCHAR(20) ENCODE ZSTD,
  "taxes" VARCHAR(20) ENCODE ZSTD,
  "fees" VARCHAR(20) ENCODE ZSTD,
  "bags_checked" VARCHAR(5) ENCODE ZSTD,
  "payload" VARCHAR(65535) ENCODE ZSTD,
  PRIMARY KEY ("raw_id")
)
DISTSTYLE EVEN
COMPOUND SORTKEY ("loaded_at");

COMMENT ON TABLE "staging"."bookings_raw" IS 'Landing table for raw booking feeds, loaded as text before validation.';

COMMENT ON COLUMN "staging"."bookings_raw"."payload" IS 'Original record';
