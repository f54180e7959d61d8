// A real account whose Snowflake CLI connection (connections.toml) has no password, next to a real
// Kafka (real-kafka, SASL_SSL): the commands that only use Kafka must not demand Snowflake's
// password; test-connection, headless, still tests Kafka and reports Snowflake's missing password
// as that side's result; `status`, which needs Snowflake, asks for it on a terminal as the walk does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { Secret } from '../../src/config/types.js';
import { realKafka } from '../support/real-kafka.js';
import { CLI, runCli, saslSslEnv, tempDir, uniqueTopic } from '../support/cli.js';

const USER = 'NO_PASSWORD_USER';
const PASSWORD = 'typed-at-the-prompt-7c2';
let root: string;
let emulator: RunningWarehouse;
let snowflakeHome: string;
const topic = uniqueTopic();

before(async () => {
  root = tempDir('oqs-no-sf-password-');
  emulator = await startWarehouse({ dataDir: path.join(root, 'emulator'), users: [{ name: USER, password: PASSWORD }] });
  snowflakeHome = path.join(root, 'snowflake');
  mkdirSync(snowflakeHome);
  writeFileSync(
    path.join(snowflakeHome, 'connections.toml'),
    `[default]\naccount = "${emulator.account}"\nhost = "127.0.0.1"\nport = ${new URL(emulator.accessUrl).port}\nprotocol = "http"\nuser = "${USER}"\n`,
    { mode: 0o600 },
  );
  const k = realKafka();
  const kafka = new KafkaGateway({ brokers: [k.saslSsl], topic, securityProtocol: 'SASL_SSL', saslMechanism: 'PLAIN', username: k.username, password: new Secret(k.password), caFile: k.caFile, sources: {} });
  try {
    await kafka.createTopic({ topic, partitions: 3, replicationFactor: 1 });
  } finally {
    await kafka.close();
  }
});
after(async () => {
  await emulator?.stop();
  rmSync(root, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({ ...saslSslEnv(topic), SNOWFLAKE_HOME: snowflakeHome, ...extra });

test('logs produces to Kafka without a Snowflake password', async () => {
  const r = await runCli(['logs', '--count', '1', '--yes'], { cwd: tempDir(), env: env() });
  assert.equal(r.exitCode, 0, r.all);
  assert.match(r.stderr, /Producing 1 base log events/);
  assert.doesNotMatch(r.all, /password not set/);
});

test('openflow-params prints the contexts without a Snowflake password', async () => {
  const r = await runCli(['openflow-params', '--json'], { cwd: tempDir(), env: env() });
  assert.equal(r.exitCode, 0, r.all);
  assert.ok(JSON.parse(r.stdout).contexts.length > 0);
});

test('test-connection, headless: Kafka is tested; Snowflake\'s missing password is its result (exit 2)', async () => {
  const r = await runCli(['test-connection', '--yes'], { cwd: tempDir(), env: env() });
  assert.equal(r.exitCode, 2, r.all);
  assert.match(r.stdout, /reachable, and authentication works/);
  assert.match(r.stdout, /Result: OK; nothing was written to the topic/);
  assert.match(r.stdout, /Snowflake connection test\n.*not tested: Snowflake password not set/);
});

test('test-connection with the password logs in to Snowflake too', async () => {
  const r = await runCli(['test-connection', '--yes'], { cwd: tempDir(), env: env({ SNOWFLAKE_PASSWORD: PASSWORD }) });
  assert.equal(r.exitCode, 0, r.all);
  assert.match(r.stdout, new RegExp(`logged in as ${USER}`));
  assert.doesNotMatch(r.all, new RegExp(PASSWORD));
});

test('status on a terminal asks for the missing Snowflake password, then reports', async () => {
  const cwd = tempDir();
  const vars = Object.entries(env()).map(([k, v]) => `${k}='${v}'`).join(' ');
  const child = spawn('script', ['-qfec', `env ${vars} ${process.execPath} ${CLI} status`, path.join(cwd, 'typescript')], {
    cwd,
    env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: '1', CI: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let typed = false;
  const code = await new Promise<number | null>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (!typed && /Snowflake password for/.test(screen)) {
        typed = true;
        child.stdin.write(`${PASSWORD}\r`);
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (c) => {
      clearTimeout(guard);
      resolve(c);
    });
  });
  const text = screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  assert.ok(typed, `no password prompt:\n${text}`);
  assert.equal(code, 0, text);
  assert.match(text, /create-topic/);
  assert.doesNotMatch(text, new RegExp(PASSWORD));
});
