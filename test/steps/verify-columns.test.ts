// verify-base-columns / verify-evolved-columns against a table written through snowflake-sdk into
// the local emulator (as Openflow would: CREATE TABLE, ALTER TABLE ADD COLUMN, INSERT).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { StepFailure } from '../../src/engine/step.js';
import { expectedColumns } from '../../src/logs/index.js';
import { setupSql } from '../../steps/04-setup-sql.js';
import { verifyBaseColumns } from '../../steps/09-verify-base-columns.js';
import { verifyEvolvedColumns } from '../../steps/11-verify-evolved-columns.js';
import { compareColumns } from '../../steps/shared/verify-columns.js';
import { brokersOutput, recordedContext, startSandboxWarehouse, testConfig, type SandboxWarehouse } from './helpers.js';

const TABLE = 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"';
const config = testConfig({ verifyTimeoutMs: 1500, verifyPollMs: 100 });
const produced = (base: number, evolved?: number) => ({
  'produce-base-logs': { count: base },
  ...(evolved !== undefined ? { 'produce-evolved-logs': { count: evolved } } : {}),
});

async function createTable(sb: SandboxWarehouse, columns: Array<{ name: string; type: string }>): Promise<void> {
  await sb.warehouse.execute(`CREATE OR REPLACE TABLE ${TABLE} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
}

async function insertRows(sb: SandboxWarehouse, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await sb.warehouse.execute(`INSERT INTO ${TABLE} (LEVEL, SERVICE) VALUES ('INFO', 'auth-service')`);
}

describe('verify columns against the emulator', () => {
  let sb: SandboxWarehouse;
  before(async () => {
    sb = await startSandboxWarehouse();
    const r = recordedContext({ warehouse: sb.warehouse, outputs: { 'extract-brokers': brokersOutput(['127.0.0.1:19092']) } });
    await r.run(setupSql);
    await sb.warehouse.execute('USE ROLE QUICKSTART_ROLE'); // as Openflow's runtime role writes it
  });
  after(async () => {
    await sb?.stop();
  });

  test('no table yet: check pending, run times out with what to check', async () => {
    await sb.warehouse.execute(`DROP TABLE IF EXISTS ${TABLE}`);
    const r = recordedContext({ config, warehouse: sb.warehouse, outputs: produced(50) });
    assert.equal((await verifyBaseColumns.check(r.ctx)).state, 'pending');
    await assert.rejects(r.run(verifyBaseColumns), (err: unknown) => {
      assert.ok(err instanceof StepFailure);
      assert.match(err.message, /No table APPLICATION-LOGS/);
      assert.match(err.hint ?? '', /latest/);
      assert.match(err.hint ?? '', /network rule/);
      return true;
    });
  });

  test('11 base columns and every row: done; a TEST column is shown as extra and explained', async () => {
    await sb.warehouse.execute('USE ROLE QUICKSTART_ROLE'); // as Openflow's runtime role writes it
    await createTable(sb, expectedColumns('base'));
    await sb.warehouse.execute(`ALTER TABLE ${TABLE} ADD COLUMN TEST BOOLEAN`);
    await insertRows(sb, 3);
    const r = recordedContext({ config, warehouse: sb.warehouse, outputs: produced(3) });
    const out = await r.run(verifyBaseColumns);
    assert.equal(out.columns.length, 12);
    assert.deepEqual(out.missing, []);
    assert.deepEqual(out.extra, ['TEST']);
    assert.equal(out.rows, 3);
    const table = r.shown.at(-1)!.body;
    assert.match(table, /^AMOUNT +NUMBER/m);
    assert.match(table, /^TEST +BOOLEAN +extra: the tutorial's connection test/m);
    assert.ok(r.notes.some((n) => /connection test/.test(n)));
    assert.equal((await verifyBaseColumns.check(r.ctx)).state, 'done');
  });

  for (const metadata of ['KAFKAMETADATA', 'RECORD_METADATA']) {
    test(`a ${metadata} column is reported as the connector's own, not as extra`, async () => {
      await sb.warehouse.execute('USE ROLE QUICKSTART_ROLE');
      await createTable(sb, [...expectedColumns('base'), { name: metadata, type: 'VARIANT' }]);
      await insertRows(sb, 3);
      const r = recordedContext({ config, warehouse: sb.warehouse, outputs: produced(3) });
      const out = await r.run(verifyBaseColumns);
      assert.deepEqual(out.missing, []);
      assert.deepEqual(out.extra, []);
      assert.match(r.shown.at(-1)!.body, new RegExp(`^${metadata} +VARIANT +the connector's own column`, 'm'));
      assert.ok(r.notes.some((n) => n.startsWith(`Column ${metadata}: the connector's own column`)));
      assert.equal((await verifyBaseColumns.check(r.ctx)).state, 'done');
    });
  }

  test('fewer rows than produced: check pending, run fails naming the counts', async () => {
    await sb.warehouse.execute('USE ROLE QUICKSTART_ROLE'); // as Openflow's runtime role writes it
    await createTable(sb, expectedColumns('base'));
    await insertRows(sb, 2);
    const r = recordedContext({ config, warehouse: sb.warehouse, outputs: produced(5) });
    const check = await verifyBaseColumns.check(r.ctx);
    assert.ok(check.state === 'pending' && /2 of 5/.test(check.reason ?? ''), JSON.stringify(check));
    await assert.rejects(r.run(verifyBaseColumns), /Only 2 of the 5 produced records/);
  });

  test('evolved: missing columns fail after the timeout; added ones are marked new; then done', async () => {
    await sb.warehouse.execute('USE ROLE QUICKSTART_ROLE'); // as Openflow's runtime role writes it
    const all = expectedColumns('evolved');
    await createTable(sb, expectedColumns('base'));
    await insertRows(sb, 4);
    const missing = ['REGION', 'TRACE_ID'];
    for (const c of all) {
      if (expectedColumns('base').some((b) => b.name === c.name) || missing.includes(c.name)) continue;
      await sb.warehouse.execute(`ALTER TABLE ${TABLE} ADD COLUMN ${c.name} ${c.type}`);
    }
    const r = recordedContext({ config, warehouse: sb.warehouse, outputs: produced(2, 2) });
    await assert.rejects(r.run(verifyEvolvedColumns), (err: unknown) => err instanceof StepFailure && /2 of 37 columns still missing.*REGION, TRACE_ID/.test(err.message));
    assert.match(r.shown.at(-1)!.body, /^REGION +- +MISSING \(expected TEXT\)/m);
    assert.equal((await verifyEvolvedColumns.check(r.ctx)).state, 'pending');

    for (const name of missing) await sb.warehouse.execute(`ALTER TABLE ${TABLE} ADD COLUMN ${name} TEXT`);
    const ok = await r.run(verifyEvolvedColumns);
    assert.equal(ok.columns.length, 37);
    assert.match(r.shown.at(-1)!.body, /^AUTH_METHOD +TEXT +new$/m);
    assert.match(r.shown.at(-1)!.body, /^AMOUNT +NUMBER$/m);
    assert.equal((await verifyEvolvedColumns.check(r.ctx)).state, 'done');
  });

  test('a column of another type: check drifted; the run explains and offers the conversion (declined headless on a real account)', async () => {
    await sb.warehouse.execute('USE ROLE QUICKSTART_ROLE'); // as Openflow's runtime role writes it
    const cols = expectedColumns('base').map((c) => (c.name === 'STATUS_CODE' ? { name: c.name, type: 'TEXT' } : c));
    await createTable(sb, cols);
    await insertRows(sb, 1);
    await sb.warehouse.execute(`INSERT INTO ${TABLE} (LEVEL, STATUS_CODE) VALUES ('ERROR', '503')`);
    const r = recordedContext({ config: { ...config, target: 'real' }, warehouse: sb.warehouse, outputs: produced(2) });
    const check = await verifyBaseColumns.check(r.ctx);
    assert.equal(check.state, 'drifted');
    await assert.rejects(r.run(verifyBaseColumns), (err: unknown) => {
      assert.ok(err instanceof StepFailure);
      assert.match(err.message, /STATUS_CODE is TEXT, expected NUMBER/);
      assert.match(err.hint ?? '', /answer y to convert/);
      return true;
    });
    assert.match(r.questions.at(-1)!.question, /Convert STATUS_CODE to NUMBER in place/);
    const explained = r.shown.find((b) => /differ from the tutorial/.test(b.title))!.body;
    assert.match(explained, /STATUS_CODE is TEXT, the tutorial shows NUMBER: the one value in it converts/);
    assert.match(explained, /only as null/);
    assert.match(explained, /RENAME COLUMN STATUS_CODE_RETYPED TO STATUS_CODE/);
  });

  test('a resumed walk converts a column an older connector made TEXT and reaches the tutorial\'s types, values kept', async () => {
    await sb.warehouse.execute('USE ROLE QUICKSTART_ROLE');
    const cols = expectedColumns('base').map((c) => (c.name === 'STATUS_CODE' ? { name: c.name, type: 'TEXT' } : c));
    await createTable(sb, cols);
    await insertRows(sb, 1);
    await sb.warehouse.execute(`INSERT INTO ${TABLE} (LEVEL, STATUS_CODE) VALUES ('ERROR', '503')`);
    const r = recordedContext({ config: { ...config, target: 'sandbox' }, warehouse: sb.warehouse, outputs: produced(2) });
    const out = await r.run(verifyBaseColumns);
    assert.deepEqual(out.columns.find((c) => c.name === 'STATUS_CODE'), { name: 'STATUS_CODE', type: 'NUMBER' });
    assert.ok(r.notes.some((n) => /Converted STATUS_CODE to NUMBER/.test(n)), r.notes.join('\n'));
    // The last panel is the table after converting, not the difference before it.
    assert.match(r.shown.at(-1)!.body, /^STATUS_CODE +NUMBER$/m);
    assert.doesNotMatch(r.shown.at(-1)!.body, /differs/);
    const [row] = await sb.warehouse.execute(`SELECT SUM(STATUS_CODE) AS S, COUNT(*) AS N FROM ${TABLE}`);
    assert.equal(Number(row!.S), 503);
    assert.equal(Number(row!.N), 2);
    assert.equal((await verifyBaseColumns.check(r.ctx)).state, 'done');
  });

  test('a column whose values would not convert is explained, with how to start over', async () => {
    await sb.warehouse.execute('USE ROLE QUICKSTART_ROLE');
    const cols = expectedColumns('base').map((c) => (c.name === 'STATUS_CODE' ? { name: c.name, type: 'TEXT' } : c));
    await createTable(sb, cols);
    await sb.warehouse.execute(`INSERT INTO ${TABLE} (LEVEL, STATUS_CODE) VALUES ('ERROR', 'gateway timeout')`);
    const r = recordedContext({ config: { ...config, target: 'sandbox' }, warehouse: sb.warehouse, outputs: produced(1) });
    await assert.rejects(r.run(verifyBaseColumns), (err: unknown) => err instanceof StepFailure && /DROP TABLE/.test(err.hint ?? ''));
    assert.match(r.shown.find((b) => /differ from the tutorial/.test(b.title))!.body, /1 of its 1 values are not NUMBER/);
    assert.equal(r.questions.length, 0);
  });
});

test('compareColumns: missing, extra, type differences and new columns', () => {
  const cmp = compareColumns(
    [
      { name: 'A', type: 'TEXT' },
      { name: 'B', type: 'FLOAT' },
      { name: 'X', type: 'TEXT' },
      { name: 'N', type: 'TEXT' },
    ],
    [
      { name: 'A', type: 'TEXT' },
      { name: 'B', type: 'NUMBER' },
      { name: 'C', type: 'TEXT' },
      { name: 'N', type: 'TEXT' },
    ],
    new Set(['A', 'B']),
  );
  assert.deepEqual(cmp.missing, ['C']);
  assert.deepEqual(cmp.extra, ['X']);
  assert.deepEqual(cmp.typeDifferences, [{ name: 'B', expected: 'NUMBER', actual: 'FLOAT' }]);
  assert.deepEqual(
    cmp.lines.map((l) => `${l.name}:${l.mark}`),
    ['A:ok', 'B:type', 'C:missing', 'N:new', 'X:extra'],
  );
});
