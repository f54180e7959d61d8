// The crash harness, small: two kill -9 of the sandbox walk (its whole process group) at random
// moments, each followed by a resume; then exact rows, columns and records, nothing left over.
// `npx tsx test/crash/run.ts 100` runs 100 and prints the tally.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crashRuns } from './harness.js';

test('kill -9 at random moments, resumed: exactly 130 rows, 37 columns, 130 records, nothing left over', { timeout: 600_000 }, async (t) => {
  // A walk takes about a minute on a crowded machine: one still running after 4 is reported as hung, with its last lines, before the test's own limit.
  const tally = await crashRuns({ kills: 2, killsPerRun: 2, walkLimitMs: 240_000, log: (line) => t.diagnostic(line) });
  assert.equal(tally.failed.length, 0, tally.failed.map((f) => f.problems.join('\n')).join('\n---\n'));
});
