// The built CLI, headless, against real Apache Kafka over SASL_SSL: as a person or a CI job
// would type it. Exit codes, messages, resume after a kill, exact counts by consuming.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { Secret } from '../../src/config/types.js';
import { HEADER_RUN } from '../../steps/shared/produce-logs.js';
import { realKafka } from '../support/real-kafka.js';
import { CLI, runCli, saslSslEnv, tempDir, uniqueTopic } from '../support/cli.js';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in.js';
import { createTopicsLed } from '../support/topics.js';

function kafkaConfig(topic: string) {
  const k = realKafka();
  return { brokers: [k.saslSsl], topic, securityProtocol: 'SASL_SSL' as const, saslMechanism: 'PLAIN' as const, username: k.username, password: new Secret(k.password), caFile: k.caFile, sources: {} };
}

/** The Openflow connector, started in the canvas: without it the walk produces nothing. */
function connectorFor(topic: string): Promise<ConnectorStandIn> {
  return startConnectorStandIn(kafkaConfig(topic));
}

function gateway(topic: string): KafkaGateway {
  return new KafkaGateway(kafkaConfig(topic));
}

function stateOf(cwd: string) {
  return JSON.parse(readFileSync(path.join(cwd, '.openflow-quickstart', 'default.json'), 'utf8'));
}

async function countByRun(topic: string): Promise<Map<string, number>> {
  const kafka = gateway(topic);
  try {
    const counts = new Map<string, number>();
    for (const r of await kafka.readHeaders(topic)) {
      const run = r.headers[HEADER_RUN];
      if (run) counts.set(run, (counts.get(run) ?? 0) + 1);
    }
    return counts;
  } finally {
    await kafka.close();
  }
}

test('headless walk completes the Kafka steps; a second run produces nothing twice', async (t) => {
  const cwd = tempDir();
  const topic = uniqueTopic();
  const connector = await connectorFor(topic);
  t.after(() => connector.stop());
  const first = await runCli(['--yes'], { cwd, env: saslSslEnv(topic) });
  assert.equal(first.exitCode, 0, first.all);
  assert.match(first.all, /done: every step is complete/);
  assert.doesNotMatch(first.all, new RegExp(realKafka().password));

  const second = await runCli(['run', '--yes'], { cwd, env: saslSslEnv(topic) });
  assert.equal(second.exitCode, 0, second.all);
  // preflight runs every time, and cleanup asks every time (headless without --cleanup: keeps all)
  assert.match(second.all, /2 of 7 steps to run/);
  assert.match(second.all, /No Snowflake connection is configured/);
  assert.match(second.all, /sql setup/);
  assert.match(second.all, /openflow-params/);

  const state = stateOf(cwd);
  const counts = await countByRun(topic);
  assert.equal(counts.get(state.steps['produce-base-logs'].outputs.runId), 50);
  assert.equal(counts.get(state.steps['produce-evolved-logs'].outputs.runId), 80);
  assert.equal([...counts.values()].reduce((a, b) => a + b, 0), 130);
});

test('killed in the middle of producing, the next run resumes and the counts stay exact', async (t) => {
  const cwd = tempDir();
  const topic = uniqueTopic();
  const connector = await connectorFor(topic);
  t.after(() => connector.stop());
  // One record per request leaves time to kill the process while it produces.
  const env = { ...saslSslEnv(topic), OQS_PRODUCE_CHUNK_RECORDS: '1' };
  const child = execa(process.execPath, [CLI, '--yes'], { cwd, env, reject: false, all: true });
  await new Promise<void>((resolve, reject) => {
    child.all!.on('data', (chunk: Buffer) => {
      if (/produce-evolved-logs: [1-9]\d*\/80/.test(chunk.toString())) resolve();
    });
    child.then(() => reject(new Error('the walk ended before it could be killed')), reject);
  });
  child.kill('SIGKILL');
  await child;

  const killedState = stateOf(cwd);
  assert.equal(killedState.steps['produce-evolved-logs'].status, 'running');
  const partial = (await countByRun(topic)).get(killedState.steps['produce-evolved-logs'].checkpoint.runId) ?? 0;
  assert.ok(partial > 0 && partial < 80, `killed midway: ${partial} of 80 had landed`);

  const resumed = await runCli(['--yes'], { cwd, env: saslSslEnv(topic) });
  assert.equal(resumed.exitCode, 0, resumed.all);
  assert.match(resumed.all, /Resuming run/);
  const state = stateOf(cwd);
  const counts = await countByRun(topic);
  assert.equal(counts.get(state.steps['produce-base-logs'].outputs.runId), 50);
  assert.equal(counts.get(state.steps['produce-evolved-logs'].outputs.runId), 80);
});

