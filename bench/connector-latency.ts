// Connector latency: produce one record at a time (acks from all replicas), then poll the table
// until the row is visible; median and p99 over 200 records. Embedded broker (SASL PLAIN) →
// sandbox connector → Snowflake emulator, all on loopback.
// Run: node --import tsx bench/connector-latency.ts
import { performance } from 'node:perf_hooks';
import { createSandboxConnector } from '../src/sandbox/connector/index.js';
import { DATABASE, openRuntimeSession, startConnectorSandbox } from '../test/connector/support/sandbox.js';

const RECORDS = 200;
const topic = 'latency-logs';
const table = 'LATENCY-LOGS';

const sb = await startConnectorSandbox();
const connector = createSandboxConnector({ openWarehouse: (target) => openRuntimeSession(sb.access, target) });
try {
  await sb.createTopic(topic);
  await connector.start(sb.parameters(topic));
  const latencies: number[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const t0 = performance.now();
    await sb.produce(topic, [{ seq: i, level: 'INFO', message: 'latency probe', duration_ms: i }], () => `k${i % 3}`);
    for (;;) {
      const rows = await sb.admin.execute(`SELECT COUNT(*) AS N FROM ${DATABASE}.PUBLIC."${table}" WHERE SEQ = ${i}`).catch(() => [{ N: 0 }]);
      if (Number(rows[0]!.N) > 0) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  console.log(`connector latency, produce → row visible, ${RECORDS} records one at a time:`);
  console.log(`  median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
} finally {
  await connector.stop();
  await sb.stop();
}
