// A scripted walk to look at the Ink UI without Kafka or Snowflake:
//   npx tsx src/app/demo.tsx            the whole sandbox walk (cleanup asks; no answer = keep)
//   npx tsx src/app/demo.tsx --fail     setup SQL fails, to see the failure view
// Ctrl-C stops it the way the real runner does: after the current operation.
import type { PlanEntry, WalkEvent } from '../engine/events.js';
import type { StepId } from '../engine/step.js';
import { createEventHub } from './source.js';
import { renderWalk } from './render.js';

const STEPS: Array<Pick<PlanEntry, 'id' | 'title' | 'explain' | 'manual'>> = [
  {
    id: 'preflight',
    title: 'Preflight checks',
    explain: 'Connects to Kafka and Snowflake with the settings you gave and checks the privileges the tutorial needs, so nothing fails halfway for a reason known up front.',
    manual: 'rpk cluster info && snow sql -q "SELECT CURRENT_ROLE()"',
  },
  {
    id: 'create-topic',
    title: 'Create topic',
    explain: "Creates the topic application-logs with 3 partitions and replication 3 (or the cluster's broker count, if smaller). The connector reads from it.",
    manual: 'rpk topic create application-logs -p 3 -r 3',
  },
  {
    id: 'extract-brokers',
    title: 'Extract broker addresses',
    explain: "Reads every broker's host:port from cluster metadata. Openflow runs inside Snowflake, which only lets it reach hosts listed in a network rule.",
    manual: "rpk cluster info --format json | jq -r '.brokers[] | \"\\(.host):\\(.port)\"'",
  },
  {
    id: 'setup-sql',
    title: 'Set up Snowflake objects',
    explain: 'Runs the tutorial\'s script 1: role, database, warehouse, the network rule with your brokers, and the external access integration Openflow uses.',
    manual: "snow sql -f sql/1.snowflake_setup.sql  # CREATE ROLE IF NOT EXISTS QUICKSTART_ROLE; CREATE DATABASE IF NOT EXISTS QUICKSTART_KAFKA_CONNECTOR_DB; …",
  },
  {
    id: 'openflow-connector',
    title: 'Openflow connector',
    explain: 'Configures the Kafka JSON SASL SCHEMAEV connector with three parameter contexts, then waits until its consumer group reads the topic.',
    manual: 'Openflow UI → Parameter contexts → Edit → Parameters (values below)',
  },
  {
    id: 'produce-base-logs',
    title: 'Produce base logs',
    explain: "Sends 50 log events with the tutorial's 11 fields, keyed by service, acknowledged by all replicas. Re-running sends only what did not land.",
    manual: 'python generate_logs.py --count 50 | rpk topic produce application-logs',
  },
  {
    id: 'verify-base-columns',
    title: 'Verify 11 base columns',
    explain: 'Waits for the 50 rows in "APPLICATION-LOGS" and compares the columns the connector created with the tutorial\'s 11 names and types.',
    manual: 'DESC TABLE QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS";',
  },
  {
    id: 'produce-evolved-logs',
    title: 'Produce evolved logs',
    explain: 'Sends 80 events that carry 26 new fields (payment, auth, search, storage …). The connector must add a column for each as it meets it.',
    manual: 'python generate_logs.py --count 80 --evolved | rpk topic produce application-logs',
  },
  {
    id: 'verify-evolved-columns',
    title: 'Verify 37 columns',
    explain: 'Checks that schema evolution added the 26 columns with the right types, and that all 130 rows are there exactly once.',
    manual: 'SELECT COUNT(*) FROM "APPLICATION-LOGS"; DESC TABLE "APPLICATION-LOGS";',
  },
  {
    id: 'analytics-tour',
    title: 'Analytics tour',
    explain: "Runs the tutorial's analytics queries: errors by service, latency percentiles, payments by method, with the first rows of each.",
    manual: 'snow sql -f sql/2.analytics_queries.sql',
  },
  {
    id: 'cleanup',
    title: 'Clean up',
    explain: 'Drops what the walk created: the topic, the consumer group, the database, warehouse, role, network rule and integration. Asks first.',
    manual: 'rpk topic delete application-logs && snow sql -f sql/3.cleanup.sql',
  },
];

