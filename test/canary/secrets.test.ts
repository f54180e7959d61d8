// The secrets canary (issue #13): commands run with distinctive passwords, a token and a key
// passphrase in the environment, .env and connections.toml — walks that succeed and walks that
// fail, status, test-connection, logs, query — then every output, every file the command wrote or
// changed (under its working folder, HOME, SNOWFLAKE_HOME and TMPDIR) and the argv of every process
// it ran (sampled from /proc while it ran) are searched for them. Nothing may be found.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import { CLI, tempDir } from '../support/cli.js';

const SECRETS = {
  kafka: 'KafkaCanary-4d1f9b2e-pw',
  snowflake: 'SnowCanary-8c2a7e51-pw',
  wrongSnowflake: 'WrongSnowCanary-31b0c9d4-pw',
  token: 'TokenCanary-0f7d3a92-pat',
  passphrase: 'PhraseCanary-6e5b1c08-pp',
  dotenv: 'DotenvCanary-2b9e4f17-pw',
  toml: 'TomlCanary-75c3d0a6-pw',
};
const USER = 'CANARY_USER';

let root: string;
let emulator: RunningWarehouse;
let closedPort: number;

before(async () => {
  root = tempDir('oqs-canary-');
  emulator = await startWarehouse({ dataDir: path.join(root, 'emulator'), users: [{ name: USER, password: SECRETS.snowflake }] });
  // A port nothing listens on: the Kafka steps fail there, fast.
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closedPort = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
});
after(async () => {
  await emulator?.stop();
  rmSync(root, { recursive: true, force: true });
});

interface Scenario {
  name: string;
  args: string[];
  env?: (dir: string) => Record<string, string>;
  files?: (dir: string) => Record<string, string>;
  /** The exit codes this scenario may end with (the canary only cares that nothing leaks). */
  codes: number[];
}

const kafkaEnv = (): Record<string, string> => ({
  KAFKA_BROKERS: `127.0.0.1:${closedPort}`,
  KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
  KAFKA_SASL_MECHANISM: 'PLAIN',
  KAFKA_SASL_USERNAME: 'canary-user',
  KAFKA_SASL_PASSWORD: SECRETS.kafka,
});
const snowflakeEnv = (password = SECRETS.snowflake): Record<string, string> => ({
  SNOWFLAKE_ACCOUNT: emulator.account,
  SNOWFLAKE_HOST: '127.0.0.1',
  SNOWFLAKE_PORT: String(new URL(emulator.accessUrl).port),
  SNOWFLAKE_PROTOCOL: 'http',
  SNOWFLAKE_USER: USER,
  SNOWFLAKE_PASSWORD: password,
});
/** Present in every scenario: secrets the command does not use must not leak either. */
const bystanders = (): Record<string, string> => ({ SNOWFLAKE_TOKEN_UNUSED: SECRETS.token, PRIVATE_KEY_PASSPHRASE: SECRETS.passphrase });

const SCENARIOS: Scenario[] = [
  { name: 'sandbox walk', args: ['--sandbox', '--yes'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv() }), codes: [0] },
  { name: 'walk: Snowflake logs in, Kafka unreachable', args: ['--yes'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv() }), codes: [1] },
  { name: 'walk: wrong Snowflake password', args: ['--yes'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv(SECRETS.wrongSnowflake) }), codes: [2] },
  { name: 'status', args: ['status'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv() }), codes: [0, 1] },
  { name: 'status --json', args: ['status', '--json'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv() }), codes: [0, 1] },
  { name: 'test-connection', args: ['test-connection'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv() }), codes: [1] },
  { name: 'logs to Kafka', args: ['logs', '--count', '5'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv() }), codes: [1] },
  { name: 'logs to a file', args: ['logs', '--count', '5', '--output', 'out.jsonl'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv() }), codes: [0] },
  { name: 'query', args: ['query', 'SELECT CURRENT_USER() AS U'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv() }), codes: [0] },
  { name: 'query --json', args: ['query', '--json', 'SELECT CURRENT_USER() AS U'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv() }), codes: [0] },
  { name: 'query, wrong password', args: ['query', 'SELECT 1'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv(SECRETS.wrongSnowflake) }), codes: [2] },
  { name: 'query, failing SQL', args: ['query', 'SELECT * FROM NO_SUCH_DB.PUBLIC.T'], env: () => ({ ...kafkaEnv(), ...snowflakeEnv() }), codes: [1] },
  {
    name: 'status, secrets in .env and connections.toml',
    args: ['status'],
    env: (dir) => ({ SNOWFLAKE_HOME: path.join(dir, 'snowflake') }),
    files: () => ({
      'cwd/.env': `KAFKA_BROKERS=127.0.0.1:${closedPort}\nKAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT\nKAFKA_SASL_MECHANISM=PLAIN\nKAFKA_SASL_USERNAME=u\nKAFKA_SASL_PASSWORD=${SECRETS.dotenv}\n`,
      'snowflake/connections.toml': `[default]\naccount = "${emulator.account}"\nhost = "127.0.0.1"\nport = ${new URL(emulator.accessUrl).port}\nprotocol = "http"\nuser = "${USER}"\npassword = "${SECRETS.toml}"\n`,
    }),
    codes: [0, 1, 2],
  },
  {
    name: 'query with a programmatic access token file',
    args: ['query', 'SELECT 1'],
    env: (dir) => ({ ...kafkaEnv(), ...snowflakeEnv(), SNOWFLAKE_PASSWORD: '', SNOWFLAKE_AUTHENTICATOR: 'PROGRAMMATIC_ACCESS_TOKEN', SNOWFLAKE_TOKEN_FILE_PATH: path.join(dir, 'token') }),
    files: () => ({ token: `${SECRETS.token}\n` }),
    codes: [1, 2],
  },
  {
    name: 'query with an encrypted private key and the wrong passphrase',
    args: ['query', 'SELECT 1'],
    env: (dir) => ({ ...kafkaEnv(), ...snowflakeEnv(), SNOWFLAKE_PASSWORD: '', SNOWFLAKE_AUTHENTICATOR: 'SNOWFLAKE_JWT', SNOWFLAKE_PRIVATE_KEY_FILE: path.join(dir, 'key.p8'), SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: `${SECRETS.passphrase}-wrong` }),
    files: () => ({ 'key.p8': encryptedKey() }),
    codes: [1, 2],
  },
];

