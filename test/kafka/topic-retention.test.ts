// The sandbox's embedded broker answers DescribeConfigs as Kafka does, so the create-topic step's
// look at an existing topic's cleanup policy and retention works there too: a topic made by hand
// with compaction or a short retention is drifted; the walk's own (defaults) is fine.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import type { KafkaConfig } from '../../src/config/types.js';
import { retentionProblems } from '../../steps/shared/topic-settings.js';
import { kafkaFor, withBroker } from '../broker/helpers.js';

let broker: Awaited<ReturnType<typeof withBroker>>;
let gateway: KafkaGateway;

before(async () => {
  broker = await withBroker();
  const cfg: KafkaConfig = { brokers: broker.bootstrap, topic: 'unused', securityProtocol: 'PLAINTEXT', sources: {} };
  gateway = new KafkaGateway(cfg);
  const admin = kafkaFor(broker.bootstrap).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: 'compacted', numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
        { topic: 'brief', numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '60000' }] },
        { topic: 'plain', numPartitions: 3, replicationFactor: 1 },
      ],
    });
  } finally {
    await admin.disconnect();
  }
});
after(async () => {
  await gateway?.close();
  await broker?.stop();
});

test('a compacted topic: its cleanup.policy is read, and it loses records', async () => {
  const r = await gateway.topicRetention('compacted');
  assert.equal(r?.cleanupPolicy, 'compact');
  assert.match(retentionProblems('compacted', r!).join(), /cleanup\.policy=compact/);
});

test('a topic that keeps records a minute: its retention.ms is read, and it loses records', async () => {
  const r = await gateway.topicRetention('brief');
  assert.equal(r?.retentionMs, 60000);
  assert.match(retentionProblems('brief', r!).join(), /keeps records for 60 s \(retention\.ms=60000\)/);
});

test("a topic with Kafka's defaults keeps them", async () => {
  const r = await gateway.topicRetention('plain');
  assert.deepEqual(r, { cleanupPolicy: 'delete', retentionMs: 604800000, retentionBytes: -1 });
  assert.deepEqual(retentionProblems('plain', r!), []);
});
