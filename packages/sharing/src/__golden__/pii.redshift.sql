-- Datashare airline_share — producer side (redshift)
-- Script 1 of 3: run on the producer database, first.

-- create datashare airline_share, publicly accessible because a consumer workgroup is public
CREATE DATASHARE "airline_share" SET PUBLICACCESSIBLE = TRUE;

-- add schema airline_dw
ALTER DATASHARE "airline_share" ADD SCHEMA "airline_dw";

-- add all 8 tables of airline_dw
ALTER DATASHARE "airline_share" ADD ALL TABLES IN SCHEMA "airline_dw";

-- include new tables of airline_dw
ALTER DATASHARE "airline_share" SET INCLUDENEW = TRUE FOR SCHEMA "airline_dw";

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

-- schema airline_dw of airline_analytics
GRANT USAGE ON SCHEMA "airline_analytics"."airline_dw" TO ROLE "bi_analysts";

-- read-only access to the tables of airline_dw
GRANT SELECT ON ALL TABLES IN SCHEMA "airline_analytics"."airline_dw" TO ROLE "bi_analysts";

-- masking policy mask_customer_pii: redact first_name, last_name, email, phone, birth_date
CREATE MASKING POLICY "mask_customer_pii" WITH ("first_name" VARCHAR(50), "last_name" VARCHAR(50), "email" VARCHAR(120), "phone" VARCHAR(30), "birth_date" DATE) USING (CAST('****' AS VARCHAR(50)), CAST('****' AS VARCHAR(50)), CAST('****' AS VARCHAR(120)), CAST('****' AS VARCHAR(30)), CAST(NULL AS DATE));

-- mask airline_dw.dim_customer for every user of analytics
ATTACH MASKING POLICY "mask_customer_pii" ON "airline_analytics"."airline_dw"."dim_customer" ("first_name", "last_name", "email", "phone", "birth_date") TO PUBLIC;

-- Datashare airline_share — consumer:reporting side (redshift)
-- Script 3 of 3: run on consumer reporting, after script 2 (consumer:analytics).

-- create database airline_reporting from airline_share on consumer reporting (with permissions)
-- wait until: datashare airline_share visible (INBOUND) on reporting (SELECT share_name FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = 'airline_share' AND producer_namespace = '13b8833d-17c6-4f16-8fe4-1a018f5ed00d')
CREATE DATABASE "airline_reporting" WITH PERMISSIONS FROM DATASHARE "airline_share" OF NAMESPACE '13b8833d-17c6-4f16-8fe4-1a018f5ed00d';

-- let role dashboards read airline_reporting
GRANT USAGE ON DATABASE "airline_reporting" TO ROLE "dashboards";

-- schema airline_dw of airline_reporting
GRANT USAGE ON SCHEMA "airline_reporting"."airline_dw" TO ROLE "dashboards";

-- read-only access to the tables of airline_dw
GRANT SELECT ON ALL TABLES IN SCHEMA "airline_reporting"."airline_dw" TO ROLE "dashboards";

-- masking policy mask_customer_pii: redact first_name, last_name, email, phone, birth_date
CREATE MASKING POLICY "mask_customer_pii" WITH ("first_name" VARCHAR(50), "last_name" VARCHAR(50), "email" VARCHAR(120), "phone" VARCHAR(30), "birth_date" DATE) USING (CAST('****' AS VARCHAR(50)), CAST('****' AS VARCHAR(50)), CAST('****' AS VARCHAR(120)), CAST('****' AS VARCHAR(30)), CAST(NULL AS DATE));

-- mask airline_dw.dim_customer for every user of reporting
ATTACH MASKING POLICY "mask_customer_pii" ON "airline_reporting"."airline_dw"."dim_customer" ("first_name", "last_name", "email", "phone", "birth_date") TO PUBLIC;

-- row filter airports_north_america on region
CREATE RLS POLICY "airports_north_america" WITH ("region" VARCHAR(20)) USING ("region" IN ('North America'));

-- filter rows of airline_dw.dim_airport for every user of reporting
ATTACH RLS POLICY "airports_north_america" ON "airline_reporting"."airline_dw"."dim_airport" TO PUBLIC;
