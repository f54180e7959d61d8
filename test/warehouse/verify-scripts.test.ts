// The tutorial's verification scripts 2, 2a and 2b (fixtures, verbatim from the companion repo),
// every statement through the real snowflake-sdk against the emulator, on "APPLICATION-LOGS"
// loaded like Openflow does: base events first (2a), then the evolved events with 26 new columns
// (2b, 2). Each result is compared with what the sample records themselves say.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Secret } from '../../src/config/types.js';
import { expectedColumns } from '../../src/logs/fields.js';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import { connectWarehouse, type SnowflakeWarehouse } from '../../src/snowflake/connect.js';
import { loadBaseLogs, loadEvolvedLogs, statementsOf, type LogRecord } from './tutorial-data.js';

type Row = Record<string, unknown>;

/** Runs every statement of a script; an error is kept per statement (never skipped silently). */
async function runScript(w: SnowflakeWarehouse, file: string): Promise<Array<{ sql: string; rows?: Row[]; error?: Error & { code?: string } }>> {
  const out = [];
  for (const sql of statementsOf(file)) {
    try {
      out.push({ sql, rows: await w.execute(sql) });
    } catch (e) {
      out.push({ sql, error: e as Error & { code?: string } });
    }
  }
  return out;
}

function rowsOf(results: Awaited<ReturnType<typeof runScript>>): Row[][] {
  return results.map(({ sql, rows, error }) => {
    if (error) assert.fail(`statement failed: ${sql.slice(0, 80)}…\n${error.message}`);
    return rows!;
  });
}

const present = (v: unknown) => v !== null && v !== undefined;

/** key → count of records (where `key` gives undefined, the record is left out). */
function tally(records: LogRecord[], key: (r: LogRecord) => string | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of records) {
    const k = key(r);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function asMap(rows: Row[], key: (r: Row) => string, value: string): Map<string, number> {
  return new Map(rows.map((r) => [key(r), Number(r[value])]));
}

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
function near(actual: unknown, expected: number, d: number, what: string) {
  assert.ok(Math.abs(Number(actual) - expected) <= 0.5 / 10 ** d + 1e-9, `${what}: ${String(actual)} vs ${expected}`);
}

function descendingBy(rows: Row[], col: string): void {
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1][col], rows[i][col]];
    assert.ok(typeof a === 'number' && typeof b === 'number' ? a >= b : String(a) >= String(b), `${col} not descending at row ${i}`);
  }
}

const byService = (records: LogRecord[]) => [...new Set(records.map((r) => String(r.service)))];

/** Per service: total, levels, duration stats as the scripts compute them. */
function serviceStats(records: LogRecord[], service: string) {
  const mine = records.filter((r) => r.service === service);
  const durations = mine.map((r) => r.duration_ms).filter(present).map(Number);
  return {
    total: mine.length,
    error: mine.filter((r) => r.level === 'ERROR').length,
    warn: mine.filter((r) => r.level === 'WARN').length,
    info: mine.filter((r) => r.level === 'INFO').length,
    durations,
    avg: durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : null,
    last: mine.map((r) => String(r.timestamp)).sort().at(-1),
  };
}

const USER = { name: 'alice', password: 'alice-pw' };

