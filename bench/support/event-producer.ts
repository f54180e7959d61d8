// A load generator in its own process: COUNT evolved log events (seed 7) into a topic through the
// product's Kafka gateway, as an outside producer would. Benchmarks run it as a child so that the
// process they measure holds only what the product runs (broker, emulator, connector).
// Input (env): OQS_BENCH_PRODUCER = JSON { brokers, username, password, topic, count }.
// Output: one line when done, with this process's peak RSS.
import { iterateRecords } from '../../src/logs/index.js';
import { sandboxGateway, type SandboxKafkaAccess } from './kafka.js';

interface ProducerJob extends SandboxKafkaAccess {
  topic: string;
  count: number;
}

const job = JSON.parse(process.env.OQS_BENCH_PRODUCER ?? '{}') as ProducerJob;
const kafka = sandboxGateway(job, job.topic);
try {
  // Streamed, as `logs` sends: generated as the producer has room, memory flat.
  let produced = 0;
  await kafka.produce(job.topic, iterateRecords({ kind: 'evolved', count: job.count, seed: 7 }), { bulk: true, onAck: (n) => (produced = n) });
  process.stdout.write(`  producer process: ${produced} events sent; its peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
} finally {
  await kafka.close();
}
