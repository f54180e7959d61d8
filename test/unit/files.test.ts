// Atomic writes on a full disk (an injected ENOSPC, for machines where a tmpfs cannot be
// mounted; test/e2e/full-disk.test.ts fills a real one), the stale-temp sweep, and mkdir -p that
// cannot spin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises, readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ensureDir, sweepStaleTemps, writeAtomically } from '../../src/engine/files.js';
import { diskFull } from '../../src/engine/disk-full.js';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'oqs-files-'));

test('a full disk during an atomic write: the old file stays whole, no temporary file, the error names the file', async (t) => {
  const d = dir();
  const file = path.join(d, 'default.json');
  writeFileSync(file, '{"old":true}\n');
  const realOpen = promises.open;
  t.mock.method(promises, 'open', async (...args: Parameters<typeof promises.open>) => {
    const handle = await realOpen(...args);
    handle.writeFile = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    };
    return handle;
  });
  const err = await writeAtomically(file, '{"new":true}\n').then(() => undefined, (e: unknown) => e);
  t.mock.restoreAll();
  assert.ok(err, 'the write failed');
  assert.equal(diskFull(err)?.message, `no space left on the disk writing ${file}`);
  assert.equal(readFileSync(file, 'utf8'), '{"old":true}\n');
  assert.deepEqual(readdirSync(d), ['default.json']);
});

test('the sweep removes a file\'s temporary files of processes that are gone, keeps those of live ones and every other file', async () => {
  const d = dir();
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  writeFileSync(path.join(d, `default.json.${gone}.3.tmp`), '');
  writeFileSync(path.join(d, `default.json.${process.pid}.1.tmp`), '');
  writeFileSync(path.join(d, 'default.json'), '{}');
  // Other files' temporary files, and other programs' files named alike, are not ours to remove.
  const others = [`other.json.${gone}.3.tmp`, `draft.${gone}.1.tmp`, `xdefault.json.${gone}.2.tmp`, `default.json.x.${gone}.2.tmp`];
  for (const name of others) writeFileSync(path.join(d, name), 'keep');
  assert.deepEqual(await sweepStaleTemps(path.join(d, 'default.json')), [`default.json.${gone}.3.tmp`]);
  assert.deepEqual(readdirSync(d).sort(), ['default.json', `default.json.${process.pid}.1.tmp`, ...others].sort());
});

test('mkdir -p under /proc fails instead of spinning (Node\'s recursive mkdir never returns there)', { timeout: 20_000 }, async (t) => {
  if (process.platform !== 'linux') return t.skip('/proc is Linux');
  await assert.rejects(ensureDir('/proc/1/nope/sandbox'), (err: NodeJS.ErrnoException) => typeof err.code === 'string');
  const d = dir();
  await ensureDir(path.join(d, 'a', 'b'));
  await ensureDir(path.join(d, 'a', 'b'));
  assert.deepEqual(readdirSync(path.join(d, 'a')), ['b']);
});
