// The built entry is the package's bin: it must run by itself (its #! line), as
// `npx openflow-kafka-quickstart` runs it in a clone. The build wrote it 0644 after npm had made
// the bin executable, so the resume command the walk shows said "Permission denied".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { execa } from 'execa';
import { CLI } from '../support/cli.js';

test('dist/src/cli.js is executable and runs by itself', { skip: process.platform === 'win32' }, async () => {
  assert.ok(statSync(CLI).mode & 0o100, `mode ${(statSync(CLI).mode & 0o777).toString(8)}`);
  const r = await execa(CLI, ['--version'], { reject: false });
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^\d+\.\d+\.\d+$/);
});
