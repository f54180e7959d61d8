// Any number of commands at once share one sandbox: with no service the first hosts a private
// one and the others use it; with `sandbox up` all of them use the service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { down, processesOf, runCli, tempDir } from './support.js';

test('concurrent clients: several commands at once share one sandbox, with or without `sandbox up`', async (t) => {
  const cwd = tempDir();
  t.after(() => runCli(['sandbox', 'down'], { cwd }));
  // No service: the first command hosts a private sandbox; the others use it (none is turned away).
  const first = await Promise.all([1, 2, 3].map((i) => runCli(['query', '--sandbox', `SELECT ${i} AS N`], { cwd })));
  for (const r of first) assert.equal(r.exitCode, 0, r.all);
  assert.deepEqual(processesOf(cwd), []);

  const up = await runCli(['sandbox', 'up', '--detach'], { cwd });
  assert.equal(up.exitCode, 0, up.all);
  const many = await Promise.all([
    runCli(['test-connection', '--sandbox'], { cwd }),
    runCli(['status', '--sandbox'], { cwd }),
    ...[1, 2].map((i) => runCli(['query', '--sandbox', `SELECT ${i} AS N`], { cwd })),
  ]);
  for (const r of many) assert.equal(r.exitCode, 0, r.all);
  const again = await runCli(['sandbox', 'up', '--detach'], { cwd });
  assert.equal(again.exitCode, 0, again.all);
  assert.match(again.stdout, /already running/);
  await down(cwd);
  assert.deepEqual(processesOf(cwd), []);
});
