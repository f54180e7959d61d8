// A .env the CLI cannot use stops every command with one line naming it, exit 2, the sandbox's
// commands too: a link to a moved file, a file of hundreds of MB, bytes that are not UTF-8 were
// taken for "no .env" (the attendee's name and settings silently dropped) or read whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempDir } from '../support/cli.js';

const HINT = /^ {2}Fix or remove that \.env, then run again\.$/m;

test('a .env linked to a file that is gone: named with its target, exit 2', async () => {
  const cwd = tempDir('oqs-env-link-');
  symlinkSync(path.join(cwd, 'moved.env'), path.join(cwd, '.env'));
  const run = await runCli(['status', '--yes'], { cwd });
  assert.equal(run.exitCode, 2, run.all);
  assert.match(run.stderr, /^error: \.env \(.*\/\.env\): cannot be read: it is a symbolic link to .*\/moved\.env, which does not exist$/m);
  assert.match(run.stderr, HINT);
});

test('a .env of 300 MB is refused by its size, exit 2', async () => {
  const cwd = tempDir('oqs-env-huge-');
  const env = path.join(cwd, '.env');
  writeFileSync(env, 'OQS_ATTENDEE=a01\n');
  truncateSync(env, 300 * 1024 * 1024); // sparse: no disk used
  const run = await runCli(['status', '--yes', '--sandbox'], { cwd });
  assert.equal(run.exitCode, 2, run.all);
  assert.match(run.stderr, /^error: \.env \(.*\): cannot be read: it is too large for a settings file \(300 MB; at most 1 MB is read\)$/m);
});

test('OQS_ATTENDEE in a .env that is not UTF-8: the same message and exit 2 with --sandbox as without', async () => {
  const cwd = tempDir('oqs-env-latin1-');
  writeFileSync(path.join(cwd, '.env'), Buffer.from('OQS_ATTENDEE=a07\nKAFKA_TOPIC=caf\xe9\n', 'latin1'));
  const expected = `error: .env (${path.join(cwd, '.env')}): cannot be read: it is not valid UTF-8 text`;
  for (const flags of [['--sandbox'], []]) {
    const run = await runCli(['status', '--yes', ...flags], { cwd });
    assert.equal(run.exitCode, 2, `${flags.join(' ')}: ${run.all}`);
    assert.equal(run.stderr.split('\n')[0], expected, flags.join(' '));
    assert.match(run.stderr, HINT);
  }
});
