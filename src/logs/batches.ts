// Log events made straight into Kafka record batches, for `logs`: each event's record goes into
// its partition's open RecordBatch (the producer's own BatchBuilder), its JSON written in place
// from the generator (json-bytes.ts), no string or object per event; the producer only queues
// and sends the sealed batches. On this thread: with generation this cheap, a worker thread cost
// more than it saved on two cores shared with a local broker (100k base at load ~15: 0.78 CPU s
// and 1.23 s with one worker, 1.13 CPU s with two, 0.54 CPU s and 0.90 s here).
import { setImmediate } from 'node:timers/promises';
import type { BatchSource, PreparedBatch } from '../engine/ports.js';
import { BatchBuilder } from '../kafka/protocol/batchBuilder.js';
import { partitionForKey } from '../kafka/producer/partitioner.js';
import { SERVICES } from './catalog.js';
import type { GenerateOptions } from './generator.js';
import { MAX_EVENT_BYTES, beginChecked, checkRunArgs, writeEvent } from './json-bytes.js';

const KEYS = SERVICES.map((s) => Buffer.from(s, 'utf8'));
const timeOrigin = performance.timeOrigin;

export interface SealedBatch {
  partition: number;
  /** The builder's whole buffer; the batch is its first `length` bytes. */
  buffer: Buffer;
  length: number;
  count: number;
}

/** Makes the records of `opts`, one sealed batch at a time. */
export class BatchMaker {
  private readonly partitionOf: number[];
  private readonly open: Array<BatchBuilder | null>;
  private next: number;
  private readonly end: number;
  /** Buffers of batchBytes to reuse (acknowledged batches). */
  readonly spare: Buffer[] = [];

  constructor(
    private readonly opts: GenerateOptions,
    partitions: number,
    private readonly batchBytes: number,
  ) {
    this.partitionOf = KEYS.map((k) => partitionForKey(k, partitions));
    this.open = Array.from({ length: partitions }, () => null);
    this.next = opts.start ?? 0;
    this.end = this.next + opts.count;
    checkRunArgs(opts.seed, this.next, opts.count);
  }

  /** The next full batch, then the partly filled ones; null when all are made. */
  make(): SealedBatch | null {
    const { kind, seed } = this.opts;
    while (this.next < this.end) {
      const service = beginChecked(kind, seed, this.next);
      const partition = this.partitionOf[service]!;
      const b = this.open[partition] ?? (this.open[partition] = this.builder());
      const at = b.beginValue(KEYS[service]!, MAX_EVENT_BYTES);
      // Full: sealed and handed out; this event goes into the partition's next batch.
      if (at < 0) return this.seal(partition);
      // Each event stamped when it is made, as generateEvent's default clock does.
      b.endValue(writeEvent(b.buffer, at, timeOrigin + performance.now()));
      this.next++;
    }
    const partition = this.open.findIndex((b) => b !== null);
    return partition < 0 ? null : this.seal(partition);
  }

  private builder(): BatchBuilder {
    return new BatchBuilder(this.spare.pop() ?? Buffer.allocUnsafeSlow(this.batchBytes));
  }

  private seal(partition: number): SealedBatch {
    const b = this.open[partition]!;
    this.open[partition] = null;
    return { partition, buffer: b.buffer, length: b.seal().length, count: b.count };
  }
}

/**
 * The records of `opts` (as iterateRecords makes them: same keys, partitions, JSON bytes, and in
 * order within each partition) as sealed record batches, made as the producer takes them; a
 * batch's buffer is reused once acknowledged.
 */
export function recordBatches(opts: GenerateOptions): BatchSource {
  return {
    async *batches(partitions, batchBytes): AsyncGenerator<PreparedBatch> {
      const maker = new BatchMaker(opts, partitions, batchBytes);
      for (let b = maker.make(); b; b = maker.make()) {
        const { buffer } = b;
        yield { partition: b.partition, bytes: buffer.subarray(0, b.length), count: b.count, release: () => maker.spare.push(buffer) };
        // Replies are read and the next requests sent between batches, not only once the
        // producer is full.
        await setImmediate();
      }
    },
  };
}
