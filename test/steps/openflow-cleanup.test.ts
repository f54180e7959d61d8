// The Openflow hand-off (parameter tables, secret masked; waiting for the consumer group) and
// cleanup (asks first; headless needs --cleanup), against the embedded Kafka broker and the
// Snowflake emulator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../src/config/types.js';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { setupSql } from '../../steps/04-setup-sql.js';
import { handOffText, openflowConnector } from '../../steps/07-openflow-connector.js';
import { cleanup } from '../../steps/13-cleanup.js';
import { formatParameterTables, openflowParameterContexts, openflowParameterValues } from '../../steps/shared/openflow-parameters.js';
import { withBroker, kafkaFor } from '../broker/helpers.js';
import { brokersOutput, recordedContext, startSandboxWarehouse, testConfig, type SandboxWarehouse } from './helpers.js';

const SECRET = 'very-secret-api-secret-123';
const saslConfig = testConfig({
  target: 'real',
  kafka: {
    brokers: ['pkc-n98px.us-west-2.aws.confluent.cloud:9092'],
    topic: 'application-logs',
    securityProtocol: 'SASL_SSL',
    saslMechanism: 'PLAIN',
    username: 'FNEI67I3U52IIGG5',
    password: new Secret(SECRET),
    sources: {},
  },
});

test('the parameter tables show the tutorial\'s rows with the real values and the secret masked', () => {
  const text = formatParameterTables(openflowParameterContexts(saslConfig));
  assert.ok(!text.includes(SECRET));
  assert.match(text, /Kafka SASL Password +••••/);
  assert.match(text, /Kafka Bootstrap Servers +pkc-n98px\.us-west-2\.aws\.confluent\.cloud:9092/);
  assert.match(text, /Kafka SASL Username +FNEI67I3U52IIGG5/);
  assert.match(text, /Destination Database +QUICKSTART_KAFKA_CONNECTOR_DB/);
  assert.match(text, /Snowflake Authentication Strategy +SNOWFLAKE_SESSION_TOKEN/);
  assert.match(text, /Snowflake Private Key +Leave empty/);
  assert.match(text, /Kafka Auto Offset Reset +latest/);
  assert.match(text, /Kafka Group Id +openflow_qs_kafka_connector/);
  assert.match(text, /Kafka Topics +application-logs/);
  assert.match(text, /Topic To Table Map +Leave empty/);
  assert.deepEqual(
    openflowParameterContexts(saslConfig).map((c) => c.title),
    ['Kafka JSON SASL SCHEMAEV Source Parameters', 'Kafka JSON SASL SCHEMAEV Destination Parameters', 'Kafka JSON SASL SCHEMAEV Ingestion Parameters'],
  );
  assert.ok(!handOffText({ config: saslConfig }).includes(SECRET));
  assert.match(handOffText({ config: saslConfig }), /latest/);
  // The sandbox connector gets the real value.
  assert.equal(openflowParameterValues(saslConfig)['Kafka SASL Password'], SECRET);
});

