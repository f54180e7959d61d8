// One walk per state file: a second walk of the same profile is refused, naming the first (two at
// once produced every log twice: 260 rows for 130), a reset waits for it, and a lock whose walk
// is gone (killed) is taken over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { lockWalk, walkHolding } from '../../src/engine/walk-lock.js';
import { StateError } from '../../src/engine/state.js';

const LOCK = fileURLToPath(new URL('../../src/engine/walk-lock.ts', import.meta.url));

test('a live walk holds the lock; once it is gone the lock is taken over and released', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oqs-lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const stateFile = path.join(dir, 'default.json');

  // Another process takes the lock and keeps it until killed (so it never releases it).
  const other = execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import { lockWalk } from ${JSON.stringify(LOCK)}; lockWalk(${JSON.stringify(stateFile)}, 'default'); console.log('locked'); setInterval(() => {}, 1000);`], { reject: false });
  await new Promise<void>((resolve) => other.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()));

  assert.equal(walkHolding(stateFile), other.pid);
  assert.throws(() => lockWalk(stateFile, 'default'), (err: Error) => err instanceof StateError && err.message === `another walk of profile "default" is running (pid ${other.pid}) on ${stateFile}`);

  other.kill('SIGKILL');
  await other;
  assert.equal(walkHolding(stateFile), null, 'a killed walk holds nothing');
  const lock = lockWalk(stateFile, 'default');
  assert.ok(existsSync(`${stateFile}.lock`));
  lock.release();
  assert.equal(existsSync(`${stateFile}.lock`), false);
});
