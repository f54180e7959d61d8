// A stale card (its process gone, or garbage) never blocks: status says so, down tidies it, up
// and a command's private sandbox start as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { down, processesOf, runCli, sandboxDir, servicePid, tempDir } from './support.js';

test('a stale card (dead pid, or not ours) never blocks: status says so, up starts, down tidies', async (t) => {
  const cwd = tempDir();
  t.after(() => runCli(['sandbox', 'down'], { cwd }));
  const dir = sandboxDir(cwd);
  // A real, finished process's pid: certainly dead.
  const dead = Number(execFileSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).trim());
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stale = (mode: string) =>
    writeFileSync(
      path.join(dir, 'service.json'),
      JSON.stringify({
        version: 1,
        pid: dead,
        mode,
        command: 'sandbox up',
        startedAt: new Date().toISOString(),
        control: { url: 'http://127.0.0.1:9', token: 'x' },
        kafka: { bootstrap: ['127.0.0.1:9'], username: 'quickstart', password: 'old' },
        snowflake: { accessUrl: 'http://127.0.0.1:9', account: 'SANDBOX', user: 'QUICKSTART_USER', password: 'old' },
      }),
      { mode: 0o600 },
    );

  stale('service');
  const status = await runCli(['sandbox', 'status'], { cwd });
  assert.equal(status.exitCode, 0, status.all);
  assert.match(status.stdout, new RegExp(`pid ${dead} is gone`));
  const tidy = await runCli(['sandbox', 'down'], { cwd });
  assert.equal(tidy.exitCode, 0, tidy.all);
  assert.match(tidy.stdout, /was not running/);

  stale('private');
  const query = await runCli(['query', '--sandbox', 'SELECT 1 AS ONE'], { cwd });
  assert.equal(query.exitCode, 0, query.all);
  assert.doesNotMatch(query.stderr, /starting it again/); // a command's own sandbox is not brought back
  assert.ok(!existsSync(path.join(dir, 'service.json'))); // and it took its card with it

  writeFileSync(path.join(dir, 'service.json'), '{ not json');
  const up = await runCli(['sandbox', 'up', '--detach'], { cwd });
  assert.equal(up.exitCode, 0, up.all);
  assert.notEqual(servicePid(cwd), dead);
  await down(cwd);
  assert.deepEqual(processesOf(cwd), []);
});