test('Ctrl-C (SIGINT) stops cleanly with exit 130 and the state says where', async (t) => {
  const cwd = tempDir();
  const topic = uniqueTopic();
  const connector = await connectorFor(topic);
  t.after(() => connector.stop());
  const child = execa(process.execPath, [CLI, '--yes'], { cwd, env: { ...saslSslEnv(topic), OQS_PRODUCE_CHUNK_RECORDS: '1' }, reject: false, all: true });
  await new Promise<void>((resolve) => {
    child.all!.on('data', (chunk: Buffer) => {
      if (/produce-base-logs: [1-9]\d*\/50/.test(chunk.toString())) resolve();
    });
  });
  child.kill('SIGINT');
  const result = await child;
  assert.equal(result.exitCode, 130, result.all);
  assert.match(result.all, /stopped: run the same command again to resume/);
  assert.equal(stateOf(cwd).steps['produce-base-logs'].status, 'interrupted');
});

test('Kafka without Snowflake and no connector consuming: nothing is produced, and the walk says it waits for the connector', async () => {
  const cwd = tempDir();
  const topic = uniqueTopic();
  const r = await runCli(['--yes', '--connector-timeout', '3'], { cwd, env: saslSslEnv(topic) });
  assert.equal(r.exitCode, 1, r.all);
  assert.match(r.all, /warning: No Snowflake connection is configured.*`openflow-kafka-quickstart sql setup`.*`openflow-kafka-quickstart openflow-params`/s);
  assert.match(r.all, /Kafka Group Id +openflow_qs_kafka_connector/);
  assert.match(r.all, /Waiting for the connector: nothing is produced until consumer group openflow_qs_kafka_connector reads/);
  assert.match(r.all, /did not start consuming .* within 0:03 .*Nothing was produced/);
  assert.doesNotMatch(r.all, /produce-base-logs: \d+\/50/);
  const kafka = gateway(topic);
  try {
    assert.deepEqual((await kafka.watermarks(topic)).map((w) => w.high), ['0', '0', '0']);
  } finally {
    await kafka.close();
  }
  assert.equal(stateOf(cwd).steps['produce-base-logs'], undefined);
});

test('bad input: each invalid value is one line naming its source, exit 2', async () => {
  const cwd = tempDir();
  const r = await runCli(['--yes'], { cwd, env: { KAFKA_BROKERS: 'broker.example.com:99999', KAFKA_TOPIC: 'bad topic!' } });
  assert.equal(r.exitCode, 2, r.all);
  assert.match(r.all, /KAFKA_BROKERS \(environment\).*99999/);
  assert.match(r.all, /KAFKA_TOPIC \(environment\)/);
  assert.doesNotMatch(r.all, /\n\s+at /, 'no stack trace');
});

test('a wrong password fails with a clear message, exit 1, and the secret is nowhere', async () => {
  const cwd = tempDir();
  const r = await runCli(['--yes'], { cwd, env: saslSslEnv(uniqueTopic(), { KAFKA_SASL_PASSWORD: 'wrong-password-4711' }) });
  assert.equal(r.exitCode, 1, r.all);
  assert.match(r.all, /rejected the credentials/);
  assert.doesNotMatch(r.all, /wrong-password-4711/);
  assert.doesNotMatch(readFileSync(path.join(cwd, '.openflow-quickstart', 'default.json'), 'utf8'), /wrong-password-4711/);
});

test('a corrupt state file is never overwritten: clear message, backup kept, exit 2', async () => {
  const cwd = tempDir();
  mkdirSync(path.join(cwd, '.openflow-quickstart'));
  const file = path.join(cwd, '.openflow-quickstart', 'default.json');
  writeFileSync(file, '{"schemaVersion": 1, "steps": {');
  const r = await runCli(['--yes'], { cwd, env: saslSslEnv(uniqueTopic()) });
  assert.equal(r.exitCode, 2, r.all);
  assert.match(r.all, /is not valid .*a copy kept at/);
  assert.equal(readFileSync(file, 'utf8'), '{"schemaVersion": 1, "steps": {');
  assert.ok(readdirSync(path.dirname(file)).some((f) => f.endsWith('.bak')));
});

