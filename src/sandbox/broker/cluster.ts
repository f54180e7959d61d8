// The one object that owns all broker state: the three broker identities, topics and their
// partition logs, consumer groups, producer ids, SASL users. Every API handler works through it.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { PartitionLog, defaultLogOptions, type LogOptions } from './storage/partitionLog.js';
import { Groups } from './groups/groups.js';
import { ErrorCode, type ErrorCodeValue } from '../../kafka/protocol/errors.js';
import { readJsonSync, writeAtomicallySync } from '../../engine/files.js';

export interface BrokerNode { nodeId: number; host: string; port: number }
export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
export interface SaslConfig { mechanisms: SaslMechanism[]; users: Record<string, string> }

export interface Partition { index: number; leader: number; replicas: number[]; log: PartitionLog }
export interface Topic { name: string; id: Buffer; partitions: Partition[]; configs: Record<string, string> }

interface StoredTopic { name: string; id: string; replicas: number[][]; configs: Record<string, string> }
interface StoredCluster { clusterId: string; nextProducerId: number }

export interface ClusterOptions {
  dataDir: string;
  sasl: SaslConfig | null;
  autoCreateTopics: boolean;
  defaultPartitions: number;
  defaultReplicationFactor: number;
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  initialRebalanceDelayMs: number;
  log: LogOptions;
}

export const defaultClusterOptions: Omit<ClusterOptions, 'dataDir' | 'sasl'> = {
  autoCreateTopics: true,
  defaultPartitions: 1,
  defaultReplicationFactor: 3,
  minSessionTimeoutMs: 6000,
  maxSessionTimeoutMs: 1_800_000,
  initialRebalanceDelayMs: 0,
  log: defaultLogOptions,
};

export const BROKER_COUNT = 3;
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export class Cluster {
  readonly clusterId: string;
  brokers: BrokerNode[] = [];
  readonly topics = new Map<string, Topic>();
  readonly groups: Groups;
  private nextProducerId: number;
  private appendListeners = new Set<() => void>();
  private readonly topicsDir: string;

  constructor(readonly opts: ClusterOptions) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    this.topicsDir = path.join(opts.dataDir, 'topics');
    fs.mkdirSync(this.topicsDir, { recursive: true });
    const stored = this.readClusterFile();
    this.clusterId = stored?.clusterId ?? randomBytes(16).toString('base64url').slice(0, 22);
    this.nextProducerId = stored?.nextProducerId ?? 1000;
    this.writeClusterFile();
    this.groups = new Groups(path.join(opts.dataDir, 'groups'), { initialRebalanceDelayMs: opts.initialRebalanceDelayMs });
    for (const name of fs.readdirSync(this.topicsDir)) this.loadTopic(name);
  }

  private get clusterFile(): string { return path.join(this.opts.dataDir, 'cluster.json'); }
  private readClusterFile(): StoredCluster | null {
    try { return JSON.parse(fs.readFileSync(this.clusterFile, 'utf8')) as StoredCluster; } catch { return null; }
  }
  private writeClusterFile(): void {
    writeAtomicallySync(this.clusterFile, JSON.stringify({ clusterId: this.clusterId, nextProducerId: this.nextProducerId } satisfies StoredCluster));
  }

  private loadTopic(dirName: string): void {
    const metaFile = path.join(this.topicsDir, dirName, 'topic.json');
    if (!fs.existsSync(metaFile)) return;
    const meta = readJsonSync<StoredTopic>(metaFile);
    this.topics.set(meta.name, {
      name: meta.name,
      id: Buffer.from(meta.id.replace(/-/g, ''), 'hex'),
      configs: meta.configs,
      partitions: meta.replicas.map((replicas, index) => ({
        index, leader: replicas[0], replicas,
        log: PartitionLog.open(path.join(this.topicsDir, dirName, String(index)), this.opts.log),
      })),
    });
  }

  /** Validates and creates a topic as Kafka's CreateTopics does. */
  createTopic(name: string, numPartitions: number, replicationFactor: number, configs: Record<string, string>, validateOnly = false, assignment?: number[][]):
    { errorCode: ErrorCodeValue; message: string | null; topic?: Topic } {
    if (!TOPIC_NAME.test(name) || name === '.' || name === '..') {
      return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, message: `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'` };
    }
    if (this.topics.has(name)) return { errorCode: ErrorCode.TOPIC_ALREADY_EXISTS, message: `Topic '${name}' already exists.` };
    const partitions = numPartitions === -1 ? this.opts.defaultPartitions : numPartitions;
    const rf = replicationFactor === -1 ? this.opts.defaultReplicationFactor : replicationFactor;
    if (partitions <= 0) return { errorCode: ErrorCode.INVALID_PARTITIONS, message: 'Number of partitions must be larger than 0.' };
    if (rf <= 0) return { errorCode: ErrorCode.INVALID_REPLICATION_FACTOR, message: 'Replication factor must be larger than 0.' };
    if (rf > BROKER_COUNT) {
      return { errorCode: ErrorCode.INVALID_REPLICATION_FACTOR, message: `Replication factor: ${rf} larger than available brokers: ${BROKER_COUNT}.` };
    }
    if (validateOnly) return { errorCode: ErrorCode.NONE, message: null };
    // Spread leaders round-robin from a per-topic start, replicas on the following brokers.
    const start = this.topics.size % BROKER_COUNT;
    const replicas = assignment ?? Array.from({ length: partitions }, (_, p) =>
      Array.from({ length: rf }, (_, r) => (start + p + r) % BROKER_COUNT));
    const id = randomUUID();
    const dir = path.join(this.topicsDir, name);
    fs.mkdirSync(dir, { recursive: true });
    writeAtomicallySync(path.join(dir, 'topic.json'), JSON.stringify({ name, id, replicas, configs } satisfies StoredTopic));
    this.loadTopic(name);
    const topic = this.topics.get(name);
    return { errorCode: ErrorCode.NONE, message: null, topic };
  }

  deleteTopic(name: string): ErrorCodeValue {
    const topic = this.topics.get(name);
    if (!topic) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    for (const p of topic.partitions) p.log.close();
    this.topics.delete(name);
    fs.rmSync(path.join(this.topicsDir, name), { recursive: true, force: true });
    this.groups.forgetTopic(name);
    this.notifyAppend();
    return ErrorCode.NONE;
  }

  /** Topic for a client that may auto-create it (Metadata allow_auto_topic_creation). */
  topicOrAutoCreate(name: string, allowAutoCreate: boolean): Topic | undefined {
    const existing = this.topics.get(name);
    if (existing || !allowAutoCreate || !this.opts.autoCreateTopics) return existing;
    return this.createTopic(name, -1, -1, {}).topic;
  }

  /** Coordinator for a group: a stable hash of its id over the three brokers, like __consumer_offsets partitioning. */
  coordinatorFor(key: string): number {
    let h = 0;
    for (const c of Buffer.from(key, 'utf8')) h = (h * 31 + c) | 0;
    return Math.abs(h) % BROKER_COUNT;
  }

  allocateProducerId(): number {
    const id = this.nextProducerId++;
    this.writeClusterFile();
    return id;
  }

  /** Long-polling fetches wait for appends (or topic changes) through these listeners. */
  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }
  notifyAppend(): void { for (const l of [...this.appendListeners]) l(); }

  close(): void {
    this.groups.shutdown();
    for (const t of this.topics.values()) for (const p of t.partitions) p.log.close();
    this.topics.clear();
    this.notifyAppend();
  }
}
