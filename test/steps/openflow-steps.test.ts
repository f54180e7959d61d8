// The Openflow deployment and runtime steps and the hand-off, through the engine's walk and the
// real snowflake-sdk against the emulator, on each status path: a walk stopped while the
// deployment (then the runtime) is CREATING resumes waiting on the same object; a failed runtime;
// a runtime without the external access integration (drift, asked first); and a network rule
// missing a broker, with the sandbox's connector inside the emulated runtime.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Secret, type WalkConfig } from '../../src/config/types.js';
import type { WarehousePort } from '../../src/engine/ports.js';
import type { WalkEvent } from '../../src/engine/events.js';
import { Redactor } from '../../src/engine/redact.js';
import { walk } from '../../src/engine/runner.js';
import { StateStore } from '../../src/engine/state.js';
import type { Step, StepContext, StepId } from '../../src/engine/step.js';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { LogGenerator } from '../../src/logs/index.js';
import { createSandboxConnector } from '../../src/sandbox/connector/index.js';
import { setupSql } from '../../steps/04-setup-sql.js';
import { openflowDeployment } from '../../steps/05-openflow-deployment.js';
import { addIntegrationSql, openflowRuntime } from '../../steps/06-openflow-runtime.js';
import { openflowConnector } from '../../steps/07-openflow-connector.js';
import { sqlCommand } from '../../src/commands/sql.js';
import { splitStatements } from '../../src/sql.js';
import { waitForStatus } from '../../steps/shared/openflow.js';
import { sqlNames } from '../../steps/shared/snowflake.js';
import { openRuntimeSession, startConnectorSandbox, type ConnectorSandbox } from '../connector/support/sandbox.js';
import { brokersOutput, kafkaNotUsed, recordedContext, startSandboxWarehouse, tempDir, testConfig, type SandboxWarehouse } from './helpers.js';

const NAMES = sqlNames(testConfig());
const RUNTIME = `${NAMES.DATABASE}.PUBLIC.${NAMES.RUNTIME}`;
const OPENFLOW_STEPS: Step[] = [setupSql, openflowDeployment, openflowRuntime];

interface Walker {
  store: StateStore;
  events: WalkEvent[];
  questions: string[];
  /** One walk of `steps`; `stopOn` aborts it (Ctrl-C) at the first note that matches. */
  run(opts: { steps?: Step[]; warehouse: WarehousePort; stopOn?: RegExp; onNote?: (text: string) => void; answer?: boolean; config?: WalkConfig }): Promise<'done' | 'failed' | 'interrupted'>;
  notes(id: StepId): string[];
  end(id: StepId): Extract<WalkEvent, { type: 'step-end' }> | undefined;
}

/** Walks as the CLI does (state store, plan, check before run), recording every event. */
async function walker(extract = brokersOutput(['b1.example.com:9092'])): Promise<Walker> {
  const stateDir = tempDir('oqs-openflow-walk-');
  const store = await StateStore.open(stateDir, 'default', 'test');
  await store.update('extract-brokers', { status: 'done', outputs: extract });
  const events: WalkEvent[] = [];
  const questions: string[] = [];
  const w: Walker = {
    store,
    events,
    questions,
    async run({ steps = OPENFLOW_STEPS, warehouse, stopOn, onNote, answer = true, config = testConfig() }) {
      events.length = 0;
      const controller = new AbortController();
      const contextFor = (step: Step): StepContext => ({
        config,
        kafka: kafkaNotUsed,
        warehouse,
        generator: new LogGenerator(),
        clock: { now: () => new Date() },
        signal: controller.signal,
        ui: {
          confirm: async (question) => {
            questions.push(question);
            return answer;
          },
          show: () => {},
        },
        state: {
          outputOf: <T>(id: StepId) => store.record(id)?.outputs as T,
          checkpoint: <T>() => store.record(step.id)?.checkpoint as T,
          saveCheckpoint: (data) => store.update(step.id, { checkpoint: data }),
        },
      });
      const emit = (e: WalkEvent) => {
        events.push(e);
        if (e.type === 'note') onNote?.(e.text);
        if (stopOn && e.type === 'note' && stopOn.test(e.text)) controller.abort();
      };
      return walk({ steps, store, contextFor, emit, signal: controller.signal, redactor: new Redactor(), target: 'sandbox', profile: 'default' });
    },
    notes: (id) => events.flatMap((e) => (e.type === 'note' && e.id === id ? [e.text] : [])),
    end: (id) => events.find((e): e is Extract<WalkEvent, { type: 'step-end' }> => e.type === 'step-end' && e.id === id),
  };
  return w;
}