const SOURCE_PARAMS = `Kafka Bootstrap Servers    127.0.0.1:39092,127.0.0.1:39093,127.0.0.1:39094
Kafka SASL Mechanism       PLAIN
Kafka SASL Username        sandbox
Kafka SASL Password        •••• (the sandbox fills it in)
Kafka Security Protocol    SASL_PLAINTEXT`;
const DESTINATION_PARAMS = `Destination Database       QUICKSTART_KAFKA_CONNECTOR_DB
Destination Schema         PUBLIC
Snowflake Role             QUICKSTART_ROLE
Snowflake Auth Strategy    SNOWFLAKE_SESSION_TOKEN`;
const INGESTION_PARAMS = `Kafka Auto Offset Reset    latest
Kafka Group Id             openflow_qs_kafka_connector
Kafka Topic Format         names
Kafka Topics               application-logs`;

const fail = process.argv.includes('--fail');
const hub = createEventHub();
const stop = new AbortController();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();

class Interrupted extends Error {}

type Outcome = string | { skipped: string };

async function runStep(id: StepId, body: () => Promise<Outcome>): Promise<void> {
  if (stop.signal.aborted) throw new Interrupted();
  const at = Date.now();
  hub.emit({ type: 'step-start', id, at });
  try {
    const outcome = await body();
    if (stop.signal.aborted) {
      hub.emit({ type: 'step-end', id, status: 'interrupted', durationMs: Date.now() - at });
      throw new Interrupted();
    }
    const skipped = typeof outcome !== 'string';
    const summary = typeof outcome === 'string' ? outcome : outcome.skipped;
    hub.emit({ type: 'step-end', id, status: skipped ? 'skipped' : 'done', summary, durationMs: Date.now() - at });
  } catch (error) {
    if (error instanceof Interrupted) throw error;
    const e = error as Error & { hint?: string };
    hub.emit({ type: 'step-end', id, status: 'failed', error: e.message, hint: e.hint, durationMs: Date.now() - at });
    throw error;
  }
}

async function produce(id: StepId, total: number, perSecond: number): Promise<void> {
  const offsets = [0, 0, 0];
  for (let done = 0; done <= total; done += 5) {
    if (stop.signal.aborted) return;
    for (let i = 0; i < 5 && done > 0; i++) offsets[(done + i) % 3]++;
    const elapsed = Math.max(0.2, done / perSecond);
    hub.emit({
      type: 'progress',
      id,
      update: { done, total, unit: 'records', detail: `partitions  p0@${offsets[0]}  p1@${offsets[1]}  p2@${offsets[2]}` },
      ratePerSec: done === 0 ? null : done / elapsed,
    });
    await sleep((5 / perSecond) * 1000);
  }
}

async function note(id: StepId, text: string, ms: number): Promise<void> {
  hub.emit({ type: 'note', id, text });
  await sleep(ms);
}

