// `test-connection`: the tutorial's `generate_logs.py --test-connection`, without its side
// effect: nothing is written to the topic (its test record would add a TEST column).
import { EXIT } from './exit.js';
import type { GlobalOptions } from './global-options.js';
import { prepare } from './prepare.js';

export async function testConnectionCommand(opts: GlobalOptions): Promise<number> {
  const prepared = await prepare(opts, { interactive: !opts.yes && process.stdin.isTTY === true });
  const out = (line: string) => process.stdout.write(prepared.redactor.redact(line) + '\n');
  try {
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
    const { probeWritePermission } = await import('../kafka/write-probe.js');
    const probe = await probeWritePermission(k, k.topic, topic.partitions);
    out(`[4/4] Write permission: ${probe.verdict === 'allowed' ? '✓ allowed' : probe.verdict === 'denied' ? '✗ denied' : '? unknown'}`);
    out(`      checked by ${probe.how}`);
    out(probe.verdict === 'denied' ? 'Result: FAILED: this user may not write to the topic' : 'Result: OK; nothing was written to the topic');
    return probe.verdict === 'denied' ? EXIT.failed : EXIT.done;
  } finally {
    await prepared.close();
  }
}
