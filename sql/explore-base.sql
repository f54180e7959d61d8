-- Openflow Kafka Connector quickstart: explore the base schema
-- (the tutorial's "Query Base Schema Data" queries, from sql/2a.verify_base_schema.sql).

-- Set context
USE ROLE {{ident:ROLE}};
USE DATABASE {{ident:DATABASE}};
USE SCHEMA PUBLIC;
USE WAREHOUSE {{ident:WAREHOUSE}};

-- View sample records
SELECT 
  TIMESTAMP,
  LEVEL,
  SERVICE,
  MESSAGE,
  STATUS_CODE,
  DURATION_MS
FROM {{ident:TABLE}}
ORDER BY TIMESTAMP DESC
LIMIT 10;

-- Log level distribution
SELECT 
  LEVEL,
  COUNT(*) as LOG_COUNT
FROM {{ident:TABLE}}
GROUP BY LEVEL
ORDER BY LOG_COUNT DESC;

-- Error analysis (ERROR field only appears in ERROR logs)
SELECT 
  TIMESTAMP,
  SERVICE,
  MESSAGE,
  ERROR,
  STATUS_CODE
FROM {{ident:TABLE}}
WHERE ERROR IS NOT NULL
ORDER BY TIMESTAMP DESC
LIMIT 10;

-- Service health summary
SELECT 
  SERVICE,
  COUNT(*) as TOTAL_LOGS,
  SUM(CASE WHEN LEVEL = 'ERROR' THEN 1 ELSE 0 END) as ERROR_COUNT,
  SUM(CASE WHEN LEVEL = 'WARN' THEN 1 ELSE 0 END) as WARN_COUNT,
  ROUND(AVG(DURATION_MS), 2) as AVG_DURATION_MS
FROM {{ident:TABLE}}
GROUP BY SERVICE
ORDER BY ERROR_COUNT DESC;
