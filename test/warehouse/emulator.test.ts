// The real snowflake-sdk (through src/snowflake) against the sandbox emulator over loopback HTTP.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Secret } from '../../src/config/types.js';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import { splitStatements, tokenize } from '../../src/sandbox/warehouse/sql/tokenizer.js';
import { connectWarehouse, type SnowflakeWarehouse } from '../../src/snowflake/connect.js';
import type { SnowflakeConnectionConfig } from '../../src/snowflake/config.js';

const here = new URL('.', import.meta.url).pathname;
const reference = join(here, 'fixtures');

function statementsOf(file: string): string[] {
  const text = readFileSync(join(here, 'fixtures', file), 'utf8');
  return splitStatements(tokenize(text)).map((s) =>
    s
      .filter((t) => t.kind !== 'comment')
      .map((t) => t.text)
      .join('')
      .trim(),
  );
}

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const passphrase = 'correct horse';
const users = [
  { name: 'alice', password: 'alice-pw', defaultWarehouse: 'TEST_WH' },
  { name: 'kp_user', rsaPublicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  { name: 'pat_user', token: 'pat-token-123' },
];

function cfg(wh: RunningWarehouse, over: Partial<SnowflakeConnectionConfig> = {}): SnowflakeConnectionConfig {
  return { account: wh.account, user: 'alice', auth: 'password', password: new Secret('alice-pw'), accessUrl: wh.accessUrl, sources: {}, ...over };
}

async function rejectsWithCode(p: Promise<unknown>, code: string, text?: RegExp): Promise<Error> {
  const err = await p.then(
    () => assert.fail(`expected Snowflake error ${code}`),
    (e: Error & { code?: string }) => e,
  );
  assert.equal((err as { code?: string }).code, code, err.message);
  if (text) assert.match(err.message, text);
  return err;
}

const COLUMNS: Array<[string, string]> = [
  ['AMOUNT', 'NUMBER(38,2)'], ['DURATION_MS', 'NUMBER'], ['ERROR', 'TEXT'], ['HOST', 'TEXT'], ['LEVEL', 'TEXT'],
  ['MESSAGE', 'TEXT'], ['REQUEST_ID', 'TEXT'], ['SERVICE', 'TEXT'], ['STATUS_CODE', 'NUMBER'], ['TIMESTAMP', 'TEXT'],
  ['USER_ID', 'TEXT'], ['AUTH_METHOD', 'TEXT'], ['AVAILABLE_GB', 'NUMBER'], ['AVAILABLE_MB', 'NUMBER'],
  ['CONTENT_TYPE', 'TEXT'], ['CURRENCY', 'TEXT'], ['DISK_USAGE_PERCENT', 'NUMBER'], ['FILE_SIZE_BYTES', 'NUMBER'],
  ['MEMORY_PERCENT', 'NUMBER(38,2)'], ['METRICS_COUNT', 'NUMBER'], ['PAYMENT_METHOD', 'TEXT'], ['PRODUCT_ID', 'TEXT'],
  ['PROVIDER', 'TEXT'], ['QUERY_PARAMS', 'VARIANT'], ['RATING', 'NUMBER'], ['RECIPIENT', 'TEXT'], ['REGION', 'TEXT'],
  ['RESULT_COUNT', 'NUMBER'], ['RETRY_COUNT', 'NUMBER'], ['SESSION_DURATION', 'NUMBER'], ['SMTP_CODE', 'NUMBER'],
  ['STATUS', 'TEXT'], ['TEST', 'BOOLEAN'], ['TIME_WINDOW', 'TEXT'], ['TRACE_ID', 'TEXT'], ['VALIDATION_ERRORS', 'VARIANT'],
  ['VERSION', 'TEXT'],
];

async function loadSampleLogs(w: SnowflakeWarehouse): Promise<number> {
  await w.execute(`CREATE TABLE IF NOT EXISTS "APPLICATION-LOGS" (${COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`);
  const records = ['sample_logs.json', 'sample_logs_evolved.json'].flatMap((f) =>
    readFileSync(join(reference, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>),
  );
  const names = COLUMNS.map(([n]) => n);
  const sql = `INSERT INTO "APPLICATION-LOGS" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  for (const r of records) {
    const binds = names.map((n) => {
      const v = r[n.toLowerCase()];
      if (v === undefined || v === null) return null;
      return typeof v === 'object' ? JSON.stringify(v) : v;
    });
    await w.execute(sql, binds);
  }
  return records.length;
}

describe('sandbox warehouse through snowflake-sdk', () => {
  let dir: string;
  let wh: RunningWarehouse;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wh-test-'));
    wh = await startWarehouse({ dataDir: join(dir, 'data'), users });
    // Queries need a current warehouse (000606 otherwise): alice's default, usable by every role.
    const w = await connectWarehouse(cfg(wh));
    await w.execute('CREATE WAREHOUSE IF NOT EXISTS TEST_WH');
    await w.execute('GRANT USAGE ON WAREHOUSE TEST_WH TO ROLE PUBLIC');
    await w.close();
  });
  after(async () => {
    await wh.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('password login works and a wrong password is refused with 390100', async () => {
    const w = await connectWarehouse(cfg(wh));
    const s = await w.session();
    assert.equal(s.user, 'ALICE');
    assert.equal(s.role, 'ACCOUNTADMIN');
    await w.close();
    const err = await rejectsWithCode(connectWarehouse(cfg(wh, { password: new Secret('nope-secret') })), '390100', /incorrect username or password/);
    assert.doesNotMatch(err.message, /nope-secret/);
  });

  test('key-pair login with an encrypted private key file; a foreign key is refused', async () => {
    const file = join(dir, 'rsa_key.p8');
    writeFileSync(file, keys.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString());
    const w = await connectWarehouse(cfg(wh, { user: 'kp_user', auth: 'keypair', password: undefined, privateKeyFile: file, privateKeyPassphrase: new Secret(passphrase) }));
    assert.equal((await w.session()).user, 'KP_USER');
    await w.close();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const otherFile = join(dir, 'other.p8');
    writeFileSync(otherFile, other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    await rejectsWithCode(connectWarehouse(cfg(wh, { user: 'kp_user', auth: 'keypair', privateKeyFile: otherFile })), '390144');
  });

  test('programmatic access token login; a wrong token is refused', async () => {
    const w = await connectWarehouse(cfg(wh, { user: 'pat_user', auth: 'pat', password: undefined, token: new Secret('pat-token-123') }));
    assert.equal((await w.session()).user, 'PAT_USER');
    await w.close();
    await rejectsWithCode(connectWarehouse(cfg(wh, { user: 'pat_user', auth: 'pat', token: new Secret('wrong') })), '394400');
  });

  test('an unreachable host is one clear line', async () => {
    const err = await connectWarehouse(cfg(wh, { accessUrl: 'http://127.0.0.1:1' })).then(
      () => assert.fail('expected failure'),
      (e: Error) => e,
    );
    assert.match(err.message, /Cannot reach Snowflake at http:\/\/127\.0\.0\.1:1/);
  });

  test('tutorial scripts 1 (setup), the analytics tour and 5 (cleanup) run statement by statement', async () => {
    const w = await connectWarehouse(cfg(wh));
    for (const sql of statementsOf('1.snowflake_setup.sql')) await w.execute(sql);
    const dbs = await w.execute("SHOW DATABASES LIKE 'QUICKSTART_KAFKA_CONNECTOR_DB'");
    assert.equal(dbs.length, 1);
    assert.equal(dbs[0].owner, 'QUICKSTART_ROLE');
    const rules = await w.execute('DESCRIBE NETWORK RULE QUICKSTART_KAFKA_CONNECTOR_DB.NETWORKS.KAFKA_NETWORK_RULE');
    assert.equal(rules[0].value_list, 'broker-1.kafka.example.com:9092,broker-2.kafka.example.com:9092,broker-3.kafka.example.com:9092');
    const ctx = await w.session();
    assert.deepEqual([ctx.role, ctx.database, ctx.schema, ctx.warehouse], ['QUICKSTART_ROLE', 'QUICKSTART_KAFKA_CONNECTOR_DB', 'PUBLIC', 'QUICKSTART_KAFKA_CONNECTOR_WH']);
    // The script is idempotent: a second run succeeds too.
    for (const sql of statementsOf('1.snowflake_setup.sql')) await w.execute(sql);

    const loaded = await loadSampleLogs(w);
    const results: Array<Array<Record<string, unknown>>> = [];
    for (const sql of statementsOf('3.analytics_tutorial.sql')) results.push(await w.execute(sql));
    assert.equal(results[4][0].name, 'APPLICATION-LOGS');
    assert.equal(results[5][0].TOTAL_RECORDS, loaded);
    const cols = results[6].map((r) => `${r.COLUMN_NAME} ${r.DATA_TYPE}`);
    assert.equal(cols.length, 37);
    assert.ok(cols.includes('QUERY_PARAMS VARIANT') && cols.includes('TEST BOOLEAN') && cols.includes('AMOUNT NUMBER') && cols.includes('TIMESTAMP TEXT'));
    const levels = results[7];
    assert.equal(levels.reduce((n, r) => n + Number(r.EVENT_COUNT), 0), loaded);
    assert.ok(levels.every((r) => typeof r.PERCENTAGE === 'number'));
    assert.ok(results[9].length === 0, 'sample logs are from 2025: nothing in the last hour');
    const slowest = results[11];
    assert.equal(slowest.length, 20);
    assert.ok(Number(slowest[0].DURATION_MS) >= Number(slowest[19].DURATION_MS));

    for (const sql of statementsOf('5.cleanup.sql')) await w.execute(sql);
    assert.equal((await w.execute("SHOW DATABASES LIKE 'QUICKSTART_KAFKA_CONNECTOR_DB'")).length, 0);
    assert.equal((await w.execute('SHOW EXTERNAL ACCESS INTEGRATIONS')).length, 0);
    await w.close();
  });

  test('rowtypes: fixed, real, text, boolean, variant, date, timestamps come back typed', async () => {
    const w = await connectWarehouse(cfg(wh));
    const [row] = await w.execute(
      `SELECT 42 AS N, 1.25::FLOAT AS F, 'x' AS T, TRUE AS B, PARSE_JSON('{"a":[1,2]}') AS V,
              CAST('2025-10-17' AS DATE) AS D, TO_TIMESTAMP('2025-10-17T13:32:32.211Z') AS TS, CURRENT_TIMESTAMP() AS NOW`,
    );
    assert.equal(row.N, 42);
    assert.equal(row.F, 1.25);
    assert.equal(row.T, 'x');
    assert.equal(row.B, true);
    assert.deepEqual(row.V, { a: [1, 2] });
    assert.ok(row.D instanceof Date);
    assert.ok(row.TS instanceof Date);
    assert.equal((row.TS as Date).toISOString(), '2025-10-17T13:32:32.211Z');
    assert.ok(row.NOW instanceof Date);
    await w.close();
  });

  test('errors keep Snowflake codes: syntax 001003, missing object 002003, bad column 000904, unsupported features', async () => {
    const w = await connectWarehouse(cfg(wh));
    await rejectsWithCode(w.execute('SELECT FROM WHERE'), '001003', /syntax error/);
    await rejectsWithCode(w.execute('SELECT * FROM NO_SUCH_DB.PUBLIC.T'), '002003', /does not exist or not authorized/);
    await w.execute('CREATE DATABASE IF NOT EXISTS ERR_DB');
    await w.execute('CREATE TABLE T (A TEXT)');
    await rejectsWithCode(w.execute('SELECT INGESTION_TIME FROM T'), '000904', /invalid identifier 'INGESTION_TIME'/);
    await assert.rejects(w.execute("CREATE OR REPLACE CORTEX SEARCH SERVICE s ON MESSAGE WAREHOUSE = W TARGET_LAG = '1 minute' AS (SELECT 1)"), /not available in the sandbox/);
    await assert.rejects(w.execute("CREATE OR REPLACE ALERT PUBLIC.A WAREHOUSE = W SCHEDULE = '5 MINUTE' IF (SELECT 1) THEN CALL SYSTEM$SEND_EMAIL('a','b','c')"), /not available in the sandbox/);
    await w.execute('DROP DATABASE ERR_DB');
    await w.close();
  });

  test('QUICKSTART_ROLE without a grant fails as in Snowflake', async () => {
    const w = await connectWarehouse(cfg(wh));
    await w.execute('USE ROLE ACCOUNTADMIN');
    await w.execute('CREATE ROLE IF NOT EXISTS QUICKSTART_ROLE');
    await w.execute('GRANT ROLE QUICKSTART_ROLE TO ROLE OPENFLOW_ADMIN');
    await w.execute('CREATE DATABASE IF NOT EXISTS PRIV_DB');
    await w.execute('CREATE TABLE PRIV_DB.PUBLIC.SECRET_T (A TEXT)');
    await w.execute('USE ROLE QUICKSTART_ROLE');
    await rejectsWithCode(w.execute('SELECT * FROM PRIV_DB.PUBLIC.SECRET_T'), '002003');
    await rejectsWithCode(w.execute('CREATE TABLE PRIV_DB.PUBLIC.MINE (A TEXT)'), '002003');
    await w.execute('USE ROLE ACCOUNTADMIN');
    await w.execute('GRANT USAGE ON DATABASE PRIV_DB TO ROLE QUICKSTART_ROLE');
    await w.execute('GRANT USAGE ON SCHEMA PRIV_DB.PUBLIC TO ROLE QUICKSTART_ROLE');
    await w.execute('USE ROLE QUICKSTART_ROLE');
    await rejectsWithCode(w.execute('CREATE TABLE PRIV_DB.PUBLIC.MINE (A TEXT)'), '003001', /Insufficient privileges/);
    await rejectsWithCode(w.execute('CREATE DATABASE NOT_MINE'), '003001');
    await w.execute('USE ROLE ACCOUNTADMIN');
    await w.execute('GRANT CREATE TABLE ON SCHEMA PRIV_DB.PUBLIC TO ROLE QUICKSTART_ROLE');
    await w.execute('USE ROLE QUICKSTART_ROLE');
    await w.execute('CREATE TABLE PRIV_DB.PUBLIC.MINE (A TEXT)');
    await w.execute("INSERT INTO PRIV_DB.PUBLIC.MINE VALUES ('ok')");
    assert.deepEqual(await w.execute('SELECT A FROM PRIV_DB.PUBLIC.MINE'), [{ A: 'ok' }]);
    const tables = await w.execute('SELECT TABLE_NAME FROM PRIV_DB.INFORMATION_SCHEMA.TABLES ORDER BY TABLE_NAME');
    assert.deepEqual(tables.map((r) => r.TABLE_NAME), ['MINE'], 'INFORMATION_SCHEMA shows only what the role can see');
    await w.execute('USE ROLE ACCOUNTADMIN');
    await w.execute('DROP DATABASE PRIV_DB');
    await w.close();
  });

  test('data survives a restart of the emulator', async () => {
    let w = await connectWarehouse(cfg(wh));
    await w.execute('CREATE DATABASE IF NOT EXISTS KEEP_DB');
    await w.execute('CREATE OR REPLACE TABLE KEEP_T (N NUMBER, J VARIANT)');
    await w.execute(`INSERT INTO KEEP_T SELECT 1, PARSE_JSON('{"k":true}')`);
    await w.close();
    await wh.stop();
    wh = await startWarehouse({ dataDir: join(dir, 'data'), users });
    w = await connectWarehouse(cfg(wh, { database: 'KEEP_DB', schema: 'PUBLIC' }));
    assert.deepEqual(await w.execute('SELECT N, J FROM KEEP_T'), [{ N: 1, J: { k: true } }]);
    assert.equal((await w.execute("SHOW DATABASES LIKE 'KEEP_DB'")).length, 1);
    await w.execute('DROP DATABASE KEEP_DB');
    await w.close();
  });

  test('killed between DuckDB and the catalog file: CREATE TABLE IF NOT EXISTS heals either half', async () => {
    // As a role that sees a table only as its owner (the sandbox connector's QUICKSTART_ROLE).
    let w = await connectWarehouse(cfg(wh));
    await w.execute('CREATE ROLE IF NOT EXISTS HEAL_ROLE');
    await w.execute('GRANT ROLE HEAL_ROLE TO USER ALICE');
    await w.execute('GRANT CREATE DATABASE ON ACCOUNT TO ROLE HEAL_ROLE');
    await w.execute('USE ROLE HEAL_ROLE');
    await w.execute('CREATE DATABASE HEAL_DB');
    await w.execute('CREATE TABLE HEAL_DB.PUBLIC.LOST_ENTRY (N NUMBER)');
    await w.execute('INSERT INTO HEAL_DB.PUBLIC.LOST_ENTRY SELECT 7');
    await w.close();
    await wh.stop();
    // The files as a kill -9 leaves them: DuckDB committed LOST_ENTRY but the catalog file was not
    // saved after it; and, the other way, an entry for NEVER_STORED that DuckDB does not hold.
    const file = join(dir, 'data', 'catalog.json');
    const catalog = JSON.parse(readFileSync(file, 'utf8')) as { objects: Array<{ kind: string; name: string[] }> };
    const entry = catalog.objects.find((o) => o.kind === 'TABLE' && o.name[2] === 'LOST_ENTRY')!;
    catalog.objects = catalog.objects.filter((o) => o !== entry);
    catalog.objects.push({ ...entry, name: ['HEAL_DB', 'PUBLIC', 'NEVER_STORED'] });
    writeFileSync(file, JSON.stringify(catalog));
    wh = await startWarehouse({ dataDir: join(dir, 'data'), users });
    w = await connectWarehouse(cfg(wh));
    await w.execute('USE ROLE HEAL_ROLE');
    const tables = async () =>
      (await w.execute("SELECT TABLE_NAME FROM HEAL_DB.INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")).map((r) => r.TABLE_NAME);
    assert.deepEqual(await tables(), [], 'the lost entry hides the table');
    await w.execute('CREATE TABLE IF NOT EXISTS HEAL_DB.PUBLIC.LOST_ENTRY (N NUMBER)');
    await w.execute('CREATE TABLE IF NOT EXISTS HEAL_DB.PUBLIC.NEVER_STORED (N NUMBER)');
    assert.deepEqual(await tables(), ['LOST_ENTRY', 'NEVER_STORED']);
    assert.deepEqual(await w.execute('SELECT N FROM HEAL_DB.PUBLIC.LOST_ENTRY'), [{ N: 7 }]);
    await w.execute('INSERT INTO HEAL_DB.PUBLIC.NEVER_STORED SELECT 1');
    assert.deepEqual(await w.execute('SELECT N FROM HEAL_DB.PUBLIC.NEVER_STORED'), [{ N: 1 }]);
    await w.execute('DROP DATABASE HEAL_DB');
    await w.execute('USE ROLE ACCOUNTADMIN');
    await w.execute('DROP ROLE HEAL_ROLE');
    await w.close();
  });
});

describe('sandbox account without OPENFLOW_ADMIN', () => {
  test('the setup script stops at GRANT ROLE … TO ROLE OPENFLOW_ADMIN with 002003', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wh-noof-'));
    const wh = await startWarehouse({ dataDir: dir, users, openflowAdmin: false });
    try {
      const w = await connectWarehouse(cfg(wh));
      const statements = statementsOf('1.snowflake_setup.sql');
      const grantAt = statements.findIndex((s) => s.includes('TO ROLE OPENFLOW_ADMIN'));
      for (const sql of statements.slice(0, grantAt)) await w.execute(sql);
      await rejectsWithCode(w.execute(statements[grantAt]), '002003', /Role 'OPENFLOW_ADMIN' does not exist or not authorized/);
      await w.close();
    } finally {
      await wh.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
