// A service killed with -9 comes back on the next command, and the connector resumes from its
// stored offsets: exactly the rows produced, none lost, none twice. Killed under a walk, the walk
// says so at once and resumes on the next run.
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

test('a service killed with -9 in the middle of a walk: the walk says so in one line, exit 1; run again, it resumes with exact rows', async (t) => {
  const cwd = tempDir();
  t.after(() => runCli(['sandbox', 'down'], { cwd }));
  assert.equal((await runCli(['sandbox', 'up', '--detach'], { cwd })).exitCode, 0);
  const killed = servicePid(cwd);
  // One record per produce request, so the walk is surely mid-produce when the kill lands.
  const walk = runCli(['run', '--sandbox', '--yes'], { cwd, timeoutMs: 150_000, env: { OQS_PRODUCE_CHUNK_RECORDS: '1' } });
  let seen = '';
  const reached = await new Promise<boolean>((resolve) => {
    walk.all.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (/produce-base-logs: [1-9]\d*\/50/.test(seen)) resolve(true);
    });
    void walk.then(() => resolve(false));
  });
  assert.ok(reached, seen);
  process.kill(killed, 'SIGKILL');
  const cut = await walk;
  assert.equal(cut.exitCode, 1, cut.all);
  // Said at once, not after the step's own limit ran out ("checking took longer than 30s").
  const errors = cut.all.split('\n').filter((l) => l.startsWith('error:'));
  assert.deepEqual(errors, [`error: the sandbox service (pid ${killed}) stopped while this command was using it`], cut.all);
  assert.match(cut.all, /Run the same command again/);
  assert.doesNotMatch(cut.all, /took longer than|unexpected|\n\s+at /);

  const again = await runCli(['run', '--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  assert.equal(again.exitCode, 0, again.all);
  assert.match(again.all, /had stopped without `sandbox down`; starting it again/);
  assert.match(again.all, /ok +verify-evolved-columns: 37 columns, 130 rows of 130 produced/);
  assert.equal(await rowCount(cwd), 130);
  await down(cwd);
  assert.deepEqual(processesOf(cwd), []);
});
