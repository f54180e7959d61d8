// `logs` against kcat and kafka-python, side by side in one run, on real Apache Kafka (PLAINTEXT)
// and on the embedded broker (SASL PLAIN), base and evolved events.
//
// Fair to every side: the same events (our generator, same seed and count; kcat and kafka-python
// read them from a "key<TAB>json" file written beforehand), the same keys and partitioner
// (murmur2, as Java's client: kcat gets partitioner=murmur2_random), acks from all replicas, a
// fresh 3-partition topic per run, a warm-up run of each before measuring (the broker's too), the
// sides in another order each round, and every side a whole process timed from outside. Afterwards the records in each topic are counted (high watermarks):
// nothing lost, nothing doubled.
//
// Sides: ours (`logs`: generates, serialises and sends), ours sending the same file as kcat
// (bench/support/produce-file.ts: the produce path alone), kcat, kafka-python.
// Printed per side: records/s over the whole process, and after start-up (wall time minus the
// same command's wall time for one record), since a 100k run of kcat lasts about as long as
// Node takes to start; and CPU seconds (user + system), steadier than wall time on a shared
// machine.
//
// Run (after npm run build): npx tsx bench/logs-vs-kcat.ts [count=100000]   (ROUNDS=3)
import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, type KafkaConfig } from '../src/config/types.js';
import { KafkaGateway } from '../src/kafka/gateway.js';
import { iterateRecords } from '../src/logs/index.js';
import { startBroker } from '../src/sandbox/broker/index.js';
import { benchKafka } from './support/kafka.js';

const COUNT = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const WARMUP = 2_000;
const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const PYTHON_PRODUCER = fileURLToPath(new URL('./support/kafka_python_produce.py', import.meta.url));
const FILE_PRODUCER = fileURLToPath(new URL('./support/produce-file.ts', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'oqs-bench-kcat-'));
const loadavg = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');

interface Target {
  name: string;
  brokers: string;
  sasl: { username: string; password: string } | null;
  replication: number;
}

type Kind = 'base' | 'evolved';
type Side = 'ours' | 'ours-file' | 'kcat' | 'kafka-python';
const SIDES: Side[] = ['ours', 'ours-file', 'kcat', 'kafka-python'];
const LABEL: Record<Side, string> = { ours: 'ours (logs)', 'ours-file': 'ours, file', kcat: 'kcat', 'kafka-python': 'kafka-python' };

