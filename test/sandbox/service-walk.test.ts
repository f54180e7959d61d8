// `sandbox up --detach` serves a walk and a parallel query; the connector keeps consuming after the
// walk (logs --count 10 → 140 rows); `sandbox down` leaves no process behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { down, processesOf, runCli, sandboxDir, servicePid, tempDir, untilRows } from './support.js';

test('sandbox up --detach serves a walk and a parallel query; the connector keeps consuming; down leaves no process', async (t) => {
  const cwd = tempDir();
  t.after(() => runCli(['sandbox', 'down'], { cwd }));
  const up = await runCli(['sandbox', 'up', '--detach'], { cwd });
  assert.equal(up.exitCode, 0, up.all);
  assert.match(up.stdout, /Sandbox "default" is running: service, pid \d+/);
  const pid = servicePid(cwd);

  // Only the owner may read the card with this run's passwords.
  assert.equal(statSync(sandboxDir(cwd)).mode & 0o777, 0o700);
  assert.equal(statSync(path.join(sandboxDir(cwd), 'service.json')).mode & 0o777, 0o600);

  const walk = runCli(['run', '--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  await sleep(500);
  const parallel = await runCli(['query', '--sandbox', 'SELECT 1 AS ONE'], { cwd });
  assert.equal(parallel.exitCode, 0, parallel.all);
  assert.doesNotMatch(parallel.all, /in use by another process/);
  const walked = await walk;
  assert.equal(walked.exitCode, 0, walked.all);
  assert.match(walked.all, new RegExp(`Using the sandbox service \\(pid ${pid}\\)`));
  assert.match(walked.all, /ok +verify-evolved-columns: 37 columns, 130 rows of 130 produced/);

  // The walk has ended; the connector has not.
  const logs = await runCli(['logs', '--sandbox', '--count', '10'], { cwd });
  assert.equal(logs.exitCode, 0, logs.all);
  assert.equal(await untilRows(cwd, 140), 140);

  const status = await runCli(['sandbox', 'status', '--json'], { cwd });
  assert.equal(status.exitCode, 0, status.all);
  const s = JSON.parse(status.stdout) as { running: boolean; pid: number; connectors: Array<{ state: string; rows: number; lag: number }> };
  assert.equal(s.connectors.length, 1);
  assert.deepEqual([s.running, s.pid, s.connectors[0]!.state, s.connectors[0]!.rows, s.connectors[0]!.lag], [true, pid, 'running', 140, 0]);
  assert.doesNotMatch(status.stdout, new RegExp(JSON.parse(readFileSync(path.join(sandboxDir(cwd), 'service.json'), 'utf8')).kafka.password));

  const logsOut = await runCli(['sandbox', 'logs', 'connector', 'service'], { cwd });
  assert.equal(logsOut.exitCode, 0, logsOut.all);
  assert.match(logsOut.stdout, /connector \| .*wrote \d+ rows to APPLICATION-LOGS/);

  await down(cwd);
  assert.deepEqual(processesOf(cwd), []);
  const after = await runCli(['sandbox', 'status'], { cwd });
  assert.match(after.stdout, /is not running/);
});
