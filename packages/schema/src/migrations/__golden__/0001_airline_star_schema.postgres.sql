CREATE SCHEMA "airline_dw";

CREATE SCHEMA "staging";

CREATE TABLE "airline_dw"."dim_date" (
  "date_key" INTEGER NOT NULL,
  "full_date" DATE NOT NULL,
  "year" SMALLINT NOT NULL,
  "quarter" SMALLINT NOT NULL,
  "month" SMALLINT NOT NULL,
  "month_name" VARCHAR(10) NOT NULL,
  "day_of_month" SMALLINT NOT NULL,
  "day_of_week" SMALLINT NOT NULL,
  "day_name" VARCHAR(10) NOT NULL,
  "week_of_year" SMALLINT NOT NULL,
  "is_weekend" BOOLEAN NOT NULL,
  "is_holiday" BOOLEAN NOT NULL,
  "holiday_name" VARCHAR(50),
  "fiscal_year" SMALLINT NOT NULL,
  "fiscal_quarter" SMALLINT NOT NULL,
  CONSTRAINT "dim_date_pkey" PRIMARY KEY ("date_key")
);

COMMENT ON TABLE "airline_dw"."dim_date" IS 'Calendar dimension, one row per day; covers every booking and flight date.';

COMMENT ON COLUMN "airline_dw"."dim_date"."date_key" IS 'YYYYMMDD';

COMMENT ON COLUMN "airline_dw"."dim_date"."day_of_week" IS 'ISO: 1 = Monday … 7 = Sunday';

COMMENT ON COLUMN "airline_dw"."dim_date"."week_of_year" IS 'ISO week number';

COMMENT ON COLUMN "airline_dw"."dim_date"."is_holiday" IS 'US federal holiday (observed date)';

COMMENT ON COLUMN "airline_dw"."dim_date"."fiscal_year" IS 'Fiscal year starting 1 October';

CREATE TABLE "airline_dw"."dim_airport" (
  "airport_key" INTEGER NOT NULL,
  "airport_code" CHAR(3) NOT NULL,
  "airport_name" VARCHAR(100) NOT NULL,
  "city" VARCHAR(50) NOT NULL,
  "state" VARCHAR(50),
  "country" VARCHAR(50) NOT NULL,
  "country_code" CHAR(2) NOT NULL,
  "region" VARCHAR(20) NOT NULL,
  "latitude" NUMERIC(9,6) NOT NULL,
  "longitude" NUMERIC(9,6) NOT NULL,
  "timezone" VARCHAR(40) NOT NULL,
  "is_hub" BOOLEAN DEFAULT FALSE NOT NULL,
  "valid_from" DATE NOT NULL,
  "valid_to" DATE,
  "is_current" BOOLEAN DEFAULT TRUE NOT NULL,
  CONSTRAINT "dim_airport_pkey" PRIMARY KEY ("airport_key")
);

COMMENT ON TABLE "airline_dw"."dim_airport" IS 'Airports (real IATA data), slowly changing type 2.';

COMMENT ON COLUMN "airline_dw"."dim_airport"."airport_code" IS 'IATA code';

COMMENT ON COLUMN "airline_dw"."dim_airport"."state" IS 'State or province; NULL where none applies';

COMMENT ON COLUMN "airline_dw"."dim_airport"."country_code" IS 'ISO 3166-1 alpha-2';

COMMENT ON COLUMN "airline_dw"."dim_airport"."region" IS 'Reporting region, used by the RLS example';

COMMENT ON COLUMN "airline_dw"."dim_airport"."timezone" IS 'IANA time zone';

COMMENT ON COLUMN "airline_dw"."dim_airport"."valid_from" IS 'SCD2: first day this version is valid';

COMMENT ON COLUMN "airline_dw"."dim_airport"."valid_to" IS 'SCD2: last day this version is valid; NULL while current';

COMMENT ON COLUMN "airline_dw"."dim_airport"."is_current" IS 'SCD2: TRUE for the current version';

