// A full disk wherever the CLI writes is one line naming the path and what to do, exit 1, with
// nothing half-written and no temporary file left; freeing space and running again resumes. The
// state folder is a small tmpfs (mounting needs root: the tests skip with the reason otherwise).
// A process killed between writing its temporary state file and renaming it leaves that file;
// the next start removes it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, tempDir } from '../support/cli.js';

const mounted: string[] = [];
after(() => {
  for (const dir of mounted) spawnSync('umount', [dir]);
});

/** A tmpfs of `size` at a fresh folder, or the reason there cannot be one. */
function smallDisk(size: string): { dir: string } | { skip: string } {
  const dir = tempDir('oqs-full-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return { skip: `cannot mount a tmpfs here (${(r.error?.message ?? r.stderr).trim() || `exit ${r.status}`}); needs root` };
  mounted.push(dir);
  return { dir };
}

function grow(dir: string): void {
  execFileSync('mount', ['-o', 'remount,size=8m', dir]);
}

function leftovers(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp'));
}

function assertOneLine(output: string, dir: string): void {
  const errors = output.split('\n').filter((l) => l.startsWith('error:'));
  assert.equal(errors.length, 1, output);
  assert.match(errors[0]!, new RegExp(`^error: no space left on the disk writing ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\S+$`));
  assert.match(output, /Free some space there/);
  assert.doesNotMatch(output, /unexpected|\n\s+at |ENOSPC/);
}

// A size that fills up while the sandbox writes its data and logs (the state file's own full disk
// is test/unit/files.test.ts, with an injected ENOSPC).
for (const size of ['160k']) {
  test(`a sandbox walk on a full ${size} disk: one line, exit 1, nothing half-written; with room again it resumes`, async (t) => {
    const disk = smallDisk(size);
    if ('skip' in disk) return t.skip(disk.skip);
    const cwd = tempDir();
    const full = await runCli(['--sandbox', '--yes', '--state-dir', disk.dir], { cwd, timeoutMs: 150_000 });
    assert.equal(full.exitCode, 1, full.all);
    assertOneLine(full.all, disk.dir);
    assert.deepEqual(leftovers(disk.dir), []);
    const state = path.join(disk.dir, 'sandbox', 'default.json');
    if (existsSync(state)) JSON.parse(readFileSync(state, 'utf8')); // whole, or not there

    grow(disk.dir);
    const resumed = await runCli(['--sandbox', '--yes', '--state-dir', disk.dir], { cwd, timeoutMs: 150_000 });
    assert.equal(resumed.exitCode, 0, resumed.all);
    assert.match(resumed.all, /ok +verify-evolved-columns: 37 columns, 130 rows of 130 produced/);
  });
}

test('logs --output on a full disk: one line naming the file, exit 1, the previous file untouched, no temporary file', async (t) => {
  const disk = smallDisk('64k');
  if ('skip' in disk) return t.skip(disk.skip);
  const out = path.join(disk.dir, 'logs.jsonl');
  writeFileSync(out, '{"previous":true}\n');
  const r = await runCli(['logs', '--count', '2000', '--evolved', '--output', out], { cwd: tempDir() });
  assert.equal(r.exitCode, 1, r.all);
  assertOneLine(r.all, disk.dir);
  assert.ok(r.all.includes(`writing ${out}`), r.all);
  assert.equal(readFileSync(out, 'utf8'), '{"previous":true}\n');
  assert.deepEqual(leftovers(disk.dir), []);
});

test('a process killed between writing its temporary state file and renaming it: the next start removes the file', async () => {
  const cwd = tempDir();
  const stateDir = path.join(cwd, '.openflow-quickstart', 'sandbox');
  mkdirSync(stateDir, { recursive: true });
  const files = fileURLToPath(new URL('../../src/engine/files.ts', import.meta.url));
  // A real writeAtomically whose process dies by SIGKILL right before the rename.
  const script = `
    import { promises } from 'node:fs';
    const { writeAtomically } = await import(${JSON.stringify(files)});
    promises.rename = async () => { process.kill(process.pid, 'SIGKILL'); await new Promise(() => {}); };
    await writeAtomically(${JSON.stringify(path.join(stateDir, 'default.json'))}, '{"half": ');
  `;
  const killed = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
  assert.equal(killed.signal, 'SIGKILL');
  const left = leftovers(stateDir);
  assert.equal(left.length, 1, 'the killed write left its temporary file');
  assert.match(left[0]!, /^default\.json\.\d+\.\d+\.tmp$/);

  const status = await runCli(['status'], { cwd, timeoutMs: 120_000 });
  assert.equal(status.exitCode, 0, status.all);
  assert.deepEqual(leftovers(stateDir), []);
});
