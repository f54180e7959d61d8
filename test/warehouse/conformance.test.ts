// The conformance corpus (conformance/cases.ts) through the real snowflake-sdk against the emulator:
// every case's column names and types, rows, or error code, sqlState and message, as Snowflake's
// documentation gives them. One test per case, named by its statement and documentation page.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Secret } from '../../src/config/types.js';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import { connectWarehouse, type SnowflakeWarehouse } from '../../src/snowflake/connect.js';
import type { SnowflakeConnectionConfig } from '../../src/snowflake/config.js';
import { CASES, type Case } from './conformance/cases.js';
import { typeName } from './conformance/types.js';
import { loadBaseLogs, loadEvolvedLogs, statementsOf } from './tutorial-data.js';

const USER = { name: 'alice', password: 'alice-pw' };
const CONTEXT = { role: 'ACCOUNTADMIN', database: 'QUICKSTART_KAFKA_CONNECTOR_DB', schema: 'PUBLIC', warehouse: 'QUICKSTART_KAFKA_CONNECTOR_WH' };

/** Values as JSON compares them: DATE as YYYY-MM-DD, TIMESTAMP_NTZ as YYYY-MM-DD HH24:MI:SS.FF3. */
function plain(v: unknown, type: string): unknown {
  if (!(v instanceof Date)) return v;
  const iso = v.toISOString();
  return type === 'date' ? iso.slice(0, 10) : type === 'timestamp_ntz' ? iso.slice(0, 23).replace('T', ' ') : iso;
}

describe('conformance corpus: the emulator answers as Snowflake documents', () => {
  let dir: string;
  let wh: RunningWarehouse;
  let shared: SnowflakeWarehouse;
  const cfg = (over: Partial<SnowflakeConnectionConfig> = {}): SnowflakeConnectionConfig => ({
    account: wh.account,
    user: USER.name,
    auth: 'password',
    password: new Secret(USER.password),
    accessUrl: wh.accessUrl,
    sources: {},
    ...over,
  });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wh-conformance-'));
    wh = await startWarehouse({ dataDir: join(dir, 'data'), users: [USER] });
    shared = await connectWarehouse(cfg());
    for (const sql of statementsOf('1.snowflake_setup.sql')) await shared.execute(sql);
    await loadBaseLogs(shared);
    await loadEvolvedLogs(shared);
    await shared.execute('USE ROLE ACCOUNTADMIN');
    // The sandbox connector's bookkeeping table, which the user's schema must not show, and a view.
    await shared.execute('CREATE TABLE OPENFLOW_KAFKA_OFFSETS (TABLE_NAME VARCHAR, TOPIC VARCHAR, "PARTITION" NUMBER(10,0), NEXT_OFFSET NUMBER(38,0))');
    await shared.execute(`CREATE VIEW ERRORS_ONLY AS SELECT * FROM "APPLICATION-LOGS" WHERE LEVEL = 'ERROR'`);
  });
  after(async () => {
    await shared?.close();
    await wh?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the corpus has at least 200 cases, each with its documentation page', () => {
    assert.ok(CASES.length >= 200, `${CASES.length} cases`);
    for (const c of CASES) assert.match(c.doc, /^https:\/\/docs\.snowflake\.com\//, c.sql);
  });

  for (const c of CASES) {
    test(`${c.sql.replace(/\s+/g, ' ').slice(0, 110)}  [${c.doc.replace('https://docs.snowflake.com/en/', '')}]`, async () => {
      const own = c.session ? await connectWarehouse(cfg(c.session === 'context' ? CONTEXT : {})) : undefined;
      const w = own ?? shared;
      try {
        for (const s of c.setup ?? []) await w.execute(s);
        await check(w, c);
      } finally {
        await own?.close();
      }
    });
  }
});

async function check(w: SnowflakeWarehouse, c: Case): Promise<void> {
  if (c.error) {
    const e = await w.describeResult(c.sql).then(
      () => assert.fail(`expected Snowflake error ${c.error!.code}`),
      (err: Error) => err,
    );
    const { code, sqlState } = e as { code?: string; sqlState?: string };
    assert.equal(code, c.error.code, e.message);
    assert.equal(sqlState, c.error.sqlState, e.message);
    assert.match(e.message, c.error.message);
    return;
  }
  const { columns, rows } = await w.describeResult(c.sql);
  if (c.columns) {
    assert.deepEqual(
      columns.map((col) => col.name),
      c.columns.map(([n]) => n),
      'column names',
    );
    columns.forEach((col, i) => {
      const want = c.columns![i][1];
      const got = typeName(col);
      // 'NUMBER(*,5)': the scale alone (where the page gives the scale but not the precision).
      if (want.startsWith('NUMBER(*,')) assert.equal(got.replace(/\(\d+,/, '(*,'), want, `type of ${col.name}`);
      else if (want !== '*') assert.equal(want.includes('(') ? got : got.replace(/\(.*\)$/, ''), want, `type of ${col.name}`);
    });
  }
  if (c.rows) {
    assert.deepEqual(
      rows.map((r) => columns.map((col) => plain(r[col.name], col.type))),
      c.rows,
      'rows',
    );
  }
}
