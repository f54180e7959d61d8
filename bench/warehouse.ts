// Emulator figures: tutorial setup script wall time, INFORMATION_SCHEMA.COLUMNS latency (median of
// 100) and the process RSS after loading 1 M rows. Run: node --import tsx bench/warehouse.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Secret } from '../src/config/types.js';
import { startWarehouse } from '../src/sandbox/warehouse/index.js';
import { splitStatements, tokenize } from '../src/sandbox/warehouse/sql/tokenizer.js';
import { connectWarehouse } from '../src/snowflake/connect.js';

const dir = mkdtempSync(join(tmpdir(), 'wh-bench-'));
const wh = await startWarehouse({ dataDir: dir, users: [{ name: 'bench', password: 'bench' }] });
const w = await connectWarehouse({ account: wh.account, user: 'bench', auth: 'password', password: new Secret('bench'), accessUrl: wh.accessUrl, sources: {} });
try {
  const script = readFileSync(new URL('../test/warehouse/fixtures/1.snowflake_setup.sql', import.meta.url), 'utf8');
  const statements = splitStatements(tokenize(script)).map((s) => s.filter((t) => t.kind !== 'comment').map((t) => t.text).join('').trim());
  let t0 = performance.now();
  for (const sql of statements) await w.execute(sql);
  console.log(`setup script (${statements.length} statements): ${(performance.now() - t0).toFixed(1)} ms`);

  await w.execute('CREATE TABLE "APPLICATION-LOGS" (TIMESTAMP TEXT, LEVEL TEXT, SERVICE TEXT, DURATION_MS NUMBER, AMOUNT NUMBER(38,2), QUERY_PARAMS VARIANT)');
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    t0 = performance.now();
    await w.execute("SELECT COLUMN_NAME, DATA_TYPE FROM QUICKSTART_KAFKA_CONNECTOR_DB.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME ILIKE 'APPLICATION-LOGS' ORDER BY COLUMN_NAME");
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`INFORMATION_SCHEMA.COLUMNS query: median ${times[50].toFixed(2)} ms (p90 ${times[90].toFixed(2)} ms)`);

  const rssBefore = process.memoryUsage().rss;
  t0 = performance.now();
  await w.execute(
    `INSERT INTO "APPLICATION-LOGS" SELECT '2025-10-17T13:32:32.211556Z', 'INFO', 'svc-' || (i % 7), i % 5000, (i % 10000) / 100.0, '{"q":1}' FROM range(1000000) t(i)`,
  );
  const [count] = await w.execute('SELECT COUNT(*) AS N FROM "APPLICATION-LOGS"');
  console.log(`loaded ${count.N} rows in ${(performance.now() - t0).toFixed(0)} ms; emulator process RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB (was ${(rssBefore / 1048576).toFixed(0)} MiB)`);
} finally {
  await w.close();
  await wh.stop();
  rmSync(dir, { recursive: true, force: true });
}
