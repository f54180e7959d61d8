// A load generator in its own process: COUNT evolved log events (seed 7) into a topic through the
// product's Kafka gateway, as an outside producer would. Benchmarks run it as a child so that the
// process they measure holds only what the product runs (broker, emulator, connector).
// Input (env): OQS_BENCH_PRODUCER = JSON { brokers, username, password, topic, count, chunk }.
// Output: one line when done, with this process's peak RSS.
import { Secret } from '../../src/config/types.js';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { iterateEvents, recordKeyOf } from '../../src/logs/index.js';

interface ProducerJob {
  brokers: string[];
  username: string;
  password: string;
  topic: string;
  count: number;
  chunk: number;
}

const job = JSON.parse(process.env.OQS_BENCH_PRODUCER ?? '{}') as ProducerJob;
const kafka = new KafkaGateway({
  brokers: job.brokers,
  topic: job.topic,
  securityProtocol: 'SASL_PLAINTEXT',
  saslMechanism: 'PLAIN',
  username: job.username,
  password: new Secret(job.password),
  sources: {},
});
try {
  const events = iterateEvents({ kind: 'evolved', count: job.count, seed: 7 });
  let produced = 0;
  while (produced < job.count) {
    const records = [];
    for (let i = 0; i < job.chunk && produced + i < job.count; i++) {
      const e = events.next().value!;
      records.push({ key: recordKeyOf(e), value: JSON.stringify(e) });
    }
    await kafka.produce(job.topic, records, {});
    produced += records.length;
  }
  process.stdout.write(`  producer process: ${produced} events sent; its peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
} finally {
  await kafka.close();
}
