// Every wait has a limit: a broker that accepts connections and never answers, and a Snowflake
// endpoint that never answers, are each reported within --timeout (15 s by default) with what was
// tried (the broker took 44 s before, whatever one wanted); a bad limit is a usage error, and
// SIGTERM stops a walk as Ctrl-C does (exit 130, the step recorded as interrupted), also while
// it waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { CLI, runCli, tempDir } from '../support/cli.js';

/** A TCP server that accepts every connection and never sends a byte. */
async function silentServer(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

test('a broker that accepts connections but never answers is reported within --timeout, with what was tried', async () => {
  const silent = await silentServer();
  try {
    // The process timeout is the test's: a CLI still waiting after 40 s has no limit that works.
    const r = await runCli(['test-connection', '--brokers', `127.0.0.1:${silent.port}`, '--timeout', '3'], { cwd: tempDir(), timeoutMs: 40_000 });
    assert.equal(r.timedOut, false, 'the CLI ended by itself');
    assert.equal(r.exitCode, 1, r.all);
    assert.match(r.all, new RegExp(`Kafka did not answer within 3s while .*; tried 127\\.0\\.0\\.1:${silent.port} \\(accepts connections, but sent no Kafka answer\\)`));
    assert.match(r.all, /--timeout/);
    assert.doesNotMatch(r.all, /unexpected|\n\s+at /);
  } finally {
    silent.close();
  }
});

test('by default, a silent broker is reported within 15 s', async () => {
  const silent = await silentServer();
  try {
    const r = await runCli(['test-connection', '--brokers', `127.0.0.1:${silent.port}`], { cwd: tempDir(), timeoutMs: 90_000 });
    assert.equal(r.timedOut, false, 'the CLI ended by itself');
    assert.equal(r.exitCode, 1, r.all);
    assert.match(r.all, new RegExp(`Kafka did not answer within 15s while .*; tried 127\\.0\\.0\\.1:${silent.port}`));
  } finally {
    silent.close();
  }
});

/** Snowflake settings for an endpoint that is the silent server (http, as a proxy or emulator would be). */
function silentSnowflake(port: number): Record<string, string> {
  return { SNOWFLAKE_ACCOUNT: 'silent-account', SNOWFLAKE_USER: 'SILENT_USER', SNOWFLAKE_PASSWORD: 'silent-pw-9f2', SNOWFLAKE_HOST: '127.0.0.1', SNOWFLAKE_PORT: String(port), SNOWFLAKE_PROTOCOL: 'http' };
}

test('a Snowflake endpoint that accepts connections but never answers is reported within --timeout, with what was tried', async () => {
  const silent = await silentServer();
  try {
    const r = await runCli(['query', '--timeout', '3', 'SELECT 1'], { cwd: tempDir(), env: silentSnowflake(silent.port), timeoutMs: 40_000 });
    assert.equal(r.timedOut, false, 'the CLI ended by itself');
    assert.equal(r.exitCode, 1, r.all);
    assert.match(r.all, new RegExp(`Snowflake at 127\\.0\\.0\\.1:${silent.port} did not answer within 3s; tried to log in as SILENT_USER`));
    assert.match(r.all, /--timeout/);
    assert.doesNotMatch(r.all, /unexpected|\n\s+at |silent-pw-9f2/);
  } finally {
    silent.close();
  }
});

test('by default, a silent Snowflake is reported within 15 s; the walk stops there too', async () => {
  const silent = await silentServer();
  const broker = await silentServer();
  try {
    const env = { ...silentSnowflake(silent.port), KAFKA_BOOTSTRAP_SERVERS: `127.0.0.1:${broker.port}` };
    const q = await runCli(['query', 'SELECT 1'], { cwd: tempDir(), env, timeoutMs: 90_000 });
    assert.equal(q.timedOut, false, 'query ended by itself');
    assert.equal(q.exitCode, 1, q.all);
    assert.match(q.all, /did not answer within 15s; tried to log in as SILENT_USER/);
    // The walk: both silent; what it reports first is reported within the limit, and it ends.
    const walk = await runCli(['run', '--yes', '--timeout', '4'], { cwd: tempDir(), env, timeoutMs: 90_000 });
    assert.equal(walk.timedOut, false, 'the walk ended by itself');
    assert.equal(walk.exitCode, 1, walk.all);
    assert.match(walk.all, /did not answer within 4s/);
    assert.doesNotMatch(walk.all, /unexpected|\n\s+at |silent-pw-9f2/);
  } finally {
    silent.close();
    broker.close();
  }
});

test('a --timeout that is not a number of seconds is a usage error', async () => {
  for (const args of [['status', '--timeout', 'soon'], ['query', '--timeout', '0', 'SELECT 1']]) {
    const r = await runCli(args, { cwd: tempDir() });
    assert.equal(r.exitCode, 2, r.all);
    assert.match(r.all, /^error: --timeout \(flag\): /m);
  }
});

/** A headless sandbox walk sent SIGTERM once its output matches `when`; its result and state file. */
async function termWhen(cwd: string, when: RegExp, env: Record<string, string>) {
  const child = execa(process.execPath, [CLI, '--sandbox', '--yes'], {
    cwd,
    env: { NO_COLOR: '1', SNOWFLAKE_HOME: path.join(cwd, 'no-snowflake'), ...env },
    reject: false,
    all: true,
  });
  let seen = '';
  const reached = await new Promise<boolean>((resolve) => {
    child.all!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (when.test(seen)) resolve(true);
    });
    void child.then(() => resolve(false));
  });
  assert.ok(reached, seen);
  child.kill('SIGTERM');
  const r = await child;
  const state = JSON.parse(readFileSync(path.join(cwd, '.openflow-quickstart', 'sandbox', 'default.json'), 'utf8')) as { steps: Record<string, { status: string }> };
  return { r, state };
}

test('SIGTERM during a walk stops it as Ctrl-C does: exit 130, the step recorded as interrupted', async () => {
  const { r, state } = await termWhen(tempDir(), /produce-base-logs: [1-9]\d*\/50/, { OQS_PRODUCE_CHUNK_RECORDS: '1' });
  assert.equal(r.exitCode, 130, r.all);
  assert.match(r.all, /STOP produce-base-logs/);
  assert.equal(state.steps['produce-base-logs']?.status, 'interrupted');
});

test('SIGTERM during a wait (an Openflow deployment still CREATING) stops it there; the next run waits on the same deployment', async () => {
  const cwd = tempDir();
  // The emulated deployment takes a minute to become ACTIVE: the walk is surely waiting on it.
  const { r, state } = await termWhen(cwd, /openflow-deployment: \d+\/60 s \(\d+%\) CREATING/, { OQS_SANDBOX_OPENFLOW_MS: '60000' });
  assert.equal(r.exitCode, 130, r.all);
  assert.match(r.all, /STOP openflow-deployment/);
  assert.doesNotMatch(r.all, /unexpected|\n\s+at /);
  assert.equal(state.steps['openflow-deployment']?.status, 'interrupted');

  const again = await runCli(['--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  assert.equal(again.exitCode, 0, again.all);
  assert.doesNotMatch(again.all, /Creating Openflow deployment/);
  assert.match(again.all, /ok +verify-evolved-columns: 37 columns, 130 rows of 130 produced/);
});
