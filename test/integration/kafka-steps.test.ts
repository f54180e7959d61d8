// The Kafka steps against real Apache Kafka over SASL_SSL/PLAIN (the shape of Confluent Cloud),
// driven through the engine exactly as the CLI drives them. The walks are an attendee's, so their
// consumer group is apart from test/e2e/cli-kafka.test.ts's (the tutorial's), which may run at the same time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { Secret, type KafkaConfig, type WalkConfig } from '../../src/config/types.js';
import { StateStore } from '../../src/engine/state.js';
import { Redactor } from '../../src/engine/redact.js';
import { walk } from '../../src/engine/runner.js';
import type { WalkEvent } from '../../src/engine/events.js';
import type { Step, StepContext, StepId } from '../../src/engine/step.js';
import { LogGenerator } from '../../src/logs/index.js';
import { walkFor } from '../../steps/index.js';
import { namesFor } from '../../src/names.js';

const ATTENDEE = 'kafka_steps';
const GROUP = namesFor({ attendee: ATTENDEE }).GROUP;

// Kafka only: no Snowflake connection, as the CLI walks it when only Kafka is configured.
const WALK = walkFor({ snowflake: false });
import { createTopic } from '../../steps/02-create-topic.js';
import { HEADER_RUN, HEADER_SEQ, HEADER_BATCH, HEADER_SEED } from '../../steps/shared/produce-logs.js';
import { realKafka } from '../support/real-kafka.js';
import { tempDir, uniqueTopic } from '../support/cli.js';
import { startConnectorStandIn } from '../support/connector-stand-in.js';
import { createTopicsLed } from '../support/topics.js';

function kafkaConfig(topic: string, over: Partial<KafkaConfig> = {}): KafkaConfig {
  const k = realKafka();
  return {
    brokers: [k.saslSsl],
    topic,
    securityProtocol: 'SASL_SSL',
    saslMechanism: 'PLAIN',
    username: k.username,
    password: new Secret(k.password),
    caFile: k.caFile,
    sources: {},
    ...over,
  };
}

async function harness(topic: string, over: Partial<KafkaConfig> = {}, walkOver: Partial<WalkConfig> = {}) {
  const cfg = kafkaConfig(topic, over);
  const kafka = new KafkaGateway(cfg);
  const stateDir = tempDir();
  const store = await StateStore.open(stateDir, 'default', 'test');
  const config: WalkConfig = { profile: 'default', stateDir, seed: 42, target: 'real', partitions: 3, kafka: cfg, attendee: ATTENDEE, ...walkOver };
  const redactor = new Redactor();
  redactor.add(cfg.password?.reveal());
  const events: WalkEvent[] = [];
  const controller = new AbortController();
  const contextFor = (step: Step): StepContext => ({
    config,
    kafka,
    generator: new LogGenerator(),
    clock: { now: () => new Date() },
    ui: { confirm: async () => false, show: () => {} },
    signal: controller.signal,
    state: {
      outputOf: <T>(id: StepId) => store.record(id)?.outputs as T,
      checkpoint: <T>() => store.record(step.id)?.checkpoint as T,
      saveCheckpoint: (data) => store.update(step.id, { checkpoint: data }),
    },
  });
  const run = (steps: Step[] = WALK) =>
    walk({ steps, store, contextFor, emit: (e) => events.push(e), signal: controller.signal, redactor, target: 'real', profile: 'default' });
  return { cfg, kafka, store, events, run, contextFor, stateDir, close: () => kafka.close() };
}

/** Counts the records of one produce run by consuming the topic. */
async function countRun(kafka: KafkaGateway, topic: string, runId: string): Promise<{ count: number; distinct: number }> {
  const mine = (await kafka.readHeaders(topic)).filter((r) => r.headers[HEADER_RUN] === runId);
  return { count: mine.length, distinct: new Set(mine.map((r) => r.headers[HEADER_SEQ])).size };
}

