-- Datashare airline_share — producer side (redshift)
-- Script 1 of 3: run on the producer database, first.

-- create datashare airline_share, publicly accessible because a consumer workgroup is public
CREATE DATASHARE "airline_share" SET PUBLICACCESSIBLE = TRUE;

-- publication schema airline_share_airline_dw: views of airline_dw that mask and filter, shared instead of its tables
CREATE SCHEMA "airline_share_airline_dw";

-- create view airline_share_airline_dw.dim_aircraft of airline_dw.dim_aircraft
CREATE VIEW "airline_share_airline_dw"."dim_aircraft" AS SELECT "aircraft_key", "tail_number", "aircraft_code", "manufacturer", "model", "body_type", "seats_first", "seats_business", "seats_premium_economy", "seats_economy", "total_seats", "range_miles", "cruise_speed_mph", "max_cargo_kg", "manufacture_year", "in_service_date" FROM "airline_dw"."dim_aircraft";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."dim_aircraft" IS 'rsp:6683bc31b4777b10:4f8be9b83cf2cb11';

-- create view airline_share_airline_dw.dim_airport of airline_dw.dim_airport: rows where region in (North America) by airports_north_america
CREATE VIEW "airline_share_airline_dw"."dim_airport" AS SELECT "airport_key", "airport_code", "airport_name", "city", "state", "country", "country_code", "region", "latitude", "longitude", "timezone", "is_hub", "valid_from", "valid_to", "is_current" FROM "airline_dw"."dim_airport" WHERE "region" IN ('North America');

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."dim_airport" IS 'rsp:f65402babae70f2d:3f34c57ce72262be';

-- create view airline_share_airline_dw.dim_customer of airline_dw.dim_customer: masks first_name, last_name, email, phone, birth_date
CREATE VIEW "airline_share_airline_dw"."dim_customer" AS SELECT "customer_key", "customer_id", CAST('****' AS VARCHAR(50)) AS "first_name", CAST('****' AS VARCHAR(50)) AS "last_name", CAST('****' AS VARCHAR(120)) AS "email", CAST('****' AS VARCHAR(30)) AS "phone", CAST(NULL AS DATE) AS "birth_date", "gender", "city", "state", "country_code", "loyalty_tier", "loyalty_number", "lifetime_miles", "join_date", "created_at" FROM "airline_dw"."dim_customer";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."dim_customer" IS 'rsp:7d350b49707d1465:84404795b5bfbd1e';

-- create view airline_share_airline_dw.dim_date of airline_dw.dim_date
CREATE VIEW "airline_share_airline_dw"."dim_date" AS SELECT "date_key", "full_date", "year", "quarter", "month", "month_name", "day_of_month", "day_of_week", "day_name", "week_of_year", "is_weekend", "is_holiday", "holiday_name", "fiscal_year", "fiscal_quarter" FROM "airline_dw"."dim_date";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."dim_date" IS 'rsp:3db96290cffa8af8:095bea8ca150494c';

-- create view airline_share_airline_dw.dim_flight of airline_dw.dim_flight
CREATE VIEW "airline_share_airline_dw"."dim_flight" AS SELECT "flight_key", "airline_code", "flight_number", "origin_airport_key", "destination_airport_key", "aircraft_key", "scheduled_departure_time", "scheduled_arrival_time", "scheduled_duration_minutes", "distance_miles", "route_type", "valid_from", "valid_to", "is_current" FROM "airline_dw"."dim_flight";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."dim_flight" IS 'rsp:9959bd77a32a3fa5:15b16899ce02f5c7';

-- create view airline_share_airline_dw.fact_bookings of airline_dw.fact_bookings
CREATE VIEW "airline_share_airline_dw"."fact_bookings" AS SELECT "booking_key", "booking_reference", "customer_key", "flight_key", "operation_key", "booking_date_key", "flight_date_key", "cabin_class", "fare_class", "booking_channel", "booking_status", "seat_number", "lead_time_days", "base_fare", "taxes", "fees", "bags_checked", "bag_fees", "total_amount", "currency", "miles_earned", "miles_redeemed", "is_refunded", "refund_amount", "created_at", "baggage_fee" FROM "airline_dw"."fact_bookings";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."fact_bookings" IS 'rsp:821feb1e2e9af75c:22e6b4548e78512d';

-- create view airline_share_airline_dw.fact_daily_revenue of airline_dw.fact_daily_revenue
CREATE VIEW "airline_share_airline_dw"."fact_daily_revenue" AS SELECT "date_key", "flight_key", "origin_airport_key", "destination_airport_key", "revenue_first", "revenue_business", "revenue_premium_economy", "revenue_economy", "ticket_revenue", "ancillary_revenue", "cargo_revenue", "mail_revenue", "refunds", "total_revenue", "passenger_count", "available_seats", "average_fare", "load_factor" FROM "airline_dw"."fact_daily_revenue";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."fact_daily_revenue" IS 'rsp:4f021b78d62972ae:89faf1fb9fbc41f5';

