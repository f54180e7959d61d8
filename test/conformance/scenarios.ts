// The conformance scenarios: the same kafkajs conversations against any target (embedded broker
// or real Apache Kafka), so the embedded broker is held to what Kafka actually does.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import kafkajs, { CompressionTypes, Kafka, logLevel, type Consumer, type KafkaConfig } from 'kafkajs';

// kafkajs is CommonJS; this enum is not visible as a named ESM export.
const { ConfigResourceTypes } = kafkajs;
import { saslOptions, type ConformanceTarget } from './target.js';
import { createTopicsLed } from '../support/topics.js';

const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/** Polls until `check` holds, failing with `what` after a generous bound (never a timing assertion). */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, boundMs = 60_000): Promise<void> {
  const until = Date.now() + boundMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function client(config: Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'>, retries = 8): Kafka {
  return new Kafka({ ...config, clientId: 'conformance', logLevel: logLevel.NOTHING, retry: { retries, initialRetryTime: 100 } });
}

/** Runs a consumer in `groupId` collecting every message value; returns the collection and the consumer. */
async function collect(kafka: Kafka, groupId: string, topic: string) {
  const values: string[] = [];
  const byKey = new Map<string, string[]>();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, sessionTimeout: 10_000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const value = String(message.value);
      values.push(value);
      const key = String(message.key);
      byKey.set(key, [...(byKey.get(key) ?? []), value]);
    },
  });
  return { values, byKey, consumer };
}

