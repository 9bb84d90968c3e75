CREATE TABLE "airline_dw"."dim_customer" (
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
