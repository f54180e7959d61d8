// `room status` and `room cleanup` against real Apache Kafka and
// the Snowflake emulator: one attendee whose connector ingested logs, one who only created the
// topic, one who has not started — and the tutorial's own objects next to them, which the
// room's cleanup must leave alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KafkaConfig, WalkConfig } from '../../src/config/types.js';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { LogGenerator } from '../../src/logs/index.js';
import { renderTemplate, splitStatements } from '../../src/sql.js';
import { TUTORIAL_NAMES, namesFor } from '../../src/names.js';
import { createSandboxConnector } from '../../src/sandbox/connector/index.js';
import { openflowParameterValues } from '../../steps/shared/openflow-parameters.js';
import { newRoster, numberedAttendees, attendeeNames } from '../../src/room/roster.js';
import { readRoom } from '../../src/room/observe.js';
import { dropRoomObjects, findRoomObjects } from '../../src/room/cleanup.js';
import { formatBoard } from '../../src/room/format.js';
import { realKafka } from '../support/real-kafka.js';
import { uniqueTopic } from '../support/cli.js';
import { startSandboxWarehouse, tempDir } from '../steps/helpers.js';
import { waitFor } from '../connector/support/sandbox.js';

function kafkaConfig(topic: string): KafkaConfig {
  const k = realKafka();
  // PLAINTEXT: the connector takes only Openflow's parameters, which carry no CA file for the test's own certificate.
  return { brokers: [k.plaintext], topic, securityProtocol: 'PLAINTEXT', sources: {} };
}

/**
 * A fresh Apache Kafka may still be loading its transaction coordinator (error 14,
 * COORDINATOR_LOAD_IN_PROGRESS, for the producer id): try again, as the Java client does.
 */
