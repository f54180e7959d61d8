// KafkaPort: the one place the walk talks to Kafka. Producing and topic metadata go through our
// own produce path (./producer); admin and consumer work through kafkajs, imported only when
// first needed (it costs a quarter of a second to load, which `logs` need not pay).
import type { Admin, IHeaders, Kafka } from 'kafkajs';
import type { KafkaConfig } from '../config/types.js';
import type { BatchSource, BrokerAddress, GroupDescription, KafkaPort, LandedRecord, OutgoingRecord, RecordAck, TopicDescription, TopicRetention } from '../engine/ports.js';
import { kafkaJsOptions } from './options.js';
import { explainKafkaError } from './errors.js';
import { silentCluster } from './silence.js';
import { withDeadline } from '../engine/deadline.js';
import { topicOffsets } from './topic-offsets.js';
import type { StepFailure } from '../engine/step.js';
import { TopicProducer } from './producer/producer.js';
import { connectAny, everyPartitionLed, fetchMetadata, type Metadata } from './producer/metadata.js';
import type { BrokerConnection } from './producer/connection.js';
import { DEFAULT_PRODUCER_OPTIONS } from './producer/producer.js';

let kafkajs: Promise<typeof import('kafkajs')> | undefined;
const loadKafkajs = () => (kafkajs ??= import('kafkajs').then((m) => m.default ?? m));

/** Records per batch in the walk, when set (tests set OQS_PRODUCE_CHUNK_RECORDS=1 to have time to
 * interrupt a produce midway). Otherwise batches are bounded by bytes alone. */
const CHUNK_RECORDS = Number(process.env.OQS_PRODUCE_CHUNK_RECORDS) || Infinity;
/** Records appended between two waits for room in the producer's bounded buffer. */
const READY_EVERY = 256;

export class KafkaGateway implements KafkaPort {
  private kafka?: Promise<Kafka>;
  private admin?: Promise<Admin>;
  private readonly producers = new Map<string, Promise<TopicProducer>>();
  /** The connection describeTopic made and the metadata it read, handed to the next producer of
   * that topic: one connection (one TLS handshake, one SASL exchange) and one round trip fewer
   * before `logs` sends. */
  private spareConnection?: BrokerConnection;
  private spareMetadata?: { topic: string; metadata: Metadata };

  /** Set once the cluster has answered: from then on kafkajs's own timeouts apply. */
  private answered = false;
  /** Set once the cluster did not answer in time: later calls fail at once, with the same report. */
  private silent?: StepFailure;
  private readonly timeoutMs: number;