test('the Kafka walk hands off to the connector and produces exactly 50 + 80 records once it consumes', async () => {
  const topic = uniqueTopic();
  const h = await harness(topic);
  const connector = await startConnectorStandIn(h.cfg, GROUP);
  try {
    assert.equal(await h.run(), 'done');
    const firstPlan = h.events.find((e) => e.type === 'plan');
    // The stand-in consumes before the walk starts: the hand-off's check finds the group consuming.
    assert.equal(firstPlan?.type === 'plan' && firstPlan.entries.find((e) => e.id === 'openflow-connector')?.status, 'done');
    const described = await h.kafka.describeTopic(topic);
    assert.deepEqual(described && { p: described.partitions, rf: described.replicationFactor }, { p: 3, rf: 1 });

    const brokers = h.store.record('extract-brokers')?.outputs as { valueList: string[] };
    assert.ok(brokers.valueList.includes(realKafka().saslSsl), `VALUE_LIST ${brokers.valueList} has the SASL_SSL listener with its port`);
    assert.ok(brokers.valueList.every((v) => /:\d+$/.test(v)), 'every entry keeps its port');

    for (const [id, expected] of [['produce-base-logs', 50], ['produce-evolved-logs', 80]] as const) {
      const out = h.store.record(id)?.outputs as { runId: string };
      assert.deepEqual(await countRun(h.kafka, topic, out.runId), { count: expected, distinct: expected });
    }

    // A second walk finds everything done and produces nothing.
    const before = (await h.kafka.watermarks(topic)).map((w) => w.high);
    h.events.length = 0;
    assert.equal(await h.run(), 'done');
    assert.deepEqual((await h.kafka.watermarks(topic)).map((w) => w.high), before);
    const plan = h.events.find((e) => e.type === 'plan');
    assert.ok(plan && plan.type === 'plan');
    assert.deepEqual(
      // preflight and cleanup run (cleanup asks) on every walk
      plan.entries.filter((e) => e.id !== 'preflight' && e.id !== 'cleanup').map((e) => e.status),
      ['done', 'done', 'done', 'done', 'done'],
    );
  } finally {
    await connector.stop();
    await h.close();
  }
});

test('with no connector consuming, the Kafka walk produces nothing and says it waits for the connector', async () => {
  const topic = uniqueTopic();
  const h = await harness(topic);
  try {
    const steps = WALK.filter((s) => s.id !== 'cleanup');
    const outcome = await walk({
      steps,
      store: h.store,
      contextFor: (step) => ({ ...h.contextFor(step), config: { ...h.contextFor(step).config, connectorWaitMs: 3_000 } }),
      emit: (e) => h.events.push(e),
      signal: new AbortController().signal,
      redactor: new Redactor(),
      target: 'real',
      profile: 'default',
    });
    assert.equal(outcome, 'failed');
    const notes = h.events.filter((e) => e.type === 'note' && e.id === 'openflow-connector').map((e) => (e.type === 'note' ? e.text : ''));
    assert.ok(notes.some((n) => /Waiting for the connector: nothing is produced until consumer group openflow_qs_kafka_connector_kafka_steps reads/.test(n)), notes.join('\n'));
    const end = h.events.find((e) => e.type === 'step-end' && e.id === 'openflow-connector');
    assert.ok(end && end.type === 'step-end' && end.status === 'failed' && /Nothing was produced/.test(end.error ?? ''));
    assert.ok(!h.events.some((e) => e.type === 'step-start' && e.id === 'produce-base-logs'));
    assert.deepEqual((await h.kafka.watermarks(topic)).map((w) => w.high), ['0', '0', '0']);
  } finally {
    await h.close();
  }
});

test('after reset (all state, or one produce step) the walk adopts the batches in the topic: nothing is produced twice', async () => {
  const topic = uniqueTopic();
  const h = await harness(topic);
  // The hand-off waits for the connector's group before anything is produced.
  const connector = await startConnectorStandIn(h.cfg, GROUP);
  try {
    assert.equal(await h.run(), 'done');
    const runs = ['produce-base-logs', 'produce-evolved-logs'].map((id) => (h.store.record(id as StepId)?.outputs as { runId: string }).runId);
    const before = (await h.kafka.watermarks(topic)).map((w) => w.high);

    for (const forget of [undefined, 'produce-base-logs', 'produce-evolved-logs'] as const) {
      await h.store.reset(forget);
      assert.equal(await h.run(), 'done', `after reset ${forget ?? '(all)'}`);
      assert.deepEqual((await h.kafka.watermarks(topic)).map((w) => w.high), before, `after reset ${forget ?? '(all)'}: records were produced again`);
      for (const [i, id] of (['produce-base-logs', 'produce-evolved-logs'] as const).entries()) {
        const out = h.store.record(id)?.outputs as { runId: string; count: number; sent: number };
        assert.equal(out.runId, runs[i], `${id} adopts the run already in the topic`);
        assert.equal(out.count, i === 0 ? 50 : 80);
      }
    }
    assert.deepEqual(await countRun(h.kafka, topic, runs[0]!), { count: 50, distinct: 50 });
    assert.deepEqual(await countRun(h.kafka, topic, runs[1]!), { count: 80, distinct: 80 });
  } finally {
    await connector.stop();
    await h.close();
  }
});