async function walk(): Promise<void> {
  hub.emit({
    type: 'plan',
    target: 'sandbox',
    profile: 'default',
    entries: STEPS.map((s) => ({
      ...s,
      check: { state: 'pending' },
      action: 'run',
      status: 'pending',
    })),
  });
  await sleep(800);
  await runStep('preflight', async () => {
    await note('preflight', 'Kafka: 3 brokers at 127.0.0.1:39092 (SASL PLAIN)', 500);
    await note('preflight', 'Snowflake: sandbox warehouse, role ACCOUNTADMIN', 600);
    return 'Kafka 3 brokers, Snowflake ACCOUNTADMIN';
  });
  await runStep('create-topic', async () => {
    await sleep(900);
    return 'application-logs: 3 partitions, 3 replicas';
  });
  await runStep('extract-brokers', async () => {
    await note('extract-brokers', 'VALUE_LIST = (\'127.0.0.1:39092\', \'127.0.0.1:39093\', \'127.0.0.1:39094\')', 900);
    return '3 brokers + bootstrap → network rule';
  });
  await runStep('setup-sql', async () => {
    for (let n = 1; n <= 12; n++) {
      hub.emit({ type: 'progress', id: 'setup-sql', update: { done: n, total: 12, unit: 'statements', detail: n < 12 ? `CREATE … (statement ${n + 1})` : undefined }, ratePerSec: null });
      await sleep(150);
      if (fail && n === 7) {
        throw Object.assign(new Error("SQL access control error: Insufficient privileges to operate on account 'SANDBOX' (statement 8, line 23: CREATE NETWORK RULE kafka_network_rule)"), {
          hint: 'Run the walk with a role that has CREATE NETWORK RULE and CREATE INTEGRATION (ACCOUNTADMIN in the tutorial), or ask an admin to grant them to your role.',
        });
      }
    }
    return '12 statements, QUICKSTART_ROLE and DB ready';
  });
  await runStep('openflow-connector', async () => {
    hub.emit({ type: 'show', id: 'openflow-connector', title: 'Kafka JSON SASL SCHEMAEV Source Parameters', body: SOURCE_PARAMS });
    hub.emit({ type: 'show', id: 'openflow-connector', title: 'Kafka JSON SASL SCHEMAEV Destination Parameters', body: DESTINATION_PARAMS });
    hub.emit({ type: 'show', id: 'openflow-connector', title: 'Kafka JSON SASL SCHEMAEV Ingestion Parameters', body: INGESTION_PARAMS });
    await note('openflow-connector', 'Starting the local connector with these parameters', 1500);
    await note('openflow-connector', 'Waiting for group openflow_qs_kafka_connector to consume', 2500);
    return 'group openflow_qs_kafka_connector Stable, 1 member';
  });
  await runStep('produce-base-logs', async () => {
    await produce('produce-base-logs', 50, 20);
    return '50 records, offsets p0@17 p1@17 p2@16';
  });
  await runStep('verify-base-columns', async () => {
    await note('verify-base-columns', 'Waiting for 50 rows in "APPLICATION-LOGS"', 1200);
    await note('verify-base-columns', '50 rows; comparing columns', 700);
    return '11 columns, 50 rows — as in the tutorial';
  });
  await runStep('produce-evolved-logs', async () => {
    await produce('produce-evolved-logs', 80, 25);
    return '80 records, offsets p0@44 p1@43 p2@43';
  });
  await runStep('verify-evolved-columns', async () => {
    await note('verify-evolved-columns', 'Waiting for 130 rows', 1000);
    await note('verify-evolved-columns', '26 new columns: AUTH_METHOD, AVAILABLE_GB, …', 900);
    return '37 columns, 130 rows, no duplicates';
  });
  await runStep('analytics-tour', async () => {
    hub.emit({
      type: 'show',
      id: 'analytics-tour',
      title: 'Errors by service (last hour)',
      body: 'SERVICE           ERRORS  ERROR_RATE\npayment-service        4       12.5%\nauth-service           3        9.4%\napi-gateway            2        6.1%',
    });
    await note('analytics-tour', 'Query 1 of 4: errors by service', 1000);
    await note('analytics-tour', 'Query 4 of 4: payments by method', 1000);
    return '4 queries, results shown';
  });
  await runStep('cleanup', async () => {
    // Nobody at the keyboard: after a while the demo takes "no" for an answer, like a walk without --cleanup.
    const giveUp = new AbortController();
    const timer = setTimeout(() => giveUp.abort(), 8000);
    stop.signal.addEventListener('abort', () => giveUp.abort(), { once: true });
    const yes = await hub.ask('cleanup', 'Remove everything the walk created (topic, group, database, role…)?', { defaultAnswer: false, signal: giveUp.signal });
    clearTimeout(timer);
    if (!yes) return { skipped: 'kept — run with --only cleanup later' };
    await note('cleanup', 'Dropping QUICKSTART_KAFKA_CONNECTOR_DB …', 800);
    return 'everything removed';
  });
}

const screen = renderWalk(hub, { onInterrupt: () => stop.abort() });

walk()
  .then(
    () => hub.emit({ type: 'walk-end', status: 'done', durationMs: Date.now() - started }),
    (error) => hub.emit({ type: 'walk-end', status: error instanceof Interrupted ? 'interrupted' : 'failed', durationMs: Date.now() - started }),
  )
  .finally(() => screen.waitUntilExit());
