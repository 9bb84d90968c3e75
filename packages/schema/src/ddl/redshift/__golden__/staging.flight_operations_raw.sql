CREATE TABLE "staging"."flight_operations_raw" (
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
