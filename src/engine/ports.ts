// The interfaces steps talk to. Implementations live in src/kafka (kafkajs), src/snowflake
// (snowflake-sdk) and src/logs; steps see only these shapes, so they never know the target.

export interface BrokerAddress {
  nodeId: number;
  host: string;
  port: number;
}

export interface TopicDescription {
  name: string;
  partitions: number;
  replicationFactor: number;
}

/** How long a topic keeps records: what create-topic checks on a topic it did not make. */
export interface TopicRetention {
  /** cleanup.policy: "delete", "compact" or "compact,delete". */
  cleanupPolicy: string;
  /** retention.ms; -1 keeps records for ever. */
  retentionMs: number;
  /** retention.bytes per partition; -1 for no limit. */
  retentionBytes: number;
}

export interface OutgoingRecord {
  key: string | null;
  /** Text, or its UTF-8 bytes (records made in another thread arrive encoded). */
  value: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface RecordAck {
  partition: number;
  offset: string;
}

export interface LandedRecord {
  partition: number;
  offset: string;
  headers: Record<string, string>;
}

export interface GroupDescription {
  groupId: string;
  /** Kafka's group state: Stable, PreparingRebalance, CompletingRebalance, Empty, Dead, Unknown */
  state: string;
  members: Array<{ memberId: string; clientId: string; clientHost: string; topics: string[] }>;
}

/** Records already laid out as one partition's Kafka RecordBatch (v2, sealed, no producer id). */
export interface PreparedBatch {
  partition: number;
  bytes: Buffer;
  count: number;
  /** Called once the batch is acknowledged (or dropped): its buffer may be reused. */
  release(): void;
}

/** Makes record batches once the producer knows the topic's partitions and its batch limits. */
export interface BatchSource {
  batches(partitions: number, batchBytes: number): AsyncIterable<PreparedBatch>;
}

export interface KafkaPort {
  /** The configured bootstrap addresses, `host:port`. */
  readonly bootstrap: string[];
  describeCluster(): Promise<{ clusterId: string | null; brokers: BrokerAddress[] }>;
  /** null when the topic does not exist. */
  describeTopic(topic: string): Promise<TopicDescription | null>;
  createTopic(spec: { topic: string; partitions: number; replicationFactor: number }): Promise<void>;
  /** The topic's cleanup policy and retention; null when the user may not read its settings (DescribeConfigs denied). */
  topicRetention(topic: string): Promise<TopicRetention | null>;
  deleteTopic(topic: string): Promise<void>;
  /**
   * Produce in order with acks from all replicas; `onAck` is called after each acknowledged chunk
   * (records sent so far, and the last offset written per partition) so progress can be shown.
   * Stops between chunks when the signal aborts. Resolves with the last offset per partition.
   */
  produce(
    topic: string,
    /** Records, chunks of them made asynchronously, or record batches made elsewhere (`logs`). */
    records: Iterable<OutgoingRecord> | AsyncIterable<OutgoingRecord[]> | BatchSource,
    opts: {
      signal?: AbortSignal;
      onAck?: (sent: number, lastOffsets: RecordAck[]) => void;
      /** Bulk mode (the `logs` command): several requests in flight, order across chunks not kept. */
      bulk?: boolean;
    },
  ): Promise<RecordAck[]>;
  /** Low and high watermark per partition. */
  watermarks(topic: string): Promise<Array<{ partition: number; low: string; high: string }>>;
  /** Every record currently in the topic (up to the high watermark), headers only. */
  readHeaders(topic: string, opts?: { signal?: AbortSignal }): Promise<LandedRecord[]>;
  describeGroup(groupId: string): Promise<GroupDescription>;
  /** The group's committed offset per partition of `topic` (-1: none committed yet). */
  committedOffsets(groupId: string, topic: string): Promise<Array<{ partition: number; offset: string }>>;
  deleteGroup(groupId: string): Promise<void>;
  close(): Promise<void>;
}

export type LogKind = 'base' | 'evolved';
export type LogEvent = Record<string, unknown>;

export interface LogGeneratorPort {
  /** `count` events of the tutorial's shape; event i depends only on (seed, kind, i), apart from timestamps. */
  generate(opts: { kind: LogKind; count: number; seed: number }): LogEvent[];
}

/** Snowflake side (issue 3). Statement-level access through snowflake-sdk. */
export interface WarehousePort {
  execute(sqlText: string, binds?: unknown[]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** Sandbox stand-in for Openflow (issue 4). */
export interface ConnectorPort {
  start(parameters: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}
