// A service killed with -9 comes back on the next command, and the connector resumes from its
// stored offsets: exactly the rows produced, none lost, none twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { down, processesOf, rowCount, runCli, servicePid, tempDir, untilRows } from './support.js';

test('a service killed with -9 comes back on the next command with exact rows', async (t) => {
  const cwd = tempDir();
  t.after(() => runCli(['sandbox', 'down'], { cwd }));
  assert.equal((await runCli(['sandbox', 'up', '--detach'], { cwd })).exitCode, 0);
  const walked = await runCli(['run', '--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  assert.equal(walked.exitCode, 0, walked.all);

  const killed = servicePid(cwd);
  const logs = await runCli(['logs', '--sandbox', '--count', '3000'], { cwd });
  assert.equal(logs.exitCode, 0, logs.all);
  process.kill(killed, 'SIGKILL'); // most likely while the connector still ingests
  await sleep(200);

  const status = await runCli(['sandbox', 'status'], { cwd });
  assert.match(status.stdout, new RegExp(`pid ${killed} is gone`));
  const back = await runCli(['query', '--sandbox', 'SELECT 1 AS ONE'], { cwd });
  assert.equal(back.exitCode, 0, back.all);
  assert.match(back.stderr, /had stopped without `sandbox down`; starting it again/);
  assert.notEqual(servicePid(cwd), killed);

  assert.equal(await untilRows(cwd, 3130), 3130);
  await sleep(1_500); // nothing more arrives: none twice
  assert.equal(await rowCount(cwd), 3130);
  await down(cwd);
  assert.deepEqual(processesOf(cwd), []);
});