describe('a walk stopped while Openflow objects are CREATING', () => {
  let sb: SandboxWarehouse;
  // Long enough that nothing settles by itself while the test looks; the restarted emulator is quick.
  before(async () => {
    sb = await startSandboxWarehouse({ openflow: { transitionMs: 10 * 60_000 } });
  });
  after(() => sb?.stop());

  test('resumes waiting on the same deployment, then the same runtime, and never creates a second', async () => {
    const w = await walker();
    const stepEnds = () => JSON.stringify(w.events.filter((e) => e.type === 'step-end'));
    // 1. Stopped (Ctrl-C) while the deployment is CREATING.
    assert.equal(await w.run({ warehouse: sb.warehouse, stopOn: /Openflow deployment QUICKSTART_KAFKA_DEPLOYMENT: CREATING/ }), 'interrupted');
    assert.equal(w.store.record('openflow-deployment')?.status, 'interrupted');
    let deployments = await sb.warehouse.execute('SHOW OPENFLOW DEPLOYMENTS');
    assert.deepEqual(deployments.map((d) => [d.name, d.status]), [[NAMES.DEPLOYMENT, 'CREATING']]);
    const key = deployments[0]!.key;
    const check = await openflowDeployment.check(recordedContext({ warehouse: sb.warehouse }).ctx);
    assert.ok(check.state === 'pending' && /is CREATING; this walk waits on it \(never creates a second\)/.test(check.reason ?? ''), JSON.stringify(check));

    // 2. The next walk waits on that one (stopped again while it waits).
    assert.equal(await w.run({ warehouse: sb.warehouse, stopOn: /waiting on it, not creating another/ }), 'interrupted', stepEnds());
    assert.ok(w.notes('openflow-deployment').some((n) => /^Deployment QUICKSTART_KAFKA_DEPLOYMENT is CREATING \(made by an earlier walk or by hand\): waiting on it, not creating another/.test(n)));
    assert.ok(!w.notes('openflow-deployment').some((n) => /^Creating Openflow deployment/.test(n)), w.notes('openflow-deployment').join('\n'));
    deployments = await sb.warehouse.execute('SHOW OPENFLOW DEPLOYMENTS');
    assert.deepEqual(deployments.map((d) => [d.name, d.status, d.key]), [[NAMES.DEPLOYMENT, 'CREATING', key]]);

    // 3. Provisioning ends (a quick emulator, read once), then a walk stops while the runtime is CREATING.
    await sb.restart({ transitionMs: 0 });
    assert.deepEqual((await sb.warehouse.execute('SHOW OPENFLOW DEPLOYMENTS')).map((d) => [d.status, d.key]), [['ACTIVE', key]]);
    await sb.restart({ transitionMs: 10 * 60_000 });
    assert.equal(await w.run({ warehouse: sb.warehouse, stopOn: /Openflow runtime QUICKSTART_KAFKA_RUNTIME: CREATING/ }), 'interrupted', stepEnds());
    assert.equal((await openflowDeployment.check(recordedContext({ warehouse: sb.warehouse }).ctx)).state, 'done');
    assert.equal(w.store.record('openflow-runtime')?.status, 'interrupted');
    let runtimes = await sb.warehouse.execute('SHOW OPENFLOW RUNTIMES IN ACCOUNT');
    assert.deepEqual(runtimes.map((r) => [r.name, r.status]), [[NAMES.RUNTIME, 'CREATING']]);
    const runtimeKey = runtimes[0]!.key;

    // 4. The next walk waits on that runtime, not creating another.
    assert.equal(await w.run({ warehouse: sb.warehouse, stopOn: /waiting on it, not creating another/ }), 'interrupted', stepEnds());
    assert.ok(w.notes('openflow-runtime').some((n) => /^Runtime QUICKSTART_KAFKA_RUNTIME is CREATING: waiting on it, not creating another/.test(n)), w.notes('openflow-runtime').join('\n'));
    assert.ok(!w.notes('openflow-runtime').some((n) => /^Creating Openflow runtime/.test(n)));

    // 5. Once it is provisioned, the walk ends with that one runtime, ACTIVE with the integration.
    await sb.restart({ transitionMs: 200 });
    assert.equal(await w.run({ warehouse: sb.warehouse }), 'done', stepEnds());
    assert.ok(!w.notes('openflow-runtime').some((n) => /^Creating Openflow runtime/.test(n)), w.notes('openflow-runtime').join('\n'));
    runtimes = await sb.warehouse.execute('SHOW OPENFLOW RUNTIMES IN ACCOUNT');
    assert.deepEqual(
      runtimes.map((r) => [r.name, r.status, r.key, JSON.parse(String(r.external_access_integrations))]),
      [[NAMES.RUNTIME, 'ACTIVE', runtimeKey, [NAMES.INTEGRATION]]],
    );
    assert.deepEqual((await sb.warehouse.execute('SHOW OPENFLOW DEPLOYMENTS')).map((d) => [d.status, d.key]), [['ACTIVE', key]]);
  });
});

