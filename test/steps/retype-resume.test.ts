// A column conversion killed midway (found by test/crash: the resume failed with "Object
// 'X_RETYPED' already exists", or with X missing for good) is finished or undone on the next run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finishInterruptedRetype } from '../../steps/shared/retype-columns.js';
import { startSandboxWarehouse } from './helpers.js';

test('an interrupted conversion: a partial copy is dropped, a complete one renamed into place', async () => {
  const sb = await startSandboxWarehouse();
  try {
    const w = sb.warehouse;
    await w.execute('CREATE WAREHOUSE IF NOT EXISTS RETYPE_WH');
    await w.execute('USE WAREHOUSE RETYPE_WH');
    await w.execute('CREATE DATABASE IF NOT EXISTS RETYPE_DB');
    await w.execute('CREATE OR REPLACE TABLE RETYPE_DB.PUBLIC."T" (A TEXT, A_RETYPED NUMBER(38,6), B_RETYPED NUMBER(38,6))');
    await w.execute("INSERT INTO RETYPE_DB.PUBLIC.\"T\" (A, A_RETYPED, B_RETYPED) VALUES ('1', NULL, 2)");
    const names = { DATABASE: 'RETYPE_DB', TABLE: 'T' } as Parameters<typeof finishInterruptedRetype>[1];
    const done = await finishInterruptedRetype(w, names, ['A', 'A_RETYPED', 'B_RETYPED']);
    assert.equal(done.length, 2);
    const cols = await w.execute("SELECT COLUMN_NAME AS C FROM RETYPE_DB.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'T' ORDER BY 1");
    assert.deepEqual(cols.map((r) => r.C), ['A', 'B']);
    const [row] = await w.execute('SELECT A, B FROM RETYPE_DB.PUBLIC."T"');
    assert.equal(row!.A, '1');
    assert.equal(Number(row!.B), 2);
    assert.deepEqual(await finishInterruptedRetype(w, names, ['A', 'B']), [], 'nothing to do the second time');
  } finally {
    await sb.stop();
  }
});
