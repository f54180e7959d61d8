// A state file that cannot be used: every command says so (its bytes shown, never obeyed by the
// terminal), the same bad file is copied aside once, and `reset` is the way out it names. It
// used to fail with the same error it was named as the cure for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempDir } from '../support/cli.js';

test('a corrupt state file: refused with its bytes made visible, one copy kept, and reset starts over', async () => {
  const cwd = tempDir();
  const folder = path.join(cwd, '.openflow-quickstart', 'sandbox');
  mkdirSync(folder, { recursive: true });
  const bad = '\x1b]0;PWNED\x07\x1b[2J{"steps":';
  writeFileSync(path.join(folder, 'default.json'), bad);

  for (let i = 0; i < 2; i++) {
    const status = await runCli(['status', '--sandbox'], { cwd });
    assert.equal(status.exitCode, 2, status.all);
    assert.match(status.all, /is not valid .*\\x1b\]0;PWNED\\x07/);
    assert.doesNotMatch(status.all, /\x1b|\x07/, 'no raw escape reaches the terminal');
    assert.match(status.all, /reset --profile default \(and the --state-dir, --sandbox or --attendee given here\)/);
  }
  const copies = readdirSync(folder).filter((n) => n.endsWith('.bak'));
  assert.equal(copies.length, 1, 'the same bad file is copied once');

  const oneStep = await runCli(['reset', 'setup-sql', '--sandbox', '--yes'], { cwd });
  assert.equal(oneStep.exitCode, 2, oneStep.all);
  assert.match(oneStep.all, /Reset without a step to start over/);

  const reset = await runCli(['reset', '--sandbox', '--yes'], { cwd });
  assert.equal(reset.exitCode, 0, reset.all);
  assert.match(reset.all, /Forgot all recorded state of profile "default": .*default\.json could not be read, and a copy of it stays at .*\.bak/);
  assert.equal(existsSync(path.join(folder, 'default.json')), false);
  assert.equal(readFileSync(path.join(folder, copies[0]!), 'utf8'), bad);

  const after = await runCli(['status', '--sandbox'], { cwd });
  assert.equal(after.exitCode, 0, after.all);
  assert.match(after.all, /preflight +never run/);
});
