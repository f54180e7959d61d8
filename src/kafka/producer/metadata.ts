// Finding the cluster: the first bootstrap broker that answers, and Metadata v6 for one topic
// (brokers, each partition's leader). Used by the producer and by the gateway's describeTopic.
import type { KafkaConfig } from '../../config/types.js';
import { Reader, Writer } from '../protocol/codec.js';
import { BrokerConnection, type ConnectionOptions } from './connection.js';
import { KafkaProtocolError, errorName } from './errors.js';

const METADATA = 3;
const UNKNOWN_TOPIC_OR_PARTITION = 3;

function parseAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(address.slice(at + 1)) };
}

/** The first bootstrap broker that answers; the last error if none does. */
export async function connectAny(cfg: KafkaConfig, opts: ConnectionOptions): Promise<BrokerConnection> {
  let last: unknown;
  for (const address of cfg.brokers) {
    const { host, port } = parseAddress(address);
    try {
      return await BrokerConnection.open(host, port, cfg, opts);
    } catch (err) {
      last = err;
      if (/SASL|certificate|CERT_|TLS/i.test(String((err as Error).message)) || (err as { code?: string }).code?.includes('CERT')) break;
    }
  }
  throw last;
}

export interface Metadata {
  brokers: Map<number, { host: string; port: number }>;
  /** Leader of each partition (index = partition). */
  leaders: number[];
  /** The largest replica count of any partition. */
  replicationFactor: number;
}

/**
 * Metadata v6 for one topic: brokers and each partition's leader. A topic that does not exist is
 * null, or an error when `required` (every partition must then have a leader).
 */
export async function fetchMetadata(conn: BrokerConnection, topic: string, opts: { required: true }): Promise<Metadata>;
export async function fetchMetadata(conn: BrokerConnection, topic: string, opts?: { required: boolean }): Promise<Metadata | null>;
export async function fetchMetadata(conn: BrokerConnection, topic: string, opts = { required: false }): Promise<Metadata | null> {
  const body = new Writer(64).int32(1).string(topic).bool(false).toBuffer();
  const r = new Reader(await conn.request(METADATA, 6, body));
  r.int32(); // throttle
  const brokers = new Map<number, { host: string; port: number }>();
  for (const b of r.array((r) => ({ id: r.int32(), host: r.string(), port: r.int32(), rack: r.nullableString() })) ?? []) {
    brokers.set(b.id, { host: b.host, port: b.port });
  }
  r.nullableString(); // cluster id
  r.int32(); // controller
  const topics =
    r.array((r) => ({
      code: r.int16(),
      name: r.string(),
      internal: r.bool(),
      partitions:
        r.array((r) => {
          const p = { code: r.int16(), index: r.int32(), leader: r.int32(), replicas: r.array((r) => r.int32())?.length ?? 0 };
          r.array((r) => r.int32());
          r.array((r) => r.int32());
          return p;
        }) ?? [],
    })) ?? [];
  const t = topics.find((x) => x.name === topic);
  const missing = !t || t.code === UNKNOWN_TOPIC_OR_PARTITION;
  if (missing && !opts.required) return null;
  if (missing) throw new KafkaProtocolError(UNKNOWN_TOPIC_OR_PARTITION, `topic "${topic}" does not exist`);
  // Right after creation a topic may have partitions without a leader yet: it exists all the same.
  if (t.code !== 0 && (opts.required || t.partitions.length === 0)) throw new KafkaProtocolError(t.code, `${errorName(t.code)} for topic "${topic}"`);
  const leaders: number[] = [];
  for (const p of t.partitions) leaders[p.index] = p.leader;
  const metadata = { brokers, leaders, replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas)) };
  if (opts.required && !everyPartitionLed(metadata)) throw new KafkaProtocolError(5, `a partition of "${topic}" has no leader`);
  return metadata;
}

/** Whether every partition has a leader, as producing needs (right after creation some may not). */
export function everyPartitionLed(metadata: Metadata): boolean {
  const { leaders } = metadata;
  return leaders.length > 0 && !leaders.some((l) => l === undefined || l < 0);
}