CREATE TABLE "airline_dw"."dim_aircraft" (
  "aircraft_key" INTEGER NOT NULL,
  "tail_number" VARCHAR(10) NOT NULL,
  "aircraft_code" VARCHAR(4) NOT NULL,
  "manufacturer" VARCHAR(50) NOT NULL,
  "model" VARCHAR(50) NOT NULL,
  "body_type" VARCHAR(20) NOT NULL,
  "seats_first" SMALLINT NOT NULL,
  "seats_business" SMALLINT NOT NULL,
  "seats_premium_economy" SMALLINT NOT NULL,
  "seats_economy" SMALLINT NOT NULL,
  "total_seats" SMALLINT NOT NULL,
  "range_miles" INTEGER NOT NULL,
  "cruise_speed_mph" SMALLINT NOT NULL,
  "max_cargo_kg" INTEGER NOT NULL,
  "manufacture_year" SMALLINT NOT NULL,
  "in_service_date" DATE NOT NULL,
  CONSTRAINT "dim_aircraft_pkey" PRIMARY KEY ("aircraft_key")
);

COMMENT ON TABLE "airline_dw"."dim_aircraft" IS 'Fleet: one row per airframe, with its type, real cabin layout and range.';

COMMENT ON COLUMN "airline_dw"."dim_aircraft"."aircraft_code" IS 'IATA type designator, e.g. 738';

COMMENT ON COLUMN "airline_dw"."dim_aircraft"."body_type" IS 'narrowbody, widebody or regional';

CREATE TABLE "airline_dw"."dim_flight" (
  "flight_key" INTEGER NOT NULL,
  "airline_code" CHAR(2) NOT NULL,
  "flight_number" VARCHAR(10) NOT NULL,
  "origin_airport_key" INTEGER NOT NULL,
  "destination_airport_key" INTEGER NOT NULL,
  "aircraft_key" INTEGER NOT NULL,
  "scheduled_departure_time" TIME NOT NULL,
  "scheduled_arrival_time" TIME NOT NULL,
  "scheduled_duration_minutes" SMALLINT NOT NULL,
  "distance_miles" INTEGER NOT NULL,
  "route_type" VARCHAR(20) NOT NULL,
  "valid_from" DATE NOT NULL,
  "valid_to" DATE,
  "is_current" BOOLEAN DEFAULT TRUE NOT NULL,
  CONSTRAINT "dim_flight_pkey" PRIMARY KEY ("flight_key"),
  CONSTRAINT "dim_flight_origin_airport_key_fkey" FOREIGN KEY ("origin_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key"),
  CONSTRAINT "dim_flight_destination_airport_key_fkey" FOREIGN KEY ("destination_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key"),
  CONSTRAINT "dim_flight_aircraft_key_fkey" FOREIGN KEY ("aircraft_key") REFERENCES "airline_dw"."dim_aircraft" ("aircraft_key")
);

COMMENT ON TABLE "airline_dw"."dim_flight" IS 'Scheduled flights (route, number, equipment), slowly changing type 2.';

COMMENT ON COLUMN "airline_dw"."dim_flight"."aircraft_key" IS 'Scheduled airframe';

COMMENT ON COLUMN "airline_dw"."dim_flight"."scheduled_departure_time" IS 'Local time at the origin';

COMMENT ON COLUMN "airline_dw"."dim_flight"."scheduled_arrival_time" IS 'Local time at the destination';

COMMENT ON COLUMN "airline_dw"."dim_flight"."distance_miles" IS 'Great-circle distance';

COMMENT ON COLUMN "airline_dw"."dim_flight"."route_type" IS 'domestic or international';

COMMENT ON COLUMN "airline_dw"."dim_flight"."valid_from" IS 'SCD2: first day this version is valid';

COMMENT ON COLUMN "airline_dw"."dim_flight"."valid_to" IS 'SCD2: last day this version is valid; NULL while current';

COMMENT ON COLUMN "airline_dw"."dim_flight"."is_current" IS 'SCD2: TRUE for the current version';

CREATE TABLE "airline_dw"."dim_customer" (
  "customer_key" INTEGER NOT NULL,
  "customer_id" VARCHAR(20) NOT NULL,
  "first_name" VARCHAR(50) NOT NULL,
  "last_name" VARCHAR(50) NOT NULL,
  "email" VARCHAR(120) NOT NULL,
  "phone" VARCHAR(30) NOT NULL,
  "birth_date" DATE NOT NULL,
  "gender" CHAR(1),
  "city" VARCHAR(50) NOT NULL,
  "state" VARCHAR(50),
  "country_code" CHAR(2) NOT NULL,
  "loyalty_tier" VARCHAR(20) NOT NULL,
  "loyalty_number" VARCHAR(20),
  "lifetime_miles" INTEGER DEFAULT 0 NOT NULL,
  "join_date" DATE NOT NULL,
  "created_at" TIMESTAMP DEFAULT (now() AT TIME ZONE 'UTC') NOT NULL,
  CONSTRAINT "dim_customer_pkey" PRIMARY KEY ("customer_key")
);

