// Proves the real-Kafka harness: kafkajs reaches the broker over PLAINTEXT and over SASL_SSL with
// each mechanism, round-trips records, and the broker refuses what it should refuse.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import kafkajs, { type KafkaConfig, type SASLOptions } from 'kafkajs';
import { realKafka } from '../support/real-kafka.js';
import { createTopicsLed } from '../support/topics.js';

const { Kafka, Partitioners, logLevel, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } = kafkajs;
const broker = realKafka();
const clients: Array<{ disconnect(): Promise<void> }> = [];

after(async () => {
  await Promise.allSettled(clients.map((client) => client.disconnect()));
});

function kafkaOver(config: Omit<KafkaConfig, 'clientId'>) {
  return new Kafka({ clientId: 'harness-smoke', logLevel: logLevel.NOTHING, retry: { retries: 2 }, ...config });
}

function saslSsl(sasl: SASLOptions) {
  return kafkaOver({ brokers: [broker.saslSsl], ssl: { ca: [readFileSync(broker.caFile, 'utf8')] }, sasl });
}

/** Creates a topic, produces `count` records, consumes them back; returns the values read. */
async function roundTrip(kafka: InstanceType<typeof Kafka>, count: number): Promise<string[]> {
  const topic = `harness-smoke-${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  clients.push(admin);
  await admin.connect();
  assert.equal(await createTopicsLed(admin, [{ topic, numPartitions: 3, replicationFactor: 1 }]), true);

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  clients.push(producer);
  await producer.connect();
  const sent = Array.from({ length: count }, (_, index) => `record-${index}`);
  await producer.send({ topic, acks: -1, messages: sent.map((value) => ({ key: value, value })) });

  const consumer = kafka.consumer({ groupId: `${topic}-reader` });
  clients.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const received: string[] = [];
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ message }) => {
          received.push(message.value?.toString() ?? '');
          if (received.length >= count) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  await admin.deleteTopics({ topics: [topic] });
  return received.sort();
}

describe('real Apache Kafka harness', () => {
  test('PLAINTEXT: create a topic, produce, consume', async () => {
    const values = await roundTrip(kafkaOver({ brokers: [broker.plaintext] }), 10);
    assert.deepEqual(values, Array.from({ length: 10 }, (_, index) => `record-${index}`).sort());
  });

  test('SASL_SSL with PLAIN and the test CA: create a topic, produce, consume', async () => {
    const values = await roundTrip(saslSsl({ mechanism: 'plain', username: broker.username, password: broker.password }), 5);
    assert.equal(values.length, 5);
  });

  test('SASL_SSL with SCRAM-SHA-256 and SCRAM-SHA-512', async (t) => {
    const scram = broker.scram;
    if (!scram) return t.skip('harness started without SCRAM users');
    for (const mechanism of ['scram-sha-256', 'scram-sha-512'] as const) {
      const admin = saslSsl({ mechanism, username: scram.username, password: scram.password }).admin();
      clients.push(admin);
      await admin.connect();
      const cluster = await admin.describeCluster();
      assert.equal(cluster.brokers.length, 1, mechanism);
      await admin.disconnect();
    }
  });

  test('ACLs apply: a SASL user denied WRITE on a topic cannot produce to it', async (t) => {
    const scram = broker.scram;
    if (!scram) return t.skip('harness started without SCRAM users');
    const topic = `harness-acl-${randomUUID().slice(0, 8)}`;
    const admin = kafkaOver({ brokers: [broker.plaintext] }).admin();
    clients.push(admin);
    await admin.connect();
    await createTopicsLed(admin, [{ topic, numPartitions: 1, replicationFactor: 1 }]);
    await admin.createAcls({
      acl: [{
        resourceType: AclResourceTypes.TOPIC, resourceName: topic, resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: `User:${scram.username}`, host: '*',
        operation: AclOperationTypes.WRITE, permissionType: AclPermissionTypes.DENY,
      }],
    });
    // A new ACL reaches the broker's authorizer through the metadata log, a moment after
    // CreateAcls answers: a produce at once could still pass. DescribeAcls reads that authorizer.
    for (let waited = 0; ; waited += 50) {
      const { resources } = await admin.describeAcls({
        resourceType: AclResourceTypes.TOPIC, resourceName: topic, resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: `User:${scram.username}`, host: '*', operation: AclOperationTypes.WRITE, permissionType: AclPermissionTypes.DENY,
      });
      if (resources.length > 0) break;
      if (waited > 15_000) assert.fail('the ACL never showed in DescribeAcls');
      await new Promise((r) => setTimeout(r, 50));
    }

    const producer = saslSsl({ mechanism: 'scram-sha-256', username: scram.username, password: scram.password })
      .producer({ createPartitioner: Partitioners.DefaultPartitioner, retry: { retries: 0 } });
    clients.push(producer);
    await producer.connect();
    await assert.rejects(producer.send({ topic, messages: [{ value: 'denied' }] }), (error: Error & { type?: string }) => {
      assert.match(`${error.type ?? ''} ${error.message}`, /TOPIC_AUTHORIZATION_FAILED|[Nn]ot authorized/);
      return true;
    });
    await admin.deleteTopics({ topics: [topic] });
  });

  test('SASL_SSL rejects a wrong password', async () => {
    const admin = saslSsl({ mechanism: 'plain', username: broker.username, password: `${broker.password}-wrong` }).admin();
    clients.push(admin);
    await assert.rejects(admin.connect(), (error: Error) => {
      assert.match(`${error.name} ${error.message}`, /SASL|[Aa]uthentication/);
      assert.doesNotMatch(error.message, new RegExp(broker.password));
      return true;
    });
  });

  test('SASL_SSL refuses a client that does not trust the test CA', async () => {
    const admin = kafkaOver({
      brokers: [broker.saslSsl],
      ssl: true,
      sasl: { mechanism: 'plain', username: broker.username, password: broker.password },
    }).admin();
    clients.push(admin);
    await assert.rejects(admin.connect(), /certificate/i);
  });
});
