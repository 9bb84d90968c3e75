CREATE TABLE "airline_dw"."dim_date" (
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
