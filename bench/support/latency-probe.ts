// The measuring side of bench/connector-latency.ts, in its own process so that its polling never
// runs on the event loop it measures (broker, emulator and connector live in the parent).
// Input (env): OQS_BENCH_PROBE = JSON { kafka: { brokers, username, password }, access, topic, table, records }.
// Output: one JSON line, the latencies in ms.
import { performance } from 'node:perf_hooks';
import { DATABASE, openRuntimeSession, type WarehouseAccess } from '../../test/connector/support/sandbox.js';
import { sandboxGateway, type SandboxKafkaAccess } from './kafka.js';

interface Probe {
  kafka: SandboxKafkaAccess;
  access: WarehouseAccess;
  topic: string;
  table: string;
  records: number;
}

const job = JSON.parse(process.env.OQS_BENCH_PROBE ?? '{}') as Probe;
const kafka = sandboxGateway(job.kafka, job.topic);
const sql = await openRuntimeSession(job.access, { role: 'ACCOUNTADMIN', database: DATABASE, schema: 'PUBLIC' });
try {
  const latencies: number[] = [];
  for (let i = 0; i < job.records; i++) {
    const t0 = performance.now();
    await kafka.produce(job.topic, [{ key: `k${i % 3}`, value: JSON.stringify({ seq: i, level: 'INFO', message: 'latency probe', duration_ms: i }) }], {});
    for (;;) {
      const rows = await sql.execute(`SELECT COUNT(*) AS N FROM ${DATABASE}.PUBLIC."${job.table}" WHERE SEQ = ${i}`).catch(() => [{ N: 0 }]);
      if (Number(rows[0]!.N) > 0) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    latencies.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify(latencies) + '\n');
} finally {
  await kafka.close();
  await sql.close();
}
