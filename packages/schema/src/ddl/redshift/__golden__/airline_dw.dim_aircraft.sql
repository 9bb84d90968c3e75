CREATE TABLE "airline_dw"."dim_aircraft" (
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
