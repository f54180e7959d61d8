// Benchmark (issue 10): memory of an idle `sandbox up` — the whole process tree of the service
// (brokers, emulator and connector), sampled from /proc while nothing happens: right after it
// started, and after a walk (connector configured, consuming an idle topic). Also the latency the
// issue asks for: `logs --count 10`, then how long until the table counts the 10 new rows.
// Peak = the largest sum of VmRSS over the tree seen while sampling, and each process's own
// high-water mark (VmHWM) summed, which also covers the moments between samples.
//   npm run build && npx tsx bench/sandbox-idle.ts [idle-seconds]
import { execa } from 'execa';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Secret } from '../src/config/types.js';
import { connectWarehouse } from '../src/snowflake/connect.js';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const idleSeconds = Number(process.argv[2] ?? 10);
const cwd = mkdtempSync(path.join(os.tmpdir(), 'oqs-idle-bench-'));
// The long null-column grace keeps a crowded machine's pauses from failing the walk's type check.
const env = { ...process.env, NO_COLOR: '1', SNOWFLAKE_HOME: path.join(cwd, 'no-snowflake'), OQS_CONNECTOR_NULL_GRACE_MS: '30000' };
const cli = async (...args: string[]) => {
  const r = await execa(process.execPath, [CLI, ...args], { cwd, env, reject: false, all: true });
  if (r.exitCode !== 0) {
    console.error(`${args.join(' ')} failed:\n${r.all}`);
    await execa(process.execPath, [CLI, 'sandbox', 'down'], { cwd, env, reject: false });
    process.exit(1);
  }
  return r;
};

function statusField(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // gone meanwhile
  }
}

/** The pid and all its descendants, from /proc/<pid>/stat's parent field. */
function tree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited while listing
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, parent] of parents) if (parent === out[i]) out.push(pid);
  return out;
}

async function sampleIdle(label: string, pid: number): Promise<void> {
  let peak = 0;
  let sum = 0;
  let samples = 0;
  const pids = new Set<number>();
  const until = Date.now() + idleSeconds * 1000;
  while (Date.now() < until) {
    const members = tree(pid);
    members.forEach((p) => pids.add(p));
    const rss = members.reduce((total, p) => total + statusField(p, 'VmRSS'), 0);
    peak = Math.max(peak, rss);
    sum += rss;
    samples++;
    await sleep(100);
  }
  const hwm = [...pids].reduce((total, p) => total + statusField(p, 'VmHWM'), 0);
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  console.log(`${label}: ${pids.size} process(es), idle ${idleSeconds} s: peak RSS ${mb(peak)}, mean ${mb(sum / samples)}; high-water mark since start ${mb(hwm)}`);
}

const servicePid = () => (JSON.parse(readFileSync(path.join(cwd, '.openflow-quickstart/sandbox/default/service.json'), 'utf8')) as { pid: number }).pid;
const TABLE = 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"';
const rows = async () => {
  const r = await cli('query', '--sandbox', '--json', `SELECT COUNT(*) AS N FROM ${TABLE}`);
  return Number((JSON.parse(r.stdout) as Array<{ N: unknown }>)[0]!.N);
};

try {
  const started = Date.now();
  await cli('sandbox', 'up', '--detach');
  console.log(`sandbox up --detach: answered after ${((Date.now() - started) / 1000).toFixed(2)} s (loadavg ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
  await sampleIdle('idle sandbox up (connector not configured)', servicePid());
  await cli('run', '--sandbox', '--yes');
  await sampleIdle('idle sandbox up after a walk (connector consuming, 130 rows)', servicePid());

  // Rows seen through a session of the bench's own (the service's passwords are in its card), so
  // the figure is the connector's, not a CLI's start-up; one `query` run is timed apart.
  const card = JSON.parse(readFileSync(path.join(cwd, '.openflow-quickstart/sandbox/default/service.json'), 'utf8')) as { snowflake: { accessUrl: string; account: string; user: string; password: string } };
  const session = await connectWarehouse({ account: card.snowflake.account, user: card.snowflake.user, auth: 'password', password: new Secret(card.snowflake.password), accessUrl: card.snowflake.accessUrl, role: 'ACCOUNTADMIN', sources: {} });
  const count = async () => Number((await session.execute(`SELECT COUNT(*) AS N FROM ${TABLE}`))[0]!.N);
  const before = await count();
  await cli('logs', '--sandbox', '--count', '10');
  const produced = Date.now();
  let n = before;
  while (n < before + 10 && Date.now() - produced < 30_000) n = await count();
  console.log(`logs --count 10 returned → the table counts ${n} (${before} + 10): ${((Date.now() - produced) / 1000).toFixed(2)} s later (goal: within 1 s)`);
  const queryStarted = Date.now();
  const viaCli = await rows();
  console.log(`one \`query --sandbox\` process: ${((Date.now() - queryStarted) / 1000).toFixed(2)} s, counts ${viaCli}`);
  await session.close();
} finally {
  await execa(process.execPath, [CLI, 'sandbox', 'down'], { cwd, env, reject: false });
  rmSync(cwd, { recursive: true, force: true });
}
