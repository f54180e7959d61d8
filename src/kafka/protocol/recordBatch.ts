// RecordBatch v2 codec: header parsing/validation for what the broker stores, and a full
// encoder/decoder (none and gzip) used for validation and by tests.
import { crc32c } from './crc32c.js';
import { Reader, Writer, ProtocolError } from './codec.js';
import { ErrorCode, type ErrorCodeValue } from './errors.js';

/** node:zlib, loaded when a batch is gzipped: `logs` builds batches through this module and
 * never compresses, and loading zlib was ~6 ms of its start-up. */
const zlib = () => process.getBuiltinModule('node:zlib');

export const BATCH_HEADER_SIZE = 61;
/** Bytes before the batchLength field's payload: baseOffset (8) + batchLength (4). */
export const LOG_OVERHEAD = 12;

export const Compression = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;

export interface BatchHeader {
  baseOffset: number;
  batchLength: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  firstTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

export interface RecordHeader { key: string; value: Buffer | null }
export interface KafkaRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export function readBatchHeader(buf: Buffer, at = 0): BatchHeader {
  return {
    baseOffset: Number(buf.readBigInt64BE(at)),
    batchLength: buf.readInt32BE(at + 8),
    magic: buf.readInt8(at + 16),
    crc: buf.readUInt32BE(at + 17),
    attributes: buf.readInt16BE(at + 21),
    lastOffsetDelta: buf.readInt32BE(at + 23),
    firstTimestamp: Number(buf.readBigInt64BE(at + 27)),
    maxTimestamp: Number(buf.readBigInt64BE(at + 35)),
    producerId: Number(buf.readBigInt64BE(at + 43)),
    producerEpoch: buf.readInt16BE(at + 51),
    baseSequence: buf.readInt32BE(at + 53),
    recordCount: buf.readInt32BE(at + 57),
  };
}

/** A validated batch as it arrived in a Produce request (one of possibly several). */
export interface IncomingBatch { header: BatchHeader; bytes: Buffer }

/**
 * Splits a produce payload into batches and validates each as Kafka does: magic 2, CRC32C,
 * supported compression, record count consistent with lastOffsetDelta.
 */
export function validateBatches(payload: Buffer): { batches: IncomingBatch[] } | { error: ErrorCodeValue } {
  const batches: IncomingBatch[] = [];
  let at = 0;
  while (at < payload.length) {
    if (payload.length - at < BATCH_HEADER_SIZE) return { error: ErrorCode.CORRUPT_MESSAGE };
    const magic = payload.readInt8(at + 16);
    if (magic !== 2) return { error: ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT };
    const header = readBatchHeader(payload, at);
    const size = LOG_OVERHEAD + header.batchLength;
    if (header.batchLength < BATCH_HEADER_SIZE - LOG_OVERHEAD || at + size > payload.length) {
      return { error: ErrorCode.CORRUPT_MESSAGE };
    }
    const bytes = payload.subarray(at, at + size);
    if (crc32c(bytes, 21) !== header.crc) return { error: ErrorCode.CORRUPT_MESSAGE };
    const codec = header.attributes & 0x07;
    if (codec !== Compression.none && codec !== Compression.gzip) {
      return { error: ErrorCode.UNSUPPORTED_COMPRESSION_TYPE };
    }
    if (header.recordCount < 1 || header.lastOffsetDelta !== header.recordCount - 1) {
      return { error: ErrorCode.INVALID_RECORD };
    }
    try {
      checkRecords(bytes, header);
    } catch {
      return { error: ErrorCode.CORRUPT_MESSAGE };
    }
    batches.push({ header, bytes });
    at += size;
  }
  if (batches.length === 0) return { error: ErrorCode.INVALID_RECORD };
  return { batches };
}

/**
 * Walks every record's fields as decodeRecords does, without copying keys, values or headers out:
 * the broker validates each produced batch, and copying a million records' bytes only to drop
 * them was most of what the sandbox allocated while `logs` produced.
 */
function checkRecords(batch: Buffer, header: BatchHeader): void {
  let body = batch.subarray(BATCH_HEADER_SIZE);
  if ((header.attributes & 0x07) === Compression.gzip) body = zlib().gunzipSync(body);
  else if ((header.attributes & 0x07) !== Compression.none) throw new ProtocolError('unsupported compression');
  const r = new Reader(body);
  const skip = () => {
    const n = r.varint();
    if (n > 0) r.skip(n);
  };
  for (let i = 0; i < header.recordCount; i++) {
    const length = r.varint();
    const end = r.offset + length;
    r.int8(); // attributes
    r.varint(); // timestamp delta
    r.varint(); // offset delta
    skip(); // key
    skip(); // value
    const headerCount = r.varint();
    for (let h = 0; h < headerCount; h++) {
      r.skip(r.varint());
      skip();
    }
    if (r.offset !== end) throw new ProtocolError('record length mismatch');
  }
  if (r.remaining !== 0) throw new ProtocolError('trailing bytes in batch');
}

function decodeRecords(batch: Buffer, header: BatchHeader): KafkaRecord[] {
  let body = batch.subarray(BATCH_HEADER_SIZE);
  if ((header.attributes & 0x07) === Compression.gzip) body = zlib().gunzipSync(body);
  else if ((header.attributes & 0x07) !== Compression.none) throw new ProtocolError('unsupported compression');
  const r = new Reader(body);
  const records: KafkaRecord[] = [];
  for (let i = 0; i < header.recordCount; i++) {
    const length = r.varint();
    const end = r.offset + length;
    r.int8(); // record attributes, unused
    const timestamp = header.firstTimestamp + r.varint();
    const offset = header.baseOffset + r.varint();
    const keyLength = r.varint();
    const key = keyLength < 0 ? null : Buffer.from(r.raw(keyLength));
    const valueLength = r.varint();
    const value = valueLength < 0 ? null : Buffer.from(r.raw(valueLength));
    const headers: RecordHeader[] = [];
    const headerCount = r.varint();
    for (let h = 0; h < headerCount; h++) {
      const hk = r.raw(r.varint()).toString('utf8');
      const hvLength = r.varint();
      headers.push({ key: hk, value: hvLength < 0 ? null : Buffer.from(r.raw(hvLength)) });
    }
    if (r.offset !== end) throw new ProtocolError('record length mismatch');
    records.push({ offset, timestamp, key, value, headers });
  }
  if (r.remaining !== 0) throw new ProtocolError('trailing bytes in batch');
  return records;
}

/** Decodes every batch in a fetched record set (whole batches only). */
export function decodeRecordSet(set: Buffer): KafkaRecord[] {
  const out: KafkaRecord[] = [];
  let at = 0;
  while (set.length - at >= BATCH_HEADER_SIZE) {
    const header = readBatchHeader(set, at);
    const size = LOG_OVERHEAD + header.batchLength;
    if (at + size > set.length) break;
    out.push(...decodeRecords(set.subarray(at, at + size), header));
    at += size;
  }
  return out;
}

export interface EncodeOptions {
  baseOffset?: number;
  compression?: number;
  timestamp?: number;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
}

export function encodeBatch(
  records: { key?: Buffer | string | null; value: Buffer | string | null; headers?: KafkaRecord["headers"] }[],
  opts: EncodeOptions = {},
): Buffer {
  const timestamp = opts.timestamp ?? Date.now();
  const body = new Writer(1024);
  records.forEach((rec, i) => {
    const w = new Writer(128);
    w.int8(0).varint(0).varint(i);
    const key = rec.key == null ? null : Buffer.from(rec.key);
    const value = rec.value == null ? null : Buffer.from(rec.value);
    if (key === null) w.varint(-1); else w.varint(key.length).raw(key);
    if (value === null) w.varint(-1); else w.varint(value.length).raw(value);
    const headers = rec.headers ?? [];
    w.varint(headers.length);
    for (const h of headers) {
      const hk = Buffer.from(h.key);
      w.varint(hk.length).raw(hk);
      if (h.value === null) w.varint(-1); else w.varint(h.value.length).raw(h.value);
    }
    const rb = w.toBuffer();
    body.varint(rb.length).raw(rb);
  });
  const compression = opts.compression ?? Compression.none;
  let payload = body.toBuffer();
  if (compression === Compression.gzip) payload = zlib().gzipSync(payload);
  else if (compression !== Compression.none) throw new Error('encoder supports none and gzip only');
  const w = new Writer(BATCH_HEADER_SIZE + payload.length);
  w.int64(opts.baseOffset ?? 0)
    .int32(BATCH_HEADER_SIZE - LOG_OVERHEAD + payload.length)
    .int32(0)
    .int8(2)
    .uint32(0)
    .int16(compression)
    .int32(records.length - 1)
    .int64(timestamp)
    .int64(timestamp)
    .int64(opts.producerId ?? -1)
    .int16(opts.producerEpoch ?? -1)
    .int32(opts.baseSequence ?? -1)
    .int32(records.length)
    .raw(payload);
  const out = Buffer.from(w.toBuffer());
  out.writeUInt32BE(crc32c(out, 21), 17);
  return out;
}
