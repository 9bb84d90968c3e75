-- Datashare airline_share — producer side (redshift)
-- Script 1 of 4: run on the producer database, first.

-- create datashare airline_share (not publicly accessible)
CREATE DATASHARE "airline_share";

-- add schema airline_dw
ALTER DATASHARE "airline_share" ADD SCHEMA "airline_dw";

-- add all 8 tables of airline_dw
ALTER DATASHARE "airline_share" ADD ALL TABLES IN SCHEMA "airline_dw";

-- grant airline_share to consumer consumer_1
GRANT USAGE ON DATASHARE "airline_share" TO NAMESPACE 'a1b2c3d4-0001-4a5b-8c9d-0123456789ab';

-- grant airline_share to consumer consumer_2
GRANT USAGE ON DATASHARE "airline_share" TO NAMESPACE 'a1b2c3d4-0002-4a5b-8c9d-0123456789ab';

-- grant airline_share to consumer consumer_3
GRANT USAGE ON DATASHARE "airline_share" TO NAMESPACE 'a1b2c3d4-0003-4a5b-8c9d-0123456789ab';

-- Datashare airline_share — consumer:consumer_1 side (redshift)
-- Script 2 of 4: run on consumer consumer_1, after script 1 (producer).

-- create database airline_shared_1 from airline_share on consumer consumer_1
-- wait until: datashare airline_share visible (INBOUND) on consumer_1 (SELECT share_name FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = 'airline_share' AND producer_namespace = '13b8833d-17c6-4f16-8fe4-1a018f5ed00d')
CREATE DATABASE "airline_shared_1" FROM DATASHARE "airline_share" OF NAMESPACE '13b8833d-17c6-4f16-8fe4-1a018f5ed00d';

-- Datashare airline_share — consumer:consumer_2 side (redshift)
-- Script 3 of 4: run on consumer consumer_2, after script 2 (consumer:consumer_1).

-- create database airline_shared_2 from airline_share on consumer consumer_2
-- wait until: datashare airline_share visible (INBOUND) on consumer_2 (SELECT share_name FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = 'airline_share' AND producer_namespace = '13b8833d-17c6-4f16-8fe4-1a018f5ed00d')
CREATE DATABASE "airline_shared_2" FROM DATASHARE "airline_share" OF NAMESPACE '13b8833d-17c6-4f16-8fe4-1a018f5ed00d';

-- Datashare airline_share — consumer:consumer_3 side (redshift)
-- Script 4 of 4: run on consumer consumer_3, after script 3 (consumer:consumer_2).

-- create database airline_shared_3 from airline_share on consumer consumer_3
-- wait until: datashare airline_share visible (INBOUND) on consumer_3 (SELECT share_name FROM svv_datashares WHERE share_type = 'INBOUND' AND share_name = 'airline_share' AND producer_namespace = '13b8833d-17c6-4f16-8fe4-1a018f5ed00d')
CREATE DATABASE "airline_shared_3" FROM DATASHARE "airline_share" OF NAMESPACE '13b8833d-17c6-4f16-8fe4-1a018f5ed00d';
