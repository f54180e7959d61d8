// A Snowflake connection whose role is not ACCOUNTADMIN (`role = "SYSADMIN"` in connections.toml,
// a common setting). The tutorial makes its objects as ACCOUNTADMIN, and the walk switches to it
// where it acts; `status` looked with the connection's role and called a finished setup missing
// (database, warehouse) and the runtime absent, "this step creates it". Kafka is the embedded
// broker, Snowflake the emulator reached through connections.toml's host/port/protocol.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startBroker, type RunningBroker } from '../../src/sandbox/broker/index.js';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import { runCli, tempDir } from '../support/cli.js';

const USER = 'ROLE_TEST_USER';
const PASSWORD = 'role-test-password-7c3';
let root: string;
let emulator: RunningWarehouse;
let broker: RunningBroker;
let env: Record<string, string>;

before(async () => {
  root = tempDir('oqs-connection-role-');
  emulator = await startWarehouse({ dataDir: path.join(root, 'emulator'), users: [{ name: USER, password: PASSWORD }], openflow: { transitionMs: 100 } });
  broker = await startBroker({ dataDir: path.join(root, 'broker'), log: () => undefined });
  const snowflakeHome = path.join(root, 'snowflake');
  mkdirSync(snowflakeHome);
  writeFileSync(
    path.join(snowflakeHome, 'connections.toml'),
    `[default]\naccount = "${emulator.account}"\nhost = "127.0.0.1"\nport = ${new URL(emulator.accessUrl).port}\nprotocol = "http"\nuser = "${USER}"\npassword = "${PASSWORD}"\nrole = "SYSADMIN"\n`,
    { mode: 0o600 },
  );
  env = { SNOWFLAKE_HOME: snowflakeHome, KAFKA_BROKERS: broker.bootstrap.join(','), KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' };
});
after(async () => {
  await broker?.stop();
  await emulator?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('status with a SYSADMIN connection sees what the walk made as ACCOUNTADMIN', async () => {
  const cwd = tempDir();
  // Up to the hand-off: no connector consumes here, so the walk stops there (exit 1).
  const walked = await runCli(['run', '--yes', '--connector-timeout', '1'], { cwd, env, timeoutMs: 120_000 });
  assert.equal(walked.exitCode, 1, walked.all);
  assert.match(walked.all, /ok +openflow-runtime:/);

  const r = await runCli(['status', '--json'], { cwd, env });
  assert.equal(r.exitCode, 0, r.all);
  const live = Object.fromEntries((JSON.parse(r.stdout) as { steps: Array<{ step: string; live: string; detail: string }> }).steps.map((s) => [s.step, `${s.live}: ${s.detail}`]));
  assert.match(live['setup-sql']!, /^done: /);
  assert.match(live['openflow-deployment']!, /^done: deployment QUICKSTART_KAFKA_DEPLOYMENT is ACTIVE/);
  assert.match(live['openflow-runtime']!, /^done: runtime QUICKSTART_KAFKA_RUNTIME is ACTIVE/);
  assert.match(live['cleanup']!, /still there: Openflow runtime QUICKSTART_KAFKA_RUNTIME, database QUICKSTART_KAFKA_CONNECTOR_DB/);

  // Snowflake out of reach (a VPN down): status still shows what is recorded and Kafka's live
  // answers, marks Snowflake's steps unchecked, and exits 2 as before. It used to print that one error line only.
  const away = await runCli(['status', '--json', '--timeout', '3'], { cwd, env: { ...env, SNOWFLAKE_PORT: '1' } });
  assert.equal(away.exitCode, 2, away.all);
  const report = JSON.parse(away.stdout) as { snowflakeProblem?: string; steps: Array<{ step: string; recorded: string; live: string; detail: string }> };
  assert.match(report.snowflakeProblem ?? '', /reach Snowflake/i);
  const byStep = Object.fromEntries(report.steps.map((s) => [s.step, s]));
  assert.deepEqual([byStep['setup-sql']!.recorded, byStep['setup-sql']!.live, byStep['setup-sql']!.detail], ['done', 'unknown', 'not checked: Snowflake cannot be reached (above)']);
  assert.equal(byStep['create-topic']!.live, 'done', 'Kafka is still checked');
  assert.doesNotMatch(away.all, new RegExp(PASSWORD));
});
