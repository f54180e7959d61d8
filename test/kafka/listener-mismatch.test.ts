// A client set up for another listener than the broker's gets one line that names the mismatch,
// on both of our Kafka paths (the producer's own protocol client, and kafkajs for the admin calls):
// a SASL mechanism the listener does not offer is not "wrong credentials", and TLS towards a
// listener without it is not "cannot reach".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, type KafkaConfig } from '../../src/config/types.js';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { startBroker, type RunningBroker } from '../../src/sandbox/broker/index.js';

const PASSWORD = 'listener-test-pw-5150';
let dir = '';
let broker: RunningBroker;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'oqs-listener-'));
  broker = await startBroker({ dataDir: dir, sasl: { mechanisms: ['PLAIN'], users: { app: PASSWORD } }, log: () => undefined });
});

after(async () => {
  await broker.stop();
  rmSync(dir, { recursive: true, force: true });
});

const config = (over: Partial<KafkaConfig>): KafkaConfig => ({
  brokers: broker.bootstrap,
  topic: 'mismatch',
  securityProtocol: 'SASL_PLAINTEXT',
  saslMechanism: 'PLAIN',
  username: 'app',
  password: new Secret(PASSWORD),
  sources: {},
  ...over,
});

/** The message of each path's failure: describeTopic (our client), describeCluster (kafkajs). */
async function failures(cfg: KafkaConfig): Promise<string[]> {
  const messages: string[] = [];
  for (const call of [(g: KafkaGateway) => g.describeTopic('mismatch'), (g: KafkaGateway) => g.describeCluster()]) {
    const gateway = new KafkaGateway(cfg);
    try {
      await assert.rejects(call(gateway), (err: Error) => (messages.push(err.message), true));
    } finally {
      await gateway.close();
    }
  }
  return messages;
}

test('the listener offers PLAIN, the client asks SCRAM-SHA-256: the mechanism is named, not the password', async () => {
  const [ours, kafkajs] = await failures(config({ saslMechanism: 'SCRAM-SHA-256' }));
  assert.match(ours!, /does not accept SASL SCRAM-SHA-256 \(it offers PLAIN\) while describing topic "mismatch"/);
  assert.match(kafkajs!, /does not accept SASL SCRAM-SHA-256/);
  for (const m of [ours!, kafkajs!]) assert.doesNotMatch(m, /rejected the credentials|listener-test-pw/);
});

test('TLS towards a listener without it: said as such, not "cannot reach"', async () => {
  for (const securityProtocol of ['SASL_SSL', 'SSL'] as const) {
    const messages = await failures(config({ securityProtocol, ...(securityProtocol === 'SSL' ? { saslMechanism: undefined, username: undefined, password: undefined } : {}) }));
    for (const m of messages) {
      assert.match(m, /did not complete a TLS handshake .*it does not look like a TLS listener/, securityProtocol);
      assert.doesNotMatch(m, /cannot reach/);
    }
  }
});

test('the right settings still work (the broker is the one above)', async () => {
  const gateway = new KafkaGateway(config({}));
  try {
    await gateway.createTopic({ topic: 'mismatch', partitions: 1, replicationFactor: 1 });
    assert.equal((await gateway.describeTopic('mismatch'))?.partitions, 1);
  } finally {
    await gateway.close();
  }
});