COMMENT ON TABLE "airline_dw"."dim_customer" IS 'Passengers and loyalty members. first_name … birth_date are PII (masked for consumers).';

COMMENT ON COLUMN "airline_dw"."dim_customer"."customer_id" IS 'Natural key';

COMMENT ON COLUMN "airline_dw"."dim_customer"."first_name" IS 'PII';

COMMENT ON COLUMN "airline_dw"."dim_customer"."last_name" IS 'PII';

COMMENT ON COLUMN "airline_dw"."dim_customer"."email" IS 'PII';

COMMENT ON COLUMN "airline_dw"."dim_customer"."phone" IS 'PII';

COMMENT ON COLUMN "airline_dw"."dim_customer"."birth_date" IS 'PII';

COMMENT ON COLUMN "airline_dw"."dim_customer"."loyalty_tier" IS 'NONE, SILVER, GOLD, PLATINUM';

CREATE TABLE "airline_dw"."fact_flight_operations" (
  "operation_key" INTEGER NOT NULL,
  "flight_key" INTEGER NOT NULL,
  "date_key" INTEGER NOT NULL,
  "origin_airport_key" INTEGER NOT NULL,
  "destination_airport_key" INTEGER NOT NULL,
  "aircraft_key" INTEGER NOT NULL,
  "scheduled_departure" TIMESTAMP NOT NULL,
  "actual_departure" TIMESTAMP,
  "scheduled_arrival" TIMESTAMP NOT NULL,
  "actual_arrival" TIMESTAMP,
  "departure_delay_minutes" SMALLINT,
  "arrival_delay_minutes" SMALLINT,
  "carrier_delay_minutes" SMALLINT DEFAULT 0 NOT NULL,
  "weather_delay_minutes" SMALLINT DEFAULT 0 NOT NULL,
  "nas_delay_minutes" SMALLINT DEFAULT 0 NOT NULL,
  "security_delay_minutes" SMALLINT DEFAULT 0 NOT NULL,
  "late_aircraft_delay_minutes" SMALLINT DEFAULT 0 NOT NULL,
  "taxi_out_minutes" SMALLINT,
  "taxi_in_minutes" SMALLINT,
  "departure_gate" VARCHAR(5),
  "arrival_gate" VARCHAR(5),
  "passengers_first" SMALLINT NOT NULL,
  "passengers_business" SMALLINT NOT NULL,
  "passengers_premium_economy" SMALLINT NOT NULL,
  "passengers_economy" SMALLINT NOT NULL,
  "total_passengers" SMALLINT NOT NULL,
  "cargo_weight_kg" INTEGER NOT NULL,
  "mail_weight_kg" INTEGER NOT NULL,
  "flight_status" VARCHAR(20) NOT NULL,
  "cancellation_code" CHAR(1),
  "is_diverted" BOOLEAN DEFAULT FALSE NOT NULL,
  CONSTRAINT "fact_flight_operations_pkey" PRIMARY KEY ("operation_key"),
  CONSTRAINT "fact_flight_operations_flight_key_fkey" FOREIGN KEY ("flight_key") REFERENCES "airline_dw"."dim_flight" ("flight_key"),
  CONSTRAINT "fact_flight_operations_date_key_fkey" FOREIGN KEY ("date_key") REFERENCES "airline_dw"."dim_date" ("date_key"),
  CONSTRAINT "fact_flight_operations_origin_airport_key_fkey" FOREIGN KEY ("origin_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key"),
  CONSTRAINT "fact_flight_operations_destination_airport_key_fkey" FOREIGN KEY ("destination_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key"),
  CONSTRAINT "fact_flight_operations_aircraft_key_fkey" FOREIGN KEY ("aircraft_key") REFERENCES "airline_dw"."dim_aircraft" ("aircraft_key")
);

COMMENT ON TABLE "airline_dw"."fact_flight_operations" IS 'One row per operated (or cancelled) flight on a date: times, delays, passengers, cargo.';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."date_key" IS 'Scheduled departure date';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."aircraft_key" IS 'Airframe actually flown';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."scheduled_departure" IS 'UTC';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."actual_departure" IS 'UTC; NULL when cancelled';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."scheduled_arrival" IS 'UTC';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."actual_arrival" IS 'UTC; NULL when cancelled or diverted';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."flight_status" IS 'ON_TIME, DELAYED, CANCELLED or DIVERTED';

