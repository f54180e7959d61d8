// Benchmark 1 (issue 2): `logs --count 100000` to real Kafka against kcat producing the same
// JSONL to the same broker, in the same run. Both are whole processes timed wall-clock, start-up
// included; both wait for acks from all replicas. Prints records/s and the ratio (goal ≥ 0.8×).
import { execa } from 'execa';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchKafka } from './support/kafka.js';

const COUNT = Number(process.argv[2] ?? 100_000);
const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const kafka = await benchKafka();
const dir = mkdtempSync(path.join(os.tmpdir(), 'oqs-bench-'));
const file = path.join(dir, 'logs.jsonl');
const env = { ...process.env, NO_COLOR: '1', KAFKA_BROKERS: kafka.plaintext, KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' };
const cli = (args: string[]) => execa(process.execPath, [CLI, ...args, '--yes'], { env, cwd: dir });

const timed = async (fn: () => Promise<unknown>) => {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

await cli(['logs', '--count', String(COUNT), '--output', file]);
const rounds = Number(process.env.ROUNDS ?? 3);
const ours: number[] = [];
const kcat: number[] = [];
for (let i = 0; i < rounds; i++) {
  const topic = `bench-${Date.now()}-${i}`;
  await execa('kcat', ['-b', kafka.plaintext, '-L', '-t', topic, '-X', 'allow.auto.create.topics=false']).catch(() => {});
  // Topics made by our own CLI's admin path would be cheating neither side; create both alike.
  await cli(['--only', 'create-topic', '--topic', `${topic}-ours`]);
  await cli(['--only', 'create-topic', '--topic', `${topic}-kcat`]);
  ours.push(await timed(() => cli(['logs', '--count', String(COUNT), '--topic', `${topic}-ours`])));
  kcat.push(await timed(() => execa('kcat', ['-P', '-b', kafka.plaintext, '-t', `${topic}-kcat`, '-X', 'acks=all', '-l', file])));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const oursRate = COUNT / median(ours);
const kcatRate = COUNT / median(kcat);
console.log(`records: ${COUNT} per run, ${rounds} rounds, median wall time per process`);
console.log(`openflow-kafka-quickstart logs: ${Math.round(oursRate).toLocaleString('en-US')} records/s (${median(ours).toFixed(2)} s)`);
console.log(`kcat -P (same JSONL):           ${Math.round(kcatRate).toLocaleString('en-US')} records/s (${median(kcat).toFixed(2)} s)`);
console.log(`ratio ours/kcat: ${(oursRate / kcatRate).toFixed(2)}x (goal >= 0.8x)`);
if (!process.env.OQS_TEST_KAFKA_PLAINTEXT) await kafka.stop();
