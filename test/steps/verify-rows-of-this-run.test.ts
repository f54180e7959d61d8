// The verify steps wait for this walk's rows, not for any rows (#13): a table that already holds
// 50 rows of another run does not satisfy them before this walk's batches arrive, and the count
// they report is this walk's. The batches are really produced (embedded broker); no connector
// runs, so the rows "arrive" only when the test inserts them, as Openflow would.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { KafkaConfig } from '../../src/config/types.js';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { expectedColumns } from '../../src/logs/index.js';
import { startBroker, type RunningBroker } from '../../src/sandbox/broker/index.js';
import { setupSql } from '../../steps/04-setup-sql.js';
import { produceBaseLogs } from '../../steps/08-produce-base-logs.js';
import { verifyBaseColumns } from '../../steps/09-verify-base-columns.js';
import { produceEvolvedLogs } from '../../steps/10-produce-evolved-logs.js';
import { verifyEvolvedColumns } from '../../steps/11-verify-evolved-columns.js';
import { brokersOutput, recordedContext, startSandboxWarehouse, tempDir, testConfig, type SandboxWarehouse } from './helpers.js';

const TABLE = 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"';

let sb: SandboxWarehouse;
let broker: RunningBroker;
let kafka: KafkaGateway;
let kafkaConfig: KafkaConfig;

before(async () => {
  sb = await startSandboxWarehouse();
  broker = await startBroker({ dataDir: path.join(tempDir(), 'broker'), log: () => undefined });
  kafkaConfig = { brokers: broker.bootstrap, topic: 'application-logs', securityProtocol: 'PLAINTEXT', sources: {} };
  kafka = new KafkaGateway(kafkaConfig);
  await kafka.createTopic({ topic: 'application-logs', partitions: 3, replicationFactor: 3 });
  await recordedContext({ warehouse: sb.warehouse, outputs: { 'extract-brokers': brokersOutput(broker.bootstrap) } }).run(setupSql);
  await sb.warehouse.execute('USE ROLE QUICKSTART_ROLE'); // as Openflow's runtime role writes it
});
after(async () => {
  await kafka?.close();
  await broker?.stop();
  await sb?.stop();
});

/** Rows as the connector would write them (only the columns the counts need). */
async function arrive(n: number): Promise<void> {
  await sb.warehouse.execute(`INSERT INTO ${TABLE} (LEVEL, SERVICE) VALUES ${Array.from({ length: n }, () => "('INFO', 'auth-service')").join(', ')}`);
}

test('a table holding 50 rows of another run: each verify step waits for this walk\'s batch and reports its rows', async () => {
  await sb.warehouse.execute(`CREATE TABLE ${TABLE} (${expectedColumns('base').map((c) => `${c.name} ${c.type}`).join(', ')})`);
  await arrive(50); // an earlier run's rows

  const config = testConfig({ kafka: kafkaConfig, verifyTimeoutMs: 1500, verifyPollMs: 100 });
  const r = recordedContext({ config, warehouse: sb.warehouse, kafka });
  // Planned before this walk produced anything: the table has every base column and 50 rows, and
  // still the step is not done (the walk skipped it, and reported the old rows).
  const planned = await verifyBaseColumns.check(r.ctx);
  assert.deepEqual(planned, { state: 'pending', reason: "waits for this walk's base logs (produce-base-logs)" });

  await r.run(produceBaseLogs);

  // Nothing of this batch has arrived: the 50 old rows must not pass for it.
  const waiting = await verifyBaseColumns.check(r.ctx);
  assert.equal(waiting.state, 'pending', JSON.stringify(waiting));
  assert.match(waiting.state === 'pending' ? waiting.reason : '', /0 of 50 produced records/);
  await assert.rejects(r.run(verifyBaseColumns), /Only 0 of the 50 produced records reached the table/);

  await arrive(50);
  const base = await r.run(verifyBaseColumns);
  assert.equal(base.rows, 100);
  assert.equal(verifyBaseColumns.summarize!(base), '11 columns, 50 rows of 50 produced (+50 rows from before this walk)');
  const baseCheck = await verifyBaseColumns.check(r.ctx);
  assert.equal(baseCheck.state === 'done' && baseCheck.summary, '11 columns, 50 rows of 50 produced (+50 rows from before this walk)');

  await r.run(produceEvolvedLogs);
  for (const c of expectedColumns('evolved')) {
    if (!expectedColumns('base').some((b) => b.name === c.name)) await sb.warehouse.execute(`ALTER TABLE ${TABLE} ADD COLUMN ${c.name} ${c.type}`);
  }
  // 130 rows in the table, as many as the walk produced, but only 30 of the 80 evolved ones.
  await arrive(30);
  const evolvedWaiting = await verifyEvolvedColumns.check(r.ctx);
  assert.equal(evolvedWaiting.state, 'pending', JSON.stringify(evolvedWaiting));
  assert.match(evolvedWaiting.state === 'pending' ? evolvedWaiting.reason : '', /80 of 130 produced records/);
  await assert.rejects(r.run(verifyEvolvedColumns), /Only 80 of the 130 produced records reached the table/);

  await arrive(50);
  const evolved = await r.run(verifyEvolvedColumns);
  assert.equal(evolved.rows, 180);
  assert.equal(verifyEvolvedColumns.summarize!(evolved), '37 columns, 130 rows of 130 produced (+50 rows from before this walk)');
  // A second walk looks at both steps again: each counts this walk's 130 rows against its 130 records.
  for (const step of [verifyBaseColumns, verifyEvolvedColumns]) {
    const again = await step.check(r.ctx);
    assert.match(again.state === 'done' ? (again.summary ?? '') : JSON.stringify(again), /, 130 rows of 130 produced \(\+50 rows from before this walk\)$/);
  }

  // Records delivered twice (a compacted topic made a resumed walk send 4 again): more of this
  // walk's rows than it produced is a failure with what to do, never "134 rows of 130 produced".
  await arrive(4);
  for (const step of [verifyBaseColumns, verifyEvolvedColumns]) {
    const doubled = await step.check(r.ctx);
    assert.equal(doubled.state, 'drifted', JSON.stringify(doubled));
    assert.match(doubled.state === 'drifted' ? doubled.diff.join() : '', /holds duplicates: 134 rows for 130 produced \(4 more than the walk sent\)/);
  }
  await assert.rejects(r.run(verifyEvolvedColumns), (err: Error & { hint?: string }) => /duplicates: 134 rows for 130 produced/.test(err.message) && /compacts or expires records/.test(err.hint ?? ''));
});
