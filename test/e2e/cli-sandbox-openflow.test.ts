// The built CLI's Openflow objects, read back as a person would: `run --sandbox --yes` leaves
// QUICKSTART_KAFKA_DEPLOYMENT and QUICKSTART_KAFKA_RUNTIME ACTIVE, the runtime with the external
// access integration (SHOW through `query --sandbox --json`, i.e. snowflake-sdk against the
// emulator); a network rule without the brokers' ports stops the hand-off, saying which are
// missing; a `--cleanup` walk leaves neither runtime nor connector, and keeps the deployment.
// The sandbox runs as a service, so what is left can be looked at after the walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TUTORIAL_NAMES } from '../../src/names.js';
import { down, runCli, tempDir } from '../sandbox/support.js';

type Rows = Array<Record<string, unknown>>;

async function query(cwd: string, sql: string): Promise<Rows> {
  const r = await runCli(['query', '--sandbox', '--json', sql], { cwd });
  assert.equal(r.exitCode, 0, r.all);
  return JSON.parse(r.stdout) as Rows;
}

async function connectors(cwd: string): Promise<Array<{ state: string }>> {
  const r = await runCli(['sandbox', 'status', '--json'], { cwd });
  assert.equal(r.exitCode, 0, r.all);
  return (JSON.parse(r.stdout) as { connectors: Array<{ state: string }> }).connectors;
}

test('run --sandbox --yes ends with the deployment and the runtime ACTIVE, the runtime with the integration; a rule without the ports stops the hand-off; --cleanup leaves neither runtime nor connector', async (t) => {
  const cwd = tempDir();
  t.after(() => runCli(['sandbox', 'down'], { cwd }));
  const up = await runCli(['sandbox', 'up', '--detach'], { cwd });
  assert.equal(up.exitCode, 0, up.all);

  const walked = await runCli(['run', '--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  assert.equal(walked.exitCode, 0, walked.all);
  assert.match(walked.all, /ok +openflow-deployment: deployment QUICKSTART_KAFKA_DEPLOYMENT ACTIVE \(created\)/);
  assert.match(walked.all, /ok +openflow-runtime: runtime QUICKSTART_KAFKA_RUNTIME ACTIVE in QUICKSTART_KAFKA_DEPLOYMENT, with QUICKSTART_KAFKA_CONNECTOR_ACCESS \(created\)/);

  const deployments = await query(cwd, 'SHOW OPENFLOW DEPLOYMENTS');
  assert.deepEqual(
    deployments.map((d) => [d.name, d.type, d.status]),
    [[TUTORIAL_NAMES.DEPLOYMENT, 'SNOWFLAKE', 'ACTIVE']],
  );
  const runtimes = await query(cwd, 'SHOW OPENFLOW RUNTIMES IN ACCOUNT');
  assert.deepEqual(
    runtimes.map((r) => [r.name, r.status, r.deployment, r.node_type, r.min_nodes, r.max_nodes, r.execute_as_role, JSON.parse(String(r.external_access_integrations))]),
    [[TUTORIAL_NAMES.RUNTIME, 'ACTIVE', TUTORIAL_NAMES.DEPLOYMENT, 'SMALL', 1, 1, TUTORIAL_NAMES.ROLE, [TUTORIAL_NAMES.INTEGRATION]]],
  );
  assert.deepEqual((await connectors(cwd)).map((c) => c.state), ['running']);

  // The network rule as the tutorial's jq one-liner writes it (hosts, no ports): the hand-off
  // names each broker the runtime cannot reach and the rule, and says to run setup-sql again.
  const rule = `${TUTORIAL_NAMES.DATABASE}.NETWORKS.${TUTORIAL_NAMES.NETWORK_RULE}`;
  const [described] = await query(cwd, `DESCRIBE NETWORK RULE ${rule}`);
  const brokers = String(described!.value_list).split(',');
  assert.equal(brokers.length, 3);
  const hosts = [...new Set(brokers.map((b) => b.slice(0, b.lastIndexOf(':'))))];
  // As the tutorial's role, which owns the rule (the setup script makes it so).
  const replaced = await runCli(
    ['query', '--sandbox', `USE ROLE ${TUTORIAL_NAMES.ROLE}; CREATE OR REPLACE NETWORK RULE ${rule} MODE = EGRESS TYPE = HOST_PORT VALUE_LIST = (${hosts.map((h) => `'${h}'`).join(', ')})`],
    { cwd },
  );
  assert.equal(replaced.exitCode, 0, replaced.all);
  const blocked = await runCli(['run', '--sandbox', '--yes', '--only', 'openflow-connector'], { cwd, timeoutMs: 150_000 });
  assert.equal(blocked.exitCode, 1, blocked.all);
  assert.ok(
    blocked.all.includes(`The network rule ${rule} does not list brokers ${brokers.join(', ')}: the Openflow runtime cannot connect to them. Run setup-sql again (--from setup-sql)`),
    blocked.all,
  );
  // A whole walk puts every broker back in the rule (setup-sql sees the drift) and goes on.
  const mended = await runCli(['run', '--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  assert.equal(mended.exitCode, 0, mended.all);
  assert.match(mended.all, /ok +setup-sql:/);
  assert.deepEqual(String((await query(cwd, `DESCRIBE NETWORK RULE ${rule}`))[0]!.value_list).split(','), brokers);

  const cleaned = await runCli(['run', '--sandbox', '--yes', '--cleanup'], { cwd, timeoutMs: 150_000 });
  assert.equal(cleaned.exitCode, 0, cleaned.all);
  assert.match(cleaned.all, /ok +cleanup: runtime dropped; .*; Openflow deployment QUICKSTART_KAFKA_DEPLOYMENT kept \([\d.]+s\)$/m);
  assert.deepEqual(await query(cwd, 'SHOW OPENFLOW RUNTIMES IN ACCOUNT'), []);
  assert.deepEqual(await connectors(cwd), []);
  // The deployment may host other runtimes: kept unless the person says otherwise (never headless).
  assert.deepEqual((await query(cwd, 'SHOW OPENFLOW DEPLOYMENTS')).map((d) => [d.name, d.status]), [[TUTORIAL_NAMES.DEPLOYMENT, 'ACTIVE']]);
  await down(cwd);
});
