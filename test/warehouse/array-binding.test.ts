// snowflake-sdk's array binding (bulk insert) against the emulator: the set-based path
// (INSERT … SELECT ?, PARSE_JSON(?) and INSERT … VALUES (?, ?)), the per-row path for other
// shapes, and both inside an open transaction (the connector's BEGIN … COMMIT / ROLLBACK).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Secret } from '../../src/config/types.js';
import { setBasedInsert } from '../../src/sandbox/warehouse/duck/array-insert.js';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import { connectWarehouse, type SnowflakeWarehouse } from '../../src/snowflake/connect.js';

describe('array binding', () => {
  let dir: string;
  let wh: RunningWarehouse;
  let w: SnowflakeWarehouse;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oqs-array-bind-'));
    wh = await startWarehouse({ dataDir: join(dir, 'wh'), users: [{ name: 'alice', password: 'alice-pw' }] });
    w = await connectWarehouse({ account: wh.account, user: 'alice', auth: 'password', password: new Secret('alice-pw'), accessUrl: wh.accessUrl, sources: {} });
    await w.execute('CREATE DATABASE BIND_DB');
    await w.execute('CREATE WAREHOUSE BIND_WH');
    await w.execute('USE WAREHOUSE BIND_WH');
    await w.execute('USE SCHEMA BIND_DB.PUBLIC');
    await w.execute('CREATE TABLE T (NAME TEXT, AMOUNT NUMBER(38,6), OK BOOLEAN, DOC VARIANT)');
  });
  after(async () => {
    await w?.close();
    await wh?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const odd = ['it\'s', 'a "quoted" name', 'line\nbreak', 'back\\slash', 'é ✓', ''];

  test('INSERT … SELECT ?, PARSE_JSON(?) writes every row, with text cast to the column types', async () => {
    await w.execute('TRUNCATE TABLE T');
    const binds = odd.map((name, i) => [name, i % 2 ? null : `${i}.125`, i % 3 === 0 ? 'TRUE' : 'FALSE', JSON.stringify({ i, name })]);
    const r = await w.execute('INSERT INTO T (NAME, AMOUNT, OK, DOC) SELECT ?, ?, ?, PARSE_JSON(?)', binds);
    assert.equal(Number(r[0]!['number of rows inserted']), odd.length);
    const rows = (await w.execute('SELECT NAME, AMOUNT, OK, DOC FROM T')).map((x) => ({ ...x, DOC: (typeof x.DOC === 'string' ? JSON.parse(x.DOC) : x.DOC) as { i: number; name: string } }));
    rows.sort((a, b) => a.DOC.i - b.DOC.i);
    assert.deepEqual(
      rows.map((x) => [x.NAME, x.AMOUNT === null ? null : Number(x.AMOUNT), x.OK, x.DOC.i, x.DOC.name]),
      odd.map((name, i) => [name, i % 2 ? null : i + 0.125, i % 3 === 0, i, name]),
    );
  });

  test('INSERT … VALUES (?, …) and numeric binds take the set-based path too', async () => {
    await w.execute('TRUNCATE TABLE T');
    await w.execute('INSERT INTO T (NAME, AMOUNT) VALUES (?, ?)', [['a', 1], ['b', 2.5], ['c', null]]);
    const rows = await w.execute('SELECT NAME, AMOUNT FROM T ORDER BY NAME');
    assert.deepEqual(rows.map((x) => [x.NAME, x.AMOUNT === null ? null : Number(x.AMOUNT)]), [['a', 1], ['b', 2.5], ['c', null]]);
  });

  test('rows bound inside BEGIN … ROLLBACK are gone, inside BEGIN … COMMIT kept (both paths)', async () => {
    await w.execute('TRUNCATE TABLE T');
    await w.execute('BEGIN');
    await w.execute('INSERT INTO T (NAME) SELECT ?', [['x'], ['y']]);
    await w.execute('INSERT INTO T (NAME) SELECT ? WHERE ? > 0', [['p', 1], ['q', 0]]); // per row
    await w.execute('ROLLBACK');
    assert.equal(Number((await w.execute('SELECT COUNT(*) AS N FROM T'))[0]!.N), 0);
    await w.execute('BEGIN');
    await w.execute('INSERT INTO T (NAME) SELECT ?', [['x'], ['y']]);
    await w.execute('INSERT INTO T (NAME) SELECT ? WHERE ? > 0', [['p', 1], ['q', 0]]);
    await w.execute('COMMIT');
    const names = (await w.execute('SELECT NAME FROM T ORDER BY NAME')).map((x) => x.NAME);
    assert.deepEqual(names, ['p', 'x', 'y']);
  });

  test('only plain row constructors become set-based', () => {
    const cols = [{ type: 'TEXT', values: ['a'] }];
    assert.ok(setBasedInsert('INSERT INTO t (a) SELECT ?', cols));
    assert.ok(setBasedInsert('INSERT INTO t (a) VALUES (upper(?))', cols));
    assert.equal(setBasedInsert('INSERT INTO t (a) SELECT ? FROM u', cols), null);
    assert.equal(setBasedInsert('INSERT INTO t (a) VALUES (?), (?)', [...cols, ...cols]), null);
    assert.equal(setBasedInsert('UPDATE t SET a = ?', cols), null);
    assert.equal(setBasedInsert('INSERT INTO t (a) SELECT ?, ?', cols), null); // binds do not match
  });
});