COMMENT ON COLUMN "airline_dw"."fact_flight_operations"."cancellation_code" IS 'BTS cause: A carrier, B weather, C NAS, D security';

CREATE TABLE "airline_dw"."fact_bookings" (
  "booking_key" INTEGER NOT NULL,
  "booking_reference" CHAR(6) NOT NULL,
  "customer_key" INTEGER NOT NULL,
  "flight_key" INTEGER NOT NULL,
  "operation_key" INTEGER NOT NULL,
  "booking_date_key" INTEGER NOT NULL,
  "flight_date_key" INTEGER NOT NULL,
  "cabin_class" VARCHAR(20) NOT NULL,
  "fare_class" CHAR(1) NOT NULL,
  "booking_channel" VARCHAR(20) NOT NULL,
  "booking_status" VARCHAR(20) NOT NULL,
  "seat_number" VARCHAR(4),
  "lead_time_days" SMALLINT NOT NULL,
  "base_fare" NUMERIC(10,2) NOT NULL,
  "taxes" NUMERIC(10,2) NOT NULL,
  "fees" NUMERIC(10,2) NOT NULL,
  "bags_checked" SMALLINT NOT NULL,
  "bag_fees" NUMERIC(10,2) NOT NULL,
  "total_amount" NUMERIC(10,2) NOT NULL,
  "currency" CHAR(3) DEFAULT 'USD' NOT NULL,
  "miles_earned" INTEGER NOT NULL,
  "miles_redeemed" INTEGER DEFAULT 0 NOT NULL,
  "is_refunded" BOOLEAN DEFAULT FALSE NOT NULL,
  "refund_amount" NUMERIC(10,2) DEFAULT 0 NOT NULL,
  "created_at" TIMESTAMP NOT NULL,
  CONSTRAINT "fact_bookings_pkey" PRIMARY KEY ("booking_key"),
  CONSTRAINT "fact_bookings_customer_key_fkey" FOREIGN KEY ("customer_key") REFERENCES "airline_dw"."dim_customer" ("customer_key"),
  CONSTRAINT "fact_bookings_flight_key_fkey" FOREIGN KEY ("flight_key") REFERENCES "airline_dw"."dim_flight" ("flight_key"),
  CONSTRAINT "fact_bookings_operation_key_fkey" FOREIGN KEY ("operation_key") REFERENCES "airline_dw"."fact_flight_operations" ("operation_key"),
  CONSTRAINT "fact_bookings_booking_date_key_fkey" FOREIGN KEY ("booking_date_key") REFERENCES "airline_dw"."dim_date" ("date_key"),
  CONSTRAINT "fact_bookings_flight_date_key_fkey" FOREIGN KEY ("flight_date_key") REFERENCES "airline_dw"."dim_date" ("date_key")
);

COMMENT ON TABLE "airline_dw"."fact_bookings" IS 'One row per passenger booking (a ticket on one flight operation).';

COMMENT ON COLUMN "airline_dw"."fact_bookings"."cabin_class" IS 'FIRST, BUSINESS, PREMIUM_ECONOMY, ECONOMY';

COMMENT ON COLUMN "airline_dw"."fact_bookings"."booking_channel" IS 'WEB, MOBILE, AGENT, CALL_CENTER, OTA';

COMMENT ON COLUMN "airline_dw"."fact_bookings"."booking_status" IS 'CONFIRMED, CANCELLED or REFUNDED';