describe('the runtime steps against the emulator', () => {
  let sb: SandboxWarehouse;
  before(async () => {
    sb = await startSandboxWarehouse({ openflow: { transitionMs: 200 } });
  });
  after(() => sb?.stop());

  test('a FAILED runtime: the step fails with what failed, Snowflake\'s reason and what to do; nothing else is lost', async () => {
    const w = await walker();
    assert.equal(await w.run({ warehouse: sb.warehouse, steps: [setupSql, openflowDeployment] }), 'done');
    // Made by hand before this walk, while the role could not use the integration: it fails
    // provisioning, once the walk waits on it (it stays CREATING until then, however slow the machine).
    sb.running.setOpenflowTransitionMs(10 * 60_000);
    await sb.warehouse.execute(`REVOKE USAGE ON INTEGRATION ${NAMES.INTEGRATION} FROM ROLE ${NAMES.ROLE}`);
    await sb.warehouse.execute(
      `CREATE OPENFLOW RUNTIME ${RUNTIME} IN DEPLOYMENT ${NAMES.DEPLOYMENT} NODE_TYPE = SMALL MIN_NODES = 1 MAX_NODES = 1 EXECUTE_AS_ROLE = ${NAMES.ROLE} EXTERNAL_ACCESS_INTEGRATIONS = (${NAMES.INTEGRATION})`,
    );
    const failWhileWaiting = (note: string) => {
      if (/Openflow runtime QUICKSTART_KAFKA_RUNTIME: CREATING/.test(note)) sb.running.setOpenflowTransitionMs(0);
    };
    assert.equal(await w.run({ warehouse: sb.warehouse, onNote: failWhileWaiting }), 'failed');
    sb.running.setOpenflowTransitionMs(200);
    const end = w.end('openflow-runtime');
    assert.equal(end?.status, 'failed');
    assert.match(end?.error ?? '', new RegExp(String.raw`^The Openflow runtime QUICKSTART_KAFKA_RUNTIME is CREATE_FAILED: no connector can run in it\. Snowflake error \d+: .*no USAGE on integration ${NAMES.INTEGRATION}.*\.$`));
    assert.match(end?.hint ?? '', /ALTER OPENFLOW RUNTIME QUICKSTART_KAFKA_CONNECTOR_DB\.PUBLIC\.QUICKSTART_KAFKA_RUNTIME TERMINATE; DROP OPENFLOW RUNTIME .* and run the walk again/);
    // Nothing else lost: the earlier steps stay done, the deployment stays ACTIVE.
    assert.equal(w.store.record('setup-sql')?.status, 'done');
    assert.equal(w.store.record('openflow-deployment')?.status, 'done');
    assert.deepEqual((await sb.warehouse.execute('SHOW OPENFLOW DEPLOYMENTS')).map((d) => d.status), ['ACTIVE']);

    // Its check says the same, in one line; the next walk stops there at once.
    const check = await openflowRuntime.check(recordedContext({ warehouse: sb.warehouse }).ctx);
    assert.ok(check.state === 'blocked' && /CREATE_FAILED: no connector can run in it\. Snowflake error \d+: .*no USAGE on integration.* Check that .*TERMINATE/.test(check.reason), JSON.stringify(check));

    // Failed before any round of the wait raised (it failed between the step's first look and the
    // wait's, as on a slow machine): Snowflake's reason is still asked for and shown.
    await assert.rejects(
      waitForStatus(recordedContext({ warehouse: sb.warehouse }).ctx, { report() {}, note() {} }, { kind: 'runtime', want: ['ACTIVE'], limitMs: 30_000, onTimeout: '' }),
      (err: Error) => new RegExp(String.raw`^The Openflow runtime QUICKSTART_KAFKA_RUNTIME is CREATE_FAILED: no connector can run in it\. Snowflake error \d+: .*no USAGE on integration`).test(err.message) || assert.fail(err.message),
    );

    // Doing what it says (terminate, drop) and walking again makes a working one.
    await sb.warehouse.execute(`ALTER OPENFLOW RUNTIME ${RUNTIME} TERMINATE`);
    await sb.warehouse.execute(`SELECT SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS(30, 'TERMINATED', '${RUNTIME}')`);
    await sb.warehouse.execute(`DROP OPENFLOW RUNTIME ${RUNTIME}`);
    assert.equal(await w.run({ warehouse: sb.warehouse }), 'done', JSON.stringify(w.events.filter((e) => e.type === 'step-end')));
    const [runtime] = await sb.warehouse.execute('SHOW OPENFLOW RUNTIMES IN ACCOUNT');
    assert.equal(runtime!.status, 'ACTIVE');
  });

  test('a runtime without the integration: the check reports drift; the fix is asked first, and no leaves it unchanged', async () => {
    const w = await walker();
    assert.equal(await w.run({ warehouse: sb.warehouse }), 'done');
    await sb.warehouse.execute(`ALTER OPENFLOW RUNTIME ${RUNTIME} UNSET EXTERNAL_ACCESS_INTEGRATIONS`);

    const check = await openflowRuntime.check(recordedContext({ warehouse: sb.warehouse }).ctx);
    assert.equal(check.state, 'drifted', JSON.stringify(check));
    assert.ok(check.state === 'drifted');
    assert.deepEqual(check.diff, [`integrations: none; the connector needs ${NAMES.INTEGRATION} to reach Kafka`]);
    assert.equal(check.fix, `${addIntegrationSql(NAMES)} (asks first)`);

    // Declined: the step fails saying how to fix it later, and the runtime is as it was.
    w.questions.length = 0;
    assert.equal(await w.run({ warehouse: sb.warehouse, steps: [openflowRuntime], answer: false }), 'failed');
    assert.equal(w.questions.length, 1);
    assert.match(w.questions[0]!, new RegExp(String.raw`has no ${NAMES.INTEGRATION}, so it cannot reach Kafka\. Add it \(ALTER OPENFLOW RUNTIME .* ADD EXTERNAL_ACCESS_INTEGRATIONS = \(${NAMES.INTEGRATION}\)\)\?`));
    assert.match(w.end('openflow-runtime')?.hint ?? '', /ADD EXTERNAL_ACCESS_INTEGRATIONS/);
    let [row] = await sb.warehouse.execute(`DESCRIBE OPENFLOW RUNTIME ${RUNTIME}`);
    assert.deepEqual([row!.status, row!.external_access_integrations], ['ACTIVE', '[]']);
    assert.equal(sb.running.connectorGate({ database: NAMES.DATABASE, role: NAMES.ROLE }).run, false);

    // Accepted: added, waited on, done.
    assert.equal(await w.run({ warehouse: sb.warehouse, steps: [openflowRuntime], answer: true }), 'done');
    [row] = await sb.warehouse.execute(`DESCRIBE OPENFLOW RUNTIME ${RUNTIME}`);
    assert.deepEqual([row!.status, JSON.parse(String(row!.external_access_integrations))], ['ACTIVE', [NAMES.INTEGRATION]]);
    assert.equal((await openflowRuntime.check(recordedContext({ warehouse: sb.warehouse }).ctx)).state, 'done');
  });
});

