// Connector latency: produce one record at a time (acks from all replicas), then poll the table
// until the row is visible; median and p99 over 200 records. Embedded broker (SASL PLAIN) →
// sandbox connector → Snowflake emulator, all on loopback. The producing and polling run in a
// child process (bench/support/latency-probe.ts): polling from this process would take turns on
// the very event loop that runs the broker and the connector, and so add to what it measures.
// Run: node --import tsx bench/connector-latency.ts [records=200]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createSandboxConnector } from '../src/sandbox/connector/index.js';
import { openRuntimeSession, startConnectorSandbox } from '../test/connector/support/sandbox.js';

const RECORDS = Number(process.argv[2] ?? 200);
const topic = 'latency-logs';
const table = 'LATENCY-LOGS';
const PROBE = fileURLToPath(new URL('./support/latency-probe.ts', import.meta.url));

const sb = await startConnectorSandbox();
const connector = createSandboxConnector({ openWarehouse: (target) => openRuntimeSession(sb.access, target) });
try {
  await sb.createTopic(topic);
  await connector.start(sb.parameters(topic));
  const p = sb.parameters(topic);
  const job = {
    kafka: { brokers: p['Kafka Bootstrap Servers']!.split(','), username: p['Kafka SASL Username'], password: p['Kafka SASL Password'] },
    access: sb.access,
    topic,
    table,
    records: RECORDS,
  };
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', PROBE], {
    env: { ...process.env, OQS_BENCH_PROBE: JSON.stringify(job) },
    maxBuffer: 16 * 1024 * 1024,
  });
  const latencies = (JSON.parse(stdout.trim().split('\n').at(-1)!) as number[]).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  console.log(`connector latency, produce → row visible, ${RECORDS} records one at a time (probe in its own process):`);
  console.log(`  median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
} finally {
  await connector.stop();
  await sb.stop();
}
