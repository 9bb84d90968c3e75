CREATE TABLE "airline_dw"."fact_flight_operations" (
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
