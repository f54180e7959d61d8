// A consumer-group member over kafkajs, with positions the caller owns: the sandbox connector keeps
// its offsets in the warehouse (Snowpipe Streaming's offset tokens), so on every assignment this
// member seeks to the caller's position instead of trusting the group's committed offsets. The
// group's offsets are still committed after each handled batch, so lag shows as it does in Openflow.
// No kafkajs type leaves this file.
import { Kafka, type Admin, type Consumer, type EachBatchPayload } from 'kafkajs';
import type { KafkaConfig } from '../config/types.js';
import { kafkaJsOptions } from './options.js';
import { topicOffsets } from './topic-offsets.js';

export interface ConsumedRecord {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
}

export interface PartitionBatch {
  topic: string;
  partition: number;
  /** The partition's high watermark when the batch was fetched. */
  highWatermark: string;
  records: ConsumedRecord[];
  /** Keeps the membership alive during long work on one batch. */
  heartbeat(): Promise<void>;
}

export interface PartitionOffsets {
  partition: number;
  low: string;
  high: string;
}

export interface GroupConsumerOptions {
  kafka: KafkaConfig;
  groupId: string;
  topics: string[];
  clientId?: string;
  /** Where to start when a partition has no position of the caller's and no committed group offset. */
  fromBeginning: boolean;
  /** The caller's position (next offset to read) of a partition, asked on every assignment. */
  positionOf(topic: string, partition: number): string | undefined;
  /**
   * Handles one partition's records in offset order. Resolves with the next offset to read when the
   * batch is consumed (committed to the group), or null when it was not (the caller sought elsewhere).
   */
  onBatch(batch: PartitionBatch): Promise<string | null>;
  /** Long-poll wait of a fetch: short, so a produced record is handed over within a few ms. */
  maxWaitMs?: number;
  log?: (line: string) => void;
}

export interface GroupConsumer {
  /** Low and high watermarks of every partition of a topic; null when the topic does not exist. */
  partitions(topic: string): Promise<PartitionOffsets[] | null>;
  /** Joins the group and starts fetching; resolves after the first assignment (or joinWaitMs). */
  start(joinWaitMs?: number): Promise<void>;
  /** The next fetch of this partition starts at `offset`. */
  seek(topic: string, partition: number, offset: string): void;
  /** Leaves the group and closes every connection; idempotent. */
  stop(): Promise<void>;
}

export function createGroupConsumer(opts: GroupConsumerOptions): GroupConsumer {
  const log = opts.log ?? (() => undefined);
  const kafka = new Kafka(kafkaJsOptions(opts.kafka, opts.clientId ?? 'openflow-sandbox-connector'));
  let admin: Admin | undefined;
  let consumer: Consumer | undefined;
  let stopping: Promise<void> | undefined;

  const adminClient = async (): Promise<Admin> => {
    if (!admin) {
      const a = kafka.admin();
      await a.connect();
      admin = a;
    }
    return admin;
  };

  const seekToPositions = (assignment: Record<string, number[]>) => {
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        const position = opts.positionOf(topic, partition);
        if (position !== undefined) consumer?.seek({ topic, partition, offset: position });
      }
    }
  };

  const eachBatch = async (payload: EachBatchPayload) => {
    const { batch } = payload;
    if (!payload.isRunning() || payload.isStale()) return;
    const next = await opts.onBatch({
      topic: batch.topic,
      partition: batch.partition,
      highWatermark: batch.highWatermark,
      records: batch.messages.map((m) => ({ offset: m.offset, key: m.key, value: m.value })),
      heartbeat: () => payload.heartbeat(),
    });
    if (next === null) return;
    payload.resolveOffset((BigInt(next) - 1n).toString());
    await payload.commitOffsetsIfNecessary();
  };

  return {
    async partitions(topic) {
      const a = await adminClient();
      const topics = await a.listTopics();
      if (!topics.includes(topic)) return null;
      const offsets = await topicOffsets(a, topic);
      return offsets.map((o) => ({ partition: o.partition, low: o.low, high: o.high })).sort((x, y) => x.partition - y.partition);
    },

    async start(joinWaitMs = 30_000) {
      if (consumer) throw new Error('the consumer is already started');
      const c = kafka.consumer({
        groupId: opts.groupId,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: opts.maxWaitMs ?? 100,
        minBytes: 1,
        // Bounded fetches: a connector far behind holds a few MB of records, not tens.
        maxBytesPerPartition: 512 * 1024,
        maxBytes: 2 * 1024 * 1024,
        // A killed member is noticed within 10 s, so a restarted connector rejoins quickly.
        sessionTimeout: 10_000,
        rebalanceTimeout: 10_000,
        heartbeatInterval: 1_000,
      });
      consumer = c;
      let joined: () => void = () => undefined;
      const firstJoin = new Promise<void>((resolve) => (joined = resolve));
      c.on(c.events.GROUP_JOIN, (e) => {
        const assignment = e.payload.memberAssignment;
        const described = Object.entries(assignment)
          .map(([t, ps]) => `${t}[${ps.join(',')}]`)
          .join(' ');
        log(`joined group ${opts.groupId}: assigned ${described || 'nothing'}`);
        // Emitted before the first fetch of the new generation: seeks land before any record is read.
        seekToPositions(assignment);
        joined();
      });
      c.on(c.events.CRASH, (e) => {
        log(`consumer error: ${e.payload.error.message}${e.payload.restart ? ' (restarting)' : ''}`);
      });
      await c.connect();
      await c.subscribe({ topics: opts.topics, fromBeginning: opts.fromBeginning });
      await c.run({
        autoCommit: true,
        // Commit the group offsets after every handled batch.
        autoCommitThreshold: 1,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch,
      });
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, joinWaitMs)));
      await Promise.race([firstJoin, waited]);
      clearTimeout(timer);
    },

    seek(topic, partition, offset) {
      consumer?.seek({ topic, partition, offset });
    },

    stop() {
      stopping ??= (async () => {
        await consumer?.disconnect().catch((e: Error) => log(`leaving the group failed: ${e.message}`));
        await admin?.disconnect().catch(() => undefined);
      })();
      return stopping;
    },
  };
}
