// The tutorial's scripts 2, 2a, 2b and 3 statement by statement through snowflake-sdk: every
// result's column names and types as Snowflake gives them (an alias as written, upper-cased;
// COUNT → NUMBER(18,0), SUM of integers → NUMBER(38,0), AVG of NUMBER(38,0) → NUMBER(38,6),
// ROUND(…, n) → scale n), and rows in the order each ORDER BY asks, NULL sorting as the largest.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Secret } from '../../src/config/types.js';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import { connectWarehouse, type SnowflakeWarehouse } from '../../src/snowflake/connect.js';
import { significant, tokenize } from '../../src/sandbox/warehouse/sql/tokenizer.js';
import { typeName } from './conformance/types.js';
import { loadBaseLogs, loadEvolvedLogs, statementsOf } from './tutorial-data.js';

type Row = Record<string, unknown>;
const USER = { name: 'alice', password: 'alice-pw' };

/** Script 3's queries in order: [column, type] per result column, and the ORDER BY keys. */
const SCRIPT_3: Array<{ columns: string; order?: Array<[string, 'ASC' | 'DESC']> }> = [
  { columns: 'TOTAL_RECORDS NUMBER(18,0)' },
  { columns: 'COLUMN_NAME TEXT, DATA_TYPE TEXT', order: [['COLUMN_NAME', 'ASC']] },
  { columns: 'LOG_LEVEL TEXT, EVENT_COUNT NUMBER(18,0), PERCENTAGE NUMBER(38,2)', order: [['EVENT_COUNT', 'DESC']] },
  {
    columns: 'SERVICE_NAME TEXT, TOTAL_EVENTS NUMBER(18,0), ERROR_COUNT NUMBER(38,0), WARN_COUNT NUMBER(38,0), ERROR_RATE_PCT NUMBER(38,2)',
    order: [['ERROR_RATE_PCT', 'DESC']],
  },
  { columns: 'TIME_BUCKET TIMESTAMP_NTZ, EVENTS_PER_MINUTE NUMBER(18,0), ERRORS_PER_MINUTE NUMBER(38,0)', order: [['TIME_BUCKET', 'DESC']] },
  { columns: 'HOUR_OF_DAY NUMBER, EVENT_COUNT NUMBER(18,0), AVG_DURATION_MS NUMBER(38,6)', order: [['HOUR_OF_DAY', 'ASC']] },
  {
    columns: 'SERVICE TEXT, REQUEST_ID TEXT, DURATION_MS NUMBER(38,0), MESSAGE TEXT, REQUEST_TIME TEXT, LEVEL TEXT, STATUS_CODE NUMBER(38,0)',
    order: [['DURATION_MS', 'DESC']],
  },
  {
    columns:
      'SERVICE_A TEXT, SERVICE_B TEXT, CONCURRENT_ERROR_WINDOWS NUMBER(18,0), TOTAL_ERRORS_A NUMBER(38,0), TOTAL_ERRORS_B NUMBER(38,0), AVG_DURATION_A NUMBER(38,2), AVG_DURATION_B NUMBER(38,2)',
    order: [['CONCURRENT_ERROR_WINDOWS', 'DESC']],
  },
];

/** Snowflake's order: NULL is larger than every value. */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

function assertOrdered(rows: Row[], keys: Array<[string, 'ASC' | 'DESC']>, what: string): void {
  for (let i = 1; i < rows.length; i++) {
    for (const [key, dir] of keys) {
      const c = compare(rows[i - 1][key], rows[i][key]) * (dir === 'DESC' ? -1 : 1);
      assert.ok(c <= 0, `${what}: row ${i} out of ${key} ${dir} order`);
      if (c < 0) break;
    }
  }
}

/** The alias (or column) each top-level select item of the script is named by (every item has one). */
function writtenNames(sql: string): string[] {
  const tokens = significant(tokenize(sql));
  const items: string[][] = [[]];
  let depth = 0;
  const from = tokens.findIndex((t) => t.kind === 'word' && t.value === 'SELECT');
  for (const t of tokens.slice(from + 1)) {
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
    if (depth === 0 && t.kind === 'word' && t.value === 'FROM') break;
    if (depth === 0 && t.text === ',') items.push([]);
    else items[items.length - 1].push(t.kind === 'word' ? t.value : t.text);
  }
  return items.map((i) => i[i.length - 1]);
}

describe("the tutorial's scripts 2, 2a, 2b and 3, statement by statement, as Snowflake answers", () => {
  let dir: string;
  let wh: RunningWarehouse;
  let w: SnowflakeWarehouse;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wh-scripts-'));
    wh = await startWarehouse({ dataDir: join(dir, 'data'), users: [USER] });
    w = await connectWarehouse({ account: wh.account, user: USER.name, auth: 'password', password: new Secret(USER.password), accessUrl: wh.accessUrl, sources: {} });
    for (const sql of statementsOf('1.snowflake_setup.sql')) await w.execute(sql);
    await loadBaseLogs(w);
    await loadEvolvedLogs(w);
    await w.execute('USE ROLE ACCOUNTADMIN');
  });
  after(async () => {
    await w?.close();
    await wh?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('3: every query names and types its columns as Snowflake does, rows in ORDER BY order', async () => {
    const queries = statementsOf('3.analytics_tutorial.sql').filter((s) => /^(SELECT|WITH)\b/i.test(s));
    assert.equal(queries.length, SCRIPT_3.length);
    for (const sql of statementsOf('3.analytics_tutorial.sql').filter((s) => /^USE\b/i.test(s))) await w.execute(sql);
    for (const [i, sql] of queries.entries()) {
      const { columns, rows } = await w.describeResult(sql);
      const want = SCRIPT_3[i].columns.split(', ').map((c) => c.split(' '));
      assert.deepEqual(
        columns.map((c) => [c.name, want.find(([n]) => n === c.name)?.[1].includes('(') ? typeName(c) : typeName(c).replace(/\(.*\)$/, '')]),
        want,
        `query ${i + 1}: ${sql.slice(0, 60)}`,
      );
      if (SCRIPT_3[i].order) assertOrdered(rows, SCRIPT_3[i].order!, `query ${i + 1}`);
    }
  });

  for (const file of ['2a.verify_base_schema.sql', '2b.verify_schema_evolution.sql', '2.verify_ingestion.sql']) {
    test(`${file}: every SELECT's columns are named by its aliases, no engine-made names`, async () => {
      await w.execute('USE ROLE ACCOUNTADMIN');
      for (const sql of statementsOf(file)) {
        if (!/^SELECT\b/i.test(sql) || /^SELECT\s+\*/i.test(sql)) {
          await w.execute(sql);
          continue;
        }
        const { columns } = await w.describeResult(sql);
        assert.deepEqual(
          columns.map((c) => c.name),
          writtenNames(sql),
          sql.slice(0, 80),
        );
        for (const c of columns) if (c.type === 'real') assert.fail(`${c.name} is FLOAT where Snowflake answers NUMBER: ${sql.slice(0, 60)}`);
      }
    });
  }
});
