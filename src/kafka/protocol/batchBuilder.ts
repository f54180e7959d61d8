// Builds one RecordBatch v2 by writing each record straight into a preallocated buffer: no
// per-record Buffer or Writer, strings encoded in place, lengths fixed up afterwards. This is the
// hot loop of the produce path (a million records is a million passes), so it stays flat.
import { crc32c } from './crc32c.js';
import { BATCH_HEADER_SIZE, LOG_OVERHEAD } from './recordBatch.js';

/** Bytes a zig-zag varint of `v` takes. */
export function varintSize(v: number): number {
  let u = v >= 0 ? v * 2 : -v * 2 - 1;
  let n = 1;
  while (u >= 0x80) {
    u = Math.floor(u / 0x80);
    n++;
  }
  return n;
}

export interface BatchIdentity {
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
}

export class BatchBuilder {
  private readonly buf: Buffer;
  private pos = BATCH_HEADER_SIZE;
  /** Where beginValue's value starts. */
  private valueAt = 0;
  count = 0;
  readonly firstTimestamp: number;

  readonly capacity: number;

  /** `capacity` bounds the whole batch, header included; a given buffer (of that size) is reused. */
  constructor(capacity: number | Buffer, timestamp = Date.now()) {
    this.buf = typeof capacity === 'number' ? Buffer.allocUnsafe(capacity) : capacity;
    this.capacity = this.buf.length;
    this.firstTimestamp = timestamp;
  }

  /** The buffer underneath, to reuse once the batch is acknowledged. */
  get buffer(): Buffer {
    return this.buf;
  }

  get size(): number {
    return this.pos;
  }

  /**
   * Appends a record; false (nothing written) when it does not fit. Keys and header names come
   * as Buffers (callers cache them); values as strings, encoded in place, or as UTF-8 bytes,
   * copied; header values as strings.
   */
  append(key: Buffer | null, value: string | Uint8Array, headers: ReadonlyArray<readonly [Buffer, string]> | null = null): boolean {
    const buf = this.buf;
    // Worst case: UTF-8 takes at most 3 bytes per UTF-16 unit; a record varint at most 5 bytes.
    let worst = 16 + (key ? key.length + 5 : 1) + (typeof value === 'string' ? value.length * 3 : value.length) + 5;
    if (headers) for (const [k, v] of headers) worst += k.length + v.length * 3 + 10;
    if (this.pos + worst > this.capacity && !this.fitsExactly(key, value, headers)) return false;

    const start = this.pos;
    // The record's length prefix comes first but is known last: guess its size from the value,
    // write the body after it, and move the body if the guess was wrong (rare: non-ASCII text).
    const guess = varintSize(value.length + (key ? key.length : 0) + 8);
    let p = start + guess;
    buf[p++] = 0; // attributes
    buf[p++] = 0; // timestamp delta 0: every record takes the batch's timestamp
    p = writeVarint(buf, p, this.count); // offset delta
    if (key === null) buf[p++] = 1; // varint -1
    else {
      p = writeVarint(buf, p, key.length);
      p += key.copy(buf, p);
    }
    if (typeof value === 'string') p = writeString(buf, p, value);
    else {
      p = writeVarint(buf, p, value.length);
      buf.set(value, p);
      p += value.length;
    }
    if (headers === null) buf[p++] = 0;
    else {
      p = writeVarint(buf, p, headers.length);
      for (const [k, v] of headers) {
        p = writeVarint(buf, p, k.length);
        p += k.copy(buf, p);
        p = writeString(buf, p, v);
      }
    }
    const bodyLength = p - start - guess;
    const lengthSize = varintSize(bodyLength);
    if (lengthSize !== guess) {
      buf.copyWithin(start + lengthSize, start + guess, p);
      p += lengthSize - guess;
    }
    writeVarint(buf, start, bodyLength);
    this.pos = p;
    this.count++;
    return true;
  }

  /**
   * Starts a record (no headers) whose value the caller writes in place, at the returned position,
   * at most `maxValueBytes` of it, then ends with endValue(where it ended). -1 (nothing written)
   * when that may not fit. For values made straight into the batch (logs's generator), no copy.
   */
  beginValue(key: Buffer | null, maxValueBytes: number): number {
    if (this.pos + 24 + (key ? key.length : 0) + maxValueBytes > this.capacity) return -1;
    const buf = this.buf;
    // Both lengths are guessed at two varint bytes (bodies of 64 B to 8 KB), fixed up in endValue.
    let p = this.pos + 2;
    buf[p++] = 0; // attributes
    buf[p++] = 0; // timestamp delta 0
    p = writeVarint(buf, p, this.count); // offset delta
    if (key === null) buf[p++] = 1;
    else {
      p = writeVarint(buf, p, key.length);
      // A loop, not key.copy: for a key of a few bytes, Buffer#copy's checks cost more than the copy.
      for (let i = 0; i < key.length; i++) buf[p++] = key[i]!;
    }
    this.valueAt = p + 2;
    return this.valueAt;
  }

