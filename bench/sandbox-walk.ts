// Benchmark (issue 4): wall time of the whole quickstart in the sandbox, as a newcomer's first
// command runs it (`--sandbox --yes`, headless): embedded broker + emulator + connector, 11
// steps, 130 records. Each round starts from an empty state dir. Goal: ≤ 10 s on this machine.
// Also the peak RSS of the CLI process (GNU time), which holds all three sandbox parts.
//   npx tsx bench/sandbox-walk.ts [rounds]
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const rounds = Number(process.argv[2] ?? 3);
const walls: number[] = [];
const rss: number[] = [];
for (let i = 0; i < rounds; i++) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'oqs-sandbox-bench-'));
  const r = await execa('/usr/bin/time', ['-f', 'OQS_MAXRSS_KB=%M OQS_WALL=%e', process.execPath, CLI, '--sandbox', '--yes'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    reject: false,
  });
  const m = /OQS_MAXRSS_KB=(\d+) OQS_WALL=([\d.]+)/.exec(r.stderr);
  rmSync(cwd, { recursive: true, force: true });
  if (r.exitCode !== 0 || !m) {
    console.error(r.stdout, r.stderr);
    process.exit(1);
  }
  walls.push(Number(m[2]));
  rss.push(Number(m[1]) / 1024);
  console.log(`round ${i + 1}: wall ${m[2]} s, peak RSS ${(Number(m[1]) / 1024).toFixed(1)} MB`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`full sandbox walk (11 steps, 50 + 80 records, 11 then 37 columns): median wall ${median(walls).toFixed(2)} s over ${rounds} rounds (goal ≤ 10 s)`);
console.log(`peak RSS: median ${median(rss).toFixed(1)} MB, max ${Math.max(...rss).toFixed(1)} MB`);
