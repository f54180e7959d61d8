// A person with only a Snowflake CLI connection (~/.snowflake/connections.toml) and no Kafka
// configuration (#13): `query` and `sql` need no Kafka cluster and must work; the walk, which
// does need one, still says so in one line with exit 2. Snowflake is the local emulator, reached
// through connections.toml's host/port/protocol as a proxy would be.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import { runCli, tempDir } from '../support/cli.js';

const USER = 'TOML_ONLY_USER';
const PASSWORD = 'toml-only-password-5e1';
let root: string;
let emulator: RunningWarehouse;
let snowflakeHome: string;

before(async () => {
  root = tempDir('oqs-snowflake-only-');
  emulator = await startWarehouse({ dataDir: path.join(root, 'emulator'), users: [{ name: USER, password: PASSWORD }] });
  snowflakeHome = path.join(root, 'snowflake');
  mkdirSync(snowflakeHome);
  writeFileSync(
    path.join(snowflakeHome, 'connections.toml'),
    `[default]\naccount = "${emulator.account}"\nhost = "127.0.0.1"\nport = ${new URL(emulator.accessUrl).port}\nprotocol = "http"\nuser = "${USER}"\npassword = "${PASSWORD}"\n`,
    { mode: 0o600 },
  );
});
after(async () => {
  await emulator?.stop();
  rmSync(root, { recursive: true, force: true });
});

const onlyToml = () => ({ SNOWFLAKE_HOME: snowflakeHome });

test('query with only connections.toml runs on that connection, without asking for Kafka', async () => {
  const cwd = tempDir();
  const r = await runCli(['query', '--json', 'SELECT 41 + 1 AS ANSWER'], { cwd, env: onlyToml() });
  assert.equal(r.exitCode, 0, r.all);
  assert.deepEqual(JSON.parse(r.stdout), [{ ANSWER: 42 }]);
  assert.doesNotMatch(r.all, /Kafka|sandbox/i);
  assert.doesNotMatch(r.all, new RegExp(PASSWORD));
});

test('query with only connections.toml: a failing statement is a failed step (exit 1), not a configuration problem', async () => {
  const r = await runCli(['query', 'SELECT * FROM NO_SUCH_DB.PUBLIC.T'], { cwd: tempDir(), env: onlyToml() });
  assert.equal(r.exitCode, 1, r.all);
  assert.match(r.stderr, /NO_SUCH_DB/);
  assert.doesNotMatch(r.all, /Kafka/);
});

test('sql with only connections.toml prints the script', async () => {
  const r = await runCli(['sql', 'setup'], { cwd: tempDir(), env: onlyToml() });
  assert.equal(r.exitCode, 0, r.all);
  assert.match(r.stdout, /CREATE DATABASE IF NOT EXISTS QUICKSTART_KAFKA_CONNECTOR_DB/);
});

test('the walk with only connections.toml still needs a Kafka cluster: one line, exit 2', async () => {
  const r = await runCli(['run', '--yes'], { cwd: tempDir(), env: onlyToml() });
  assert.equal(r.exitCode, 2, r.all);
  assert.match(r.stderr, /A Snowflake connection is configured, but no Kafka cluster/);
});