test('a resumed produce sends only the sequences that did not land', async () => {
  const topic = uniqueTopic();
  const h = await harness(topic);
  try {
    assert.equal(await h.run(WALK.slice(0, 3)), 'done');
    // An earlier run was interrupted after 20 of its 50 records reached Kafka.
    const runId = 'interrupted1';
    await h.store.update('produce-base-logs', { status: 'interrupted', checkpoint: { runId, kind: 'base', count: 50, seed: 42, topic } });
    const events = new LogGenerator().generate({ kind: 'base', count: 50, seed: 42 });
    await h.kafka.produce(
      topic,
      events.slice(0, 20).map((e, seq) => ({ key: String(e.service), value: JSON.stringify(e), headers: { [HEADER_RUN]: runId, [HEADER_BATCH]: 'base', [HEADER_SEQ]: String(seq) } })),
      {},
    );
    const produceBase = WALK.find((s) => s.id === 'produce-base-logs')!;
    assert.equal(await h.run([produceBase]), 'done');
    assert.deepEqual(await countRun(h.kafka, topic, runId), { count: 50, distinct: 50 });
    const out = h.store.record('produce-base-logs')?.outputs as { sent: number };
    assert.equal(out.sent, 30);
  } finally {
    await h.close();
  }
});

test('after reset, a batch begun with seed 42 is finished with seed 42 under --seed 7, and the walk says so', async () => {
  const topic = uniqueTopic();
  const h = await harness(topic, {}, { seed: 7 });
  try {
    assert.equal(await h.run(WALK.slice(0, 3)), 'done');
    // What an earlier walk (seed 42) left before its state was reset: 20 of its 50 records.
    const runId = 'seed42run';
    const events = new LogGenerator().generate({ kind: 'base', count: 50, seed: 42 });
    await h.kafka.produce(
      topic,
      events.slice(0, 20).map((e, seq) => ({ key: String(e.service), value: JSON.stringify(e), headers: { [HEADER_RUN]: runId, [HEADER_BATCH]: 'base', [HEADER_SEQ]: String(seq), [HEADER_SEED]: '42' } })),
      {},
    );
    const produceBase = WALK.find((s) => s.id === 'produce-base-logs')!;
    assert.equal(await h.run([produceBase]), 'done');
    const notes = h.events.flatMap((e) => (e.type === 'note' && e.id === 'produce-base-logs' ? [e.text] : []));
    assert.ok(notes.some((n) => /run seed42run, made with seed 42: this walk keeps them, so seed 7 is not used/.test(n)), notes.join('\n'));
    const mine = (await h.kafka.readHeaders(topic)).filter((r) => r.headers[HEADER_RUN] === runId);
    assert.equal(mine.length, 50);
    assert.ok(mine.every((r) => r.headers[HEADER_SEED] === '42'), 'the 30 sent now are of seed 42 too');
  } finally {
    await h.close();
  }
});

test('a topic that exists with another partition count is drifted, with what to do, and is never touched', async () => {
  const topic = uniqueTopic();
  const h = await harness(topic);
  try {
    await h.kafka.createTopic({ topic, partitions: 6, replicationFactor: 1 });
    const check = await createTopic.check(h.contextFor(createTopic));
    assert.equal(check.state, 'drifted');
    assert.match(check.state === 'drifted' ? check.diff.join() : '', /6 partitions; the tutorial uses 3/);
    assert.equal(await h.run([createTopic]), 'failed');
    const end = h.events.find((e) => e.type === 'step-end');
    assert.ok(end && end.type === 'step-end' && end.hint && /never deletes a topic/.test(end.hint));
    assert.equal((await h.kafka.describeTopic(topic))?.partitions, 6);
  } finally {
    await h.close();
  }
});