  endValue(end: number): void {
    const buf = this.buf;
    const start = this.pos;
    let valueAt = this.valueAt;
    const valueLength = end - valueAt;
    const valueSize = varintSize(valueLength);
    if (valueSize !== 2) {
      buf.copyWithin(valueAt - 2 + valueSize, valueAt, end);
      end += valueSize - 2;
      valueAt += valueSize - 2;
    }
    writeVarint(buf, valueAt - valueSize, valueLength);
    buf[end++] = 0; // no headers
    const bodyLength = end - start - 2;
    const lengthSize = varintSize(bodyLength);
    if (lengthSize !== 2) {
      buf.copyWithin(start + lengthSize, start + 2, end);
      end += lengthSize - 2;
    }
    writeVarint(buf, start, bodyLength);
    this.pos = end;
    this.count++;
  }

  /** The exact check, for records near the end of the buffer (UTF-8 rarely takes 3 bytes). */
  private fitsExactly(key: Buffer | null, value: string | Uint8Array, headers: ReadonlyArray<readonly [Buffer, string]> | null): boolean {
    const valueBytes = Buffer.byteLength(value);
    let body = 3 + varintSize(this.count) + (key ? varintSize(key.length) + key.length : 1) + varintSize(valueBytes) + valueBytes;
    if (headers) {
      for (const [k, v] of headers) {
        const vb = Buffer.byteLength(v);
        body += varintSize(k.length) + k.length + varintSize(vb) + vb;
      }
    }
    // A wrong length guess writes the body further on before moving it back: leave room for that.
    return this.pos + body + 10 <= this.capacity;
  }

  /** Writes the batch header and CRC; returns the batch (a view on this builder's buffer). */
  seal(identity: BatchIdentity = { producerId: -1, producerEpoch: -1, baseSequence: -1 }, compression = 0): Buffer {
    const buf = this.buf;
    const ts = BigInt(this.firstTimestamp);
    buf.writeBigInt64BE(0n, 0); // base offset: the broker assigns it
    buf.writeInt32BE(this.pos - LOG_OVERHEAD, 8);
    buf.writeInt32BE(0, 12); // partition leader epoch
    buf.writeInt8(2, 16); // magic
    buf.writeInt16BE(compression, 21);
    buf.writeInt32BE(this.count - 1, 23); // last offset delta
    buf.writeBigInt64BE(ts, 27);
    buf.writeBigInt64BE(ts, 35);
    buf.writeBigInt64BE(BigInt(identity.producerId), 43);
    buf.writeInt16BE(identity.producerEpoch, 51);
    buf.writeInt32BE(identity.baseSequence, 53);
    buf.writeInt32BE(this.count, 57);
    const batch = buf.subarray(0, this.pos);
    batch.writeUInt32BE(crc32c(batch, 21), 17);
    return batch;
  }

  /** Recomputes the CRC of a sealed batch whose producer fields were changed. */
  static recrc(batch: Buffer): void {
    batch.writeUInt32BE(crc32c(batch, 21), 17);
  }

  /** The records alone (after the header), for callers that compress them. */
  body(): Buffer {
    return this.buf.subarray(BATCH_HEADER_SIZE, this.pos);
  }
}

function writeVarint(buf: Buffer, p: number, v: number): number {
  let u = v >= 0 ? v * 2 : -v * 2 - 1;
  while (u >= 0x80) {
    buf[p++] = (u & 0x7f) | 0x80;
    u = Math.floor(u / 0x80);
  }
  buf[p++] = u;
  return p;
}

/** varint length + UTF-8 bytes of `s`, written in place; the length guessed from s.length first. */
function writeString(buf: Buffer, p: number, s: string): number {
  const guess = varintSize(s.length);
  const written = buf.write(s, p + guess, 'utf8');
  const size = varintSize(written);
  if (size !== guess) buf.copyWithin(p + size, p + guess, p + guess + written);
  p = writeVarint(buf, p, written);
  return p + written;
}
