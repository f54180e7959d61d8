// The produce path: records are written straight into one open RecordBatch per partition
// (BatchBuilder), a full batch is sealed and queued, and each partition leader gets requests of at
// most one batch per partition and REQUEST_BYTES in all, with a bounded number in flight per
// connection. Bytes held (open, queued and in flight) are bounded too: `ready()` waits for room.
//
// Retries: a retriable error code or a broken connection puts the batch back at the head of its
// partition's queue, refreshes the metadata (leaders move) and sends it again after a backoff.
// Idempotent mode (the walk): a producer id from the broker, a sequence per partition and one
// batch per partition in flight, so a resent batch is recognised by the broker, never doubled.
import { setTimeout as sleep } from 'node:timers/promises';
import type { KafkaConfig } from '../../config/types.js';
import { Reader, Writer } from '../protocol/codec.js';
import { BatchBuilder } from '../protocol/batchBuilder.js';
import { BrokerConnection, type ConnectionOptions } from './connection.js';
import { connectAny, fetchMetadata, type Metadata } from './metadata.js';
import { KafkaProtocolError, errorName, isRetriable } from './errors.js';
import { partitionForKey } from './partitioner.js';

const API = { produce: 0, initProducerId: 22 } as const;
const DUPLICATE_SEQUENCE_NUMBER = 46;
/** COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE: the cluster is still starting up. */
const COORDINATOR_NOT_READY = new Set([14, 15]);
const INIT_PRODUCER_ID_PATIENCE_MS = 10_000;
/** Kafka's and Confluent Cloud's default message.max.bytes and max.request.size are 1 MB. */
export const REQUEST_BYTES = 1_000_000;

export interface ProducerOptions {
  idempotent: boolean;
  /** Requests in flight per broker connection. */
  maxInFlight: number;
  /** Bytes per record batch (one partition's part of a request). */
  batchBytes: number;
  /** Records per batch, at most. */
  batchRecords: number;
  /** Bytes held before `ready()` makes the caller wait. */
  maxBufferedBytes: number;
  retries: number;
  connection: ConnectionOptions;
  /** The broker's own timeout for replicating a produce (acks = all). */
  ackTimeoutMs: number;
}

export const DEFAULT_PRODUCER_OPTIONS: ProducerOptions = {
  idempotent: false,
  maxInFlight: 5,
  batchBytes: 256 * 1024,
  batchRecords: Infinity,
  maxBufferedBytes: 8 * 1024 * 1024,
  retries: 5,
  connection: { connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 },
  ackTimeoutMs: 15_000,
};

interface Sealed {
  partition: number;
  bytes: Buffer;
  /** The builder's whole buffer, back to the pool once acknowledged. */
  buffer: Buffer;
  count: number;
  attempts: number;
  /** A batch made elsewhere (appendBatch): its owner's release instead of the pool. */
  release?: () => void;
}

interface PartitionState {
  open: BatchBuilder | null;
  queue: Sealed[];
  /** Idempotent mode: the next batch's base sequence, and whether one is in flight. */
  sequence: number;
  busy: boolean;
}

const headerNames = new Map<string, Buffer>();
const nameBytes = (name: string) => {
  let b = headerNames.get(name);
  if (!b) headerNames.set(name, (b = Buffer.from(name, 'utf8')));
  return b;
};

export class TopicProducer {
  private readonly partitions: PartitionState[];
  private readonly keys = new Map<string, { bytes: Buffer; partition: number }>();
  private readonly connections = new Map<number, Promise<BrokerConnection>>();
  private readonly inFlight = new Map<number, number>();
  private producerId = -1;
  private producerEpoch = -1;
  private buffered = 0;
  private requests = 0;
  private roundRobin = 0;
  private error: Error | null = null;
  private refreshing: Promise<void> | null = null;
  private waiters: Array<() => void> = [];
  private readonly topicName: Buffer;
  /** Batch buffers of batchBytes, reused: a million records would otherwise allocate (and leave
   * to the garbage collector) thousands of 256 KB buffers, and the process's RSS grows with them. */
  private readonly pool: Buffer[] = [];
  /** Records the brokers acknowledged, and each partition's last acknowledged offset. */
  acked = 0;
  readonly lastOffsets = new Map<number, bigint>();
  onAck?: (acked: number) => void;

  private constructor(
    private readonly cfg: KafkaConfig,
    readonly topic: string,
    private metadata: Metadata,
    private readonly opts: ProducerOptions,
  ) {
    this.topicName = new Writer(topic.length + 2).string(topic).toBuffer();
    this.partitions = metadata.leaders.map(() => ({ open: null, queue: [], sequence: 0, busy: false }));
  }

