CREATE TABLE "staging"."bookings_raw" (
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
