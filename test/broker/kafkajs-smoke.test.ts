import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBroker, kafkaFor } from './helpers.js';

test('smoke: admin, produce, consume', async () => {
  const broker = await withBroker();
  try {
    const kafka = kafkaFor(broker.bootstrap);
    const admin = kafka.admin();
    await admin.connect();
    assert.equal(await admin.createTopics({ topics: [{ topic: 't1', numPartitions: 3, replicationFactor: 3 }] }), true);
    const md = await admin.fetchTopicMetadata({ topics: ['t1'] });
    console.log(JSON.stringify(md));
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 't1', messages: Array.from({ length: 10 }, (_, i) => ({ key: String(i), value: `v${i}` })) });
    const consumer = kafka.consumer({ groupId: 'g1' });
    await consumer.connect();
    await consumer.subscribe({ topic: 't1', fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => { seen.push(String(message.value)); if (seen.length === 10) resolve(); } });
    });
    assert.equal(seen.length, 10);
    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();
  } finally {
    await broker.stop();
  }
});
