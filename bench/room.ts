// Benchmark (issue 10): memory of a workshop rehearsal — `room demo --attendees N` (default 10),
// every attendee walking the whole quickstart at once against one sandbox. Prints the peak RSS
// of the whole process tree (sampled from /proc every 100 ms), wall time, and how each attendee
// ended (from the demo's --json: columns and rows of their table).
//   npm run build && npx tsx bench/room.ts [attendees] [--service]
// --service: against a running `sandbox up` (started first); the peak then sums the demo's
// process tree and the service's, sampled at the same instants.
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleTreeRss } from './support/tree-rss.js';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const attendees = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10);
const service = process.argv.includes('--service');
const cwd = mkdtempSync(path.join(os.tmpdir(), 'oqs-room-bench-'));
const env = { ...process.env, NO_COLOR: '1', SNOWFLAKE_HOME: path.join(cwd, 'no-snowflake') };
const cli = (args: string[]) => execa(process.execPath, [CLI, ...args], { cwd, env, reject: false });
try {
  let servicePid: number | undefined;
  if (service) {
    const up = await cli(['sandbox', 'up', '--detach']);
    if (up.exitCode !== 0) throw new Error(`sandbox up failed:\n${up.stderr}`);
    servicePid = (JSON.parse((await cli(['sandbox', 'status', '--json'])).stdout) as { pid: number }).pid;
  }
  const started = Date.now();
  const child = cli(['room', 'demo', '--attendees', String(attendees), '--json']);
  const sampler = sampleTreeRss([child.pid!, ...(servicePid ? [servicePid] : [])]);
  const r = await child;
  const { peakBytes, maxProcesses } = sampler.stop();
  const wall = (Date.now() - started) / 1000;
  if (service) await cli(['sandbox', 'down']);
  let room: { attendees: Array<{ table: { columns: number | null; rows: number | null } }>; walks: Array<{ attendee: string; state: string; step?: string }> };
  try {
    room = JSON.parse(r.stdout);
  } catch {
    console.error(`room demo printed no JSON (exit ${r.exitCode}):\n${r.stderr.slice(-2000)}`);
    process.exit(1);
  }
  const complete = room.attendees.filter((a) => a.table.columns === 37 && a.table.rows === 130).length;
  const walksDone = room.walks.filter((w) => w.state === 'done').length;
  console.log(`room demo --attendees ${attendees}${service ? ' against sandbox up' : ' (hosting its own sandbox)'} (exit ${r.exitCode}): wall ${wall.toFixed(1)} s`);
  console.log(`peak RSS of the process tree${service ? 's (demo + service)' : ''}: ${(peakBytes / 1024 / 1024).toFixed(1)} MB (${maxProcesses} process${maxProcesses === 1 ? '' : 'es'} at most)`);
  console.log(`tables with 37 columns and 130 rows: ${complete}/${attendees}; walks done: ${walksDone}/${attendees}`);
  for (const w of room.walks.filter((x) => x.state !== 'done')) console.log(`  ${w.attendee}: ${w.state}${w.step ? ` at ${w.step}` : ''}`);
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
