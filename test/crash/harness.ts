// The crash harness (issue #13): the sandbox walk killed with SIGKILL at random moments — the walk
// and every process it started (its own process group) — each kill followed by a resume, which may
// itself be killed; the last resume must complete. Then, from outside: exactly 130 rows and 37
// columns in the table, exactly 130 records (130 distinct run/sequence pairs) in the topic, no
// temporary file left behind, no process left over, and no lock that kept the resume from starting.
//
//   npx tsx test/crash/run.ts 100 3     100 kills, 3 runs at once, prints the tally (npm test runs a small N)
//
// The emulated Openflow changes take 200 ms here (OQS_SANDBOX_OPENFLOW_MS, 2 s by default): kills
// still land while they are CREATING, and 100 kills do not spend most of their time waiting. A walk
// that neither ends nor is killed within the walk limit is reported as hung, with its last lines.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, tempDir } from '../support/cli.js';

export interface CrashOptions {
  /** Total kills. */
  kills: number;
  /** Kills before the resume that is let finish. */
  killsPerRun?: number;
  /** Runs at once (each its own folder and sandbox). */
  concurrency?: number;
  log?: (line: string) => void;
  /** How long one walk may take before it counts as hung (default 10 min: a walk takes ~1 min on a crowded machine). */
  walkLimitMs?: number;
}

export interface RunResult {
  run: number;
  kills: Array<{ at: string; phase: string }>;
  problems: string[];
  /** The run's folder, kept when it failed (removed when it passed). */
  dir: string;
}

export interface Tally {
  kills: number;
  runs: number;
  passed: number;
  failed: RunResult[];
  /** Kills per walk phase (the step whose line came last before the kill). */
  phases: Record<string, number>;
}

const ROWS = 130;
const COLUMNS = 37;

export async function crashRuns(opts: CrashOptions): Promise<Tally> {
  const perRun = opts.killsPerRun ?? 3;
  const plan: number[] = [];
  for (let left = opts.kills; left > 0; left -= perRun) plan.push(Math.min(perRun, left));
  const log = opts.log ?? (() => {});
  const results: RunResult[] = [];
  let next = 0;
  let aWalk: Extent = { lines: 60, ms: 30_000 }; // refined from each completed walk: kills land anywhere in it
  const worker = async () => {
    while (next < plan.length) {
      const run = next++;
      const result = await crashRun(run, plan[run]!, () => aWalk, (seen) => (aWalk = seen), opts.walkLimitMs ?? 600_000);
      results.push(result);
      log(`run ${run + 1}/${plan.length}: ${result.kills.length} kill(s) at ${result.kills.map((k) => k.at).join(', ')} — ${result.problems.length ? `FAILED: ${result.problems.join('; ')}` : 'ok'}`);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 1 }, worker));
  const phases: Record<string, number> = {};
  for (const r of results) for (const k of r.kills) phases[k.phase] = (phases[k.phase] ?? 0) + 1;
  const failed = results.filter((r) => r.problems.length > 0);
  return { kills: results.reduce((n, r) => n + r.kills.length, 0), runs: results.length, passed: results.length - failed.length, failed, phases };
}

/** How long a walk is: the lines it prints and the time it takes. */
interface Extent {
  lines: number;
  ms: number;
}

/** Where a walk is killed: after so many lines of output, or after so much time. */
type KillPoint = { line: number } | { ms: number };

async function crashRun(run: number, kills: number, lastWalk: () => Extent, sawWalk: (walk: Extent) => void, limitMs: number): Promise<RunResult> {
  const cwd = tempDir('oqs-crash-');
  const result: RunResult = { run, kills: [], problems: [], dir: cwd };
  // Kill points are drawn over the last walk of this run (a resumed walk is shorter), by turns over
  // its lines and over its time: by lines alone, kills crowd where the walk prints most (the
  // Openflow panels) and rarely hit produce and verify, which print little and take time. A walk
  // that ends before its kill point is a resume that completed, and another is drawn.
  let extent = lastWalk();
  for (let attempts = 0; result.kills.length < kills && attempts < kills * 4; attempts++) {
    const point: KillPoint = attempts % 2 === 0 ? { line: 1 + Math.floor(Math.random() * extent.lines) } : { ms: Math.floor(Math.random() * extent.ms) };
    const walk = await startWalk(cwd, point, limitMs);
    if (walk.hung) result.problems.push(`a walk was still running after ${limitMs / 1000} s (killed):\n${walk.tail}`);
    if (walk.ended) {
      if (walk.code !== 0 && !walk.hung) result.problems.push(`a walk ended with exit ${walk.code} before its kill:\n${walk.tail}`);
      extent = { lines: Math.max(1, walk.lines), ms: Math.max(1, walk.ms) };
      continue;
    }
    result.kills.push({ at: 'line' in point ? `line ${point.line}` : `${(point.ms / 1000).toFixed(1)} s`, phase: walk.phase });
    const left = await leftoverProcesses(walk.pgid);
    if (left.length) result.problems.push(`after kill ${result.kills.length}: processes still running: ${left.join(', ')}`);
  }
  const last = await startWalk(cwd, { line: Infinity }, limitMs);
  if (last.hung) result.problems.push(`the resume was still running after ${limitMs / 1000} s (killed):\n${last.tail}`);
  else if (last.code !== 0) result.problems.push(`the resume ended with exit ${last.code}:\n${last.tail}`);
  else sawWalk({ lines: last.lines, ms: last.ms });
  if (/lock|in use|already running/i.test(last.output) && last.code !== 0) result.problems.push('a lock blocked the resume');
  const left = await leftoverProcesses(last.pgid);
  if (left.length) result.problems.push(`after the resume: processes still running: ${left.join(', ')}`);
  for (const file of tempFiles(cwd)) result.problems.push(`left behind: ${path.relative(cwd, file)}`);
  if (last.code === 0) result.problems.push(...(await countsIn(cwd)));
  if (result.problems.length === 0) rmSync(cwd, { recursive: true, force: true });
  return result;
}

