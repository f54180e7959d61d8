// Benchmark 2 (issue 2): time from process start to the wizard's first rendered frame, against a
// bare Ink hello-world, both in a real pseudo-terminal (util-linux `script`), alternating. Goal ≤ 1.2×.
// The walk is pointed at an unreachable broker: the first frame must not wait for Kafka.
// Ours is what ships (`npm run build`: dist/src/cli.js, Ink bundled in, compile cache on); the
// hello-world imports Ink from node_modules, some 530 files, so ours can come in under 1×.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const HELLO = fileURLToPath(new URL('./support/ink-hello.mjs', import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 15);

function firstFrame(command: string, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:1', TERM: 'xterm-256color', COLUMNS: '80', LINES: '24' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Openflow Kafka Quickstart')) {
        resolve(Number(process.hrtime.bigint() - t0) / 1e6);
        child.kill('SIGKILL');
      }
    });
    child.on('exit', () => reject(new Error(`no frame from: ${command}\n${seen.slice(0, 500)}`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cwd = mkdtempSync(path.join(os.tmpdir(), 'oqs-cold-'));
const ours: number[] = [];
const hello: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  hello.push(await firstFrame(`${process.execPath} ${HELLO}`, cwd));
  ours.push(await firstFrame(`${process.execPath} ${CLI}`, cwd));
}
console.log(`rounds: ${ROUNDS}, median time to first frame in a pty`);
console.log(`bare Ink hello-world:       ${median(hello).toFixed(0)} ms`);
console.log(`openflow-kafka-quickstart:  ${median(ours).toFixed(0)} ms`);
console.log(`ratio: ${(median(ours) / median(hello)).toFixed(2)}x (goal <= 1.2x)`);