  /** `timeoutMs` (--timeout): how long the cluster may take to answer a first time. */
  constructor(
    private readonly cfg: KafkaConfig,
    opts: { timeoutMs?: number } = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  /**
   * Until the cluster has answered once, a call is bounded by the timeout: a broker that accepts
   * connections and says nothing is reported within it (kafkajs alone retried for 44 s).
   */
  private async firstContact<T>(doing: string, work: () => Promise<T>): Promise<T> {
    if (this.answered) return work();
    if (this.silent) throw this.silent;
    const timedOut = new Error('no answer in time');
    try {
      const out = await withDeadline(work(), this.timeoutMs, () => timedOut);
      this.answered = true;
      return out;
    } catch (err) {
      if (err !== timedOut) throw err;
      this.silent ??= await silentCluster(this.cfg, this.timeoutMs, doing);
      throw this.silent;
    }
  }

  private client(): Promise<Kafka> {
    return (this.kafka ??= loadKafkajs().then(({ Kafka }) => new Kafka(kafkaJsOptions(this.cfg))));
  }

  get bootstrap(): string[] {
    return this.cfg.brokers;
  }

  private async adminClient(doing: string): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = (await this.client()).admin();
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

  private withAdmin<T>(doing: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
    return this.firstContact(doing, async () => {
      const admin = await this.adminClient(doing);
      try {
        return await fn(admin);
      } catch (err) {
        throw explainKafkaError(err, this.cfg, doing);
      }
    });
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

  /** The kept connection, if still open, with its metadata when it was read for `topic`; taken
   * (nothing is kept after this) and made to keep the process alive again while it is used. */
  private takeSpare(topic: string): { connection: BrokerConnection; metadata?: Metadata } | undefined {
    const connection = this.spareConnection;
    const metadata = this.spareMetadata?.topic === topic ? this.spareMetadata.metadata : undefined;
    this.spareConnection = undefined;
    this.spareMetadata = undefined;
    if (!connection || connection.closed) return undefined;
    connection.ref();
    return { connection, metadata };
  }

  async describeTopic(topic: string): Promise<TopicDescription | null> {
    const doing = `describing topic "${topic}"`;
    return this.firstContact(doing, () => this.describeTopicNow(topic, doing));
  }

  private async describeTopicNow(topic: string, doing: string): Promise<TopicDescription | null> {
    try {
      const spare = this.takeSpare(topic);
      const conn = spare ? spare.connection : await connectAny(this.cfg, DEFAULT_PRODUCER_OPTIONS.connection);
      try {
        const meta = await fetchMetadata(conn, topic);
        // Kept for the producer that usually follows (`logs` describes, then produces); one at most
        // (describes at once, as `room status` makes, close theirs), and never what keeps the process alive.
        if (this.spareConnection) conn.close();
        else {
          conn.unref();
          this.spareConnection = conn;
          // (Only when every partition has a leader, as the producer requires; else it reads again.)
          this.spareMetadata = meta && everyPartitionLed(meta) ? { topic, metadata: meta } : undefined;
        }
        return meta && { name: topic, partitions: meta.leaders.length, replicationFactor: meta.replicationFactor };
      } catch (err) {
        conn.close();
        throw err;
      }
    } catch (err) {
      throw explainKafkaError(err, this.cfg, doing);
    }
  }

  async createTopic(spec: { topic: string; partitions: number; replicationFactor: number }): Promise<void> {
    const doing = `creating topic "${spec.topic}"`;
    await this.withAdmin(doing, async (admin) => {
      // Not kafkajs's waitForLeaders: it retries only LEADER_NOT_AVAILABLE, and a broker that has
      // not yet heard of the new topic answers UNKNOWN_TOPIC_OR_PARTITION (KRaft; any cluster of
      // several brokers), so the step failed on a topic that had been created.
      await admin.createTopics({ topics: [{ topic: spec.topic, numPartitions: spec.partitions, replicationFactor: spec.replicationFactor }] });
    });
    await this.untilLed(spec.topic, doing);
  }

  /** Until every partition of a new topic has a leader (what a producer needs), bounded. */
  private async untilLed(topic: string, doing: string): Promise<void> {
    const deadline = Date.now() + Math.max(this.timeoutMs, 30_000);
    const conn = await connectAny(this.cfg, DEFAULT_PRODUCER_OPTIONS.connection).catch((err) => {
      throw explainKafkaError(err, this.cfg, doing);
    });
    try {
      for (;;) {
        // Unknown or leaderless for a moment yet: the next look says.
        const meta = await fetchMetadata(conn, topic).catch(() => null);
        if (meta && everyPartitionLed(meta)) return;
        if (Date.now() > deadline) throw explainKafkaError(new Error(`the partitions of topic "${topic}" have no leader yet`), this.cfg, doing);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      conn.close();
    }
  }

  async topicRetention(topic: string): Promise<TopicRetention | null> {
    const { ConfigResourceTypes } = await loadKafkajs();
    return this.withAdmin(`reading the settings of topic "${topic}"`, async (admin) => {
      try {
        const described = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy', 'retention.ms', 'retention.bytes'] }],
        });
        const entries = described.resources[0]?.configEntries ?? [];
        const value = (name: string) => entries.find((e) => e.configName === name)?.configValue ?? null;
        const number = (name: string) => {
          const n = Number(value(name) ?? -1);
          return Number.isFinite(n) ? n : -1;
        };
        return { cleanupPolicy: value('cleanup.policy') ?? 'delete', retentionMs: number('retention.ms'), retentionBytes: number('retention.bytes') };
      } catch (err) {
        // A user allowed to write but not to read topic settings (a narrow ACL): unknown, not a failure.
        if ((err as { type?: string }).type === 'TOPIC_AUTHORIZATION_FAILED' || (err as { type?: string }).type === 'CLUSTER_AUTHORIZATION_FAILED') return null;
        throw err;
      }
    });
  }

  async deleteTopic(topic: string): Promise<void> {
    await this.withAdmin(`deleting topic "${topic}"`, (admin) => admin.deleteTopics({ topics: [topic] }));
  }

  async watermarks(topic: string): Promise<Array<{ partition: number; low: string; high: string }>> {
    return this.withAdmin(`reading offsets of "${topic}"`, async (admin) => {
      const offsets = await topicOffsets(admin, topic);
      return offsets.map((o) => ({ partition: o.partition, low: o.low, high: o.high })).sort((a, b) => a.partition - b.partition);
    });
  }

  /** One producer per topic and mode, kept for the gateway's life (connections stay open). */
  private topicProducer(topic: string, bulk: boolean): Promise<TopicProducer> {
    const key = `${bulk ? 'bulk' : 'walk'}:${topic}`;
    let made = this.producers.get(key);
    if (!made) {
      made = TopicProducer.open(this.cfg, topic, bulk ? { idempotent: false } : { idempotent: true, batchRecords: CHUNK_RECORDS }, this.takeSpare(topic));
      this.producers.set(key, made);
      made.catch(() => this.producers.delete(key));
    }
    return made;
  }

  async produce(
    topic: string,
    records: Iterable<OutgoingRecord> | AsyncIterable<OutgoingRecord[]> | BatchSource,
    opts: { signal?: AbortSignal; onAck?: (sent: number, lastOffsets: RecordAck[]) => void; bulk?: boolean } = {},
  ): Promise<RecordAck[]> {
    const doing = `producing to "${topic}"`;
    try {
      const producer = await this.firstContact(doing, () => this.topicProducer(topic, opts.bulk === true));
      const ackedBefore = producer.acked;
      producer.lastOffsets.clear();
      producer.onAck = (acked) => opts.onAck?.(acked - ackedBefore, []);
      let appended = 0;
      const send = async (chunk: Iterable<OutgoingRecord>) => {
        for (const r of chunk) {
          if (opts.signal?.aborted) return;
          producer.append(r.key, r.value, r.headers);
          // Bounded memory whatever the count: wait for room every so often.
          if (++appended % READY_EVERY === 0) await producer.ready();
        }
      };
      if ('batches' in records) {
        // Batches made elsewhere (logs's generator): queued whole, in their partition's order.
        for await (const b of records.batches(producer.partitionCount, producer.batchBytes)) {
          if (opts.signal?.aborted) {
            b.release();
            break;
          }
          producer.appendBatch(b.partition, b.bytes, b.count, () => b.release());
          await producer.ready();
        }
      } else if (Symbol.asyncIterator in records) {
        for await (const chunk of records) {
          await send(chunk);
          if (opts.signal?.aborted) break;
        }
      } else await send(records);
      if (opts.signal?.aborted) await producer.abort();
      else await producer.flush();
      return toAcks(producer.lastOffsets);
    } catch (err) {
      // A failed producer is not reused: closed (its connections too) and made afresh next time.
      const key = `${opts.bulk ? 'bulk' : 'walk'}:${topic}`;
      this.producers.get(key)?.then((p) => p.close()).catch(() => {});
      this.producers.delete(key);
      throw explainKafkaError(err, this.cfg, doing);
    }
  }

  async readHeaders(topic: string, opts: { signal?: AbortSignal } = {}): Promise<LandedRecord[]> {
    const marks = await this.watermarks(topic);
    const pending = new Map(marks.filter((m) => BigInt(m.high) > BigInt(m.low)).map((m) => [m.partition, BigInt(m.high)]));
    if (pending.size === 0) return [];
    // kafkajs has no group-less assignment: a throw-away group reads the topic once and is
    // deleted afterwards, so nothing is left behind on the cluster.
    const groupId = `openflow-quickstart-scan-${process.getBuiltinModule('node:crypto').randomUUID().slice(0, 8)}`;
    const consumer = (await this.client()).consumer({ groupId, allowAutoTopicCreation: false, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 250 });
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
    const { AssignerProtocol } = await loadKafkajs();
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
          topics: assignedTopics(AssignerProtocol, m.memberAssignment),
        })),
      };
    });
  }

  async committedOffsets(groupId: string, topic: string): Promise<Array<{ partition: number; offset: string }>> {
    return this.withAdmin(`reading the offsets of consumer group "${groupId}"`, async (admin) => {
      const [found] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return (found?.partitions ?? []).map((p) => ({ partition: p.partition, offset: p.offset })).sort((a, b) => a.partition - b.partition);
    });
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.withAdmin(`deleting consumer group "${groupId}"`, async (admin) => {
      await admin.deleteGroups([groupId]);
    });
  }

  async close(): Promise<void> {
    const admin = this.admin;
    const producers = [...this.producers.values()];
    this.admin = undefined;
    this.producers.clear();
    this.spareConnection?.close();
    this.spareConnection = undefined;
    this.spareMetadata = undefined;
    await Promise.allSettled([admin?.then((a) => a.disconnect()), ...producers.map((p) => p.then((x) => x.close()))]);
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

function assignedTopics(protocol: typeof import('kafkajs').AssignerProtocol, assignment: Buffer): string[] {
  try {
    const decoded = protocol.MemberAssignment.decode(assignment);
    return Object.entries(decoded?.assignment ?? {}).filter(([, partitions]) => partitions.length > 0).map(([topic]) => topic);
  } catch {
    return [];
  }
}

