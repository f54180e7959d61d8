// bench/million-records.ts's default: the product as a person runs it. `sandbox up --detach`
// (the service, started by the product with its own memory limits), a walk (`run --sandbox
// --yes`: topic, tables, the connector running in the service), then `logs --sandbox --count N
// --evolved` as a separate process. Measured: wall time from the start of `logs` until the table
// counts every row, and the peak RSS of the whole tree (the service, its children, the `logs`
// process), summed per 50 ms sample, and what each process held at that peak. Nothing of this
// benchmark runs in the processes measured. MILLION_RSS_TRACE=file writes every sample.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { Secret } from '../../src/config/types.js';
import { connectWarehouse } from '../../src/snowflake/connect.js';
import { sampleTreeRss, treeRss, type ProcessRss } from './tree-rss.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const TABLE = 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const each = (ps: ProcessRss[]) => ps.map((p) => `${p.what.split(' ').slice(0, 2).join(' ')} ${mb(p.bytes)}`).join(', ');
/** MILLION_RSS_TRACE=file: every sample's per-process RSS as CSV (seconds, total MB, then pid:MB each). */
const TRACE = process.env.MILLION_RSS_TRACE;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

export async function millionThroughService(total: number): Promise<void> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'oqs-million-service-'));
  // The long null-column grace keeps a crowded machine's pauses from failing the walk's type check.
  const env = { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '', SNOWFLAKE_HOME: path.join(cwd, 'no-snowflake'), OQS_CONNECTOR_NULL_GRACE_MS: '30000' };
  const cli = async (...args: string[]) => {
    const r = await execa(process.execPath, [CLI, ...args], { cwd, env, reject: false, all: true });
    if (r.exitCode !== 0) throw new Error(`${args.join(' ')} failed:\n${r.all}`);
    return r;
  };
  const card = () =>
    JSON.parse(readFileSync(path.join(cwd, '.openflow-quickstart/sandbox/default/service.json'), 'utf8')) as {
      pid: number;
      snowflake: { accessUrl: string; account: string; user: string; password: string };
    };
  try {
    console.log(`${total} evolved events through the sandbox service (sandbox up --detach, a walk, then logs --sandbox); loadavg ${loadavg()}`);
    await cli('sandbox', 'up', '--detach');
    const service = card();
    // node's own flags: those between the executable and the CLI's path.
    const cmdline = readFileSync(`/proc/${service.pid}/cmdline`, 'utf8').split('\0');
    const args = cmdline.slice(1, cmdline.findIndex((a) => a.endsWith('cli.js') || a.endsWith('cli.tsx')));
    console.log(`  service pid ${service.pid}, node flags: ${args.join(' ') || 'none'}; RSS after start ${mb(treeRss([service.pid]).bytes)}`);
    await cli('run', '--sandbox', '--yes');
    console.log(`  after the walk: service tree RSS ${mb(treeRss([service.pid]).bytes)}`);

    const s = service.snowflake;
    const session = await connectWarehouse({ account: s.account, user: s.user, auth: 'password', password: new Secret(s.password), accessUrl: s.accessUrl, role: 'ACCOUNTADMIN', sources: {} });
    const count = async () => Number((await session.execute(`SELECT COUNT(*) AS N FROM ${TABLE}`))[0]!.N);
    const before = await count();

    const t0 = performance.now();
    const logs = spawn(process.execPath, [CLI, 'logs', '--sandbox', '--count', String(total), '--evolved', '--seed', '7', '--yes'], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (TRACE) writeFileSync(TRACE, `# service ${service.pid}, logs ${logs.pid}\n`);
    const tree = sampleTreeRss([service.pid, logs.pid!], 50, (now) => {
      if (TRACE) appendFileSync(TRACE, `${((performance.now() - t0) / 1000).toFixed(2)},${(now.bytes / 1048576).toFixed(0)},${now.each.map((p) => `${p.pid}:${(p.bytes / 1048576).toFixed(0)}`).join(',')}\n`);
    });
    const serviceAlone = sampleTreeRss([service.pid], 50);
    const producer = sampleTreeRss([logs.pid!], 50);
    let tail = '';
    logs.stderr.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-2000)));
    const produced = new Promise<void>((resolve, reject) =>
      logs.once('exit', (code) => {
        console.log(`  logs: ${tail.trim().split('\n').at(-1)} (exit ${code}; its peak RSS ${mb(producer.stop().peakBytes)})`);
        if (code === 0) resolve();
        else reject(new Error(`logs exited with ${code}: ${tail}`));
      }),
    );
    let rows = before;
    let lastReport = performance.now();
    while (rows < before + total) {
      await new Promise((r) => setTimeout(r, 500));
      rows = await count().catch(() => rows);
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        console.log(`  ${rows - before} rows after ${((lastReport - t0) / 1000).toFixed(0)} s: tree RSS now ${mb(treeRss([service.pid, logs.pid!]).bytes)}`);
      }
    }
    await produced;
    const wall = (performance.now() - t0) / 1000;
    const peak = tree.stop();
    await session.close();
    console.log(`${rows - before} rows (${before} from the walk before): wall ${wall.toFixed(1)} s, ${((rows - before) / wall).toFixed(0)} rows/s; loadavg ${loadavg()}`);
    console.log(`peak RSS of the sandbox service: ${mb(serviceAlone.stop().peakBytes)}`);
    console.log(`peak RSS of the whole process tree (service + logs, ${peak.maxProcesses} processes): ${mb(peak.peakBytes)} (goal <= 300 MB), ${((peak.peakAtMs - t0) / 1000).toFixed(1)} s after logs started: ${each(peak.atPeak)}`);
  } finally {
    await execa(process.execPath, [CLI, 'sandbox', 'down'], { cwd, env, reject: false });
    rmSync(cwd, { recursive: true, force: true });
  }
}