  /** Reads the topic's leaders (and a producer id when idempotent); fails if the topic is missing.
   * A connection the caller already made to a bootstrap broker is taken over (and closed with the
   * producer), with the topic's metadata when it was just read on it. */
  static async open(cfg: KafkaConfig, topic: string, options: Partial<ProducerOptions> = {}, connected?: { connection: BrokerConnection; metadata?: Metadata }): Promise<TopicProducer> {
    const opts = { ...DEFAULT_PRODUCER_OPTIONS, ...options };
    const reused = connected && !connected.connection.closed;
    const bootstrap = reused ? connected.connection : await connectAny(cfg, opts.connection);
    let metadata: Metadata;
    try {
      metadata = (reused && connected.metadata) || (await fetchMetadata(bootstrap, topic, { required: true }));
    } catch (err) {
      bootstrap.close();
      throw err;
    }
    const producer = new TopicProducer(cfg, topic, metadata, opts);
    producer.connections.set(-1, Promise.resolve(bootstrap));
    if (opts.idempotent) await producer.initProducerId(bootstrap);
    return producer;
  }

  get partitionCount(): number {
    return this.partitions.length;
  }

  /** Adds a record; throws the error that stopped the producer, if one did. */
  append(key: string | null, value: string | Uint8Array, headers?: Record<string, string>): void {
    if (this.error) throw this.error;
    let keyBytes: Buffer | null = null;
    let partition: number;
    if (key === null) {
      partition = this.roundRobin;
    } else {
      let k = this.keys.get(key);
      if (!k) {
        const bytes = Buffer.from(key, 'utf8');
        k = { bytes, partition: partitionForKey(bytes, this.partitions.length) };
        if (this.keys.size < 10_000) this.keys.set(key, k);
      }
      keyBytes = k.bytes;
      partition = k.partition;
    }
    const hs = headers ? Object.entries(headers).map(([k, v]) => [nameBytes(k), v] as const) : null;
    const state = this.partitions[partition]!;
    if (state.open && state.open.count < this.opts.batchRecords && state.open.append(keyBytes, value, hs)) return;
    if (state.open) {
      this.seal(partition);
      this.pump();
    }
    const size = Math.max(this.opts.batchBytes, 61 + 64 + Buffer.byteLength(value) + (keyBytes?.length ?? 0) + 64 * (hs?.length ?? 0) * 4);
    if (size > REQUEST_BYTES) throw new Error(`a record of ${Buffer.byteLength(value)} bytes is over Kafka's 1 MB limit`);
    state.open = new BatchBuilder(size === this.opts.batchBytes ? this.pool.pop() ?? size : size);
    this.buffered += size;
    state.open.append(keyBytes, value, hs);
  }

  /** Queues a batch sealed elsewhere (logs's generator), as if appended and sealed here. */
  appendBatch(partition: number, bytes: Buffer, count: number, release: () => void): void {
    if (this.error) throw this.error;
    const state = this.partitions[partition];
    if (!state) throw new Error(`a batch for partition ${partition} of "${this.topic}", which has ${this.partitions.length}`);
    if (state.open) this.seal(partition); // keeps the partition's order
    state.queue.push({ partition, bytes, buffer: bytes, count, attempts: 0, release });
    this.buffered += bytes.length;
    this.pump();
  }

  /** Bytes per batch: what a batch maker should keep to (ready() bounds how many are held). */
  get batchBytes(): number {
    return this.opts.batchBytes;
  }

  /** Resolves once the bytes held are under the bound (rejects if the producer failed). */
  ready(): Promise<void> {
    if (this.error) return Promise.reject(this.error);
    if (this.buffered < this.opts.maxBufferedBytes) return Promise.resolve();
    // Open batches count too: send them rather than wait for them to fill.
    for (let p = 0; p < this.partitions.length; p++) if (this.partitions[p]!.open) this.seal(p);
    this.pump();
    return new Promise<void>((resolve) => this.waiters.push(resolve)).then(() => {
      if (this.error) throw this.error;
    });
  }

