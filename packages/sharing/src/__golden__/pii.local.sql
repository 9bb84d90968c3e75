-- Datashare airline_share — producer side (local)
-- Script 1 of 3: run on the producer database, first.

-- datashare airline_share (a role holding the share's grants)
CREATE ROLE "airline_share" NOLOGIN;

-- mark the role as a datashare
COMMENT ON ROLE "airline_share" IS '{"rsp":"datashare","publiclyAccessible":true}';

-- add schema airline_dw
GRANT USAGE ON SCHEMA "airline_dw" TO "airline_share";

-- add table airline_dw.dim_aircraft
GRANT SELECT ON "airline_dw"."dim_aircraft" TO "airline_share";

-- add table airline_dw.dim_airport
GRANT SELECT ON "airline_dw"."dim_airport" TO "airline_share";

-- add table airline_dw.dim_customer (masked columns left out)
GRANT SELECT ("customer_key", "customer_id", "gender", "city", "state", "country_code", "loyalty_tier", "loyalty_number", "lifetime_miles", "join_date", "created_at") ON "airline_dw"."dim_customer" TO "airline_share";

-- add table airline_dw.dim_date
GRANT SELECT ON "airline_dw"."dim_date" TO "airline_share";

-- add table airline_dw.dim_flight
GRANT SELECT ON "airline_dw"."dim_flight" TO "airline_share";

-- add table airline_dw.fact_bookings
GRANT SELECT ON "airline_dw"."fact_bookings" TO "airline_share";

-- add table airline_dw.fact_daily_revenue
GRANT SELECT ON "airline_dw"."fact_daily_revenue" TO "airline_share";

-- add table airline_dw.fact_flight_operations
GRANT SELECT ON "airline_dw"."fact_flight_operations" TO "airline_share";

-- role analytics
CREATE ROLE "analytics" NOLOGIN;

-- grant airline_share to consumer analytics
GRANT "airline_share" TO "analytics";

-- role reporting
CREATE ROLE "reporting" NOLOGIN;

-- grant airline_share to consumer reporting
GRANT "airline_share" TO "reporting";

-- Datashare airline_share — consumer:analytics side (local)
-- Script 2 of 3: run on consumer analytics, after script 1 (producer).

-- consumer analytics's database airline_analytics (a schema for its masking views)
CREATE SCHEMA "airline_analytics";

-- mark it as made from the share
COMMENT ON SCHEMA "airline_analytics" IS '{"rsp":"consumer-database","share":"airline_share"}';

-- let analytics use it
GRANT USAGE ON SCHEMA "airline_analytics" TO "analytics";

-- analytics resolves table names in airline_analytics first, then the shared schemas
ALTER ROLE "analytics" SET search_path = "airline_analytics", "airline_dw";

-- role bi_analysts
CREATE ROLE "bi_analysts" NOLOGIN;

-- let bi_analysts read as analytics
GRANT "analytics" TO "bi_analysts";

-- masking view airline_analytics.dim_customer (redact: first_name, last_name, email, phone, birth_date)
CREATE VIEW "airline_analytics"."dim_customer" WITH (security_invoker = true, security_barrier = true) AS SELECT "customer_key", "customer_id", CAST('****' AS VARCHAR(50)) AS "first_name", CAST('****' AS VARCHAR(50)) AS "last_name", CAST('****' AS VARCHAR(120)) AS "email", CAST('****' AS VARCHAR(30)) AS "phone", CAST(NULL AS DATE) AS "birth_date", "gender", "city", "state", "country_code", "loyalty_tier", "loyalty_number", "lifetime_miles", "join_date", "created_at" FROM "airline_dw"."dim_customer";

-- mark it as masking policy mask_customer_pii
COMMENT ON VIEW "airline_analytics"."dim_customer" IS '{"rsp":"masking-view","policy":"mask_customer_pii"}';

-- analytics reads dim_customer masked
GRANT SELECT ON "airline_analytics"."dim_customer" TO "analytics";

-- Datashare airline_share — consumer:reporting side (local)
-- Script 3 of 3: run on consumer reporting, after script 2 (consumer:analytics).

-- consumer reporting's database airline_reporting (a schema for its masking views)
CREATE SCHEMA "airline_reporting";

-- mark it as made from the share
COMMENT ON SCHEMA "airline_reporting" IS '{"rsp":"consumer-database","share":"airline_share"}';

-- let reporting use it
GRANT USAGE ON SCHEMA "airline_reporting" TO "reporting";

-- reporting resolves table names in airline_reporting first, then the shared schemas
ALTER ROLE "reporting" SET search_path = "airline_reporting", "airline_dw";

-- role dashboards
CREATE ROLE "dashboards" NOLOGIN;

-- let dashboards read as reporting
GRANT "reporting" TO "dashboards";

-- masking view airline_reporting.dim_customer (redact: first_name, last_name, email, phone, birth_date)
CREATE VIEW "airline_reporting"."dim_customer" WITH (security_invoker = true, security_barrier = true) AS SELECT "customer_key", "customer_id", CAST('****' AS VARCHAR(50)) AS "first_name", CAST('****' AS VARCHAR(50)) AS "last_name", CAST('****' AS VARCHAR(120)) AS "email", CAST('****' AS VARCHAR(30)) AS "phone", CAST(NULL AS DATE) AS "birth_date", "gender", "city", "state", "country_code", "loyalty_tier", "loyalty_number", "lifetime_miles", "join_date", "created_at" FROM "airline_dw"."dim_customer";

-- mark it as masking policy mask_customer_pii
COMMENT ON VIEW "airline_reporting"."dim_customer" IS '{"rsp":"masking-view","policy":"mask_customer_pii"}';

-- reporting reads dim_customer masked
GRANT SELECT ON "airline_reporting"."dim_customer" TO "reporting";

-- row level security on airline_dw.dim_airport
ALTER TABLE "airline_dw"."dim_airport" ENABLE ROW LEVEL SECURITY;

-- consumers of airline_share see every row unless restricted
CREATE POLICY "airline_share" ON "airline_dw"."dim_airport" AS PERMISSIVE FOR SELECT TO "airline_share" USING (true);

-- reporting sees only rows where region is one of North America
CREATE POLICY "airports_north_america_reporting" ON "airline_dw"."dim_airport" AS RESTRICTIVE FOR SELECT TO "reporting" USING ("region" IN ('North America'));
