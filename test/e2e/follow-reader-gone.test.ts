// `sandbox logs -f | head -1` ends once head has gone, though the sandbox is idle and nothing more
// is written (a write is how a closed pipe is usually found): exit 0, as when a write finds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, tempDir } from '../support/cli.js';

test('sandbox logs -f | head -1 exits 0 soon after head is gone, while nothing is written', { timeout: 60_000 }, async (t) => {
  const stateDir = tempDir();
  const dir = path.join(stateDir, 'sandbox', 'default');
  mkdirSync(dir, { recursive: true });
  // One line in each log, and no sandbox running: nothing more will ever be appended.
  for (const part of ['broker', 'emulator', 'connector', 'service']) writeFileSync(path.join(dir, `${part}.log`), `2026-11-30T21:00:00.000Z ${part} started\n`);
  const pipeline = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} sandbox logs -f -n 1 --state-dir ${JSON.stringify(stateDir)} | head -1; echo "status \${PIPESTATUS[0]}" >&2`;
  // Its own process group: a run that hangs (without the fix) is ended whole when the test times out.
  const child = spawn('bash', ['-c', pipeline], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const killAll = () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  };
  t.signal.addEventListener('abort', killAll, { once: true });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  // Without the fix this never ends (the test's timeout fails it).
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 0, err);
  assert.match(out, /^service +\| .* service started\n$/);
  assert.match(err, /status 0/, `sandbox logs' own exit code:\n${err}`);
});