-- create view airline_share_airline_dw.fact_flight_operations of airline_dw.fact_flight_operations
CREATE VIEW "airline_share_airline_dw"."fact_flight_operations" AS SELECT "operation_key", "flight_key", "date_key", "origin_airport_key", "destination_airport_key", "aircraft_key", "scheduled_departure", "actual_departure", "scheduled_arrival", "actual_arrival", "departure_delay_minutes", "arrival_delay_minutes", "carrier_delay_minutes", "weather_delay_minutes", "nas_delay_minutes", "security_delay_minutes", "late_aircraft_delay_minutes", "taxi_out_minutes", "taxi_in_minutes", "departure_gate", "arrival_gate", "passengers_first", "passengers_business", "passengers_premium_economy", "passengers_economy", "total_passengers", "cargo_weight_kg", "mail_weight_kg", "flight_status", "cancellation_code", "is_diverted" FROM "airline_dw"."fact_flight_operations";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."fact_flight_operations" IS 'rsp:088ddbda666851cd:45a7ada8fa77fac5';

-- add schema airline_share_airline_dw
ALTER DATASHARE "airline_share" ADD SCHEMA "airline_share_airline_dw";

-- add 8 table(s) of airline_share_airline_dw
ALTER DATASHARE "airline_share" ADD TABLE "airline_share_airline_dw"."dim_aircraft", "airline_share_airline_dw"."dim_airport", "airline_share_airline_dw"."dim_customer", "airline_share_airline_dw"."dim_date", "airline_share_airline_dw"."dim_flight", "airline_share_airline_dw"."fact_bookings", "airline_share_airline_dw"."fact_daily_revenue", "airline_share_airline_dw"."fact_flight_operations";

-- grant airline_share to consumer analytics
GRANT USAGE ON DATASHARE "airline_share" TO NAMESPACE 'a1b2c3d4-0001-4a5b-8c9d-0123456789ab';

-- grant airline_share to consumer reporting
GRANT USAGE ON DATASHARE "airline_share" TO NAMESPACE 'a1b2c3d4-0002-4a5b-8c9d-0123456789ab';

-- Datashare airline_share — consumer:analytics side (redshift)
-- Script 2 of 3: run on consumer analytics, after script 1 (producer).

-- create database airline_analytics from airline_share on consumer analytics (with permissions)
-- wait until: datashare airline_share visible (INBOUND) on analytics (SELECT share_name FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = 'airline_share' AND producer_namespace = '13b8833d-17c6-4f16-8fe4-1a018f5ed00d')
CREATE DATABASE "airline_analytics" WITH PERMISSIONS FROM DATASHARE "airline_share" OF NAMESPACE '13b8833d-17c6-4f16-8fe4-1a018f5ed00d';

-- let role bi_analysts read airline_analytics
GRANT USAGE ON DATABASE "airline_analytics" TO ROLE "bi_analysts";

-- schema airline_share_airline_dw of airline_analytics
GRANT USAGE ON SCHEMA "airline_analytics"."airline_share_airline_dw" TO ROLE "bi_analysts";

-- read-only access to the tables of airline_share_airline_dw
GRANT SELECT ON ALL TABLES IN SCHEMA "airline_analytics"."airline_share_airline_dw" TO ROLE "bi_analysts";

-- Datashare airline_share — consumer:reporting side (redshift)
-- Script 3 of 3: run on consumer reporting, after script 2 (consumer:analytics).

-- create database airline_reporting from airline_share on consumer reporting (with permissions)
-- wait until: datashare airline_share visible (INBOUND) on reporting (SELECT share_name FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = 'airline_share' AND producer_namespace = '13b8833d-17c6-4f16-8fe4-1a018f5ed00d')
CREATE DATABASE "airline_reporting" WITH PERMISSIONS FROM DATASHARE "airline_share" OF NAMESPACE '13b8833d-17c6-4f16-8fe4-1a018f5ed00d';

-- let role dashboards read airline_reporting
GRANT USAGE ON DATABASE "airline_reporting" TO ROLE "dashboards";

-- schema airline_share_airline_dw of airline_reporting
GRANT USAGE ON SCHEMA "airline_reporting"."airline_share_airline_dw" TO ROLE "dashboards";

-- read-only access to the tables of airline_share_airline_dw
GRANT SELECT ON ALL TABLES IN SCHEMA "airline_reporting"."airline_share_airline_dw" TO ROLE "dashboards";