/** A topic made by hand with settings of its own, as a person might have it before the walk. */
async function createTopicWith(topic: string, configs: Record<string, string>): Promise<void> {
  const { default: kafkajs } = await import('kafkajs');
  const admin = new kafkajs.Kafka({ brokers: [realKafka().plaintext], logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await createTopicsLed(admin, [{ topic, numPartitions: 3, replicationFactor: 1, configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })) }]);
  } finally {
    await admin.disconnect();
  }
}

test('an existing topic that compacts, or keeps records too briefly, is drifted with what to do, and is never changed', async () => {
  const cases: Array<{ configs: Record<string, string>; says: RegExp }> = [
    { configs: { 'cleanup.policy': 'compact', 'min.cleanable.dirty.ratio': '0.01', 'segment.ms': '100' }, says: /cleanup\.policy=compact: compaction keeps only the last record of each key/ },
    { configs: { 'retention.ms': '600000' }, says: /keeps records for 10 min \(retention\.ms=600000\); the walk needs them for at least an hour/ },
    { configs: { 'retention.bytes': '4096' }, says: /at most 4096 bytes per partition/ },
  ];
  for (const { configs, says } of cases) {
    const topic = uniqueTopic();
    await createTopicWith(topic, configs);
    const h = await harness(topic);
    try {
      const check = await createTopic.check(h.contextFor(createTopic));
      assert.equal(check.state, 'drifted', JSON.stringify(check));
      assert.match(check.state === 'drifted' ? check.diff.join() : '', says);
      assert.equal(await h.run([createTopic]), 'failed');
      const end = h.events.find((e) => e.type === 'step-end');
      assert.ok(end && end.type === 'step-end' && end.hint && /never changes a topic it did not create/.test(end.hint), JSON.stringify(end));
      const now = await h.kafka.topicRetention(topic);
      if (configs['cleanup.policy']) assert.equal(now?.cleanupPolicy, 'compact');
      if (configs['retention.ms']) assert.equal(now?.retentionMs, 600000);
    } finally {
      await h.close();
    }
  }
});

test('a topic with the default settings (delete, 7 days) is fine', async () => {
  const topic = uniqueTopic();
  await createTopicWith(topic, {});
  const h = await harness(topic);
  try {
    const check = await createTopic.check(h.contextFor(createTopic));
    assert.equal(check.state, 'done', JSON.stringify(check));
  } finally {
    await h.close();
  }
});

test('a wrong password is reported clearly, without the password', async () => {
  const topic = uniqueTopic();
  const h = await harness(topic, { password: new Secret('definitely-wrong-secret') });
  try {
    assert.equal(await h.run(WALK.slice(0, 1)), 'failed');
    const end = h.events.find((e) => e.type === 'step-end');
    assert.ok(end && end.type === 'step-end');
    assert.match(end.error ?? '', /rejected the credentials of user "quickstart"/);
    assert.doesNotMatch(JSON.stringify(h.events), /definitely-wrong-secret/);
    assert.doesNotMatch(await import('node:fs/promises').then((fs) => fs.readFile(path.join(h.stateDir, 'default.json'), 'utf8')), /definitely-wrong-secret/);
  } finally {
    await h.close();
  }
});

test('an unreachable broker is reported clearly', async () => {
  const h = await harness(uniqueTopic(), { brokers: ['127.0.0.1:1'], securityProtocol: 'PLAINTEXT', saslMechanism: undefined, username: undefined, password: undefined });
  try {
    assert.equal(await h.run(WALK.slice(0, 1)), 'failed');
    const end = h.events.find((e) => e.type === 'step-end');
    assert.ok(end && end.type === 'step-end');
    assert.match(end.error ?? '', /cannot reach the Kafka brokers 127\.0\.0\.1:1/);
  } finally {
    await h.close();
  }
});

test('bulk produce (the logs command) keeps every request under Kafka\'s 1 MB batch limit, even for evolved events', async () => {
  const topic = uniqueTopic();
  const h = await harness(topic);
  try {
    await h.kafka.createTopic({ topic, partitions: 1, replicationFactor: 1 });
    // Evolved events are ~700 bytes: 4,000 of them in one partition's batch would be ~2.8 MB.
    const records = new LogGenerator().generate({ kind: 'evolved', count: 12_000, seed: 7 }).map((e) => ({ key: null, value: JSON.stringify(e) }));
    await h.kafka.produce(topic, records, { bulk: true });
    const [mark] = await h.kafka.watermarks(topic);
    assert.equal(BigInt(mark!.high) - BigInt(mark!.low), 12_000n);
  } finally {
    await h.close();
  }
});