describe('a network rule missing a broker (the tutorial\'s jq one-liner drops ports)', () => {
  let sb: ConnectorSandbox;
  before(async () => {
    sb = await startConnectorSandbox();
  });
  after(() => sb?.stop());

  test('the connector in the runtime cannot reach that broker, and the hand-off says which host:port is missing from which rule', async () => {
    const topic = 'application-logs';
    await sb.createTopic(topic);
    const p = sb.parameters(topic);
    const config = testConfig({
      kafka: { brokers: sb.broker.bootstrap, topic, securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'PLAIN', username: p['Kafka SASL Username'], password: new Secret(p['Kafka SASL Password']!), sources: {} },
    });
    const kafka = new KafkaGateway(config.kafka);
    try {
      // The deployment and runtime, as the walk makes them (the setup script already ran, with every broker).
      const made = recordedContext({ config, warehouse: sb.admin });
      await made.run(openflowDeployment);
      await made.run(openflowRuntime);
      // The rule as the jq one-liner writes it: the hosts without their ports (so 443 each).
      const hosts = [...new Set(sb.broker.bootstrap.map((b) => b.slice(0, b.lastIndexOf(':'))))];
      await sb.admin.execute(
        `CREATE OR REPLACE NETWORK RULE ${NAMES.DATABASE}.NETWORKS.${NAMES.NETWORK_RULE} MODE = EGRESS TYPE = HOST_PORT VALUE_LIST = (${hosts.map((h) => `'${h}'`).join(', ')})`,
      );
      const missing = (await kafka.describeCluster()).brokers.map((b) => `${b.host}:${b.port}`);
      assert.ok(missing.length >= 2);

      // The connector in that runtime may not dial a single broker.
      const connector = createSandboxConnector({ openWarehouse: (target) => openRuntimeSession(sb.access, target), gate: (target) => sb.warehouse.connectorGate(target) });
      const r = recordedContext({ config: { ...config, connectorWaitMs: 20_000 }, warehouse: sb.admin, kafka, connector });
      const check = await openflowConnector.check(r.ctx);
      assert.equal(check.state, 'blocked', JSON.stringify(check));
      const explained = check.state === 'blocked' ? check.reason : '';
      const rule = `${NAMES.DATABASE}.NETWORKS.${NAMES.NETWORK_RULE}`;
      assert.match(explained, new RegExp(String.raw`The network rule ${rule.replace(/\./g, '\\.')} does not list brokers ${missing.join(', ')}: the Openflow runtime cannot connect to them\. Run setup-sql again \(--from setup-sql\)`));
      assert.match(explained, new RegExp(`The rule allows only ${hosts.join(', ')} \\(the tutorial's jq one-liner drops the ports\\)`));

      // Run anyway (as `--only openflow-connector` would after the check): the connector fails to connect, and the failure says why.
      await assert.rejects(r.run(openflowConnector), (err: Error & { hint?: string }) => {
        assert.match(`${err.message} ${err.hint ?? ''}`, new RegExp(`does not list brokers ${missing.join(', ')}`));
        return true;
      });
      await connector.stop();
      assert.deepEqual((await kafka.describeGroup(NAMES.GROUP)).members, []);
    } finally {
      await kafka.close();
    }
  });
});