/** The events as "key<TAB>json" lines, the same ones `logs --seed 42` sends. */
function writeEvents(kind: Kind, count: number): string {
  const file = path.join(dir, `${kind}-${count}.tsv`);
  const lines: string[] = [];
  for (const r of iterateRecords({ kind, count, seed: 42 })) lines.push(`${r.key}\t${r.value}`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function command(side: Side, t: Target, kind: Kind, count: number, topic: string, file: string): [string, string[], NodeJS.ProcessEnv] {
  switch (side) {
    case 'ours': {
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', KAFKA_BROKERS: t.brokers, KAFKA_TOPIC: topic };
      if (t.sasl) Object.assign(env, { KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', KAFKA_SASL_MECHANISM: 'PLAIN', KAFKA_SASL_USERNAME: t.sasl.username, KAFKA_SASL_PASSWORD: t.sasl.password });
      else env.KAFKA_SECURITY_PROTOCOL = 'PLAINTEXT';
      return [process.execPath, [CLI, 'logs', '--count', String(count), ...(kind === 'evolved' ? ['--evolved'] : []), '--seed', '42', '--yes'], env];
    }
    case 'ours-file':
      return [process.execPath, ['--import', 'tsx', FILE_PRODUCER, file, topic, t.brokers, ...(t.sasl ? [t.sasl.username, t.sasl.password] : [])], process.env];
    case 'kcat': {
      const auth = t.sasl ? ['-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=PLAIN', '-X', `sasl.username=${t.sasl.username}`, '-X', `sasl.password=${t.sasl.password}`] : [];
      return ['kcat', ['-P', '-b', t.brokers, '-t', topic, '-K', '\t', '-X', 'acks=all', '-X', 'partitioner=murmur2_random', ...auth, '-l', file], process.env];
    }
    case 'kafka-python':
      return ['python3', [PYTHON_PRODUCER, file, topic, t.brokers, ...(t.sasl ? [t.sasl.username, t.sasl.password] : [])], process.env];
  }
}

/** Wall seconds (timed here) and CPU seconds, user + system (GNU time's, on the child alone). */
async function timed(side: Side, t: Target, kind: Kind, count: number, topic: string, file: string): Promise<{ wall: number; cpu: number }> {
  const [cmd, args, env] = command(side, t, kind, count, topic, file);
  const t0 = process.hrtime.bigint();
  // (produce-file.ts runs from the repository, where tsx resolves; the CLI from a scratch folder.)
  const r = await execa('/usr/bin/time', ['-f', 'cpu %U %S', cmd, ...args], { env, cwd: side === 'ours-file' ? REPO : dir, stdin: 'ignore' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const [, user, sys] = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr) ?? [];
  return { wall, cpu: Number(user) + Number(sys) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Records per second; NaN when the time is too short to tell (start-up varied more than the run). */
const rate = (n: number, s: number) => (s > 0 ? Math.round(n / s) : NaN);
const fmt = (n: number) => (Number.isFinite(n) ? n.toLocaleString('en-US') : 'n/a').padStart(10);

async function runTarget(t: Target): Promise<void> {
  const cfg: KafkaConfig = {
    brokers: t.brokers.split(','),
    topic: 'unused',
    securityProtocol: t.sasl ? 'SASL_PLAINTEXT' : 'PLAINTEXT',
    saslMechanism: t.sasl ? 'PLAIN' : undefined,
    username: t.sasl?.username,
    password: t.sasl ? new Secret(t.sasl.password) : undefined,
    sources: {},
  };
  const admin = new KafkaGateway(cfg);
  let serial = 0;
  const freshTopic = async () => {
    const topic = `bench-${process.pid}-${serial++}`;
    await admin.createTopic({ topic, partitions: 3, replicationFactor: t.replication });
    return topic;
  };
  const counted = async (topic: string) => (await admin.watermarks(topic)).reduce((n, m) => n + Number(BigInt(m.high) - BigInt(m.low)), 0);
  try {
    for (const kind of ['base', 'evolved'] as const) {
      const file = writeEvents(kind, COUNT);
      const one = writeEvents(kind, 1);
      const warm = writeEvents(kind, WARMUP);
      const wall: Record<Side, number[]> = { ours: [], 'ours-file': [], kcat: [], 'kafka-python': [] };
      const cpu: Record<Side, number[]> = { ours: [], 'ours-file': [], kcat: [], 'kafka-python': [] };
      const start: Record<Side, number[]> = { ours: [], 'ours-file': [], kcat: [], 'kafka-python': [] };
      const bad: string[] = [];
      // Warm-up, untimed: every side once, and the broker with it (a JVM broker compiles its
      // produce path in the first runs; with 2,000-record warm-ups the first rounds took up to
      // 1.5x the later ones, for every side). kafka-python's full run would take half a minute.
      for (const side of SIDES) await timed(side, t, kind, side === 'kafka-python' ? WARMUP : COUNT, await freshTopic(), side === 'kafka-python' ? warm : file);
      for (let round = 0; round < ROUNDS; round++) {
        // Each round in another order, so that no side always follows the same one.
        for (const side of [...SIDES.slice(round % SIDES.length), ...SIDES.slice(0, round % SIDES.length)]) {
          const topic = await freshTopic();
          const run = await timed(side, t, kind, COUNT, topic, file);
          wall[side].push(run.wall);
          cpu[side].push(run.cpu);
          const n = await counted(topic);
          if (n !== COUNT) bad.push(`${side} round ${round + 1}: ${n} records in the topic, ${COUNT} sent`);
          start[side].push((await timed(side, t, kind, 1, await freshTopic(), one)).wall);
        }
      }
      console.log(`\n${t.name}, ${kind}: ${COUNT} records x ${ROUNDS} rounds (medians); loadavg ${await loadavg()}`);
      console.log(`  side           whole process           after start-up   start-up   CPU (user+sys)   counted`);
      for (const side of SIDES) {
        const w = median(wall[side]);
        const s = median(start[side]);
        const c = median(cpu[side]);
        console.log(`  ${LABEL[side].padEnd(13)} ${fmt(rate(COUNT, w))} rec/s (${w.toFixed(2)} s) ${fmt(rate(COUNT - 1, w - s))} rec/s   ${s.toFixed(2)} s   ${c.toFixed(2)} s   ${bad.some((b) => b.startsWith(`${side} `)) ? 'MISMATCH' : 'exact'}`);
      }
      const ratio = (a: Side, b: Side) => (rate(COUNT, median(wall[a])) / rate(COUNT, median(wall[b]))).toFixed(2);
      const ratioAfter = (a: Side, b: Side) => (rate(COUNT - 1, median(wall[a]) - median(start[a])) / rate(COUNT - 1, median(wall[b]) - median(start[b]))).toFixed(2);
      const cpuRatio = (a: Side, b: Side) => (median(cpu[b]) / median(cpu[a])).toFixed(2);
      console.log(`  ours (logs)/kcat: ${ratio('ours', 'kcat')}x whole process, ${ratioAfter('ours', 'kcat')}x after start-up, ${cpuRatio('ours', 'kcat')}x per CPU second (goal >= 0.8x)`);
      console.log(`  ours (file)/kcat: ${ratio('ours-file', 'kcat')}x whole process, ${ratioAfter('ours-file', 'kcat')}x after start-up, ${cpuRatio('ours-file', 'kcat')}x per CPU second`);
      console.log(`  ours (logs)/kafka-python: ${ratio('ours', 'kafka-python')}x whole process, ${ratioAfter('ours', 'kafka-python')}x after start-up`);
      for (const b of bad) console.log(`  COUNT MISMATCH: ${b}`);
    }
  } finally {
    await admin.close();
  }
}

try {
  console.log(`loadavg at start ${await loadavg()} (${os.cpus().length} cores)`);
  const kafka = await benchKafka();
  try {
    await runTarget({ name: 'real Apache Kafka (PLAINTEXT)', brokers: kafka.plaintext, sasl: null, replication: 1 });
  } finally {
    if (!process.env.OQS_TEST_KAFKA_PLAINTEXT) await kafka.stop();
  }
  // A password made for this run only, as the sandbox makes its own: nothing secret is written down.
  const sasl = { username: 'bench', password: randomBytes(12).toString('hex') };
  const embedded = await startBroker({ dataDir: path.join(dir, 'broker'), sasl: { mechanisms: ['PLAIN'], users: { [sasl.username]: sasl.password } }, log: () => undefined });
  try {
    await runTarget({ name: 'embedded broker (SASL PLAIN, in this process)', brokers: embedded.bootstrap.join(','), sasl, replication: 3 });
  } finally {
    await embedded.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