interface Walk {
  ended: boolean;
  /** Neither ended nor killed within the walk limit (then killed). */
  hung: boolean;
  code: number;
  pgid: number;
  /** How long it ran. */
  ms: number;
  /** The step the walk was in when it was killed (the last step its output named). */
  phase: string;
  lines: number;
  output: string;
  tail: string;
}

/** The sandbox walk in a process group of its own, SIGKILLed (group and all) at the kill point, or when it outlasts `limitMs`. */
function startWalk(cwd: string, point: KillPoint, limitMs: number): Promise<Walk> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, '--sandbox', '--yes'], {
      cwd,
      detached: true,
      env: { OQS_SANDBOX_OPENFLOW_MS: '200', ...cleanEnv(), NO_COLOR: '1', SNOWFLAKE_HOME: path.join(cwd, 'no-snowflake'), OQS_PRODUCE_CHUNK_RECORDS: '5' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pgid = child.pid!;
    let output = '';
    let lines = 0;
    let killed = false;
    let hung = false;
    let phase = 'start-up';
    const killGroup = () => {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const limit = setTimeout(() => {
      hung = true;
      killGroup();
    }, limitMs);
    const killNow = () => {
      if (killed) return;
      killed = true;
      phase = phaseOf(output);
      killGroup();
    };
    const timed = 'ms' in point ? setTimeout(killNow, point.ms) : undefined;
    const onData = (d: Buffer) => {
      output += d.toString('utf8');
      lines = output.split('\n').length - 1;
      // A little jitter: not always right at a line boundary.
      if ('line' in point && !killed && lines >= point.line) setTimeout(killNow, Math.floor(Math.random() * 200));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      clearTimeout(timed);
      const all = output.split('\n').filter((l) => l.trim() !== '');
      resolve({
        ended: hung || !killed || signal !== 'SIGKILL',
        hung,
        code: code ?? 128 + (os.constants.signals[signal as NodeJS.Signals] ?? 0),
        pgid,
        ms: Date.now() - started,
        phase,
        lines,
        output,
        tail: all.slice(-8).join('\n'),
      });
    });
  });
}

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(KAFKA_|SNOWFLAKE_|RPK_)/.test(k)) env[k] = v;
  return env;
}

/** Processes still in the walk's process group (zombies aside), after a moment for the kernel to reap them. */
async function leftoverProcesses(pgid: number): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    const found: string[] = [];
    for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) === pgid && fields[0] !== 'Z') found.push(`${pid} (${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim().slice(0, 60)})`);
      } catch {
        // gone meanwhile
      }
    }
    if (found.length === 0 || attempt >= 20) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Temporary files a killed write left behind (atomic writes go through *.tmp). */
function tempFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tmp$|\.partial$/.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Rows, columns and topic records, read from the sandbox's data with the walk stopped. */
async function countsIn(cwd: string): Promise<string[]> {
  const { openSandbox } = await import('../../src/sandbox/index.js');
  const { KafkaGateway } = await import('../../src/kafka/gateway.js');
  const { connectWarehouse } = await import('../../src/snowflake/connect.js');
  const { HEADER_RUN, HEADER_SEQ } = await import('../../steps/shared/produce-logs.js');
  const stateDir = path.join(cwd, '.openflow-quickstart');
  const sandbox = await openSandbox({ dir: path.join(stateDir, 'sandbox/default'), profile: 'default', stateDir, topic: 'application-logs', command: 'crash-harness', drainMs: 0 });
  const problems: string[] = [];
  const kafka = new KafkaGateway(sandbox.kafka);
  const warehouse = await connectWarehouse(sandbox.snowflake);
  try {
    const [r] = await warehouse.execute('SELECT COUNT(*) AS N FROM QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"');
    const [c] = await warehouse.execute("SELECT COUNT(*) AS N FROM QUICKSTART_KAFKA_CONNECTOR_DB.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'APPLICATION-LOGS'");
    if (Number(r!.N) !== ROWS) problems.push(`${r!.N} rows, expected ${ROWS}`);
    if (Number(c!.N) !== COLUMNS) problems.push(`${c!.N} columns, expected ${COLUMNS}`);
    const records = await kafka.readHeaders('application-logs');
    const distinct = new Set(records.map((x) => `${x.headers[HEADER_RUN]}/${x.headers[HEADER_SEQ]}`));
    if (records.length !== ROWS || distinct.size !== ROWS) problems.push(`${records.length} records in the topic (${distinct.size} distinct), expected ${ROWS}`);
  } finally {
    await warehouse.close();
    await kafka.close();
    await sandbox.stop();
  }
  return problems;
}

/** The step a kill interrupted: the last step named ("...  <step>:", "     <step>: …") in the walk's plain output. */
function phaseOf(output: string): string {
  const named = [...output.matchAll(/^(?:\.\.\.|ok|FAIL|STOP|\s)\s*([a-z]+(?:-[a-z]+)+):/gm)];
  return named.at(-1)?.[1] ?? 'start-up';
}