for (const scenario of SCENARIOS) {
  test(`no secret leaks: ${scenario.name}`, { timeout: 300_000 }, async () => {
    const dir = path.join(root, scenario.name.replace(/[^a-z0-9]+/gi, '-'));
    for (const sub of ['cwd', 'home', 'snowflake', 'tmp']) mkdirSync(path.join(dir, sub), { recursive: true });
    for (const [rel, text] of Object.entries(scenario.files?.(dir) ?? {})) writeFileSync(path.join(dir, rel), text);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: path.join(dir, 'home'),
      SNOWFLAKE_HOME: path.join(dir, 'snowflake'),
      TMPDIR: path.join(dir, 'tmp'),
      NO_COLOR: '1',
      ...bystanders(),
      ...scenario.env?.(dir),
    };
    const before = snapshot(dir);
    const run = await runWatched(scenario.args, path.join(dir, 'cwd'), env);
    assert.ok(scenario.codes.includes(run.code), `exit ${run.code} (expected ${scenario.codes.join(' or ')}):\n${run.output}`);

    const leaks: string[] = [];
    const secrets = [...Object.values(SECRETS), `${SECRETS.passphrase}-wrong`];
    for (const s of secrets) {
      if (run.output.includes(s)) leaks.push(`output has ${s}`);
      if (run.argv.includes(s)) leaks.push(`a process's argv has ${s}`);
    }
    const after = snapshot(dir);
    const written = [...after.keys()].filter((p) => before.get(p) !== after.get(p) && after.get(p)!.startsWith('f'));
    for (const p of written) {
      const text = readFileSync(path.join(dir, p), 'latin1');
      for (const s of secrets) if (text.includes(s)) leaks.push(`${p} has ${s}`);
    }
    assert.deepEqual(leaks, [], `${leaks.join('\n')}\n--- output:\n${run.output}`);
    // The scan looked at something: the walks and status write state and logs.
    if (scenario.name === 'sandbox walk') assert.ok(written.length > 5, `only ${written.length} files written`);
  });
}

/** The CLI in its own process group; every process of the group has its argv sampled while it runs. */
function runWatched(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; output: string; argv: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let argv = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const sample = () => {
      for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === child.pid) argv += readFileSync(`/proc/${pid}/cmdline`, 'latin1') + '\n';
        } catch {
          // gone meanwhile
        }
      }
    };
    const sampler = setInterval(sample, 100);
    setImmediate(sample);
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      resolve({ code: code ?? 128 + (os.constants.signals[signal as NodeJS.Signals] ?? 0), output, argv });
    });
  });
}

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    const st = lstatSync(path.join(dir, rel), { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const name of readdirSync(path.join(dir, rel))) walk(path.join(rel, name));
    } else out.set(rel, `${st.isFile() ? 'f' : 'o'}:${st.size}:${st.mtimeMs}`);
  };
  walk('');
  return out;
}

function encryptedKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: SECRETS.passphrase },
  });
  return privateKey;
}
