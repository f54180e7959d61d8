// The produce path (src/kafka/producer) against real Apache Kafka — PLAINTEXT, and SASL_SSL with
// PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 (Confluent Cloud's shape) — and against the embedded
// broker: every record lands exactly once (counted on the topic afterwards), keys go where Java's
// partitioner puts them, headers arrive intact, requests stay under Kafka's 1 MB limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { partitionForKey } from '../../src/kafka/producer/partitioner.js';
import { TopicProducer } from '../../src/kafka/producer/producer.js';
import { Secret, type KafkaConfig } from '../../src/config/types.js';
import { iterateRecords } from '../../src/logs/index.js';
import { recordBatches } from '../../src/logs/batches.js';
import { startBroker } from '../../src/sandbox/broker/index.js';
import { realKafka } from '../support/real-kafka.js';
import { tempDir, uniqueTopic } from '../support/cli.js';
import { portsOutsideEphemeralRange } from '../support/ports.js';

const evolved = (count: number) => iterateRecords({ kind: 'evolved', count, seed: 3 });

async function counted(kafka: KafkaGateway, topic: string): Promise<Map<number, number>> {
  return new Map((await kafka.watermarks(topic)).map((m) => [m.partition, Number(BigInt(m.high) - BigInt(m.low))]));
}

/** Creates a topic, produces (records, or `logs`'s record batches), and
 * checks the count per partition against the keys' partitions. */
async function produceExactly(cfg: KafkaConfig, replicationFactor: number, count: number, bulk: boolean, from: 'records' | 'batches' = 'records'): Promise<void> {
  const kafka = new KafkaGateway(cfg);
  try {
    await kafka.createTopic({ topic: cfg.topic, partitions: 3, replicationFactor });
    const expected = new Map<number, number>([[0, 0], [1, 0], [2, 0]]);
    for (const r of evolved(count)) {
      const p = partitionForKey(Buffer.from(r.key!), 3);
      expected.set(p, expected.get(p)! + 1);
    }
    let acked = 0;
    const records = from === 'batches' ? recordBatches({ kind: 'evolved', count, seed: 3 }) : evolved(count);
    const acks = await kafka.produce(cfg.topic, records, { bulk, onAck: (n) => (acked = n) });
    assert.equal(acked, count);
    assert.deepEqual(await counted(kafka, cfg.topic), expected);
    for (const a of acks) assert.equal(Number(a.offset) + 1, expected.get(a.partition), `last offset of partition ${a.partition}`);
  } finally {
    await kafka.close();
  }
}

const real = () => realKafka();
const saslSsl = (topic: string, mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512'): KafkaConfig => {
  const k = real();
  const user = mechanism === 'PLAIN' ? { username: k.username, password: k.password } : k.scram!;
  return { brokers: [k.saslSsl], topic, securityProtocol: 'SASL_SSL', saslMechanism: mechanism, username: user.username, password: new Secret(user.password), caFile: k.caFile, sources: {} };
};

test('real Kafka, PLAINTEXT: 30 000 evolved records in bulk land exactly once, on the keys’ partitions', async () => {
  const topic = uniqueTopic('produce-plain');
  await produceExactly({ brokers: [real().plaintext], topic, securityProtocol: 'PLAINTEXT', sources: {} }, 1, 30_000, true);
});

test('real Kafka, PLAINTEXT: 30 000 evolved records as logs\'s record batches land exactly once', async () => {
  const topic = uniqueTopic('produce-batches');
  await produceExactly({ brokers: [real().plaintext], topic, securityProtocol: 'PLAINTEXT', sources: {} }, 1, 30_000, true, 'batches');
});

for (const mechanism of ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const) {
  test(`real Kafka, SASL_SSL ${mechanism}: the walk's idempotent path lands 2 000 records exactly, headers intact`, async () => {
    const topic = uniqueTopic(`produce-${mechanism.toLowerCase()}`);
    const cfg = saslSsl(topic, mechanism);
    await produceExactly(cfg, 1, 2_000, false);
    const kafka = new KafkaGateway(cfg);
    try {
      const records = Array.from({ length: 50 }, (_, i) => ({ key: `k${i % 5}`, value: `{"i":${i}}`, headers: { 'oqs-run': 'r1', 'oqs-batch': 'base', 'oqs-seq': String(i) } }));
      await kafka.produce(topic, records, {});
      const landed = (await kafka.readHeaders(topic)).filter((r) => r.headers['oqs-run'] === 'r1');
      assert.deepEqual(landed.map((r) => Number(r.headers['oqs-seq'])).sort((a, b) => a - b), records.map((_, i) => i));
      assert.ok(landed.every((r) => r.headers['oqs-batch'] === 'base'));
    } finally {
      await kafka.close();
    }
  });
}

