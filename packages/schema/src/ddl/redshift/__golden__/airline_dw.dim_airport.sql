CREATE TABLE "airline_dw"."dim_airport" (
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
