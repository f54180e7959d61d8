-- Openflow Kafka Connector quickstart: verify table creation
-- (the tutorial's "Verify Table Creation" and "Capture Initial Schema" queries).
-- The column query is the one to run after base logs (11 columns) and evolved logs (37).

-- Set context
USE ROLE {{ident:ROLE}};
USE DATABASE {{ident:DATABASE}};
USE SCHEMA PUBLIC;
USE WAREHOUSE {{ident:WAREHOUSE}};

-- Check that table was created
SHOW TABLES LIKE {{literal:TABLE}};

-- Count records
SELECT COUNT(*) as TOTAL_RECORDS FROM {{ident:TABLE}};

-- Show schema columns with data types (sorted alphabetically)
SELECT 
  COLUMN_NAME, 
  DATA_TYPE
FROM {{ident:DATABASE}}.INFORMATION_SCHEMA.COLUMNS 
WHERE TABLE_NAME ILIKE {{literal:TABLE}}
ORDER BY COLUMN_NAME;
