-- Teardown of airline_share — consumer:analytics side (redshift)
-- Script 1 of 3: run on consumer analytics, first.

-- drop database airline_analytics (made from airline_share) on analytics
DROP DATABASE "airline_analytics";

-- Teardown of airline_share — consumer:reporting side (redshift)
-- Script 2 of 3: run on consumer reporting, after script 1 (consumer:analytics).

-- drop database airline_reporting (made from airline_share) on reporting
DROP DATABASE "airline_reporting";

-- Teardown of airline_share — producer side (redshift)
-- Script 3 of 3: run on the producer database, after script 2 (consumer:reporting).

-- revoke airline_share from consumer analytics
REVOKE USAGE ON DATASHARE "airline_share" FROM NAMESPACE 'a1b2c3d4-0001-4a5b-8c9d-0123456789ab';

-- revoke airline_share from consumer reporting
REVOKE USAGE ON DATASHARE "airline_share" FROM NAMESPACE 'a1b2c3d4-0002-4a5b-8c9d-0123456789ab';

-- drop datashare airline_share
DROP DATASHARE "airline_share";

-- drop published view airline_share_airline_dw.dim_aircraft (no longer shared)
DROP VIEW "airline_share_airline_dw"."dim_aircraft";

-- drop published view airline_share_airline_dw.dim_airport (no longer shared)
DROP VIEW "airline_share_airline_dw"."dim_airport";

-- drop published view airline_share_airline_dw.dim_customer (no longer shared)
DROP VIEW "airline_share_airline_dw"."dim_customer";

-- drop published view airline_share_airline_dw.dim_date (no longer shared)
DROP VIEW "airline_share_airline_dw"."dim_date";

-- drop published view airline_share_airline_dw.dim_flight (no longer shared)
DROP VIEW "airline_share_airline_dw"."dim_flight";

-- drop published view airline_share_airline_dw.fact_bookings (no longer shared)
DROP VIEW "airline_share_airline_dw"."fact_bookings";

-- drop published view airline_share_airline_dw.fact_daily_revenue (no longer shared)
DROP VIEW "airline_share_airline_dw"."fact_daily_revenue";

-- drop published view airline_share_airline_dw.fact_flight_operations (no longer shared)
DROP VIEW "airline_share_airline_dw"."fact_flight_operations";

-- drop publication schema airline_share_airline_dw (now empty)
DROP SCHEMA "airline_share_airline_dw";
