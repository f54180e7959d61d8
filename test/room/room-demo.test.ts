// The facilitator's rehearsal through the built CLI, as issue 10 states it done: `room demo
// --attendees 3` walks three attendees at once in the sandbox; `room status --json` shows each
// with 37 columns and 130 rows in their own table; after a walk of the tutorial's own (no
// attendee) in the same sandbox, `room cleanup --yes` leaves none of the attendees' objects, and
// the tutorial's table still holds its 130 rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempDir } from '../support/cli.js';

interface Status {
  attendees: Array<{ attendee: string; stage: string; topic: { exists: boolean }; table: { name: string; database: string; columns: number | null; rows: number | null } }>;
}

test('room demo, room status --json and room cleanup --yes in the sandbox leave the tutorial\'s own walk alone', async () => {
  const cwd = tempDir('oqs-room-demo-');
  const demo = await runCli(['room', 'demo', '--attendees', '3'], { cwd, timeoutMs: 240_000 });
  assert.equal(demo.exitCode, 0, demo.all);
  assert.match(demo.all, /a02 +ok +verify-evolved-columns/);

  const status = await runCli(['room', 'status', '--sandbox', '--json'], { cwd });
  assert.equal(status.exitCode, 0, status.all);
  const room = JSON.parse(status.stdout) as Status;
  assert.deepEqual(
    room.attendees.map((a) => [a.attendee, a.table.database, a.table.name, a.table.columns, a.table.rows, a.stage]),
    ['a01', 'a02', 'a03'].map((id) => [id, `QUICKSTART_KAFKA_CONNECTOR_DB_${id.toUpperCase()}`, `APPLICATION-LOGS-${id.toUpperCase()}`, 37, 130, 'done']),
  );

  // The tutorial's own walk in the same sandbox, next to the attendees'.
  const tutorial = await runCli(['--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  assert.equal(tutorial.exitCode, 0, tutorial.all);

  const cleanup = await runCli(['room', 'cleanup', '--sandbox', '--yes'], { cwd });
  assert.equal(cleanup.exitCode, 0, cleanup.all);
  assert.match(cleanup.stdout, /Dropped (\d+) of \1\./);
  assert.doesNotMatch(cleanup.stdout, /QUICKSTART_KAFKA_CONNECTOR_DB\b(?!_)/);

  const again = await runCli(['room', 'cleanup', '--sandbox', '--yes'], { cwd });
  assert.equal(again.exitCode, 0, again.all);
  assert.match(again.stdout, /Nothing to drop/);
  const after = JSON.parse((await runCli(['room', 'status', '--sandbox', '--json'], { cwd })).stdout) as Status;
  assert.ok(after.attendees.every((a) => !a.topic.exists && !a.table.columns), JSON.stringify(after));

  const rows = await runCli(['query', '--sandbox', '--json', 'SELECT COUNT(*) AS N FROM QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"'], { cwd });
  assert.equal(rows.exitCode, 0, rows.all);
  assert.equal(Number((JSON.parse(rows.stdout) as Array<{ N: unknown }>)[0]!.N), 130);
});

test('bad room and attendee input: one line, exit 2', async () => {
  const cwd = tempDir('oqs-room-bad-');
  const cases: Array<[string[], RegExp]> = [
    [['sql', 'setup', '--attendee', 'Alice'], /^error: --attendee \(flag\): attendee "Alice" must be lower-case letters.*e\.g\. "alice"$/m],
    [['room', 'init'], /^error: room init needs either --attendees N or --names FILE/m],
    [['room', 'init', '--attendees', '0'], /^error: --attendees \(flag\): "0" is not a whole number from 1 to 500$/m],
    [['room', 'init', '--names', 'missing.txt'], /^error: --names missing\.txt: no such file$/m],
    [['room', 'status', '--sandbox'], /^error: no room roster: room\/room\.json is missing; run `room init --attendees N` first, or pass --room DIR$/m],
    [['room', 'status', '--sandbox', '--attendee', 'bob'], /^error: room commands act for the whole room, but an attendee is set \(bob\)$/m],
  ];
  for (const [args, expected] of cases) {
    const r = await runCli(args, { cwd });
    assert.equal(r.exitCode, 2, `${args.join(' ')}: ${r.all}`);
    assert.match(r.stderr, expected, args.join(' '));
    assert.doesNotMatch(r.stderr, /unexpected|\n\s+at /);
  }
});
