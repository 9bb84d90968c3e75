CREATE TABLE "airline_dw"."fact_daily_revenue" (
  "date_key" INTEGER ENCODE AZ64 NOT NULL,
  "flight_key" INTEGER ENCODE AZ64 NOT NULL,
  "origin_airport_key" INTEGER ENCODE AZ64 NOT NULL,
  "destination_airport_key" INTEGER ENCODE AZ64 NOT NULL,
  "revenue_first" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "revenue_business" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "revenue_premium_economy" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "revenue_economy" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "ticket_revenue" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "ancillary_revenue" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "cargo_revenue" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "mail_revenue" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "refunds" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "total_revenue" DECIMAL(12,2) ENCODE AZ64 NOT NULL,
  "passenger_count" INTEGER ENCODE AZ64 NOT NULL,
  "available_seats" INTEGER ENCODE AZ64 NOT NULL,
  "average_fare" DECIMAL(10,2) ENCODE AZ64 NOT NULL,
  "load_factor" DECIMAL(5,4) ENCODE AZ64 NOT NULL,
  PRIMARY KEY ("date_key", "flight_key"),
  FOREIGN KEY ("date_key") REFERENCES "airline_dw"."dim_date" ("date_key"),
  FOREIGN KEY ("flight_key") REFERENCES "airline_dw"."dim_flight" ("flight_key"),
  FOREIGN KEY ("origin_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key"),
  FOREIGN KEY ("destination_airport_key") REFERENCES "airline_dw"."dim_airport" ("airport_key")
)
DISTSTYLE KEY DISTKEY ("flight_key")
COMPOUND SORTKEY ("date_key", "flight_key");

COMMENT ON TABLE "airline_dw"."fact_daily_revenue" IS 'Revenue per flight and day by stream, derived from bookings and operations.';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."ticket_revenue" IS 'Base fares of all bookings sold (gross, later refunds included)';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."ancillary_revenue" IS 'Bag fees and other fees';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."refunds" IS 'Fares, fees and bag fees refunded (taxes excluded: never revenue)';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."total_revenue" IS 'Net: ticket + ancillary + cargo + mail − refunds';

COMMENT ON COLUMN "airline_dw"."fact_daily_revenue"."load_factor" IS 'passenger_count / available_seats';
