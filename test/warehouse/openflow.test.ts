// The emulated Openflow gen 2 statements through the real snowflake-sdk: documented columns in
// order, CREATING → ACTIVE, the wait functions, and the rules (ALTER while CREATING, DROP before
// TERMINATED, the 3-deployment limit, privileges, a runtime role without the integration).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandboxWarehouse, type SandboxWarehouse } from '../steps/helpers.js';
import { mayReach } from '../../src/sandbox/warehouse/openflow/egress.js';

const SETUP = [
  'CREATE ROLE IF NOT EXISTS QUICKSTART_ROLE',
  'CREATE DATABASE IF NOT EXISTS QUICKSTART_KAFKA_CONNECTOR_DB',
  'CREATE SCHEMA IF NOT EXISTS QUICKSTART_KAFKA_CONNECTOR_DB.NETWORKS',
  "CREATE OR REPLACE NETWORK RULE QUICKSTART_KAFKA_CONNECTOR_DB.NETWORKS.KAFKA_NETWORK_RULE MODE = EGRESS TYPE = HOST_PORT VALUE_LIST = ('b1.example.com:9092', '*.kafka.example.com:9093')",
  'CREATE OR REPLACE EXTERNAL ACCESS INTEGRATION QK_ACCESS ALLOWED_NETWORK_RULES = (QUICKSTART_KAFKA_CONNECTOR_DB.NETWORKS.KAFKA_NETWORK_RULE) ENABLED = TRUE',
  'CREATE OR REPLACE EXTERNAL ACCESS INTEGRATION QK_UNGRANTED ALLOWED_NETWORK_RULES = (QUICKSTART_KAFKA_CONNECTOR_DB.NETWORKS.KAFKA_NETWORK_RULE) ENABLED = TRUE',
  'GRANT USAGE ON INTEGRATION QK_ACCESS TO ROLE QUICKSTART_ROLE',
];

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail('expected the statement to fail');
}