test('real Kafka, SASL_SSL: a wrong password is one clear line, without the password', async () => {
  const topic = uniqueTopic('produce-badpw');
  const cfg = { ...saslSsl(topic, 'SCRAM-SHA-256'), password: new Secret('not-the-password-123') };
  const kafka = new KafkaGateway(cfg);
  try {
    await assert.rejects(kafka.produce(topic, [{ key: null, value: '{}' }], {}), (err: Error) => {
      assert.match(err.message, /rejected the credentials/);
      assert.doesNotMatch(err.message, /not-the-password-123/);
      return true;
    });
  } finally {
    await kafka.close();
  }
});

test('records near 1 MB: every request stays under Kafka’s 1 MB limit; a record over it is refused clearly', async () => {
  const topic = uniqueTopic('produce-large');
  const cfg: KafkaConfig = { brokers: [real().plaintext], topic, securityProtocol: 'PLAINTEXT', sources: {} };
  const kafka = new KafkaGateway(cfg);
  try {
    await kafka.createTopic({ topic, partitions: 3, replicationFactor: 1 });
    const big = (i: number) => ({ key: `key-${i}`, value: JSON.stringify({ i, pad: 'x'.repeat(600_000) }) });
    await kafka.produce(topic, Array.from({ length: 6 }, (_, i) => big(i)), { bulk: true });
    assert.equal([...(await counted(kafka, topic)).values()].reduce((a, b) => a + b, 0), 6);
    await assert.rejects(kafka.produce(topic, [{ key: null, value: 'y'.repeat(1_100_000) }], { bulk: true }), /over Kafka's 1 MB limit/);
  } finally {
    await kafka.close();
  }
});

test('embedded broker (SASL PLAIN, three brokers): bulk, idempotent and record-batch paths land every record exactly once', async () => {
  const broker = await startBroker({ dataDir: path.join(tempDir(), 'broker'), sasl: { mechanisms: ['PLAIN'], users: { u: 'pw-embedded' } }, log: () => undefined });
  try {
    const cfg = (topic: string): KafkaConfig => ({ brokers: broker.bootstrap, topic, securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'PLAIN', username: 'u', password: new Secret('pw-embedded'), sources: {} });
    await produceExactly(cfg('embedded-bulk'), 3, 30_000, true);
    await produceExactly(cfg('embedded-walk'), 3, 3_000, false);
    await produceExactly(cfg('embedded-batches'), 3, 30_000, true, 'batches');
  } finally {
    await broker.stop();
  }
});

test('a broker restarting mid-produce: the producer reconnects, retries, and the idempotent path lands every record exactly once', async () => {
  const dataDir = path.join(tempDir(), 'broker');
  const sasl = { mechanisms: ['PLAIN' as const], users: { u: 'pw-restart' } };
  const ports = await portsOutsideEphemeralRange();
  let broker = await startBroker({ dataDir, sasl, ports, log: () => undefined });
  const cfg: KafkaConfig = { brokers: broker.bootstrap, topic: 'restart', securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'PLAIN', username: 'u', password: new Secret('pw-restart'), sources: {} };
  const admin = new KafkaGateway(cfg);
  await admin.createTopic({ topic: 'restart', partitions: 3, replicationFactor: 3 });
  await admin.close();
  const producer = await TopicProducer.open(cfg, 'restart', { idempotent: true, batchRecords: 40 });
  const total = 6_000;
  let restarted: Promise<void> | null = null;
  producer.onAck = (acked) => {
    // A third of the way in, the whole cluster goes away for a moment and comes back.
    restarted ??= acked > total / 3 ? broker.stop().then(async () => {
      await new Promise((r) => setTimeout(r, 300));
      broker = await startBroker({ dataDir, sasl, ports, log: () => undefined });
    }) : null;
  };
  try {
    for (const r of evolved(total)) {
      producer.append(r.key, r.value);
      await producer.ready();
    }
    await producer.flush();
    await restarted;
    assert.ok(restarted, 'the broker restarted while records were in flight');
    const check = new KafkaGateway(cfg);
    try {
      assert.equal([...(await counted(check, 'restart')).values()].reduce((a, b) => a + b, 0), total);
    } finally {
      await check.close();
    }
  } finally {
    await producer.close();
    await broker.stop();
  }
});
