// Emulator figures, every statement through snowflake-sdk over the Snowflake protocol:
//   - the tutorial's setup script (1) wall time;
//   - per-statement latency of the tutorial's query scripts 2, 2a, 2b and 3 on the sample logs
//     (median of RUNS runs per statement, then the median and sum over statements);
//   - INFORMATION_SCHEMA.COLUMNS latency (median of 100);
//   - ROWS rows loaded with array-bound INSERTs (BATCH rows per statement), as a client or the
//     connector sends them, and the process RSS after.
// Run: npx tsx bench/warehouse.ts [rows=1000000]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Secret } from '../src/config/types.js';
import { startWarehouse } from '../src/sandbox/warehouse/index.js';
import { connectWarehouse } from '../src/snowflake/connect.js';
import { loadBaseLogs, loadEvolvedLogs, statementsOf } from '../test/warehouse/tutorial-data.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BATCH = 10_000;
const RUNS = 15;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'wh-bench-'));
// A password made for this run only, as the sandbox makes its own: nothing secret is written down.
const password = randomBytes(12).toString('hex');
const wh = await startWarehouse({ dataDir: dir, users: [{ name: 'bench', password }] });
const w = await connectWarehouse({ account: wh.account, user: 'bench', auth: 'password', password: new Secret(password), accessUrl: wh.accessUrl, sources: {} });
try {
  const setup = statementsOf('1.snowflake_setup.sql');
  let t0 = performance.now();
  for (const sql of setup) await w.execute(sql);
  console.log(`setup script (${setup.length} statements): ${(performance.now() - t0).toFixed(1)} ms`);

  await loadBaseLogs(w);
  await loadEvolvedLogs(w);
  await w.execute('USE ROLE ACCOUNTADMIN');
  const perStatement: number[] = [];
  let failed = 0;
  for (const file of ['2.verify_ingestion.sql', '2a.verify_base_schema.sql', '2b.verify_schema_evolution.sql', '3.analytics_tutorial.sql']) {
    for (const sql of statementsOf(file)) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        t0 = performance.now();
        try {
          await w.execute(sql);
        } catch {
          if (i === 0) failed++;
        }
        times.push(performance.now() - t0);
      }
      perStatement.push(median(times));
    }
  }
  const sorted = [...perStatement].sort((a, b) => a - b);
  console.log(
    `scripts 2, 2a, 2b, 3 (${perStatement.length} statements, ${failed} failing, median of ${RUNS} runs each): ` +
      `per-statement median ${median(perStatement).toFixed(2)} ms, p90 ${sorted[Math.floor(sorted.length * 0.9)].toFixed(2)} ms, ` +
      `sum ${perStatement.reduce((a, b) => a + b, 0).toFixed(1)} ms`,
  );

  await w.execute('USE SCHEMA QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC');
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    t0 = performance.now();
    await w.execute("SELECT COLUMN_NAME, DATA_TYPE FROM QUICKSTART_KAFKA_CONNECTOR_DB.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME ILIKE 'APPLICATION-LOGS' ORDER BY COLUMN_NAME");
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`INFORMATION_SCHEMA.COLUMNS query: median ${times[50].toFixed(2)} ms (p90 ${times[90].toFixed(2)} ms)`);

  await w.execute('CREATE TABLE BULK_LOGS (TIMESTAMP TEXT, LEVEL TEXT, SERVICE TEXT, DURATION_MS NUMBER, AMOUNT NUMBER(38,2))');
  const rssBefore = process.memoryUsage().rss;
  t0 = performance.now();
  for (let done = 0; done < ROWS; done += BATCH) {
    const n = Math.min(BATCH, ROWS - done);
    const binds = Array.from({ length: n }, (_, k) => {
      const i = done + k;
      return ['2025-10-17T13:32:32.211556Z', 'INFO', `svc-${i % 7}`, i % 5000, (i % 10000) / 100];
    });
    await w.execute('INSERT INTO BULK_LOGS (TIMESTAMP, LEVEL, SERVICE, DURATION_MS, AMOUNT) VALUES (?, ?, ?, ?, ?)', binds);
  }
  const ms = performance.now() - t0;
  const [count] = await w.execute('SELECT COUNT(*) AS N FROM BULK_LOGS');
  console.log(
    `loaded ${count.N} rows through snowflake-sdk (array-bound INSERT, ${BATCH} rows per statement) in ${ms.toFixed(0)} ms ` +
      `(${Math.round(Number(count.N) / (ms / 1000))} rows/s); process RSS (client + emulator) ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB (was ${(rssBefore / 1048576).toFixed(0)} MiB)`,
  );
} finally {
  await w.close();
  await wh.stop();
  rmSync(dir, { recursive: true, force: true });
}