describe('Openflow gen 2 in the emulator', () => {
  let sb: SandboxWarehouse;
  before(async () => {
    sb = await startSandboxWarehouse();
    for (const s of SETUP) await sb.warehouse.execute(s);
  });
  after(() => sb?.stop());

  test('a deployment: documented columns, CREATING then ACTIVE through the wait function', async () => {
    const w = sb.warehouse;
    await w.execute("CREATE OPENFLOW DEPLOYMENT QUICKSTART_KAFKA_DEPLOYMENT DEPLOYMENT_TYPE = SNOWFLAKE COMMENT = 'quickstart'");
    const [row] = await w.execute("SHOW OPENFLOW DEPLOYMENTS LIKE 'QUICKSTART%'");
    assert.deepEqual(Object.keys(row!), ['name', 'type', 'status', 'vpc_type', 'display_name', 'use_private_link', 'use_user_auth_over_private_link', 'custom_ingress_hostname', 'key', 'owner', 'comment', 'created_on', 'updated_on']);
    assert.equal(row!.status, 'CREATING');
    assert.equal(row!.type, 'SNOWFLAKE');
    assert.match(await errorOf(w.execute("SELECT SYSTEM$WAIT_FOR_OPENFLOW_DEPLOYMENT_STATUS(0, 'ACTIVE', 'QUICKSTART_KAFKA_DEPLOYMENT')")), /Timeout of 0 seconds.*CREATING/);
    const [ok] = await w.execute("SELECT SYSTEM$WAIT_FOR_OPENFLOW_DEPLOYMENT_STATUS(30, 'ACTIVE', 'QUICKSTART_KAFKA_DEPLOYMENT') AS S");
    assert.equal(ok!.S, 'OK');
    const [desc] = await w.execute('DESCRIBE OPENFLOW DEPLOYMENT QUICKSTART_KAFKA_DEPLOYMENT');
    assert.equal(desc!.status, 'ACTIVE');
    assert.ok(!('created_on' in desc!));
    // IF NOT EXISTS never makes a second one.
    await w.execute('CREATE OPENFLOW DEPLOYMENT IF NOT EXISTS QUICKSTART_KAFKA_DEPLOYMENT');
    assert.equal((await w.execute('SHOW OPENFLOW DEPLOYMENTS')).length, 1);
  });

  test('a runtime: CREATING refuses ALTER, then ACTIVE with the integration and a canvas URL', async () => {
    const w = sb.warehouse;
    await w.execute(
      'CREATE OPENFLOW RUNTIME QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.QUICKSTART_KAFKA_RUNTIME IN DEPLOYMENT QUICKSTART_KAFKA_DEPLOYMENT NODE_TYPE = SMALL MIN_NODES = 1 MAX_NODES = 1 EXECUTE_AS_ROLE = QUICKSTART_ROLE EXTERNAL_ACCESS_INTEGRATIONS = (QK_ACCESS)',
    );
    assert.match(await errorOf(w.execute('ALTER OPENFLOW RUNTIME QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.QUICKSTART_KAFKA_RUNTIME SUSPEND')), /CREATING.*not allowed/);
    const [ok] = await w.execute("SELECT SYSTEM$WAIT_FOR_STABLE_OPENFLOW_RUNTIMES(30, 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.QUICKSTART_KAFKA_RUNTIME') AS S");
    assert.equal(ok!.S, 'OK');
    const [row] = await w.execute("SHOW OPENFLOW RUNTIMES LIKE 'QUICKSTART_KAFKA_RUNTIME' IN ACCOUNT");
    assert.deepEqual(Object.keys(row!), ['name', 'status', 'deployment', 'min_nodes', 'max_nodes', 'node_type', 'node_type_tier', 'display_name', 'external_access_integrations', 'initially_suspended', 'database_name', 'schema_name', 'execute_as_role', 'key', 'owner', 'comment', 'created_on', 'updated_on']);
    assert.equal(row!.status, 'ACTIVE');
    assert.equal(row!.node_type_tier, 'S1');
    assert.equal(row!.min_nodes, 1);
    assert.deepEqual(JSON.parse(String(row!.external_access_integrations)), ['QK_ACCESS']);
    const [desc] = await w.execute('DESC OPENFLOW RUNTIME QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.QUICKSTART_KAFKA_RUNTIME');
    assert.match(String(desc!.server_url), /^https:\/\/of--.*\/nifi\/$/);

    const gate = sb.running.connectorGate({ database: 'QUICKSTART_KAFKA_CONNECTOR_DB', role: 'QUICKSTART_ROLE' });
    assert.equal(gate.run, true);
    assert.ok(gate.run && mayReach(gate.endpoints, 'b1.example.com', 9092));
    assert.ok(gate.run && mayReach(gate.endpoints, 'b7.kafka.example.com', 9093));
    assert.ok(gate.run && !mayReach(gate.endpoints, 'b1.example.com', 9093));
  });

  test('removing the integration leaves the runtime unable to reach Kafka; adding it back fixes that', async () => {
    const w = sb.warehouse;
    const name = 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.QUICKSTART_KAFKA_RUNTIME';
    await w.execute(`ALTER OPENFLOW RUNTIME ${name} REMOVE EXTERNAL_ACCESS_INTEGRATIONS = (QK_ACCESS)`);
    await w.execute(`SELECT SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS(30, 'ACTIVE', '${name}')`);
    const gate = sb.running.connectorGate({ database: 'QUICKSTART_KAFKA_CONNECTOR_DB', role: 'QUICKSTART_ROLE' });
    assert.equal(gate.run, false);
    assert.match(!gate.run ? gate.reason : '', /no external access integration/);
    await w.execute(`ALTER OPENFLOW RUNTIME ${name} ADD EXTERNAL_ACCESS_INTEGRATIONS = (QK_ACCESS)`);
    const [row] = await w.execute(`DESCRIBE OPENFLOW RUNTIME ${name}`);
    assert.equal(row!.status, 'UPDATING');
    await w.execute(`SELECT SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS(30, 'ACTIVE', '${name}')`);
  });

  test('a runtime whose role cannot use its integration fails, and the wait function says why', async () => {
    const w = sb.warehouse;
    await w.execute(
      'CREATE OPENFLOW RUNTIME QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.FAILING IN DEPLOYMENT QUICKSTART_KAFKA_DEPLOYMENT NODE_TYPE = SMALL MIN_NODES = 1 MAX_NODES = 1 EXECUTE_AS_ROLE = QUICKSTART_ROLE EXTERNAL_ACCESS_INTEGRATIONS = (QK_UNGRANTED)',
    );
    const message = await errorOf(w.execute("SELECT SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS(30, 'ACTIVE', 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.FAILING')"));
    assert.match(message, /CREATE_FAILED.*no USAGE on integration QK_UNGRANTED/);
    // A failed runtime can only be terminated, then dropped.
    assert.match(await errorOf(w.execute('DROP OPENFLOW RUNTIME QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.FAILING')), /only a TERMINATED runtime/);
    await w.execute('ALTER OPENFLOW RUNTIME QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.FAILING TERMINATE');
    await w.execute("SELECT SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS(30, 'TERMINATED', 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.FAILING')");
    await w.execute('DROP OPENFLOW RUNTIME QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.FAILING');
  });

  test('at most 3 Snowflake deployments; a role without the privilege is refused', async () => {
    const w = sb.warehouse;
    await w.execute('CREATE OPENFLOW DEPLOYMENT D2');
    await w.execute('CREATE OPENFLOW DEPLOYMENT D3');
    assert.match(await errorOf(w.execute('CREATE OPENFLOW DEPLOYMENT D4')), /already has 3 Snowflake deployments, the maximum is 3/);
    await w.execute('GRANT ROLE QUICKSTART_ROLE TO USER QUICKSTART_USER');
    const other = await sb.connect();
    await other.execute('USE ROLE QUICKSTART_ROLE');
    assert.match(await errorOf(other.execute('CREATE OPENFLOW DEPLOYMENT D5')), /Insufficient privileges/);
    // SHOW lists only what the role holds a privilege on.
    assert.equal((await other.execute('SHOW OPENFLOW DEPLOYMENTS')).length, 0);
    for (const d of ['D2', 'D3']) {
      await w.execute(`SELECT SYSTEM$WAIT_FOR_STABLE_OPENFLOW_DEPLOYMENTS(30, '${d}')`);
      await w.execute(`ALTER OPENFLOW DEPLOYMENT ${d} TERMINATE`);
    }
    await w.execute("SELECT SYSTEM$WAIT_FOR_OPENFLOW_DEPLOYMENT_STATUS(30, 'TERMINATED', 'D2', 'D3')");
    await w.execute('DROP OPENFLOW DEPLOYMENT D2');
    await w.execute('CREATE OPENFLOW DEPLOYMENT D4');
  });

  test('cleanup order: SUSPEND, TERMINATE, DROP; a deployment with a runtime cannot be terminated', async () => {
    const w = sb.warehouse;
    const name = 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.QUICKSTART_KAFKA_RUNTIME';
    assert.match(await errorOf(w.execute('ALTER OPENFLOW DEPLOYMENT QUICKSTART_KAFKA_DEPLOYMENT TERMINATE')), /still has runtimes/);
    await w.execute(`ALTER OPENFLOW RUNTIME ${name} SUSPEND`);
    await w.execute(`SELECT SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS(30, 'SUSPENDED', '${name}')`);
    await w.execute(`ALTER OPENFLOW RUNTIME ${name} TERMINATE`);
    await w.execute(`SELECT SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS(30, 'TERMINATED', '${name}')`);
    await w.execute(`DROP OPENFLOW RUNTIME ${name}`);
    assert.equal((await w.execute('SHOW OPENFLOW RUNTIMES IN ACCOUNT')).length, 0);
  });
});

test('an account without Openflow gen 2: SHOW OPENFLOW DEPLOYMENTS does not compile', async () => {
  const sb = await startSandboxWarehouse({ openflow: { gen2: false } });
  try {
    assert.match(await errorOf(sb.warehouse.execute('SHOW OPENFLOW DEPLOYMENTS')), /syntax error .*unexpected 'DEPLOYMENTS'/);
  } finally {
    await sb.stop();
  }
});
