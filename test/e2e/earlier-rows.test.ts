// A walk into a table that already holds rows (#13): 50 rows of an earlier run are in
// "APPLICATION-LOGS" before the sandbox walk starts. The verify steps must wait for this walk's
// 50 and 130 records on top of them and report them apart — not pass on the old rows, not report
// a count taken before the new ones arrived.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedColumns } from '../../src/logs/index.js';
import { runCli, tempDir } from '../support/cli.js';

const TABLE = 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"';

async function query(cwd: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const r = await runCli(['query', '--sandbox', '--json', sql], { cwd });
  assert.equal(r.exitCode, 0, r.all);
  return JSON.parse(r.stdout) as Array<Record<string, unknown>>;
}

// A whole walk and three CLI runs: on a crowded machine more than the runner's default 3 minutes.
test('a table holding 50 rows of an earlier run: the walk waits for its own 130 and reports them apart', { timeout: 420_000 }, async () => {
  const cwd = tempDir();
  const earlier = Array.from({ length: 50 }, (_, i) => `('2025-01-01T00:00:${String(i).padStart(2, '0')}Z', 'INFO', 'auth-service')`).join(', ');
  await query(
    cwd,
    [
      'CREATE ROLE IF NOT EXISTS QUICKSTART_ROLE',
      'CREATE DATABASE IF NOT EXISTS QUICKSTART_KAFKA_CONNECTOR_DB',
      'CREATE WAREHOUSE IF NOT EXISTS QUICKSTART_KAFKA_CONNECTOR_WH',
      'USE WAREHOUSE QUICKSTART_KAFKA_CONNECTOR_WH',
      `CREATE TABLE ${TABLE} (${expectedColumns('base').map((c) => `${c.name} ${c.type}`).join(', ')})`,
      `INSERT INTO ${TABLE} (TIMESTAMP, LEVEL, SERVICE) VALUES ${earlier}`,
      `GRANT OWNERSHIP ON TABLE ${TABLE} TO ROLE QUICKSTART_ROLE`,
    ].join(';\n'),
  );

  const walk = await runCli(['run', '--sandbox', '--yes'], { cwd, timeoutMs: 240_000, env: { OQS_PRODUCE_CHUNK_RECORDS: '5' } });
  assert.equal(walk.exitCode, 0, walk.all);
  assert.match(walk.all, /ok +verify-base-columns: 11 columns, 50 rows of 50 produced \(\+50 rows from before this walk\)/);
  assert.match(walk.all, /ok +verify-evolved-columns: 37 columns, 130 rows of 130 produced \(\+50 rows from before this walk\)/);
  const [count] = await query(cwd, `SELECT COUNT(*) AS N FROM ${TABLE}`);
  assert.equal(Number(count!.N), 180);
});
