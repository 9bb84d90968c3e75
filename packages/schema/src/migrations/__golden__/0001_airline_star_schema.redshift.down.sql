DROP TABLE IF EXISTS "staging"."bookings_raw";

DROP TABLE IF EXISTS "staging"."flight_operations_raw";

DROP TABLE IF EXISTS "airline_dw"."fact_daily_revenue";

DROP TABLE IF EXISTS "airline_dw"."fact_bookings";

DROP TABLE IF EXISTS "airline_dw"."fact_flight_operations";

DROP TABLE IF EXISTS "airline_dw"."dim_customer";

DROP TABLE IF EXISTS "airline_dw"."dim_flight";

DROP TABLE IF EXISTS "airline_dw"."dim_aircraft";

DROP TABLE IF EXISTS "airline_dw"."dim_airport";

DROP TABLE IF EXISTS "airline_dw"."dim_date";

DROP SCHEMA IF EXISTS "staging";

DROP SCHEMA IF EXISTS "airline_dw";
