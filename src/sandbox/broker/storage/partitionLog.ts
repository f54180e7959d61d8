// One partition's log: append-only segment files named by base offset, a sparse in-memory
// index (one entry per indexIntervalBytes of data), record bytes always read back from disk.
import fs from 'node:fs';
import path from 'node:path';
import { LOG_OVERHEAD, BATCH_HEADER_SIZE, readBatchHeader, type IncomingBatch, type BatchHeader } from '../../../kafka/protocol/recordBatch.js';
import { ErrorCode, type ErrorCodeValue } from '../../../kafka/protocol/errors.js';

export interface LogOptions { segmentBytes: number; indexIntervalBytes: number }
export const defaultLogOptions: LogOptions = { segmentBytes: 64 * 1024 * 1024, indexIntervalBytes: 64 * 1024 };

interface Segment {
  baseOffset: number;
  file: string;
  fd: number;
  size: number;
  indexOffsets: number[];
  indexPositions: number[];
  lastIndexedPosition: number;
}

/** What an idempotent producer last wrote to this partition; Kafka keeps the last 5 batches. */
interface ProducerBatch { firstSeq: number; lastSeq: number; baseOffset: number }
interface ProducerState { epoch: number; recent: ProducerBatch[] }

export type SequenceCheck = { kind: 'append' } | { kind: 'duplicate'; baseOffset: number } | { kind: 'error'; code: ErrorCodeValue };

const SEGMENT_SUFFIX = '.log';

export class PartitionLog {
  private segments: Segment[] = [];
  private producers = new Map<number, ProducerState>();
  logStartOffset = 0;
  nextOffset = 0;

  private constructor(readonly dir: string, private readonly opts: LogOptions) {}