describe('tutorial verification scripts 2a, 2b and 2 through snowflake-sdk', () => {
  let dir: string;
  let wh: RunningWarehouse;
  let w: SnowflakeWarehouse;
  let base: LogRecord[] = [];
  let all: LogRecord[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wh-verify-'));
    wh = await startWarehouse({ dataDir: join(dir, 'data'), users: [USER] });
    w = await connectWarehouse({ account: wh.account, user: USER.name, auth: 'password', password: new Secret(USER.password), accessUrl: wh.accessUrl, sources: {} });
    for (const sql of statementsOf('1.snowflake_setup.sql')) await w.execute(sql);
    // Script 1 ends in QUICKSTART_ROLE / QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC: the connector's role and place.
    base = await loadBaseLogs(w);
    await w.execute('USE ROLE ACCOUNTADMIN'); // the scripts must set their own context
  });
  after(async () => {
    await w?.close();
    await wh?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('2a after the base logs: 11 columns, 50 rows, distributions as in the records', async () => {
    const r = rowsOf(await runScript(w, '2a.verify_base_schema.sql'));
    assert.equal(r.length, 18);
    assert.deepEqual(await w.session().then((s) => [s.role, s.database, s.schema, s.warehouse]), ['QUICKSTART_ROLE', 'QUICKSTART_KAFKA_CONNECTOR_DB', 'PUBLIC', 'QUICKSTART_KAFKA_CONNECTOR_WH']);

    // SHOW TABLES LIKE 'APPLICATION-LOGS'
    assert.equal(r[4].length, 1);
    assert.equal(r[4][0].name, 'APPLICATION-LOGS');
    assert.equal(r[4][0].database_name, 'QUICKSTART_KAFKA_CONNECTOR_DB');
    assert.equal(r[4][0].owner, 'QUICKSTART_ROLE');
    assert.equal(Number(r[4][0].rows), 50);

    // INFORMATION_SCHEMA.COLUMNS: the tutorial's 11 base columns with its type names.
    assert.deepEqual(r[5].map((c) => ({ name: c.COLUMN_NAME, type: c.DATA_TYPE })), expectedColumns('base'));
    assert.deepEqual(r[5].map((c) => Number(c.ORDINAL_POSITION)).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

    assert.deepEqual(r[6], [{ TOTAL_RECORDS: 50 }]);

    // SELECT * LIMIT 10: the table's own columns, no more.
    assert.equal(r[7].length, 10);
    assert.deepEqual(Object.keys(r[7][0]).sort(), expectedColumns('base').map((c) => c.name));

    const newest = base.map((x) => String(x.timestamp)).sort().reverse();
    assert.deepEqual(r[8].map((x) => x.TIMESTAMP), newest.slice(0, 10));
    assert.deepEqual(Object.keys(r[8][0]), ['TIMESTAMP', 'LEVEL', 'SERVICE', 'HOST', 'MESSAGE', 'STATUS_CODE', 'DURATION_MS', 'REQUEST_ID']);

    // Level distribution with a window aggregate for the percentage.
    const levels = tally(base, (x) => String(x.level));
    assert.deepEqual(asMap(r[9], (x) => String(x.LEVEL), 'LOG_COUNT'), levels);
    for (const row of r[9]) near(row.PERCENTAGE, round((levels.get(String(row.LEVEL))! * 100) / 50, 1), 1, `PERCENTAGE of ${String(row.LEVEL)}`);
    descendingBy(r[9], 'LOG_COUNT');

    // Services with distinct hosts.
    assert.deepEqual(asMap(r[10], (x) => String(x.SERVICE), 'LOG_COUNT'), tally(base, (x) => String(x.service)));
    for (const row of r[10]) assert.equal(row.HOST_COUNT, new Set(base.filter((x) => x.service === row.SERVICE).map((x) => x.host)).size);

    // Errors.
    const errors = base.filter((x) => present(x.error));
    assert.ok(errors.length > 0);
    assert.equal(r[11].length, errors.length);
    assert.ok(r[11].every((x) => typeof x.ERROR === 'string'));
    assert.deepEqual(asMap(r[12], (x) => String(x.ERROR), 'ERROR_COUNT'), tally(errors, (x) => String(x.error)));

    // Slow requests and durations by service.
    const slow = base.filter((x) => Number(x.duration_ms) > 1000).map((x) => Number(x.duration_ms)).sort((a, b) => b - a);
    assert.deepEqual(r[13].map((x) => x.DURATION_MS), slow.slice(0, 10));
    const withDuration = base.filter((x) => present(x.duration_ms));
    assert.equal(r[14].length, byService(withDuration).length);
    for (const row of r[14]) {
      const s = serviceStats(withDuration, String(row.SERVICE));
      assert.equal(row.REQUEST_COUNT, s.total);
      near(row.AVG_DURATION_MS, round(s.avg!, 2), 2, `AVG_DURATION_MS of ${String(row.SERVICE)}`);
      assert.equal(row.MIN_DURATION_MS, Math.min(...s.durations));
      assert.equal(row.MAX_DURATION_MS, Math.max(...s.durations));
    }
    descendingBy(r[14], 'AVG_DURATION_MS');

    // Service health dashboard.
    assert.equal(r[15].length, byService(base).length);
    for (const row of r[15]) {
      const s = serviceStats(base, String(row.SERVICE));
      assert.deepEqual([row.TOTAL_LOGS, row.ERROR_COUNT, row.WARN_COUNT, row.INFO_COUNT], [s.total, s.error, s.warn, s.info]);
    }

    // Payments: AMOUNT keeps its cents.
    const payments = base.filter((x) => present(x.amount));
    assert.ok(payments.length > 0);
    assert.deepEqual(r[16].map((x) => x.AMOUNT).sort(), payments.map((x) => x.amount).sort());
    const amounts = payments.map((x) => Number(x.amount));
    const total = amounts.reduce((a, b) => a + b, 0);
    assert.equal(r[17][0].PAYMENT_COUNT, payments.length);
    near(r[17][0].TOTAL_AMOUNT, round(total, 2), 2, 'TOTAL_AMOUNT');
    near(r[17][0].AVG_AMOUNT, round(total / payments.length, 2), 2, 'AVG_AMOUNT');
    assert.equal(r[17][0].MIN_AMOUNT, Math.min(...amounts));
    assert.equal(r[17][0].MAX_AMOUNT, Math.max(...amounts));
  });

  test('2 before evolution: the statements naming evolved columns fail with invalid identifier, as in Snowflake', async () => {
    const results = await runScript(w, '2.verify_ingestion.sql');
    assert.equal(results.length, 21);
    const failed = results.flatMap((x, i) => (x.error ? [i] : []));
    assert.deepEqual(failed, [15, 17, 18, 19]);
    assert.match(results[15].error!.message, /invalid identifier 'TEST'/);
    assert.match(results[17].error!.message, /invalid identifier '(TEST|STATUS)'/);
    assert.match(results[18].error!.message, /invalid identifier '(REGION|TRACE_ID|AUTH_METHOD|CURRENCY|PAYMENT_METHOD|RETRY_COUNT|FILE_SIZE_BYTES)'/);
    assert.match(results[19].error!.message, /invalid identifier '(CURRENCY|PAYMENT_METHOD)'/);
    for (const i of failed) assert.equal(results[i].error!.code, '000904');
    assert.deepEqual(results[4].rows, [{ TOTAL_RECORDS: 50 }]);
  });

  test('schema evolution then 2b: 37 columns, 130 rows, the new fields queryable (VARIANT as JSON)', async () => {
    await w.execute('USE ROLE QUICKSTART_ROLE');
    await w.execute('USE SCHEMA QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC');
    const evolved = await loadEvolvedLogs(w);
    all = [...base, ...evolved];
    await w.execute('USE ROLE ACCOUNTADMIN');

    const r = rowsOf(await runScript(w, '2b.verify_schema_evolution.sql'));
    assert.equal(r.length, 21);

    assert.deepEqual(r[4].map((c) => ({ name: c.COLUMN_NAME, type: c.DATA_TYPE })), expectedColumns('evolved'));
    const baseNames = new Set(expectedColumns('base').map((c) => c.name));
    for (const c of r[4]) assert.equal(Number(c.ORDINAL_POSITION) <= 11, baseNames.has(String(c.COLUMN_NAME)), `${String(c.COLUMN_NAME)} position`);

    assert.deepEqual(r[5], [{ TOTAL_RECORDS: 130 }]);

    const regions = all.filter((x) => present(x.region));
    assert.ok(regions.length >= 10);
    assert.equal(r[6].length, 10);
    assert.ok(r[6].every((x) => typeof x.REGION === 'string'));
    assert.deepEqual(asMap(r[7], (x) => String(x.REGION), 'RECORD_COUNT'), tally(regions, (x) => String(x.region)));

    const auth = all.filter((x) => present(x.auth_method));
    assert.equal(r[8].length, auth.length);
    assert.deepEqual(asMap(r[9], (x) => `${String(x.AUTH_METHOD)}/${String(x.PROVIDER)}`, 'AUTH_COUNT'), tally(auth, (x) => `${String(x.auth_method)}/${String(x.provider)}`));

    const currency = all.filter((x) => present(x.currency));
    assert.equal(r[10].length, currency.length);
    const byPair = tally(currency, (x) => `${String(x.currency)}/${String(x.payment_method)}`);
    assert.deepEqual(asMap(r[11], (x) => `${String(x.CURRENCY)}/${String(x.PAYMENT_METHOD)}`, 'TRANSACTION_COUNT'), byPair);
    for (const row of r[11]) {
      const mine = currency.filter((x) => x.currency === row.CURRENCY && x.payment_method === row.PAYMENT_METHOD).map((x) => Number(x.amount ?? 0));
      near(row.TOTAL_AMOUNT, round(mine.reduce((a, b) => a + b, 0), 2), 2, 'TOTAL_AMOUNT');
    }

    assert.equal(r[12].length, all.filter((x) => present(x.retry_count)).length);
    assert.ok(r[12].every((x) => typeof x.RETRY_COUNT === 'number'));

    const files = all.filter((x) => present(x.file_size_bytes));
    assert.equal(r[13].length, files.length);
    for (const row of r[14]) {
      const mine = files.filter((x) => x.content_type === row.CONTENT_TYPE).map((x) => Number(x.file_size_bytes));
      assert.equal(row.UPLOAD_COUNT, mine.length);
      near(row.TOTAL_SIZE_MB, round(mine.reduce((a, b) => a + b, 0) / 1024 / 1024, 2), 2, 'TOTAL_SIZE_MB');
    }

    const metrics = all.filter((x) => present(x.memory_percent) || present(x.disk_usage_percent));
    assert.equal(r[15].length, metrics.length);
    assert.deepEqual(r[15].map((x) => x.MEMORY_PERCENT).filter(present).sort(), all.map((x) => x.memory_percent).filter(present).sort());

    // QUERY_PARAMS is VARIANT: it comes back as the JSON object that was ingested.
    const queries = all.filter((x) => present(x.query_params));
    assert.ok(queries.length > 0);
    assert.equal(r[16].length, queries.length);
    for (const row of r[16]) {
      const source = queries.find((x) => x.timestamp === row.TIMESTAMP);
      assert.ok(source, String(row.TIMESTAMP));
      assert.deepEqual(row.QUERY_PARAMS, source.query_params);
      assert.equal(typeof row.QUERY_PARAMS, 'object');
    }

    const tests = all.filter((x) => x.test === true);
    assert.ok(tests.length > 0);
    assert.equal(r[17].length, tests.length);
    assert.ok(r[17].every((x) => x.TEST === true));
    assert.deepEqual(r[17].map((x) => `${String(x.STATUS)}|${String(x.VERSION)}`).sort(), tests.map((x) => `${String(x.status)}|${String(x.version)}`).sort());

    // SMTP_CODE and METRICS_COUNT are null in every sample record: no rows, as in Snowflake.
    assert.deepEqual(r[18], []);
    assert.deepEqual(r[19], []);

    const count = (f: string) => all.filter((x) => present(x[f])).length;
    assert.deepEqual(r[20], [
      {
        TOTAL_RECORDS: 130,
        HAS_REGION: count('region'),
        HAS_AUTH_METHOD: count('auth_method'),
        HAS_CURRENCY: count('currency'),
        HAS_RETRY_COUNT: count('retry_count'),
        HAS_FILE_SIZE: count('file_size_bytes'),
        HAS_MEMORY_METRICS: count('memory_percent'),
        HAS_QUERY_PARAMS: count('query_params'),
        HAS_TEST_FLAG: count('test'),
      },
    ]);
  });

  test('2 after evolution: every statement runs, results agree with the records', async () => {
    const r = rowsOf(await runScript(w, '2.verify_ingestion.sql'));
    assert.equal(r.length, 21);
    assert.deepEqual(r[4], [{ TOTAL_RECORDS: 130 }]);

    assert.equal(r[5].length, 10);
    assert.equal(Object.keys(r[5][0]).length, 37);

    // SHOW COLUMNS IN "APPLICATION-LOGS": Snowflake's JSON type descriptions.
    assert.equal(r[6].length, 37);
    assert.ok(r[6].every((c) => c.table_name === 'APPLICATION-LOGS' && c.schema_name === 'PUBLIC'));
    const typeOf = (name: string) => JSON.parse(String(r[6].find((c) => c.column_name === name)!.data_type)) as { type: string };
    assert.deepEqual([typeOf('AMOUNT').type, typeOf('MESSAGE').type, typeOf('TEST').type, typeOf('QUERY_PARAMS').type], ['FIXED', 'TEXT', 'BOOLEAN', 'VARIANT']);

    const newest = all.map((x) => String(x.timestamp)).sort().reverse();
    assert.deepEqual(r[7].map((x) => x.LOG_TIMESTAMP), newest.slice(0, 20));
    assert.deepEqual(Object.keys(r[7][0]), ['LOG_TIMESTAMP', 'LOG_LEVEL', 'SERVICE_NAME', 'HOST_NAME', 'LOG_MESSAGE', 'REQUEST_ID', 'DURATION_MS', 'STATUS_CODE', 'USER_ID']);
    assert.deepEqual(r[8].map((x) => x.LOG_TIMESTAMP), newest.slice(0, 20));

    assert.deepEqual(asMap(r[9], (x) => `${String(x.SERVICE)}/${String(x.LEVEL)}`, 'LOG_COUNT'), tally(all, (x) => `${String(x.service)}/${String(x.level)}`));

    const slow = all.filter((x) => Number(x.duration_ms) > 1000).map((x) => Number(x.duration_ms)).sort((a, b) => b - a);
    assert.deepEqual(r[10].map((x) => x.DURATION_MS), slow.slice(0, 20));

    for (const row of r[11]) {
      const s = serviceStats(all.filter((x) => present(x.duration_ms)), String(row.SERVICE));
      near(row.AVG_DURATION_MS, s.avg!, 3, `AVG_DURATION_MS of ${String(row.SERVICE)}`);
      assert.equal(row.REQUEST_COUNT, s.total);
    }
    descendingBy(r[11], 'AVG_DURATION_MS');

    assert.equal(r[12].length, Math.min(20, all.filter((x) => x.level === 'ERROR').length));
    assert.ok(r[12].every((x) => x.ERROR !== undefined));
    const errors = all.filter((x) => present(x.error));
    for (const row of r[13]) {
      const mine = errors.filter((x) => x.error === row.ERROR);
      assert.equal(row.ERROR_COUNT, mine.length);
      assert.equal(row.AFFECTED_SERVICES, new Set(mine.map((x) => x.service)).size);
    }

    assert.deepEqual(r[14], [{ TOTAL_RECORDS: 130, MISSING_TIMESTAMP: 0, MISSING_LEVEL: 0, MISSING_SERVICE: 0, MISSING_MESSAGE: 0 }]);
    const count = (f: string) => all.filter((x) => present(x[f])).length;
    assert.deepEqual(r[15], [{ TOTAL_RECORDS: 130, HAS_ERROR_FIELD: count('error'), HAS_AMOUNT_FIELD: count('amount'), HAS_USER_ID_FIELD: count('user_id'), HAS_TEST_FIELD: count('test') }]);
    assert.equal(r[16].length, Math.min(10, errors.length));
    assert.ok(r[16].every((x) => typeof x.ERROR_TYPE === 'string'));
    assert.equal(r[17].length, all.filter((x) => x.test === true).length);
    assert.ok(r[17].every((x) => x.IS_TEST === true));
    assert.equal(r[18].length, 10);
    assert.equal(r[19].length, Math.min(10, count('currency')));

    assert.equal(r[20].length, byService(all).length);
    for (const row of r[20]) {
      const s = serviceStats(all, String(row.SERVICE));
      assert.deepEqual([row.TOTAL_LOGS, row.ERROR_COUNT, row.WARN_COUNT, row.INFO_COUNT, row.LAST_LOG_TIME], [s.total, s.error, s.warn, s.info, s.last]);
    }
  });
});
