// A --state-dir past the file system's limits (a name over 255 bytes, a path over PATH_MAX) says
// the path is too long; it said "cannot look at <the whole path>: the name is too long" with a
// hint about permissions, or failed only at mkdir when a folder above it did not exist yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli, tempDir } from '../support/cli.js';

test('a --state-dir past the file system\'s limits says the path is too long, exit 2', async () => {
  const cwd = tempDir('oqs-long-state-');
  const cases: Array<[string, RegExp]> = [
    [path.join(cwd, 'x'.repeat(300)), /^error: --state-dir: the path is too long: one folder name in it is 300 bytes, and a file system allows at most 255$/m],
    [path.join(cwd, 'new', 'x'.repeat(300)), /^error: --state-dir: the path is too long: one folder name in it is 300 bytes/m],
    [path.join(cwd, ...Array.from({ length: 20 }, () => 'y'.repeat(250))), /^error: --state-dir: the path is too long: it is \d+ bytes, more than this system allows$/m],
  ];
  for (const [dir, message] of cases) {
    const run = await runCli(['status', '--yes', '--sandbox', '--state-dir', dir], { cwd });
    assert.equal(run.exitCode, 2, run.all);
    assert.match(run.stderr, message);
    assert.match(run.stderr, /^ {2}Pass --state-dir with a shorter path\.$/m);
  }
});
