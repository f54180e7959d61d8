// kafkajs produce and consume throughput (records/s) against the embedded broker, and against
// real Kafka when OQS_TEST_KAFKA_PLAINTEXT is set; prints both and the ratio.
//   npx tsx bench/broker-throughput.ts [records=100000] [recordBytes=200]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { startBroker } from '../src/sandbox/broker/index.js';

const records = Number(process.argv[2] ?? 100_000);
const recordBytes = Number(process.argv[3] ?? 200);
const batchSize = 1000;

async function measure(brokers: string[]): Promise<{ produce: number; consume: number }> {
  const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
  const topic = `bench-${randomBytes(4).toString('hex')}`;
  const admin = kafka.admin();
  await admin.connect();
  const brokerCount = (await admin.describeCluster()).brokers.length;
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: Math.min(3, brokerCount) }], waitForLeaders: true });
  const value = Buffer.alloc(recordBytes, 'x');
  const producer = kafka.producer();
  await producer.connect();
  const t0 = performance.now();
  for (let sent = 0; sent < records; sent += batchSize) {
    await producer.send({ topic, messages: Array.from({ length: Math.min(batchSize, records - sent) }, (_, i) => ({ key: String(sent + i), value })) });
  }
  const produceMs = performance.now() - t0;
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `${topic}-g`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let t1 = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (t1 === 0) t1 = performance.now();
        seen += batch.messages.length;
        if (seen >= records) resolve();
      },
    });
  });
  const consumeMs = performance.now() - t1;
  await consumer.disconnect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
  return { produce: (records / produceMs) * 1000, consume: (records / consumeMs) * 1000 };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oqs-bench-broker-'));
const broker = await startBroker({ dataDir });
const fmt = (n: number): string => `${Math.round(n).toLocaleString('en-US')} records/s`;
console.log(`kafkajs, ${records.toLocaleString('en-US')} records of ${recordBytes} B, 3 partitions, batches of ${batchSize}`);
try {
  const embedded = await measure(broker.bootstrap);
  console.log(`embedded broker  produce ${fmt(embedded.produce)}  consume ${fmt(embedded.consume)}`);
  const real = process.env.OQS_TEST_KAFKA_PLAINTEXT;
  if (real) {
    const kafka = await measure([real]);
    console.log(`real Kafka       produce ${fmt(kafka.produce)}  consume ${fmt(kafka.consume)}`);
    console.log(`embedded/real    produce ${(embedded.produce / kafka.produce).toFixed(2)}x  consume ${(embedded.consume / kafka.consume).toFixed(2)}x`);
  } else {
    console.log('real Kafka       skipped (set OQS_TEST_KAFKA_PLAINTEXT=host:port to compare)');
  }
} finally {
  await broker.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