async function produce(kafka: KafkaGateway, topic: string, values: unknown[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await kafka.produce(topic, values.map((v, i) => ({ key: `k${i % 5}`, value: JSON.stringify(v) })), {});
      return;
    } catch (err) {
      if (attempt >= 20 || !/error code 1[45]\b|COORDINATOR/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

test('room status reads each attendee from Kafka and Snowflake; room cleanup drops only the attendees\' objects', async () => {
  const baseTopic = uniqueTopic('room-logs');
  const roster = newRoster(numberedAttendees(3), baseTopic);
  const [a01, a02] = roster.attendees.map((a) => attendeeNames(roster, a));
  const kafka = new KafkaGateway(kafkaConfig(baseTopic));
  const sf = await startSandboxWarehouse();
  const connector = createSandboxConnector({
    openWarehouse: async (target) => {
      const w = await sf.connect();
      await w.execute(`USE ROLE ${target.role}`);
      await w.execute(`USE SCHEMA ${target.database}.${target.schema}`);
      // The emulator's runtime user ingests without a warehouse; this test's user needs one.
      await w.execute(`USE WAREHOUSE ${namesFor({ attendee: 'a01' }).WAREHOUSE}`);
      return w;
    },
    log: () => undefined,
  });
  try {
    // The tutorial's own walk (no attendee) on the same cluster and account.
    const tutorial = namesFor({ topic: baseTopic });
    await kafka.createTopic({ topic: baseTopic, partitions: 3, replicationFactor: 1 });
    for (const s of splitStatements(renderTemplate('setup', { ...tutorial, BROKERS: ['b:9092'] }))) await sf.warehouse.execute(s.text);

    // a01: set up, connector consuming, 50 base logs ingested.
    for (const s of splitStatements(renderTemplate('setup', { ...a01!, BROKERS: ['b:9092'] }))) await sf.warehouse.execute(s.text);
    await sf.warehouse.execute('USE ROLE ACCOUNTADMIN');
    // a01's runtime in the room's shared deployment.
    await sf.warehouse.execute(`CREATE OPENFLOW DEPLOYMENT IF NOT EXISTS ${a01!.DEPLOYMENT}`);
    await sf.warehouse.execute(`SELECT SYSTEM$WAIT_FOR_OPENFLOW_DEPLOYMENT_STATUS(30, 'ACTIVE', '${a01!.DEPLOYMENT}')`);
    const runtime = `${a01!.DATABASE}.PUBLIC.${a01!.RUNTIME}`;
    await sf.warehouse.execute(
      `CREATE OPENFLOW RUNTIME ${runtime} IN DEPLOYMENT ${a01!.DEPLOYMENT} NODE_TYPE = SMALL MIN_NODES = 1 MAX_NODES = 1 EXECUTE_AS_ROLE = ${a01!.ROLE} EXTERNAL_ACCESS_INTEGRATIONS = (${a01!.INTEGRATION})`,
    );
    await kafka.createTopic({ topic: a01!.TOPIC, partitions: 3, replicationFactor: 1 });
    const config: WalkConfig = { profile: 'room', stateDir: '/nonexistent', seed: 1, target: 'real', partitions: 3, kafka: kafkaConfig(a01!.TOPIC), attendee: 'a01' };
    await connector.start(openflowParameterValues(config));
    await waitFor('a01 connector to join', () => kafka.describeGroup(a01!.GROUP), (g) => g.members.some((m) => m.topics.includes(a01!.TOPIC)));
    const events = new LogGenerator().generate({ kind: 'base', count: 50, seed: roster.attendees[0]!.seed });
    await produce(kafka, a01!.TOPIC, events);

    // a02: only the topic.
    await kafka.createTopic({ topic: a02!.TOPIC, partitions: 3, replicationFactor: 1 });

    const systems = { kafka, warehouse: sf.warehouse };
    const statuses = await waitFor('a01 to have 50 rows', () => readRoom(roster, systems, 15_000), (s) => s[0]!.table.rows === 50 && s[0]!.group.lag === 0);
    const [s1, s2, s3] = statuses;
    assert.equal(s1!.stage, 'base columns');
    assert.equal(s1!.table.columns, 11);
    assert.equal(s1!.topic.records, 50);
    assert.equal(s1!.group.members, 1);
    assert.deepEqual(s1!.problems, []);
    assert.equal(s2!.stage, 'topic created');
    assert.equal(s2!.topic.records, 0);
    assert.equal(s2!.table.columns, 0);
    assert.equal(s3!.stage, 'not started');
    assert.equal(s3!.topic.exists, false);

    // The connector stops; 10 more logs wait in the topic: the board shows the lag.
    await connector.stop();
    await produce(kafka, a01!.TOPIC, events.slice(0, 10));
    const [behind] = await readRoom(roster, systems, 15_000);
    assert.equal(behind!.group.members, 0);
    assert.equal(behind!.group.lag, 10);
    assert.equal(behind!.topic.records, 60);

    const board = formatBoard(statuses, { target: 'real', checkedAt: new Date() }, 80);
    assert.ok(board.every((l) => l.length < 80), board.join('\n'));
    assert.match(board.join('\n'), /a01 +base columns +50 +1 +0 +11\/37 +50/);

    // Cleanup: every object of a01 and a02, nothing of a03 (none), nothing of the tutorial's.
    const stateDir = tempDir('oqs-room-state-');
    const { objects, problems } = await findRoomObjects(roster, { ...systems, stateDir, profile: 'room' }, 15_000);
    assert.deepEqual(problems, []);
    const listed = objects.map((o) => `${o.attendee} ${o.kind} ${o.name}`).sort();
    assert.deepEqual(listed, [
      `a01 consumer group ${a01!.GROUP}`,
      `a01 database ${a01!.DATABASE}`,
      `a01 integration ${a01!.INTEGRATION}`,
      `a01 role ${a01!.ROLE}`,
      `a01 runtime ${a01!.DATABASE}.PUBLIC.${a01!.RUNTIME}`,
      `a01 topic ${a01!.TOPIC}`,
      `a01 warehouse ${a01!.WAREHOUSE}`,
      `a02 topic ${a02!.TOPIC}`,
    ]);
    const report = await dropRoomObjects(objects, 15_000);
    assert.deepEqual(report.failed, []);
    assert.equal((await findRoomObjects(roster, { ...systems, stateDir, profile: 'room' }, 15_000)).objects.length, 0);

    // The tutorial's own objects, and the room's shared deployment, are untouched.
    assert.equal((await sf.warehouse.execute(`SHOW OPENFLOW DEPLOYMENTS LIKE '${a01!.DEPLOYMENT}'`)).length, 1);
    assert.ok(await kafka.describeTopic(baseTopic));
    const dbs = await sf.warehouse.execute(`SHOW DATABASES LIKE '${TUTORIAL_NAMES.DATABASE}'`);
    assert.equal(dbs.length, 1);
    const roles = await sf.warehouse.execute(`SHOW ROLES LIKE '${TUTORIAL_NAMES.ROLE}'`);
    assert.equal(roles.length, 1);
    await kafka.deleteTopic(baseTopic);
  } finally {
    await connector.stop().catch(() => undefined);
    await kafka.close();
    await sf.stop();
  }
});