describe('with the embedded broker and the emulator', () => {
  let broker: Awaited<ReturnType<typeof withBroker>>;
  let sb: SandboxWarehouse;
  let gateway: KafkaGateway;
  let config: ReturnType<typeof testConfig>;
  before(async () => {
    broker = await withBroker({ log: () => {} });
    sb = await startSandboxWarehouse();
    config = testConfig({ kafka: { brokers: broker.bootstrap, topic: 'application-logs', securityProtocol: 'PLAINTEXT', sources: {} } });
    gateway = new KafkaGateway(config.kafka);
  });
  after(async () => {
    await gateway?.close();
    await sb?.stop();
    await broker?.stop();
  });

  test('openflow-connector: pending with no consumer; done once the group has a member on the topic', async () => {
    await gateway.createTopic({ topic: 'application-logs', partitions: 3, replicationFactor: 3 });
    const r = recordedContext({ config, kafka: gateway });
    const pending = await openflowConnector.check(r.ctx);
    assert.equal(pending.state, 'pending');
    const consumer = kafkaFor(broker.bootstrap).consumer({ groupId: 'openflow_qs_kafka_connector' });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'application-logs', fromBeginning: false });
      await consumer.run({ eachMessage: async () => {} });
      // The sandbox connector is "already consuming", so run only waits (no start needed).
      const started: Array<Record<string, string>> = [];
      const w = recordedContext({ config: { ...config, connectorWaitMs: 30_000 }, kafka: gateway, connector: { start: async (p) => void started.push(p), stop: async () => {} } });
      const out = await w.run(openflowConnector);
      assert.equal(out.topic, 'application-logs');
      assert.ok(out.members >= 1);
      assert.equal((await openflowConnector.check(w.ctx)).state, 'done');
      assert.match(w.shown[0]!.body, /Kafka Group Id +openflow_qs_kafka_connector/);
    } finally {
      await consumer.disconnect();
    }
  });

  test('cleanup asks first; headless without --cleanup it drops nothing, with it everything goes', async () => {
    const setup = recordedContext({ config, warehouse: sb.warehouse, outputs: { 'extract-brokers': brokersOutput(broker.bootstrap) } });
    await setup.run(setupSql);
    if (!(await gateway.describeTopic('application-logs'))) await gateway.createTopic({ topic: 'application-logs', partitions: 3, replicationFactor: 3 });

    const refused = recordedContext({ config: { ...config, cleanup: false }, warehouse: sb.warehouse, kafka: gateway });
    const no = await refused.run(cleanup);
    assert.equal(no.confirmed, false);
    assert.equal(refused.questions.length, 1);
    assert.equal(refused.questions[0]!.headlessAnswer, false);
    assert.match(refused.questions[0]!.question, /QUICKSTART_KAFKA_CONNECTOR_DB/);
    assert.equal((await sb.warehouse.execute("SHOW DATABASES LIKE 'QUICKSTART_KAFKA_CONNECTOR_DB'")).length, 1);
    assert.ok(await gateway.describeTopic('application-logs'));

    assert.equal(refused.shown.length, 0, 'the sandbox has no Openflow canvas to stop the connector in');
    const agreed = recordedContext({ config: { ...config, target: 'real', cleanup: true }, warehouse: sb.warehouse, kafka: gateway });
    const yes = await agreed.run(cleanup);
    assert.equal(yes.confirmed, true);
    assert.equal(yes.topicDeleted, true);
    assert.match(agreed.shown[0]!.body, /Stop and disable the connector/);
    assert.equal((await sb.warehouse.execute("SHOW DATABASES LIKE 'QUICKSTART_KAFKA_CONNECTOR_DB'")).length, 0);
    assert.equal((await sb.warehouse.execute("SHOW WAREHOUSES LIKE 'QUICKSTART_KAFKA_CONNECTOR_WH'")).length, 0);
    assert.equal(await gateway.describeTopic('application-logs'), null);
    const after = await cleanup.check(agreed.ctx);
    assert.ok(after.state === 'pending' && /nothing to drop/.test(after.reason ?? ''), JSON.stringify(after));
  });
});

test('a confirmed cleanup names a deployment it kept; on an account, that it still bills', () => {
  const out = { confirmed: true, statementsRun: 8, skipped: [], topicDeleted: true, groupDeleted: true, runtimeDropped: true, deploymentDropped: false };
  const real = cleanup.summarize!({ ...out, deploymentKept: { name: 'QUICKSTART_KAFKA_DEPLOYMENT', costs: true } });
  assert.match(real, /; Openflow deployment QUICKSTART_KAFKA_DEPLOYMENT kept \(it uses credits while it exists; `openflow-kafka-quickstart sql cleanup` shows how to remove it\)$/);
  assert.match(cleanup.summarize!({ ...out, deploymentKept: { name: 'QUICKSTART_KAFKA_DEPLOYMENT', costs: false } }), /; Openflow deployment QUICKSTART_KAFKA_DEPLOYMENT kept$/);
  assert.doesNotMatch(cleanup.summarize!(out), /kept/, 'no deployment left: nothing said of one');
});
