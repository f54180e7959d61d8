// The sandbox host's light Snowflake session (src/snowflake/rest.ts) against the emulator, side by
// side with snowflake-sdk: the same statements give the same rows (types decoded alike), array
// binds land alike, a transaction spans statements, errors read the same one line, an expired
// session token is renewed, and a wrong password or a closed session fails clearly.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Secret } from '../../src/config/types.js';
import type { WarehousePort } from '../../src/engine/ports.js';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import { connectWarehouse } from '../../src/snowflake/connect.js';
import { connectRest } from '../../src/snowflake/rest.js';

describe('REST session (the sandbox host’s)', () => {
  let dir: string;
  let wh: RunningWarehouse;
  let sdk: WarehousePort;
  let rest: WarehousePort;
  const login = (password = 'alice-pw', extra = {}) => ({
    account: wh.account,
    user: 'alice',
    auth: 'password' as const,
    password: new Secret(password),
    accessUrl: wh.accessUrl,
    sources: {},
    ...extra,
  });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oqs-rest-'));
    // Sessions expire after 2 s: the REST session must renew its token and go on.
    wh = await startWarehouse({ dataDir: join(dir, 'wh'), users: [{ name: 'alice', password: 'alice-pw' }], sessionValiditySeconds: 2 });
    sdk = await connectWarehouse(login());
    await sdk.execute('CREATE WAREHOUSE REST_WH');
    await sdk.execute('CREATE DATABASE REST_DB');
    await sdk.execute('CREATE TABLE REST_DB.PUBLIC.T (NAME TEXT, AMOUNT NUMBER(38,6), N NUMBER(38,0), OK BOOLEAN, DOC VARIANT)');
    rest = await connectRest(login('alice-pw', { database: 'REST_DB', schema: 'PUBLIC', warehouse: 'REST_WH' }));
  });
  after(async () => {
    await rest?.close();
    await sdk?.close();
    await wh?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('array binds in a transaction, then the same rows as snowflake-sdk reads them', async () => {
    await rest.execute('BEGIN');
    await rest.execute('INSERT INTO T (NAME, AMOUNT, N, OK, DOC) SELECT ?, ?, ?, ?, PARSE_JSON(?)', [
      ['a "quoted" é', '1.125', '7', 'TRUE', '{"k":[1,2]}'],
      [null, null, null, null, null],
    ]);
    await rest.execute("INSERT INTO T (NAME) VALUES ('plain')");
    await rest.execute('COMMIT');
    await rest.execute('BEGIN');
    await rest.execute('INSERT INTO T (NAME) SELECT ?', [['rolled back']]);
    await rest.execute('ROLLBACK');
    const sql = 'SELECT NAME, AMOUNT, N, OK, DOC, COUNT(*) OVER () AS C FROM REST_DB.PUBLIC.T ORDER BY NAME NULLS LAST';
    const viaRest = await rest.execute(sql);
    assert.deepEqual(viaRest, await sdk.execute(sql));
    assert.deepEqual(viaRest[0], { NAME: 'a "quoted" é', AMOUNT: 1.125, N: 7, OK: true, DOC: { k: [1, 2] }, C: 3 });
  });

  test('a single-row bind, and a session token that expired is renewed', async () => {
    await new Promise((r) => setTimeout(r, 2_500));
    const [row] = await rest.execute('SELECT COUNT(*) AS N FROM T WHERE NAME = ?', ['plain']);
    assert.deepEqual(row, { N: 1 });
  });

  test('a failing statement reads as with snowflake-sdk', async () => {
    const sql = 'SELECT * FROM NO_SUCH_TABLE';
    const [a, b] = await Promise.all([rest.execute(sql).then(() => null, (e: Error) => e), sdk.execute(sql).then(() => null, (e: Error) => e)]);
    assert.ok(a && b);
    assert.equal(a.message, b.message);
    assert.match(a.message, /^Snowflake error 002003: .*NO_SUCH_TABLE/);
  });

  test('a wrong password fails in one line without the password; a closed session refuses', async () => {
    await assert.rejects(connectRest(login('wrong-pw')), (e: Error) => e.message === 'Snowflake login failed for user alice: incorrect username or password.');
    const once = await connectRest(login());
    await once.close();
    await assert.rejects(once.execute('SELECT 1'), /closed/);
  });
});
