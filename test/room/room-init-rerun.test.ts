// A facilitator runs `room init` again (one more attendee, a lost card): the .env files attendees
// or the facilitator edited since are kept and named; --force replaces them. Before, every .env
// was overwritten without a word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempDir } from '../support/cli.js';

test('room init again keeps each edited .env and names it; --force replaces it and says so', async () => {
  const cwd = tempDir('oqs-room-rerun-');
  const env = (id: string) => path.join(cwd, 'room', id, '.env');
  const first = await runCli(['room', 'init', '--attendees', '3', '--sandbox', '--yes'], { cwd });
  assert.equal(first.exitCode, 0, first.all);
  const written = readFileSync(env('a01'), 'utf8');
  const edited = `${written}KAFKA_SASL_PASSWORD=given-by-hand\n`;
  writeFileSync(env('a01'), edited);
  writeFileSync(env('a03'), 'OQS_ATTENDEE=a03\n');

  const again = await runCli(['room', 'init', '--attendees', '4', '--sandbox', '--yes'], { cwd });
  assert.equal(again.exitCode, 0, again.all);
  assert.equal(readFileSync(env('a01'), 'utf8'), edited);
  assert.equal(readFileSync(env('a03'), 'utf8'), 'OQS_ATTENDEE=a03\n');
  assert.match(readFileSync(env('a04'), 'utf8'), /^OQS_ATTENDEE=a04$/m);
  assert.match(again.stdout, /^Kept 2 \.env files \(a01\/\.env, a03\/\.env\) as they are: each differs from what room init writes now/m);
  assert.match(again.stdout, /^ {2}To replace them, run this room init again with --force\.$/m);
  assert.doesNotMatch(again.stdout, /a02\/\.env|a04\/\.env/);

  const forced = await runCli(['room', 'init', '--attendees', '4', '--sandbox', '--yes', '--force'], { cwd });
  assert.equal(forced.exitCode, 0, forced.all);
  assert.equal(readFileSync(env('a01'), 'utf8'), written);
  assert.equal(statSync(env('a03')).mode & 0o777, 0o600);
  assert.match(forced.stdout, /^Replaced 2 \.env files \(a01\/\.env, a03\/\.env\): each differed from what room init writes now \(--force\)\.$/m);

  const quiet = await runCli(['room', 'init', '--attendees', '4', '--sandbox', '--yes'], { cwd });
  assert.equal(quiet.exitCode, 0, quiet.all);
  assert.doesNotMatch(quiet.stdout, /Kept|Replaced/);
});