export function conformanceSuite(label: string, makeTarget: () => Promise<ConformanceTarget>): void {
  describe(`conformance: ${label}`, () => {
    let target: ConformanceTarget;
    let kafka: Kafka;
    let brokerCount = 0;
    let replication = 1;

    before(async () => {
      target = await makeTarget();
      kafka = client(target.plaintext);
      const admin = kafka.admin();
      await admin.connect();
      brokerCount = (await admin.describeCluster()).brokers.length;
      replication = Math.min(3, brokerCount);
      await admin.disconnect();
    });
    after(async () => { await target?.close(); });

    it('admin: metadata lists the brokers; topics are created, described and deleted as Kafka does', async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const cluster = await admin.describeCluster();
        if (target.expectedBrokerCount !== null) assert.equal(cluster.brokers.length, target.expectedBrokerCount);
        const brokerIds = new Set(cluster.brokers.map((b) => b.nodeId));
        assert.equal(brokerIds.size, cluster.brokers.length);

        const topic = unique('conf-admin');
        assert.equal(await createTopicsLed(admin, [{ topic, numPartitions: 3, replicationFactor: replication }]), true);
        const md = await admin.fetchTopicMetadata({ topics: [topic] });
        const partitions = md.topics[0].partitions;
        assert.deepEqual(partitions.map((p) => p.partitionId).sort(), [0, 1, 2]);
        for (const p of partitions) {
          assert.ok(brokerIds.has(p.leader), `leader ${p.leader} is a listed broker`);
          assert.equal(p.replicas.length, replication);
          assert.equal(new Set(p.replicas).size, replication);
          assert.ok(p.replicas.includes(p.leader));
          assert.equal(p.isr.length, replication);
        }
        if (brokerCount === 3) assert.equal(new Set(partitions.map((p) => p.leader)).size, 3, 'leaders spread over the 3 brokers');
        assert.ok((await admin.listTopics()).includes(topic));

        assert.equal(await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: replication }] }), false, 'existing topic is not created again');
        await assert.rejects(
          admin.createTopics({ topics: [{ topic: unique('conf-toomany'), numPartitions: 1, replicationFactor: brokerCount + 1 }] }),
          (err: Error & { errors?: { type?: string }[] }) => JSON.stringify(err.errors ?? err.message).includes('INVALID_REPLICATION_FACTOR'),
        );

        const configs = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false });
        const cleanup = configs.resources[0].configEntries.find((e) => e.configName === 'cleanup.policy');
        assert.equal(cleanup?.configValue, 'delete');

        await admin.deleteTopics({ topics: [topic] });
        await waitFor('deleted topic to leave the topic list', async () => !(await admin.listTopics()).includes(topic));
      } finally {
        await admin.disconnect();
      }
    });

    it('produce and consume: exact counts, per-key order, committed offsets at the end of each partition', async () => {
      const topic = unique('conf-pc');
      const groupId = unique('conf-pc-group');
      const admin = kafka.admin();
      await admin.connect();
      await createTopicsLed(admin, [{ topic, numPartitions: 3, replicationFactor: replication }]);
      const producer = kafka.producer();
      await producer.connect();
      for (let batch = 0; batch < 3; batch++) {
        await producer.send({ topic, messages: Array.from({ length: 100 }, (_, i) => ({ key: `k${i % 30}`, value: `${batch * 100 + i}` })) });
      }
      await producer.disconnect();

      const offsets = await admin.fetchTopicOffsets(topic);
      assert.equal(offsets.reduce((n, p) => n + Number(p.high), 0), 300);
      assert.ok(offsets.every((p) => Number(p.low) === 0));

      const { values, byKey, consumer } = await collect(kafka, groupId, topic);
      await waitFor('300 messages consumed', () => values.length >= 300);
      await consumer.disconnect();
      assert.equal(values.length, 300);
      assert.equal(new Set(values).size, 300);
      for (const [, seq] of byKey) assert.deepEqual(seq, [...seq].sort((a, b) => Number(a) - Number(b)), 'per-key order kept');

      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      const byPartition = new Map(committed[0].partitions.map((p) => [p.partition, p.offset]));
      for (const p of offsets) assert.equal(byPartition.get(p.partition), p.high);
      await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
    });

    it('gzip-compressed batches and an idempotent producer round-trip exactly', async () => {
      const topic = unique('conf-gzip');
      const admin = kafka.admin();
      await admin.connect();
      await createTopicsLed(admin, [{ topic, numPartitions: 1, replicationFactor: replication }]);
      const plain = kafka.producer();
      const idempotent = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await plain.connect();
      await idempotent.connect();
      const long = 'x'.repeat(2000);
      await plain.send({ topic, compression: CompressionTypes.GZIP, messages: Array.from({ length: 50 }, (_, i) => ({ value: `gz-${i}-${long}` })) });
      for (let i = 0; i < 5; i++) await idempotent.send({ topic, messages: Array.from({ length: 10 }, (_, j) => ({ value: `idem-${i * 10 + j}` })) });
      await plain.disconnect();
      await idempotent.disconnect();

      const { values, consumer } = await collect(kafka, unique('conf-gzip-group'), topic);
      await waitFor('100 messages consumed', () => values.length >= 100);
      await consumer.disconnect();
      assert.equal(values.length, 100);
      assert.deepEqual(values.slice(0, 50), Array.from({ length: 50 }, (_, i) => `gz-${i}-${long}`));
      assert.deepEqual(values.slice(50), Array.from({ length: 50 }, (_, i) => `idem-${i}`));
      await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
    });

    it('consumer group: two members rebalance as they join and leave; only an empty group can be deleted', async () => {
      const topic = unique('conf-group');
      const groupId = unique('conf-group-g');
      const admin = kafka.admin();
      await admin.connect();
      await createTopicsLed(admin, [{ topic, numPartitions: 3, replicationFactor: replication }]);

      const assignments = new Map<string, number[]>();
      const consumed: string[] = [];
      const start = async (name: string): Promise<Consumer> => {
        const c = kafka.consumer({ groupId, maxWaitTimeInMs: 200, sessionTimeout: 10_000, heartbeatInterval: 300, rebalanceTimeout: 20_000 });
        c.on(c.events.GROUP_JOIN, (e) => { assignments.set(name, e.payload.memberAssignment[topic] ?? []); });
        await c.connect();
        await c.subscribe({ topic, fromBeginning: true });
        await c.run({ eachMessage: async ({ message }) => { consumed.push(String(message.value)); } });
        return c;
      };
      const a = await start('a');
      await waitFor('first member owns all 3 partitions', () => assignments.get('a')?.length === 3);
      const b = await start('b');
      await waitFor('partitions split between both members', () => {
        const pa = assignments.get('a') ?? [];
        const pb = assignments.get('b') ?? [];
        return pa.length > 0 && pb.length > 0 && new Set([...pa, ...pb]).size === 3 && pa.length + pb.length === 3;
      });
      const described = (await admin.describeGroups([groupId])).groups[0];
      assert.equal(described.state, 'Stable');
      assert.equal(described.members.length, 2);
      assert.equal(described.protocolType, 'consumer');

      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: `m${i}` })) });
      await producer.disconnect();
      await waitFor('60 messages consumed by the group', () => consumed.length >= 60);
      assert.equal(new Set(consumed).size, 60);

      await assert.rejects(admin.deleteGroups([groupId]), (err: Error & { groups?: { error?: { type?: string } }[] }) =>
        err.groups?.[0]?.error?.type === 'NON_EMPTY_GROUP');

      await b.disconnect();
      assignments.delete('a');
      await waitFor('remaining member takes all 3 partitions back', () => assignments.get('a')?.length === 3);
      await a.disconnect();
      await waitFor('group empty after both left', async () => (await admin.describeGroups([groupId])).groups[0].state === 'Empty');
      assert.equal(consumed.length, 60, 'nothing consumed twice across the rebalances');

      await admin.deleteGroups([groupId]);
      const listed = (await admin.listGroups()).groups.map((g) => g.groupId);
      assert.ok(!listed.includes(groupId));
      await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
    });

    it('SASL: the right password is accepted, a wrong one refused (PLAIN, and SCRAM where offered)', async () => {
      const { brokers, ssl, username, password } = target.sasl;
      const mechanisms: ['plain' | 'scram-sha-256' | 'scram-sha-512', string, string][] = [['plain', username, password]];
      if (target.scram) {
        mechanisms.push(['scram-sha-256', target.scram.username, target.scram.password]);
        mechanisms.push(['scram-sha-512', target.scram.username, target.scram.password]);
      }
      for (const [mechanism, user, secret] of mechanisms) {
        const good = client({ brokers, ssl, sasl: saslOptions(mechanism, user, secret) }).admin();
        await good.connect();
        assert.ok(Array.isArray(await good.listTopics()), `${mechanism} lists topics`);
        await good.disconnect();

        const bad = client({ brokers, ssl, sasl: saslOptions(mechanism, user, `${secret}-wrong`) }, 0).admin();
        await assert.rejects(bad.connect(), (err: Error) => /SASL|authenticat/i.test(`${err.name} ${err.message}`), `${mechanism} refuses a wrong password`);
        await bad.disconnect();
      }
    });

    it('restart: topics, records and committed offsets survive', async (t) => {
      if (!target.restart) { t.skip(`the ${target.name} target cannot be restarted from a test`); return; }
      const topic = unique('conf-restart');
      const groupId = unique('conf-restart-g');
      let admin = kafka.admin();
      await admin.connect();
      await createTopicsLed(admin, [{ topic, numPartitions: 3, replicationFactor: replication }]);
      let producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: Array.from({ length: 90 }, (_, i) => ({ key: `k${i}`, value: `before-${i}` })) });
      await producer.disconnect();
      const first = await collect(kafka, groupId, topic);
      await waitFor('90 messages consumed before restart', () => first.values.length >= 90);
      await first.consumer.disconnect();
      await admin.disconnect();

      await target.restart();

      kafka = client(target.plaintext);
      admin = kafka.admin();
      await admin.connect();
      assert.ok((await admin.listTopics()).includes(topic));
      const offsets = await admin.fetchTopicOffsets(topic);
      assert.equal(offsets.reduce((n, p) => n + Number(p.high), 0), 90);
      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      assert.equal(committed[0].partitions.reduce((n, p) => n + Number(p.offset), 0), 90);

      producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `after-${i}` })) });
      await producer.disconnect();
      const resumed = await collect(kafka, groupId, topic);
      await waitFor('30 new messages consumed after restart', () => resumed.values.length >= 30);
      await resumed.consumer.disconnect();
      assert.deepEqual([...resumed.values].sort(), Array.from({ length: 30 }, (_, i) => `after-${i}`).sort(), 'the group resumes at its committed offsets');

      const everything = await collect(kafka, unique('conf-restart-fresh'), topic);
      await waitFor('all 120 messages readable by a new group', () => everything.values.length >= 120);
      await everything.consumer.disconnect();
      assert.equal(new Set(everything.values).size, 120);
      await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
    });
  });
}
