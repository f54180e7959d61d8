-- Openflow Kafka Connector quickstart, script 5: cleanup
-- (the tutorial's sql/5.cleanup.sql, Copyright 2025 Snowflake Inc., Apache-2.0).
-- Permanently deletes all log data and configuration. Stop and disable the Openflow
-- connector in the Canvas first.

-- Use ACCOUNTADMIN to drop objects
USE ROLE ACCOUNTADMIN;

-- Drop Cortex Search service (if created)
DROP CORTEX SEARCH SERVICE IF EXISTS {{ident:DATABASE}}.PUBLIC.application_logs_search;

-- Drop alerts (if created)
DROP ALERT IF EXISTS {{ident:DATABASE}}.PUBLIC.HIGH_ERROR_RATE_ALERT;
DROP ALERT IF EXISTS {{ident:DATABASE}}.PUBLIC.CRITICAL_SERVICE_ALERT;

-- Drop database (this removes all tables and data)
DROP DATABASE IF EXISTS {{ident:DATABASE}};

-- Drop warehouse
DROP WAREHOUSE IF EXISTS {{ident:WAREHOUSE}};

-- Drop external access integration
DROP EXTERNAL ACCESS INTEGRATION IF EXISTS {{ident:INTEGRATION}};

-- Note: We don't drop the runtime role as it may be used by other quickstarts
