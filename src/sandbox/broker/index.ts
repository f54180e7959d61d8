// Entry point of the embedded Kafka-protocol broker: three broker identities (node ids 0-2)
// on three loopback ports in one process, sharing one cluster state persisted under dataDir.
import { Cluster, defaultClusterOptions, type BrokerNode, type SaslConfig, type ClusterOptions } from './cluster.js';
import { BrokerServer, type BrokerLog } from './server.js';

export type { SaslConfig, SaslMechanism, BrokerNode } from './cluster.js';

export interface StartBrokerOptions {
  dataDir: string;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** One port per broker; 0 picks a free port. */
  ports?: [number, number, number];
  /** null or absent: PLAINTEXT. */
  sasl?: SaslConfig | null;
  /** Tuning for tests and the sandbox; Kafka's defaults otherwise. */
  tuning?: Partial<Omit<ClusterOptions, 'dataDir' | 'sasl'>>;
  log?: BrokerLog;
}

export interface RunningBroker {
  brokers: BrokerNode[];
  bootstrap: string[];
  /** Records of a topic not yet committed by a group (partitions it never committed count 0); null without the topic. */
  lag(groupId: string, topic: string): number | null;
  stop(): Promise<void>;
}

export async function startBroker(opts: StartBrokerOptions): Promise<RunningBroker> {
  const host = opts.host ?? '127.0.0.1';
  const ports = opts.ports ?? [0, 0, 0];
  if (opts.sasl && opts.sasl.mechanisms.length === 0) throw new Error('sasl.mechanisms must not be empty');
  const cluster = new Cluster({ ...defaultClusterOptions, ...opts.tuning, dataDir: opts.dataDir, sasl: opts.sasl ?? null });
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const servers = [0, 1, 2].map((nodeId) => new BrokerServer(cluster, nodeId, log));
  try {
    const bound: number[] = [];
    for (const [i, server] of servers.entries()) bound.push(await server.listen(host, ports[i]));
    cluster.brokers = bound.map((port, nodeId) => ({ nodeId, host, port }));
  } catch (err) {
    await Promise.all(servers.map((s) => s.close().catch(() => {})));
    cluster.close();
    throw err;
  }
  let stopped = false;
  return {
    brokers: cluster.brokers,
    bootstrap: cluster.brokers.map((b) => `${b.host}:${b.port}`),
    lag(groupId, topic) {
      const t = cluster.topics.get(topic);
      if (!t) return null;
      const committed = cluster.groups.get(groupId)?.offsets.get(topic);
      let lag = 0;
      for (const p of t.partitions) {
        const offset = committed?.get(p.index)?.offset;
        if (offset !== undefined) lag += Math.max(0, p.log.nextOffset - offset);
      }
      return lag;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(servers.map((s) => s.close()));
      cluster.close();
    },
  };
}
