-- Teardown of airline_share — consumer:consumer_1 side (redshift)
-- Script 1 of 4: run on consumer consumer_1, first.

-- drop database airline_shared_1 (made from airline_share) on consumer_1
DROP DATABASE "airline_shared_1";

-- Teardown of airline_share — consumer:consumer_2 side (redshift)
-- Script 2 of 4: run on consumer consumer_2, after script 1 (consumer:consumer_1).

-- drop database airline_shared_2 (made from airline_share) on consumer_2
DROP DATABASE "airline_shared_2";

-- Teardown of airline_share — consumer:consumer_3 side (redshift)
-- Script 3 of 4: run on consumer consumer_3, after script 2 (consumer:consumer_2).

-- drop database airline_shared_3 (made from airline_share) on consumer_3
DROP DATABASE "airline_shared_3";

-- Teardown of airline_share — producer side (redshift)
-- Script 4 of 4: run on the producer database, after script 3 (consumer:consumer_3).

-- revoke airline_share from consumer consumer_1
REVOKE USAGE ON DATASHARE "airline_share" FROM NAMESPACE 'a1b2c3d4-0001-4a5b-8c9d-0123456789ab';

-- revoke airline_share from consumer consumer_2
REVOKE USAGE ON DATASHARE "airline_share" FROM NAMESPACE 'a1b2c3d4-0002-4a5b-8c9d-0123456789ab';

-- revoke airline_share from consumer consumer_3
REVOKE USAGE ON DATASHARE "airline_share" FROM NAMESPACE 'a1b2c3d4-0003-4a5b-8c9d-0123456789ab';

-- drop datashare airline_share
DROP DATASHARE "airline_share";
