// 1 M log events through the embedded broker and the sandbox connector into the emulator, all in
// this one process: wall time (produce start → last row visible), rows/s and the process's peak
// RSS (getrusage maxrss). The connector runs while the events are produced, as in a live walk.
// Run: node --import tsx bench/million-records.ts [count]
// The figures in the closing note were taken with a capped JS heap and two malloc arenas (V8 and
// glibc otherwise keep freed memory around, which inflates peak RSS without being needed):
//   MALLOC_ARENA_MAX=2 NODE_OPTIONS=--max-old-space-size=128 node --import tsx bench/million-records.ts
import { performance } from 'node:perf_hooks';
import { iterateEvents, recordKeyOf } from '../src/logs/index.js';
import { createSandboxConnector } from '../src/sandbox/connector/index.js';
import { openRuntimeSession, startConnectorSandbox } from '../test/connector/support/sandbox.js';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const CHUNK = 5_000;
const topic = 'million-logs';
const table = 'MILLION-LOGS';
const mb = (kb: number) => (kb / 1024).toFixed(0);

console.log(`settings: NODE_OPTIONS=${process.env.NODE_OPTIONS ?? ''} MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? ''}; RSS at start ${mb(process.memoryUsage().rss / 1024)} MB`);
const sb = await startConnectorSandbox();
let batches = 0;
const connector = createSandboxConnector({
  openWarehouse: (target) => openRuntime(target),
  log: (line) => {
    if (line.startsWith('wrote ')) batches++;
    else if (!line.startsWith('joined') && !line.startsWith('running')) console.log(`  connector: ${line}`);
  },
});
const openRuntime = (target: { role: string; database: string; schema: string }) => openRuntimeSession(sb.access, target);
try {
  await sb.createTopic(topic);
  await connector.start(sb.parameters(topic, { 'Kafka Auto Offset Reset': 'earliest' }));
  const t0 = performance.now();
  let produced = 0;
  const events = iterateEvents({ kind: 'evolved', count: TOTAL, seed: 7 });
  while (produced < TOTAL) {
    const records = [];
    for (let i = 0; i < CHUNK && produced + i < TOTAL; i++) {
      const e = events.next().value!;
      records.push({ key: recordKeyOf(e), value: JSON.stringify(e) });
    }
    await sb.kafka.produce(topic, records, {});
    produced += records.length;
  }
  const tProduced = performance.now();
  console.log(`produced ${produced} events in ${((tProduced - t0) / 1000).toFixed(1)} s; peak RSS so far ${mb(process.resourceUsage().maxRSS)} MB`);
  let rows = 0;
  let lastReport = performance.now();
  while (rows < TOTAL) {
    await new Promise((r) => setTimeout(r, 500));
    rows = await sb.count(table).catch(() => 0);
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const m = process.memoryUsage();
      console.log(`  ${rows} rows after ${((lastReport - t0) / 1000).toFixed(0)} s: RSS ${mb(m.rss / 1024)} MB (peak ${mb(process.resourceUsage().maxRSS)}), JS heap ${mb(m.heapUsed / 1024)} MB, external ${mb(m.external / 1024)} MB`);
    }
  }
  const wall = (performance.now() - t0) / 1000;
  console.log(`${rows} rows in "${table}" (${batches} transactions): wall ${wall.toFixed(1)} s, ${(rows / wall).toFixed(0)} rows/s`);
  console.log(`peak RSS of the whole process (broker + emulator + connector + producer): ${mb(process.resourceUsage().maxRSS)} MB`);
} finally {
  await connector.stop();
  await sb.stop();
}