test('test-connection checks write permission without writing to the topic', async () => {
  const cwd = tempDir();
  const topic = uniqueTopic();
  const kafka = gateway(topic);
  try {
    await kafka.createTopic({ topic, partitions: 3, replicationFactor: 1 });
    const before = (await kafka.watermarks(topic)).map((w) => w.high);
    const r = await runCli(['test-connection', '--yes'], { cwd, env: saslSslEnv(topic) });
    assert.equal(r.exitCode, 0, r.all);
    assert.match(r.all, /Write permission: ✓ allowed/);
    assert.match(r.all, /checked by a Produce request for partition 3/);
    assert.deepEqual((await kafka.watermarks(topic)).map((w) => w.high), before);
  } finally {
    await kafka.close();
  }
});

test('a topic made by hand with cleanup.policy=compact: test-connection says so, and the walk stops at create-topic without touching it', async () => {
  const cwd = tempDir();
  const topic = uniqueTopic();
  const { default: kafkajs } = await import('kafkajs');
  const admin = new kafkajs.Kafka({ brokers: [realKafka().plaintext], logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await createTopicsLed(admin, [{ topic, numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }]);
  } finally {
    await admin.disconnect();
  }
  const tested = await runCli(['test-connection', '--yes'], { cwd, env: saslSslEnv(topic) });
  assert.equal(tested.exitCode, 0, tested.all);
  assert.match(tested.stdout, /! topic "[^"]+" has cleanup\.policy=compact/);
  assert.match(tested.stdout, /Result: OK; nothing was written to the topic \(but the walk stops at create-topic/);

  const walked = await runCli(['run', '--yes'], { cwd, env: saslSslEnv(topic) });
  assert.notEqual(walked.exitCode, 0, walked.all);
  assert.match(walked.all, /cleanup\.policy=compact: compaction keeps only the last record of each key/);
  assert.match(walked.all, /never changes a topic it did not create/);
  const kafka = gateway(topic);
  try {
    assert.equal((await kafka.topicRetention(topic))?.cleanupPolicy, 'compact');
    assert.deepEqual((await kafka.watermarks(topic)).map((w) => w.high), ['0', '0', '0'], 'nothing produced');
  } finally {
    await kafka.close();
  }
});

test('logs --output writes JSONL without Kafka; --help exits 0; unknown flags exit 2', async () => {
  const cwd = tempDir();
  const out = await runCli(['logs', '--count', '20', '--evolved', '--output', 'x.jsonl'], { cwd });
  assert.equal(out.exitCode, 0, out.all);
  const lines = readFileSync(path.join(cwd, 'x.jsonl'), 'utf8').trim().split('\n');
  assert.equal(lines.length, 20);
  assert.equal(Object.keys(JSON.parse(lines[0])).length, 37);
  assert.equal((await runCli(['--help'], { cwd })).exitCode, 0);
  assert.equal((await runCli(['--no-such-flag'], { cwd })).exitCode, 2);
  assert.equal((await runCli(['logs', '--count', 'lots', '--output', 'y'], { cwd })).exitCode, 2);
});

test('logs to Kafka: every record lands exactly once (counted on the topic), one record too; a missing topic is one clear line, exit 2', async () => {
  const cwd = tempDir();
  const topic = uniqueTopic('logs');
  const kafka = gateway(topic);
  try {
    await kafka.createTopic({ topic, partitions: 3, replicationFactor: 1 });
    const counted = async () => (await kafka.watermarks(topic)).reduce((n, w) => n + Number(BigInt(w.high) - BigInt(w.low)), 0);
    const many = await runCli(['logs', '--count', '12345', '--evolved', '--seed', '9', '--yes'], { cwd, env: saslSslEnv(topic) });
    assert.equal(many.exitCode, 0, many.all);
    assert.match(many.all, /Produced 12345 evolved log events/);
    assert.equal(await counted(), 12345);
    const one = await runCli(['logs', '--count', '1', '--yes'], { cwd, env: saslSslEnv(topic) });
    assert.equal(one.exitCode, 0, one.all);
    assert.equal(await counted(), 12346);
    const missing = await runCli(['logs', '--count', '10', '--yes'], { cwd, env: saslSslEnv(`${topic}-missing`) });
    assert.equal(missing.exitCode, 2, missing.all);
    assert.match(missing.all, /topic ".*-missing" does not exist/);
  } finally {
    await kafka.close();
  }
});