  static open(dir: string, opts: LogOptions = defaultLogOptions): PartitionLog {
    fs.mkdirSync(dir, { recursive: true });
    const log = new PartitionLog(dir, opts);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(SEGMENT_SUFFIX)).sort();
    for (const f of files) log.recoverSegment(Number(f.slice(0, -SEGMENT_SUFFIX.length)), path.join(dir, f));
    if (log.segments.length === 0) log.roll(0);
    log.logStartOffset = log.segments[0].baseOffset;
    return log;
  }

  private segmentFile(baseOffset: number): string {
    return path.join(this.dir, String(baseOffset).padStart(20, '0') + SEGMENT_SUFFIX);
  }

  private roll(baseOffset: number): Segment {
    const file = this.segmentFile(baseOffset);
    const seg: Segment = {
      baseOffset, file, fd: fs.openSync(file, 'a+'), size: 0,
      indexOffsets: [], indexPositions: [], lastIndexedPosition: -Infinity,
    };
    this.segments.push(seg);
    return seg;
  }

  private maybeIndex(seg: Segment, baseOffset: number, position: number): void {
    if (position - seg.lastIndexedPosition >= this.opts.indexIntervalBytes) {
      seg.indexOffsets.push(baseOffset);
      seg.indexPositions.push(position);
      seg.lastIndexedPosition = position;
    }
  }

  /** Rebuilds index, next offset and producer state by walking batch headers; cuts a torn tail. */
  private recoverSegment(baseOffset: number, file: string): void {
    const fd = fs.openSync(file, 'a+');
    const fileSize = fs.fstatSync(fd).size;
    const seg: Segment = {
      baseOffset, file, fd, size: 0, indexOffsets: [], indexPositions: [], lastIndexedPosition: -Infinity,
    };
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    let pos = 0;
    let next = baseOffset;
    while (pos + BATCH_HEADER_SIZE <= fileSize) {
      const n = fs.readSync(fd, chunk, 0, BATCH_HEADER_SIZE, pos);
      if (n < BATCH_HEADER_SIZE) break;
      const header = readBatchHeader(chunk, 0);
      const size = LOG_OVERHEAD + header.batchLength;
      if (header.magic !== 2 || header.batchLength < BATCH_HEADER_SIZE - LOG_OVERHEAD || pos + size > fileSize) break;
      if (header.baseOffset !== next) break;
      this.maybeIndex(seg, header.baseOffset, pos);
      this.rememberProducer(header);
      next = header.baseOffset + header.lastOffsetDelta + 1;
      pos += size;
    }
    if (pos < fileSize) fs.ftruncateSync(fd, pos);
    seg.size = pos;
    this.segments.push(seg);
    this.nextOffset = next;
  }

  private rememberProducer(header: BatchHeader): void {
    if (header.producerId < 0 || header.baseSequence < 0) return;
    let state = this.producers.get(header.producerId);
    if (!state || header.producerEpoch > state.epoch) {
      state = { epoch: header.producerEpoch, recent: [] };
      this.producers.set(header.producerId, state);
    }
    state.recent.push({
      firstSeq: header.baseSequence,
      lastSeq: header.baseSequence + header.lastOffsetDelta,
      baseOffset: header.baseOffset,
    });
    if (state.recent.length > 5) state.recent.shift();
  }

  /** Idempotent-producer sequence rules, minimal but honest: in order, duplicates answered. */
  checkSequence(header: BatchHeader): SequenceCheck {
    if (header.producerId < 0 || header.baseSequence < 0) return { kind: 'append' };
    const state = this.producers.get(header.producerId);
    if (!state) return { kind: 'append' };
    if (header.producerEpoch < state.epoch) return { kind: 'error', code: ErrorCode.INVALID_PRODUCER_EPOCH };
    if (header.producerEpoch > state.epoch) {
      return header.baseSequence === 0 ? { kind: 'append' } : { kind: 'error', code: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    const dup = state.recent.find((b) => b.firstSeq === header.baseSequence && b.lastSeq === header.baseSequence + header.lastOffsetDelta);
    if (dup) return { kind: 'duplicate', baseOffset: dup.baseOffset };
    const last = state.recent[state.recent.length - 1];
    const expected = last ? (last.lastSeq + 1) % 2 ** 31 : 0;
    if (header.baseSequence !== expected) return { kind: 'error', code: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER };
    return { kind: 'append' };
  }

  /** Appends already-validated batches, assigning offsets; returns the first offset. */
  append(batches: IncomingBatch[]): number {
    const first = this.nextOffset;
    let seg = this.segments[this.segments.length - 1];
    if (seg.size >= this.opts.segmentBytes) seg = this.roll(this.nextOffset);
    // The request's own bytes when it brings one batch (the usual case): no copy.
    const data = batches.length === 1 ? batches[0].bytes : Buffer.concat(batches.map((b) => b.bytes));
    let at = 0;
    for (const b of batches) {
      data.writeBigInt64BE(BigInt(this.nextOffset), at);
      data.writeInt32BE(0, at + 12); // partition leader epoch: ours never changes
      const header = { ...b.header, baseOffset: this.nextOffset };
      this.maybeIndex(seg, this.nextOffset, seg.size + at);
      this.rememberProducer(header);
      this.nextOffset += b.header.lastOffsetDelta + 1;
      at += b.bytes.length;
    }
    let written = 0;
    while (written < data.length) written += fs.writeSync(seg.fd, data, written, data.length - written, seg.size + written);
    seg.size += data.length;
    return first;
  }

  /**
   * Whole batches starting with the one holding `offset`, up to maxBytes (at least one batch,
   * as Kafka does so a large batch never stalls a consumer).
   */
  read(offset: number, maxBytes: number): Buffer {
    if (offset >= this.nextOffset || offset < this.logStartOffset) return Buffer.alloc(0);
    let segIndex = this.findSegment(offset);
    while (segIndex < this.segments.length) {
      const out = this.readFromSegment(this.segments[segIndex], offset, maxBytes);
      if (out.length > 0) return out;
      segIndex++;
    }
    return Buffer.alloc(0);
  }

  private findSegment(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid].baseOffset <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  private readFromSegment(seg: Segment, offset: number, maxBytes: number): Buffer {
    let lo = 0;
    let hi = seg.indexOffsets.length - 1;
    let pos = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (seg.indexOffsets[mid] <= offset) { pos = seg.indexPositions[mid]; lo = mid + 1; } else hi = mid - 1;
    }
    const want = Math.min(seg.size - pos, this.opts.indexIntervalBytes + maxBytes + 64 * 1024);
    let chunk = Buffer.allocUnsafe(Math.max(want, 0));
    const n = want > 0 ? fs.readSync(seg.fd, chunk, 0, want, pos) : 0;
    chunk = chunk.subarray(0, n);
    let p = 0;
    let start = -1;
    let end = -1;
    while (p + 27 <= chunk.length) {
      const baseOffset = Number(chunk.readBigInt64BE(p));
      const size = LOG_OVERHEAD + chunk.readInt32BE(p + 8);
      const lastOffset = baseOffset + chunk.readInt32BE(p + 23);
      if (start < 0) {
        if (lastOffset >= offset) {
          if (p + size > chunk.length) {
            // The first wanted batch is bigger than our window: read it whole.
            const big = Buffer.allocUnsafe(size);
            fs.readSync(seg.fd, big, 0, size, pos + p);
            return big;
          }
          start = p;
          end = p + size;
        }
      } else {
        if (end - start + size > maxBytes || p + size > chunk.length) break;
        end = p + size;
      }
      p += size;
    }
    // A view, not a copy: the answer copies it once more and lets both go.
    return start < 0 ? Buffer.alloc(0) : chunk.subarray(start, end);
  }

  /** Earliest offset whose batch max timestamp is >= ts, or null (Kafka answers -1). */
  offsetForTimestamp(ts: number): number | null {
    const header = Buffer.allocUnsafe(BATCH_HEADER_SIZE);
    for (const seg of this.segments) {
      let pos = 0;
      while (pos + BATCH_HEADER_SIZE <= seg.size) {
        fs.readSync(seg.fd, header, 0, BATCH_HEADER_SIZE, pos);
        const h = readBatchHeader(header);
        if (h.maxTimestamp >= ts) return Math.max(h.baseOffset, this.logStartOffset);
        pos += LOG_OVERHEAD + h.batchLength;
      }
    }
    return null;
  }

  /** Bytes on disk, for tests and diagnostics. */
  get sizeBytes(): number { return this.segments.reduce((n, s) => n + s.size, 0); }
  get indexEntries(): number { return this.segments.reduce((n, s) => n + s.indexOffsets.length, 0); }
  get segmentCount(): number { return this.segments.length; }

  close(): void {
    for (const seg of this.segments) fs.closeSync(seg.fd);
    this.segments = [];
  }
}
