// `sql NAME` and `query` as functions: rendered scripts with recorded brokers or placeholders,
// and SQL through snowflake-sdk into the emulator printed as a table or JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { StateError, StateStore } from '../../src/engine/state.js';
import { sqlCommand } from '../../src/commands/sql.js';
import { queryCommand } from '../../src/commands/query.js';
import { UsageError } from '../../src/commands/exit.js';
import { startSandboxWarehouse, tempDir } from './helpers.js';

test('sql setup uses the recorded brokers, or placeholders with a comment saying so', async () => {
  const stateDir = tempDir('oqs-state-');
  let printed = '';
  await sqlCommand({ name: 'setup', stateDir, profile: 'p1' }, (t) => (printed += t));
  assert.match(printed, /No broker list is recorded for profile "p1"/);
  assert.match(printed, /'<bootstrap-host>:<port>'/);

  const store = await StateStore.open(stateDir, 'p1', 'x');
  await store.update('extract-brokers', { status: 'done', outputs: { valueList: ['b0.example.com:9092', 'b1.example.com:9093'] } });
  printed = '';
  await sqlCommand({ name: 'setup', stateDir, profile: 'p1' }, (t) => (printed += t));
  assert.match(printed, /'b0\.example\.com:9092',\n +'b1\.example\.com:9093'/);
  assert.doesNotMatch(printed, /<bootstrap-host>/);

  // A recorded broker Kafka could not have reported (a hand-edited state file) is refused, not rendered.
  await store.update('extract-brokers', { status: 'done', outputs: { valueList: ['b0.example.com:9092', "o'brien:9092\n); DROP DATABASE X; --"] } });
  await assert.rejects(sqlCommand({ name: 'setup', stateDir, profile: 'p1' }, () => {}), (e: Error) => e instanceof StateError && /recorded broker/.test(e.message));

  await assert.rejects(sqlCommand({ name: 'nope', stateDir, profile: 'p1' }, () => {}), UsageError);
});

test('query prints a table, or with --json an array of row objects; stdin with -', async () => {
  const sb = await startSandboxWarehouse();
  try {
    let out = '';
    await queryCommand({ sql: "SELECT 1 AS N, 'a' AS S", json: false }, sb.warehouse, { write: (t) => (out += t) });
    assert.match(out, /^N +S\n-+ +-+\n1 +a\n\(1 row\)\n$/);
    out = '';
    await queryCommand({ sql: '-', json: true }, sb.warehouse, { write: (t) => (out += t), stdin: Readable.from(["SELECT 2 AS N, 'b' AS S;"]) });
    assert.deepEqual(JSON.parse(out), [{ N: 2, S: 'b' }]);
    await assert.rejects(queryCommand({ sql: 'SELECT * FROM NO_SUCH_DB.PUBLIC.T', json: false }, sb.warehouse, { write: () => {} }), /does not exist/);
  } finally {
    await sb.stop();
  }
});

test('query --chart draws a label and a number column as bars, and names what is missing otherwise', async () => {
  const sb = await startSandboxWarehouse();
  try {
    let out = '';
    const sql = "SELECT * FROM (VALUES ('INFO', 30), ('WARN', 12), ('ERROR', 6)) AS T(LEVEL, EVENTS)";
    await queryCommand({ sql, json: false, chart: true, width: 60 }, sb.warehouse, { write: (t) => (out += t) });
    const lines = out.trimEnd().split('\n');
    assert.equal(lines.length, 3, out);
    assert.match(lines[0]!, /^INFO +\S+ +30$/);
    assert.match(lines[2]!, /^ERROR +\S+ +6$/);
    for (const line of lines) assert.ok(line.length <= 60, line);
    await assert.rejects(
      queryCommand({ sql: "SELECT 'a' AS A, 'b' AS B", json: false, chart: true }, sb.warehouse, { write: () => {} }),
      (err: Error) => err instanceof UsageError && /--chart: a chart needs a label column and a number column; the result has A \(text\), B \(text\)/.test(err.message),
    );
  } finally {
    await sb.stop();
  }
});
