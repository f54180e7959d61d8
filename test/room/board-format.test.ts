// The room board's text: rows fit the terminal, and what could not be read is shown whole —
// wrapped on a terminal, on one line into a pipe — since the end of it names what failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBoard } from '../../src/room/format.js';
import type { AttendeeStatus } from '../../src/room/observe.js';

const unreachable = 'cannot reach the Kafka brokers 127.0.0.1:1 (from KAFKA_BOOTSTRAP_SERVERS (environment)) while describing topic "application-logs-a01"';

function status(problems: string[]): AttendeeStatus {
  return {
    attendee: 'a01',
    name: 'a01',
    seed: 1,
    topic: { name: 'application-logs-a01', exists: false, partitions: null, records: null },
    group: { id: 'openflow_qs_kafka_connector_a01', state: null, members: null, lag: null },
    table: { name: 'APPLICATION-LOGS-A01', database: 'QUICKSTART_KAFKA_CONNECTOR_DB_A01', columns: null, rows: null },
    stage: 'unknown',
    problems,
  };
}

test('a problem wraps under itself at the terminal\'s width instead of being cut', () => {
  const lines = formatBoard([status([`topic: ${unreachable}`])], { target: 'real', checkedAt: new Date() }, 80);
  assert.ok(lines.every((l) => l.length < 80), lines.join('\n'));
  const problem = lines.slice(lines.indexOf('') + 1);
  assert.ok(problem.length > 1, problem.join('\n'));
  assert.match(problem[0]!, /^! a01: topic: cannot reach/);
  assert.ok(problem.slice(1).every((l) => l.startsWith('  ')), problem.join('\n'));
  assert.equal(problem.map((l) => l.trim()).join(' '), `! a01: topic: ${unreachable}`);
});

test('into a pipe (no width) every line is whole', () => {
  const lines = formatBoard([status([`topic: ${unreachable}`])], { target: 'real', checkedAt: new Date() }, Number.POSITIVE_INFINITY);
  assert.equal(lines.at(-1), `! a01: topic: ${unreachable}`);
  assert.match(lines[2]!, /^a01 +unknown +no topic/);
});
