// 1 M log events through the embedded broker and the sandbox connector into the emulator: wall
// time (produce start → last row visible), rows/s and peak RSS. The connector runs while the
// events are produced, as in a live walk.
//
// Run (after npm run build): node --import tsx bench/million-records.ts [count] [--in-bench [--in-process] [--no-limits]]
//
// By default the product is measured as a person runs it: the sandbox service and `logs`, each
// its own process, the whole tree's RSS (bench/support/million-service.ts).
//
// --in-bench: the sandbox's parts are started in this benchmark's process instead. The process
// measured holds what the sandbox runs: broker, emulator (DuckDB) and connector. The load generator is the product's own `logs` command in a child process, like any outside
// producer; the peak RSS of the process tree (both, summed per sample) is printed too.
// --in-process produces from this process instead.
//
// The measured process runs with the limits the product starts every sandbox host with
// (SANDBOX_NODE_FLAGS and SANDBOX_ENV of src/sandbox/service/spawn.ts): left to its defaults V8
// lets the heap grow to ~140 MB of mostly garbage between full collections; --no-limits shows
// that. (tsx itself adds ~35 MB here.)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { iterateRecords } from '../src/logs/index.js';
import { createSandboxConnector } from '../src/sandbox/connector/index.js';
import { SANDBOX_ENV, SANDBOX_NODE_FLAGS, hasSandboxLimits } from '../src/sandbox/service/spawn.js';
import { openRuntimeSession, startConnectorSandbox, type ConnectorSandbox } from '../test/connector/support/sandbox.js';

const args = process.argv.slice(2);
const TOTAL = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const IN_PROCESS = args.includes('--in-process');
const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

if (!args.includes('--in-bench') && !args.includes('--in-process')) {
  const { millionThroughService } = await import('./support/million-service.js');
  await millionThroughService(TOTAL);
  process.exit(0);
}

if (!args.includes('--no-limits') && !hasSandboxLimits()) {
  // Run this benchmark again, in a process started with the limits.
  const env = { ...process.env, ...SANDBOX_ENV };
  const again = spawnSync(process.execPath, [...SANDBOX_NODE_FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit', env });
  process.exit(again.status ?? 1);
}
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
/** The child's own peak (VmHWM), read while it runs. */
const vmHwmKb = new Map<number, number>();
const sampler = setInterval(() => {
  const kb = vmRssKb();
  const childKb = childPid ? vmRssKb(childPid) : 0;
  if (childPid && childKb > (vmHwmKb.get(childPid) ?? 0)) vmHwmKb.set(childPid, childKb);
  treePeakKb = Math.max(treePeakKb, kb + childKb);
  if (kb <= peakKb) return;
  peakKb = kb;
  const m = process.memoryUsage();
  atPeak = `JS heap ${mb(m.heapTotal / 1024)} MB (used ${mb(m.heapUsed / 1024)}), external ${mb(m.external / 1024)} MB`;
}, 50);
sampler.unref();

console.log(`${TOTAL} events, producer ${IN_PROCESS ? 'in this process' : 'in a child process (logs)'}; V8 flags: ${process.execArgv.filter((a) => SANDBOX_NODE_FLAGS.includes(a) || a.startsWith('--max')).join(' ') || 'defaults'}, MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? 'unset'}; RSS at start ${mb(vmRssKb())} MB; loadavg ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
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

/** Runs the product's `logs --evolved --seed 7` as a child process, against the sandbox's broker. */
function produceInChild(sandbox: ConnectorSandbox): Promise<void> {
  const p = sandbox.parameters(topic);
  // `logs` runs as a user runs it: none of the sandbox process's limits.
  const { MALLOC_ARENA_MAX: _arenas, ...userEnv } = process.env;
  const env = {
    ...userEnv,
    NODE_OPTIONS: '',
    KAFKA_BROKERS: p['Kafka Bootstrap Servers'],
    KAFKA_TOPIC: topic,
    KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
    KAFKA_SASL_MECHANISM: 'PLAIN',
    KAFKA_SASL_USERNAME: p['Kafka SASL Username'],
    KAFKA_SASL_PASSWORD: p['Kafka SASL Password'],
  };
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'oqs-million-'));
  const child = spawn(process.execPath, [CLI, 'logs', '--count', String(TOTAL), '--evolved', '--seed', '7', '--yes'], { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  childPid = child.pid;
  let tail = '';
  child.stderr.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const peak = (vmHwmKb.get(child.pid!) ?? 0) / 1024;
      console.log(`  logs (producer process): ${tail.trim().split('\n').at(-1)}; its peak RSS ${peak.toFixed(0)} MB`);
      if (code === 0) resolve();
      else reject(new Error(`logs exited with ${code}: ${tail}`));
    });
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
