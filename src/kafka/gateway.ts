// KafkaPort over kafkajs: the one place the walk talks to Kafka.
import { randomUUID } from 'node:crypto';
import { Kafka, AssignerProtocol, CompressionTypes, type Admin, type Producer, type IHeaders } from 'kafkajs';
import type { KafkaConfig } from '../config/types.js';
import type { BrokerAddress, GroupDescription, KafkaPort, LandedRecord, OutgoingRecord, RecordAck, TopicDescription } from '../engine/ports.js';
import { kafkaJsOptions } from './options.js';
import { explainKafkaError } from './errors.js';

/** Records per produce request: large enough for throughput, small enough for live progress.
 * (Tests set OQS_PRODUCE_CHUNK_RECORDS=1 to have time to interrupt a produce midway.) */
const CHUNK = Number(process.env.OQS_PRODUCE_CHUNK_RECORDS) || 500;
const BULK_CHUNK = 4_000;
const BULK_IN_FLIGHT = 4;
/** Kafka refuses a record batch over message.max.bytes (1 MB by default, Confluent Cloud's too);
 * a request's records may all land in one partition's batch, so a request stays under half. */
const MAX_REQUEST_BYTES = 512 * 1024;

export class KafkaGateway implements KafkaPort {
  private readonly kafka: Kafka;
  private admin?: Promise<Admin>;
  private producer?: Promise<Producer>;
  private bulkProducer?: Promise<Producer>;

  constructor(private readonly cfg: KafkaConfig) {
    this.kafka = new Kafka(kafkaJsOptions(cfg));
  }

  get bootstrap(): string[] {
    return this.cfg.brokers;
  }

