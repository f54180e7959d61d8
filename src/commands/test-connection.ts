// `test-connection`: the tutorial's `generate_logs.py --test-connection`, without its side
// effect: nothing is written to the topic (its test record would add a TEST column). With a
// Snowflake connection configured it logs in too: both sides the walk will use.
import { EXIT } from './exit.js';
import type { GlobalOptions } from './global-options.js';
import { prepare, type Prepared } from './prepare.js';
import { retentionFix, topicLosesRecords } from '../../steps/shared/topic-settings.js';

export async function testConnectionCommand(opts: GlobalOptions): Promise<number> {
  // Headless, Snowflake settings that are incomplete (no password) are that side's result: Kafka is
  // still tested. On a terminal the missing password is asked for, as the walk does.
  const prepared = await prepare(opts, { interactive: !opts.yes && process.stdin.isTTY === true, snowflake: 'report' });
  const out = (line: string) => process.stdout.write(prepared.redactor.redact(line) + '\n');
  try {
    const kafka = await testKafka(prepared, out);
    const snowflake = prepared.target === 'real' ? await testSnowflake(prepared, out) : EXIT.done;
    // A side that failed its check is a failure (1); otherwise settings that are incomplete are bad input (2).
    return kafka === EXIT.failed || snowflake === EXIT.failed ? EXIT.failed : Math.max(kafka, snowflake);
  } finally {
    await prepared.close();
  }
}

async function testKafka(prepared: Prepared, out: (line: string) => void): Promise<number> {
  const k = (await prepared.start()).kafka;
  const kafka = await prepared.openKafka();
  out('Kafka connection test');
  out(`[1/4] Brokers ${k.brokers.join(', ')} over ${k.securityProtocol}${k.saslMechanism ? ` (SASL ${k.saslMechanism} as "${k.username}")` : ''}`);
  const cluster = await kafka.describeCluster();
  out('      ✓ reachable, and authentication works');
  out(`[2/4] Cluster ${cluster.clusterId ?? '(no id)'}: ${cluster.brokers.length} broker(s)`);
  for (const b of cluster.brokers) out(`      - ${b.host}:${b.port} (node ${b.nodeId})`);
  out(`[3/4] Topic "${k.topic}"`);
  const topic = await kafka.describeTopic(k.topic);
  if (!topic) {
    out(`      ! does not exist yet: the walk's create-topic step creates it`);
    out('[4/4] Write permission: not checked (it is checked on the topic, which does not exist yet)');
    out('Result: connection OK; topic missing');
    return EXIT.done;
  }
  out(`      ✓ exists: ${topic.partitions} partition(s) [${[...Array(topic.partitions).keys()].join(', ')}], replication ${topic.replicationFactor}`);
  // The connection is fine, but the walk will stop at create-topic: said now, not after a walk.
  const losing = await topicLosesRecords(kafka, k.topic);
  for (const problem of losing) out(`      ! ${problem}`);
  if (losing.length) out(`      ${retentionFix(k.topic)}`);
  const { probeWritePermission } = await import('../kafka/write-probe.js');
  const probe = await probeWritePermission(k, k.topic, topic.partitions);
  out(`[4/4] Write permission: ${probe.verdict === 'allowed' ? '✓ allowed' : probe.verdict === 'denied' ? '✗ denied' : '? unknown'}`);
  out(`      checked by ${probe.how}`);
  out(probe.verdict === 'denied' ? 'Result: FAILED: this user may not write to the topic' : `Result: OK; nothing was written to the topic${losing.length ? " (but the walk stops at create-topic: the topic's settings lose records, see above)" : ''}`);
  return probe.verdict === 'denied' ? EXIT.failed : EXIT.done;
}

/** Logs in and asks who it is; nothing is created. Skipped (and said so) when no Snowflake connection is configured. */
async function testSnowflake(prepared: Prepared, out: (line: string) => void): Promise<number> {
  out('');
  out('Snowflake connection test');
  if (prepared.snowflakeProblem) {
    out(`      ✗ not tested: ${prepared.snowflakeProblem.message}`);
    if (prepared.snowflakeProblem.hint) out(`      ${prepared.snowflakeProblem.hint}`);
    out('Result: Snowflake NOT tested: its settings are incomplete (set SNOWFLAKE_PASSWORD, or run on a terminal to be asked)');
    return EXIT.usage;
  }
  const warehouse = await prepared.openWarehouse();
  if (!warehouse) {
    out('      - no Snowflake connection is configured; the walk leaves its Snowflake steps out');
    return EXIT.done;
  }
  const [row] = await warehouse.execute('SELECT CURRENT_USER() AS "USER", CURRENT_ROLE() AS "ROLE"');
  out(`      ✓ logged in as ${String(row?.USER ?? '?')} (role ${String(row?.ROLE ?? '?')})`);
  out('Result: OK');
  return EXIT.done;
}
