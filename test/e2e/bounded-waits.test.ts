// Every wait has a limit: a broker that accepts connections and never answers is reported within
// --timeout with what was tried (it took 44 s before, whatever one wanted), a bad limit is a usage
// error, and SIGTERM stops a walk as Ctrl-C does (exit 130, the step recorded as interrupted).
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

test('a --timeout that is not a number of seconds is a usage error', async () => {
  for (const args of [['status', '--timeout', 'soon'], ['query', '--timeout', '0', 'SELECT 1']]) {
    const r = await runCli(args, { cwd: tempDir() });
    assert.equal(r.exitCode, 2, r.all);
    assert.match(r.all, /^error: --timeout \(flag\): /m);
  }
});

test('SIGTERM during a walk stops it as Ctrl-C does: exit 130, the step recorded as interrupted', async () => {
  const cwd = tempDir();
  const child = execa(process.execPath, [CLI, '--sandbox', '--yes'], {
    cwd,
    env: { OQS_PRODUCE_CHUNK_RECORDS: '1', NO_COLOR: '1', SNOWFLAKE_HOME: path.join(cwd, 'no-snowflake') },
    reject: false,
    all: true,
  });
  let seen = '';
  const reached = await new Promise<boolean>((resolve) => {
    child.all!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (/produce-base-logs: [1-9]\d*\/50/.test(seen)) resolve(true);
    });
    void child.then(() => resolve(false));
  });
  assert.ok(reached, seen);
  child.kill('SIGTERM');
  const r = await child;
  assert.equal(r.exitCode, 130, r.all);
  assert.match(r.all, /STOP produce-base-logs/);
  const state = JSON.parse(readFileSync(path.join(cwd, '.openflow-quickstart', 'sandbox', 'default.json'), 'utf8')) as { steps: Record<string, { status: string }> };
  assert.equal(state.steps['produce-base-logs']?.status, 'interrupted');
});