  private async adminClient(doing: string): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    try {
      return await this.admin;
    } catch (err) {
      this.admin = undefined;
      throw explainKafkaError(err, this.cfg, doing);
    }
  }

  /** The walk's producer is idempotent (in order, no duplicates on retry); the bulk one pipelines. */
  private async producerClient(bulk: boolean): Promise<Producer> {
    const key = bulk ? 'bulkProducer' : 'producer';
    this[key] ??= (async () => {
      const producer = bulk
        ? this.kafka.producer({ allowAutoTopicCreation: false })
        : this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      return producer;
    })();
    try {
      return await this[key]!;
    } catch (err) {
      this[key] = undefined;
      throw explainKafkaError(err, this.cfg, 'connecting the producer');
    }
  }

  private async withAdmin<T>(doing: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = await this.adminClient(doing);
    try {
      return await fn(admin);
    } catch (err) {
      throw explainKafkaError(err, this.cfg, doing);
    }
  }

  async describeCluster(): Promise<{ clusterId: string | null; brokers: BrokerAddress[] }> {
    return this.withAdmin('reading cluster metadata', async (admin) => {
      const cluster = await admin.describeCluster();
      return {
        clusterId: cluster.clusterId ?? null,
        brokers: cluster.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })).sort((a, b) => a.nodeId - b.nodeId),
      };
    });
  }

  async describeTopic(topic: string): Promise<TopicDescription | null> {
    return this.withAdmin(`describing topic "${topic}"`, async (admin) => {
      const topics = await admin.listTopics();
      if (!topics.includes(topic)) return null;
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = meta.topics[0]?.partitions ?? [];
      return {
        name: topic,
        partitions: partitions.length,
        replicationFactor: Math.max(0, ...partitions.map((p) => p.replicas.length)),
      };
    });
  }

  async createTopic(spec: { topic: string; partitions: number; replicationFactor: number }): Promise<void> {
    await this.withAdmin(`creating topic "${spec.topic}"`, async (admin) => {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: spec.topic, numPartitions: spec.partitions, replicationFactor: spec.replicationFactor }],
      });
    });
  }

  async deleteTopic(topic: string): Promise<void> {
    await this.withAdmin(`deleting topic "${topic}"`, (admin) => admin.deleteTopics({ topics: [topic] }));
  }

  async watermarks(topic: string): Promise<Array<{ partition: number; low: string; high: string }>> {
    return this.withAdmin(`reading offsets of "${topic}"`, async (admin) => {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.map((o) => ({ partition: o.partition, low: o.low, high: o.high })).sort((a, b) => a.partition - b.partition);
    });
  }

  async produce(
    topic: string,
    records: OutgoingRecord[],
    opts: { signal?: AbortSignal; onAck?: (sent: number, lastOffsets: RecordAck[]) => void; bulk?: boolean } = {},
  ): Promise<RecordAck[]> {
    const producer = await this.producerClient(opts.bulk === true);
    const chunkSize = opts.bulk ? BULK_CHUNK : CHUNK;
    const inFlight = opts.bulk ? BULK_IN_FLIGHT : 1;
    const touched = new Set<number>();
    let sent = 0;
    let next = 0;
    const worker = async () => {
      while (next < records.length && !opts.signal?.aborted) {
        const chunk = records.slice(next, chunkEnd(records, next, chunkSize));
        next += chunk.length;
        try {
          const metadata = await producer.send({
            topic,
            acks: -1,
            compression: CompressionTypes.None,
            messages: chunk.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
          });
          for (const m of metadata) touched.add(m.partition);
        } catch (err) {
          throw explainKafkaError(err, this.cfg, `producing to "${topic}"`);
        }
        sent += chunk.length;
        opts.onAck?.(sent, []);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    // kafkajs reports only each batch's base offset; the high watermark says where each
    // partition we wrote to now ends.
    const last = new Map<number, bigint>();
    for (const m of await this.watermarks(topic)) if (touched.has(m.partition)) last.set(m.partition, BigInt(m.high) - 1n);
    return toAcks(last);
  }

  async readHeaders(topic: string, opts: { signal?: AbortSignal } = {}): Promise<LandedRecord[]> {
    const marks = await this.watermarks(topic);
    const pending = new Map(marks.filter((m) => BigInt(m.high) > BigInt(m.low)).map((m) => [m.partition, BigInt(m.high)]));
    if (pending.size === 0) return [];
    // kafkajs has no group-less assignment: a throw-away group reads the topic once and is
    // deleted afterwards, so nothing is left behind on the cluster.
    const groupId = `openflow-quickstart-scan-${randomUUID().slice(0, 8)}`;
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 250 });
    const landed: LandedRecord[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => resolve();
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              for (const message of batch.messages) {
                landed.push({ partition: batch.partition, offset: message.offset, headers: headersOf(message.headers) });
                if (BigInt(message.offset) + 1n >= (pending.get(batch.partition) ?? 0n)) pending.delete(batch.partition);
              }
              if (pending.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } catch (err) {
      throw explainKafkaError(err, this.cfg, `reading topic "${topic}"`);
    } finally {
      await consumer.disconnect().catch(() => {});
      await this.deleteGroup(groupId).catch(() => {});
    }
    return landed;
  }

  async describeGroup(groupId: string): Promise<GroupDescription> {
    return this.withAdmin(`describing consumer group "${groupId}"`, async (admin) => {
      const { groups } = await admin.describeGroups([groupId]);
      const g = groups[0];
      return {
        groupId,
        state: g?.state ?? 'Unknown',
        members: (g?.members ?? []).map((m) => ({
          memberId: m.memberId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          topics: assignedTopics(m.memberAssignment),
        })),
      };
    });
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.withAdmin(`deleting consumer group "${groupId}"`, async (admin) => {
      await admin.deleteGroups([groupId]);
    });
  }

  async close(): Promise<void> {
    const admin = this.admin;
    const producers = [this.producer, this.bulkProducer];
    this.admin = undefined;
    this.producer = this.bulkProducer = undefined;
    await Promise.allSettled([admin?.then((a) => a.disconnect()), ...producers.map((p) => p?.then((x) => x.disconnect()))]);
  }
}

function toAcks(last: Map<number, bigint>): RecordAck[] {
  return [...last.entries()].sort((a, b) => a[0] - b[0]).map(([partition, offset]) => ({ partition, offset: offset.toString() }));
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (value !== undefined) out[k] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return out;
}

function assignedTopics(assignment: Buffer): string[] {
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(assignment);
    return Object.entries(decoded?.assignment ?? {}).filter(([, partitions]) => partitions.length > 0).map(([topic]) => topic);
  } catch {
    return [];
  }
}

/** Where the request starting at `start` ends: at most `maxRecords` records and MAX_REQUEST_BYTES. */
function chunkEnd(records: OutgoingRecord[], start: number, maxRecords: number): number {
  let bytes = 0;
  let end = start;
  while (end < records.length && end - start < maxRecords) {
    const r = records[end]!;
    bytes += Buffer.byteLength(r.value) + (r.key ? Buffer.byteLength(r.key) : 0) + 64;
    if (bytes > MAX_REQUEST_BYTES && end > start) break;
    end++;
  }
  return end;
}