  /** Sends everything appended and resolves when all of it is acknowledged. */
  async flush(): Promise<void> {
    for (let p = 0; p < this.partitions.length; p++) if (this.partitions[p]!.open) this.seal(p);
    this.pump();
    while (this.buffered > 0 && !this.error) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.error) throw this.error;
  }

  /** Drops what is not sent yet and waits for what is in flight (Ctrl-C: nothing half-known). */
  async abort(): Promise<void> {
    for (const state of this.partitions) {
      if (state.open) this.buffered -= state.open.capacity;
      state.open = null;
      for (const b of state.queue.splice(0)) {
        this.buffered -= b.bytes.length;
        b.release?.();
      }
    }
    while (this.requests > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const c of this.connections.values()) c.then((conn) => conn.close()).catch(() => {});
    this.connections.clear();
  }

  /** Closes the partition's open batch and queues it; the caller pumps (after sealing all it
   * means to, so that a flush sends every partition's batch in one request, as kafkajs did). */
  private seal(partition: number): void {
    const state = this.partitions[partition]!;
    const builder = state.open!;
    state.open = null;
    // Sequences are given when sent (see pump): a sealed batch keeps its place in the queue.
    state.queue.push({ partition, bytes: builder.seal(), buffer: builder.buffer, count: builder.count, attempts: 0 });
    this.buffered += builder.size - builder.capacity;
    this.roundRobin = (this.roundRobin + 1) % this.partitions.length;
  }

  private pump(): void {
    if (this.error || this.refreshing) return;
    const byLeader = new Map<number, number[]>();
    this.partitions.forEach((state, p) => {
      if (state.queue.length === 0 || state.busy) return;
      const leader = this.metadata.leaders[p]!;
      const list = byLeader.get(leader) ?? [];
      list.push(p);
      byLeader.set(leader, list);
    });
    for (const [leader, partitions] of byLeader) {
      while ((this.inFlight.get(leader) ?? 0) < this.opts.maxInFlight) {
        const batches: Sealed[] = [];
        let bytes = 0;
        for (const p of partitions) {
          const state = this.partitions[p]!;
          const next = state.queue[0];
          if (!next || state.busy || (batches.length > 0 && bytes + next.bytes.length > REQUEST_BYTES)) continue;
          state.queue.shift();
          if (this.opts.idempotent) {
            state.busy = true;
            if (next.attempts === 0) {
              next.bytes.writeBigInt64BE(BigInt(this.producerId), 43);
              next.bytes.writeInt16BE(this.producerEpoch, 51);
              next.bytes.writeInt32BE(state.sequence, 53);
              BatchBuilder.recrc(next.bytes);
              state.sequence += next.count;
            }
          }
          batches.push(next);
          bytes += next.bytes.length;
        }
        if (batches.length === 0) break;
        this.send(leader, batches);
      }
    }
  }

  private release(buffer: Buffer): void {
    if (buffer.length === this.opts.batchBytes && this.pool.length < this.opts.maxBufferedBytes / this.opts.batchBytes) this.pool.push(buffer);
  }

  private send(leader: number, batches: Sealed[]): void {
    this.inFlight.set(leader, (this.inFlight.get(leader) ?? 0) + 1);
    this.requests++;
    // transactional id null, acks all, the broker's timeout, one topic
    const head = new Writer(16).int16(-1).int16(-1).int32(this.opts.ackTimeoutMs).int32(1).toBuffer();
    const parts: Buffer[] = [head, this.topicName, int32(batches.length)];
    for (const b of batches) parts.push(new Writer(8).int32(b.partition).int32(b.bytes.length).toBuffer(), b.bytes);
    this.connection(leader)
      .then((conn) => conn.request(API.produce, 7, parts))
      .then(
        (reply) => this.onReply(batches, reply),
        (err: Error) => this.retry(batches, err),
      )
      .catch((err: Error) => this.fail(err))
      .finally(() => {
        this.inFlight.set(leader, this.inFlight.get(leader)! - 1);
        this.requests--;
        this.pump();
        this.wake();
      });
  }

  private onReply(batches: Sealed[], reply: Buffer): void {
    const r = new Reader(reply);
    const results = new Map<number, { code: number; baseOffset: bigint }>();
    for (const t of r.array((r) => ({ name: r.string(), partitions: r.array((r) => ({ index: r.int32(), code: r.int16(), baseOffset: r.int64(), time: r.int64(), start: r.int64() })) ?? [] })) ?? []) {
      for (const p of t.partitions) results.set(p.index, p);
    }
    const failed: Sealed[] = [];
    let failure: KafkaProtocolError | null = null;
    for (const b of batches) {
      const result = results.get(b.partition);
      const code = result?.code ?? 13;
      if (code === 0 || (code === DUPLICATE_SEQUENCE_NUMBER && this.opts.idempotent)) {
        this.partitions[b.partition]!.busy = false;
        this.buffered -= b.bytes.length;
        if (b.release) b.release();
        else this.release(b.buffer);
        this.acked += b.count;
        if (code === 0) this.lastOffsets.set(b.partition, result!.baseOffset + BigInt(b.count - 1));
        continue;
      }
      if (!isRetriable(code)) throw new KafkaProtocolError(code, `${errorName(code)} producing to partition ${b.partition} of "${this.topic}"`);
      failed.push(b);
      failure = new KafkaProtocolError(code);
    }
    if (this.acked > 0) this.onAck?.(this.acked);
    if (failed.length > 0) this.retry(failed, failure!);
  }

  /** Puts the batches back at the head of their queues; new metadata and a backoff before resending. */
  private retry(batches: Sealed[], err: Error): void {
    if (err instanceof KafkaProtocolError && !isRetriable(err.code)) return this.fail(err);
    for (const b of [...batches].reverse()) {
      b.attempts++;
      if (b.attempts > this.opts.retries) return this.fail(err);
      const state = this.partitions[b.partition]!;
      state.busy = false;
      state.queue.unshift(b);
    }
    // A broken connection is dropped (a new one is made); a Kafka error code leaves it be, as
    // other requests on it are still in flight.
    if (!(err instanceof KafkaProtocolError)) {
      for (const leader of new Set(batches.map((b) => this.metadata.leaders[b.partition]!))) this.dropConnection(leader);
    }
    const attempts = Math.max(...batches.map((b) => b.attempts));
    const backoff = Math.min(2_000, 250 * 2 ** (attempts - 1));
    this.refreshing ??= sleep(backoff)
      .then(() => this.refreshMetadata())
      .catch((e: Error) => (attempts >= this.opts.retries ? this.fail(e) : undefined))
      .finally(() => {
        this.refreshing = null;
        this.pump();
      });
  }

  private async refreshMetadata(): Promise<void> {
    const conn = await this.connection(-1).catch(() => {
      this.dropConnection(-1);
      return this.connection(-1);
    });
    this.metadata = await fetchMetadata(conn, this.topic, { required: true });
  }

  private connection(nodeId: number): Promise<BrokerConnection> {
    const existing = this.connections.get(nodeId);
    if (existing) return existing.then((c) => (c.closed ? (this.dropConnection(nodeId), this.connection(nodeId)) : c));
    const made =
      nodeId === -1
        ? connectAny(this.cfg, this.opts.connection)
        : (() => {
            const b = this.metadata.brokers.get(nodeId);
            if (!b) return Promise.reject(new KafkaProtocolError(5, `partition leader ${nodeId} is not in the cluster's metadata`));
            const open = () => BrokerConnection.open(b.host, b.port, this.cfg, this.opts.connection);
            // The leader is the very broker the bootstrap connection reached (a one-broker cluster):
            // that connection serves, one connection and one TLS handshake fewer.
            const bootstrap = this.connections.get(-1);
            if (!bootstrap) return open();
            return bootstrap.then((c) => (!c.closed && c.address === `${b.host}:${b.port}` ? c : open()), open);
          })();
    this.connections.set(nodeId, made);
    made.catch(() => this.connections.get(nodeId) === made && this.connections.delete(nodeId));
    return made;
  }

  private dropConnection(nodeId: number): void {
    const c = this.connections.get(nodeId);
    this.connections.delete(nodeId);
    c?.then((conn) => conn.close()).catch(() => {});
  }

  /**
   * A fresh cluster answers COORDINATOR_LOAD_IN_PROGRESS or COORDINATOR_NOT_AVAILABLE while it sets
   * up producer-id allocation: like the Java client, ask again after a short backoff (bounded).
   */
  private async initProducerId(conn: BrokerConnection): Promise<void> {
    const deadline = Date.now() + INIT_PRODUCER_ID_PATIENCE_MS;
    for (let backoff = 100; ; backoff = Math.min(backoff * 2, 1000)) {
      const r = new Reader(await conn.request(API.initProducerId, 1, new Writer(8).int16(-1).int32(60_000).toBuffer()));
      r.int32(); // throttle
      const code = r.int16();
      if (code === 0) {
        this.producerId = Number(r.int64());
        this.producerEpoch = r.int16();
        return;
      }
      if (!COORDINATOR_NOT_READY.has(code) || Date.now() + backoff > deadline) {
        throw new KafkaProtocolError(code, `${errorName(code)} asking for a producer id`);
      }
      await sleep(backoff);
    }
  }

  private fail(err: Error): void {
    this.error ??= err;
    this.wake();
  }

  private wake(): void {
    if (this.buffered >= this.opts.maxBufferedBytes && !this.error && this.requests > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

function int32(v: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(v, 0);
  return b;
}
