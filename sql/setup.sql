-- Openflow Kafka Connector quickstart, script 1: Snowflake setup
-- (the tutorial's sql/1.snowflake_setup.sql, Copyright 2025 Snowflake Inc., Apache-2.0).
-- Creates the role, database, warehouse, network rule and external access integration.
-- Run it BEFORE configuring the Openflow connector, as ACCOUNTADMIN.

USE ROLE ACCOUNTADMIN;

-- Step 1: Create Role and Database
-- ----------------------------------------------------------------------------

-- Create runtime role (reuse if coming from SPCS quickstart)
CREATE ROLE IF NOT EXISTS {{ident:ROLE}};

-- Create database for Kafka streaming data
CREATE DATABASE IF NOT EXISTS {{ident:DATABASE}};

-- Create warehouse for data processing and queries
CREATE WAREHOUSE IF NOT EXISTS {{ident:WAREHOUSE}}
  WAREHOUSE_SIZE = XSMALL
  AUTO_SUSPEND = 60
  AUTO_RESUME = TRUE
  INITIALLY_SUSPENDED = TRUE;

-- Grant privileges to runtime role
GRANT OWNERSHIP ON DATABASE {{ident:DATABASE}} TO ROLE {{ident:ROLE}};
GRANT OWNERSHIP ON SCHEMA {{ident:DATABASE}}.PUBLIC TO ROLE {{ident:ROLE}};
GRANT USAGE ON WAREHOUSE {{ident:WAREHOUSE}} TO ROLE {{ident:ROLE}};

-- Grant runtime role to Openflow admin (this role exists once Openflow is set up)
GRANT ROLE {{ident:ROLE}} TO ROLE OPENFLOW_ADMIN;

-- Step 2: Create Schema for Network Rules
-- ----------------------------------------------------------------------------

USE ROLE {{ident:ROLE}};
USE DATABASE {{ident:DATABASE}};

-- Create schema for network rules
CREATE SCHEMA IF NOT EXISTS {{ident:DATABASE}}.NETWORKS;

-- Note: no table here. Openflow creates it from the topic name during ingestion.

-- Step 3: Create Network Rules
-- ----------------------------------------------------------------------------
-- Every Kafka broker as host:port (from cluster metadata), plus the bootstrap address.

CREATE OR REPLACE NETWORK RULE {{ident:DATABASE}}.NETWORKS.{{ident:NETWORK_RULE}}
  MODE = EGRESS
  TYPE = HOST_PORT
  VALUE_LIST = (
    {{literals:BROKERS}}
  );

-- Step 4: Create External Access Integration
-- ----------------------------------------------------------------------------

USE ROLE ACCOUNTADMIN;

CREATE OR REPLACE EXTERNAL ACCESS INTEGRATION {{ident:INTEGRATION}}
  ALLOWED_NETWORK_RULES = (
    {{ident:DATABASE}}.NETWORKS.{{ident:NETWORK_RULE}}
  )
  ENABLED = TRUE
  COMMENT = 'Openflow SPCS runtime access for Kafka connector';

-- Grant usage to runtime role
GRANT USAGE ON INTEGRATION {{ident:INTEGRATION}} TO ROLE {{ident:ROLE}};

-- Step 5: Verify Setup
-- ----------------------------------------------------------------------------

-- Verify all objects were created
SHOW DATABASES LIKE {{literal:DATABASE}};
SHOW SCHEMAS IN DATABASE {{ident:DATABASE}};
SHOW WAREHOUSES LIKE {{literal:WAREHOUSE}};
SHOW NETWORK RULES IN SCHEMA {{ident:DATABASE}}.NETWORKS;
SHOW EXTERNAL ACCESS INTEGRATIONS LIKE {{literal:INTEGRATION}};

-- Switch to runtime role for subsequent operations
USE ROLE {{ident:ROLE}};
USE DATABASE {{ident:DATABASE}};
USE SCHEMA PUBLIC;
USE WAREHOUSE {{ident:WAREHOUSE}};

-- Next: attach the integration to your Openflow runtime, then configure the Kafka connector.
SELECT 'Snowflake setup completed successfully!' AS STATUS;
