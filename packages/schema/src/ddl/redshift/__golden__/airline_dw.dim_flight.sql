CREATE TABLE "airline_dw"."dim_flight" (
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
