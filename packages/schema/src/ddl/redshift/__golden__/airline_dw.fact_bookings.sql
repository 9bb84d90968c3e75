CREATE TABLE "airline_dw"."fact_bookings" (
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
  "baggage_fee" DECIMAL(10,2) DEFAULT 0 ENCODE AZ64 NOT NULL,
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

COMMENT ON COLUMN "airline_dw"."fact_bookings"."baggage_fee" IS 'Excess-baggage charges at check-in (overweight, oversize bags); 0 unless flown; not in total_amount';