test('an account without Openflow gen 2: SQL\'s refusal is the signal; the steps show the tutorial\'s clicks and record the person\'s word', async () => {
  const sb = await startSandboxWarehouse({ openflow: { gen2: false } });
  try {
    const r = recordedContext({ warehouse: sb.warehouse });
    const check = await openflowDeployment.check(r.ctx);
    assert.ok(check.state === 'pending' && /no Openflow gen 2 in this account/.test(check.reason ?? ''), JSON.stringify(check));
    const out = await r.run(openflowDeployment);
    assert.deepEqual([out.gen2, out.deployment], [false, NAMES.DEPLOYMENT]);
    // Snowflake's own words say why: a compilation error, shown as it came.
    assert.ok(r.notes.some((n) => /^SHOW OPENFLOW DEPLOYMENTS failed \(Snowflake error 001003: .*unexpected 'DEPLOYMENTS'.*\): this account has no Openflow gen 2/.test(n)), r.notes.join('\n'));
    assert.match(r.shown[0]!.body, /Click \+ Deployment/);
    const runtime = await r.run(openflowRuntime);
    assert.deepEqual([runtime.gen2, runtime.serverUrl], [false, null]);
  } finally {
    await sb.stop();
  }
});

describe('sql cleanup on Openflow gen 2', () => {
  let sb: SandboxWarehouse;
  before(async () => {
    sb = await startSandboxWarehouse({ openflow: { transitionMs: 100 } });
  });
  after(() => sb?.stop());

  test('removes the runtime before the database (dropping the database alone left it ACTIVE and billing); keeps the deployment', async () => {
    const w = await walker();
    assert.equal(await w.run({ warehouse: sb.warehouse }), 'done');
    let script = '';
    await sqlCommand({ name: 'cleanup', stateDir: path.dirname(w.store.file), profile: 'default' }, (t) => (script += t));
    const statements = splitStatements(script);
    const dropDatabase = statements.findIndex((s) => /^DROP DATABASE/.test(s.text));
    const dropRuntime = statements.findIndex((s) => /^DROP OPENFLOW RUNTIME/.test(s.text));
    assert.ok(dropRuntime >= 0 && dropRuntime < dropDatabase, script);
    for (const s of statements) await sb.warehouse.execute(s.text);

    assert.deepEqual(await sb.warehouse.execute('SHOW OPENFLOW RUNTIMES IN ACCOUNT'), []);
    assert.deepEqual(await sb.warehouse.execute(`SHOW DATABASES LIKE '${NAMES.DATABASE}'`), []);
    assert.deepEqual((await sb.warehouse.execute('SHOW OPENFLOW DEPLOYMENTS')).map((d) => [d.name, d.status]), [[NAMES.DEPLOYMENT, 'ACTIVE']]);
    assert.match(script, /-- {3}ALTER OPENFLOW DEPLOYMENT QUICKSTART_KAFKA_DEPLOYMENT TERMINATE;/);

    // Nothing recorded (a gen 1 account, or no walk yet): the runtime's lines are there to read, commented out.
    let cold = '';
    await sqlCommand({ name: 'cleanup', stateDir: tempDir('oqs-cold-'), profile: 'default' }, (t) => (cold += t));
    assert.ok(!splitStatements(cold).some((s) => /OPENFLOW/.test(s.text)), cold);
    assert.match(cold, /-- {3}DROP OPENFLOW RUNTIME IF EXISTS QUICKSTART_KAFKA_CONNECTOR_DB\.PUBLIC\.QUICKSTART_KAFKA_RUNTIME;/);
  });
});