CREATE TABLE "airline_dw"."fact_daily_revenue" (
  "date_key" INTEGER NOT NULL,
  "flight_key" INTEGER NOT NULL,
  "origin_airport_key" INTEGER NOT NULL,
  "destination_airport_key" INTEGER NOT NULL,
  "revenue_first" NUMERIC(12,2) NOT NULL,
  "revenue_business" NUMERIC(12,2) NOT NULL,
  "revenue_premium_economy" NUMERIC(12,2) NOT NULL,
  "revenue_economy" NUMERIC(12,2) NOT NULL,
  "ticket_revenue" NUMERIC(12,2) NOT NULL,
  "ancillary_revenue" NUMERIC(12,2) NOT NULL,
  "cargo_revenue" NUMERIC(12,2) NOT NULL,
  "mail_revenue" NUMERIC(12,2) NOT NULL,
  "refunds" NUMERIC(12,2) NOT NULL,
  "total_revenue" NUMERIC(12,2) NOT NULL,
  "passenger_count" INTEGER NOT NULL,
  "available_seats" INTEGER NOT NULL,
  "average_fare" NUMERIC(10,2) NOT NULL,
  "load_factor" NUMERIC(5,4) NOT NULL,
  CONSTRAINT "fact_daily_revenue_pkey" PRIMARY KEY ("date_key", "flight_key"),
  CONSTRAINT "fact_daily_revenue_date_key_fkey" FOREIGN KEY ("date_key") REFERENCES "airline_dw"."dim_date" ("date_key"),
  CONSTRAINT "fact_daily_revenue_flight_key_fkey" FOREIGN KEY ("flight_key") REFERENCES "airline_dw"."dim_flight" ("flight_key"),
  CONSTRAINT "fact_daily_revenue_origin_airport_key_fkey" FOREIGN KEY ("origin_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key"),
  CONSTRAINT "fact_daily_revenue_destination_airport_key_fkey" FOREIGN KEY ("destination_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key")
);

COMMENT ON TABLE "airline_dw"."fact_daily_revenue" IS 'Revenue per flight and day by stream, derived from bookings and operations.';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."ticket_revenue" IS 'Base fares of all bookings sold (gross, later refunds included)';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."ancillary_revenue" IS 'Bag fees and other fees';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."refunds" IS 'Fares, fees and bag fees refunded (taxes excluded: never revenue)';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."total_revenue" IS 'Net: ticket + ancillary + cargo + mail − refunds';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."load_factor" IS 'passenger_count / available_seats';

CREATE TABLE "staging"."flight_operations_raw" (
  "raw_id" BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
  "source_file" VARCHAR(256) NOT NULL,
  "loaded_at" TIMESTAMP DEFAULT (now() AT TIME ZONE 'UTC') NOT NULL,
  "flight_number" VARCHAR(10) NOT NULL,
  "airline_code" VARCHAR(3) NOT NULL,
  "flight_date" VARCHAR(10) NOT NULL,
  "origin" VARCHAR(3) NOT NULL,
  "destination" VARCHAR(3) NOT NULL,
  "tail_number" VARCHAR(10),
  "scheduled_departure" VARCHAR(32),
  "actual_departure" VARCHAR(32),
  "scheduled_arrival" VARCHAR(32),
  "actual_arrival" VARCHAR(32),
  "status" VARCHAR(20),
  "cancellation_code" VARCHAR(1),
  "passengers" VARCHAR(10),
  "payload" VARCHAR(65535),
  CONSTRAINT "flight_operations_raw_pkey" PRIMARY KEY ("raw_id")
);

COMMENT ON TABLE "staging"."flight_operations_raw" IS 'Landing table for raw operational feeds, loaded as text before validation.';

COMMENT ON COLUMN "staging"."flight_operations_raw"."payload" IS 'Original record';

CREATE TABLE "staging"."bookings_raw" (
  "raw_id" BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
  "source_file" VARCHAR(256) NOT NULL,
  "loaded_at" TIMESTAMP DEFAULT (now() AT TIME ZONE 'UTC') NOT NULL,
  "booking_reference" VARCHAR(6) NOT NULL,
  "customer_id" VARCHAR(20) NOT NULL,
  "flight_number" VARCHAR(10) NOT NULL,
  "flight_date" VARCHAR(10) NOT NULL,
  "booking_date" VARCHAR(10) NOT NULL,
  "cabin_class" VARCHAR(20),
  "fare_class" VARCHAR(1),
  "channel" VARCHAR(20),
  "status" VARCHAR(20),
  "base_fare" VARCHAR(20),
  "taxes" VARCHAR(20),
  "fees" VARCHAR(20),
  "bags_checked" VARCHAR(5),
  "payload" VARCHAR(65535),
  CONSTRAINT "bookings_raw_pkey" PRIMARY KEY ("raw_id")
);

COMMENT ON TABLE "staging"."bookings_raw" IS 'Landing table for raw booking feeds, loaded as text before validation.';

COMMENT ON COLUMN "staging"."bookings_raw"."payload" IS 'Original record';
