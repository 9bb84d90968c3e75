-- Datashare airline_share — producer side (redshift)
-- Script 1 of 3: run on the producer database, first.

-- create datashare airline_share, publicly accessible because a consumer workgroup is public
CREATE DATASHARE "airline_share" SET PUBLICACCESSIBLE = TRUE;

-- publication schema airline_share_airline_dw: views of airline_dw that mask and filter, shared instead of its tables
CREATE SCHEMA "airline_share_airline_dw";

-- create view airline_share_airline_dw.dim_aircraft of airline_dw.dim_aircraft
CREATE VIEW "airline_share_airline_dw"."dim_aircraft" AS SELECT * FROM "airline_dw"."dim_aircraft";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."dim_aircraft" IS 'rsp:367eb7297e8c8632';

-- create view airline_share_airline_dw.dim_airport of airline_dw.dim_airport: rows where region in (North America) by airports_north_america
CREATE VIEW "airline_share_airline_dw"."dim_airport" AS SELECT * FROM "airline_dw"."dim_airport" WHERE "region" IN ('North America');

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."dim_airport" IS 'rsp:fb77e209ad76926d';

-- create view airline_share_airline_dw.dim_customer of airline_dw.dim_customer: masks first_name, last_name, email, phone, birth_date
CREATE VIEW "airline_share_airline_dw"."dim_customer" AS SELECT "customer_key", "customer_id", CAST('****' AS VARCHAR(50)) AS "first_name", CAST('****' AS VARCHAR(50)) AS "last_name", CAST('****' AS VARCHAR(120)) AS "email", CAST('****' AS VARCHAR(30)) AS "phone", CAST(NULL AS DATE) AS "birth_date", "gender", "city", "state", "country_code", "loyalty_tier", "loyalty_number", "lifetime_miles", "join_date", "created_at" FROM "airline_dw"."dim_customer";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."dim_customer" IS 'rsp:7d350b49707d1465';

-- create view airline_share_airline_dw.dim_date of airline_dw.dim_date
CREATE VIEW "airline_share_airline_dw"."dim_date" AS SELECT * FROM "airline_dw"."dim_date";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."dim_date" IS 'rsp:83b992c598eb0f0b';

-- create view airline_share_airline_dw.dim_flight of airline_dw.dim_flight
CREATE VIEW "airline_share_airline_dw"."dim_flight" AS SELECT * FROM "airline_dw"."dim_flight";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."dim_flight" IS 'rsp:83063ce73156629c';

-- create view airline_share_airline_dw.fact_bookings of airline_dw.fact_bookings
CREATE VIEW "airline_share_airline_dw"."fact_bookings" AS SELECT * FROM "airline_dw"."fact_bookings";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."fact_bookings" IS 'rsp:1f9e21151ac06cf1';

-- create view airline_share_airline_dw.fact_daily_revenue of airline_dw.fact_daily_revenue
CREATE VIEW "airline_share_airline_dw"."fact_daily_revenue" AS SELECT * FROM "airline_dw"."fact_daily_revenue";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."fact_daily_revenue" IS 'rsp:a339a4f19fb487b6';

-- create view airline_share_airline_dw.fact_flight_operations of airline_dw.fact_flight_operations
CREATE VIEW "airline_share_airline_dw"."fact_flight_operations" AS SELECT * FROM "airline_dw"."fact_flight_operations";

-- record its definition hash (a changed hash means replace)
COMMENT ON VIEW "airline_share_airline_dw"."fact_flight_operations" IS 'rsp:e28f90ed740a6550';

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
