// 1 M log events through the embedded broker and the sandbox connector into the emulator: wall
// time (produce start → last row visible), rows/s and peak RSS. The connector runs while the
// events are produced, as in a live walk.
//
// Run: node --import tsx bench/million-records.ts [count] [--in-process]
//
// The process measured holds what the sandbox runs: broker, emulator (DuckDB) and connector. The
// load generator (event generation + kafkajs producer) runs as a child process, like any outside
// producer; its own peak RSS is printed apart. --in-process produces from this process instead
// (the generator and producer then add their own churn to the figure: about half of all JS
// allocation in the run).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { iterateRecords } from '../src/logs/index.js';
import { createSandboxConnector } from '../src/sandbox/connector/index.js';
import { openRuntimeSession, startConnectorSandbox, type ConnectorSandbox } from '../test/connector/support/sandbox.js';

const args = process.argv.slice(2);
const TOTAL = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const IN_PROCESS = args.includes('--in-process');
const topic = 'million-logs';
const table = 'MILLION-LOGS';
const mb = (kb: number) => (kb / 1024).toFixed(0);

// VmRSS sampled every 50 ms, with what the process held at the highest sample; and the whole
// process tree's (this process + the producer child), summed at each sample.
const vmRssKb = (pid: number | 'self' = 'self') => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // the child has exited
  }
};
let childPid: number | undefined;
let peakKb = 0;
let treePeakKb = 0;
let atPeak = '';
const sampler = setInterval(() => {
  const kb = vmRssKb();
  treePeakKb = Math.max(treePeakKb, kb + (childPid ? vmRssKb(childPid) : 0));
  if (kb <= peakKb) return;
  peakKb = kb;
  const m = process.memoryUsage();
  atPeak = `JS heap ${mb(m.heapTotal / 1024)} MB (used ${mb(m.heapUsed / 1024)}), external ${mb(m.external / 1024)} MB`;
}, 50);
sampler.unref();

console.log(`${TOTAL} events, producer ${IN_PROCESS ? 'in this process' : 'in a child process'}; NODE_OPTIONS=${process.env.NODE_OPTIONS ?? ''} MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? ''}; RSS at start ${mb(vmRssKb())} MB`);
const sb = await startConnectorSandbox();
let batches = 0;
const connector = createSandboxConnector({
  openWarehouse: (target) => openRuntimeSession(sb.access, target),
  log: (line) => {
    if (line.startsWith('wrote ')) batches++;
    else if (!line.startsWith('joined') && !line.startsWith('running')) console.log(`  connector: ${line}`);
  },
});

/** DuckDB's own account of its memory (buffer manager tags over 1 MB). */
async function duckMemory(): Promise<string> {
  const r = await sb.admin
    .execute(`SELECT tag AS T, memory_usage_bytes AS B FROM duckdb_memory() WHERE memory_usage_bytes > 1048576 ORDER BY 2 DESC`)
    .catch(() => []);
  return r.map((x) => `${String(x.T)} ${mb(Number(x.B) / 1024)}`).join(', ') || 'under 1 MB';
}

async function produceHere(): Promise<void> {
  await sb.kafka.produce(topic, iterateRecords({ kind: 'evolved', count: TOTAL, seed: 7 }), { bulk: true });
}

/** Runs bench/support/event-producer.ts as a child (it prints its own peak RSS). */
function produceInChild(sandbox: ConnectorSandbox): Promise<void> {
  const p = sandbox.parameters(topic);
  const job = {
    brokers: p['Kafka Bootstrap Servers']!.split(','),
    username: p['Kafka SASL Username'],
    password: p['Kafka SASL Password'],
    topic,
    count: TOTAL,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./support/event-producer.ts', import.meta.url).pathname], {
    env: { ...process.env, OQS_BENCH_PRODUCER: JSON.stringify(job) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  childPid = child.pid;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the producer exited with ${code}`))));
  });
}

try {
  await sb.createTopic(topic);
  await connector.start(sb.parameters(topic, { 'Kafka Auto Offset Reset': 'earliest' }));
  const t0 = performance.now();
  const producing = IN_PROCESS ? produceHere() : produceInChild(sb);
  void producing.then(() => console.log(`produced ${TOTAL} events in ${((performance.now() - t0) / 1000).toFixed(1)} s; peak RSS so far ${mb(peakKb)} MB`));
  let rows = 0;
  let lastReport = performance.now();
  while (rows < TOTAL) {
    await new Promise((r) => setTimeout(r, 500));
    rows = await sb.count(table).catch(() => 0);
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const m = process.memoryUsage();
      console.log(`  ${rows} rows after ${((lastReport - t0) / 1000).toFixed(0)} s: RSS ${mb(m.rss / 1024)} MB (peak ${mb(peakKb)}), JS heap ${mb(m.heapTotal / 1024)} MB; DuckDB: ${await duckMemory()}`);
    }
  }
  await producing;
  const wall = (performance.now() - t0) / 1000;
  console.log(`${rows} rows in "${table}" (${batches} transactions): wall ${wall.toFixed(1)} s, ${(rows / wall).toFixed(0)} rows/s`);
  console.log(`peak RSS (broker + emulator + connector${IN_PROCESS ? ' + producer' : ''}): ${mb(Math.max(peakKb, process.resourceUsage().maxRSS))} MB; at the peak: ${atPeak}`);
  if (!IN_PROCESS) console.log(`peak RSS of the process tree (this process + the producer child, summed per 50 ms sample): ${mb(treePeakKb)} MB`);
} finally {
  await connector.stop();
  await sb.stop();
}
