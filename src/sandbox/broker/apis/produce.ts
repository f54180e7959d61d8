// Produce (key 0): RecordBatch v2 only (v3+), validated (CRC32C, compression, sequence) and
// appended to the partition leader's log. acks=0 gets no response, as in Kafka.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode, type ErrorCodeValue } from '../../../kafka/protocol/errors.js';
import { validateBatches } from '../../../kafka/protocol/recordBatch.js';
import { leaderPartition } from './partitionAccess.js';
import type { ApiHandler } from './types.js';

/** Kafka's default message.max.bytes. */
const MAX_BATCH_BYTES = 1048588;

interface PartitionResult { index: number; errorCode: ErrorCodeValue; baseOffset: number; logStartOffset: number; message: string | null }

export const produce: ApiHandler = {
  key: 0,
  name: 'Produce',
  minVersion: 3,
  maxVersion: 8,
  flexibleFrom: Infinity,
  handle({ cluster, nodeId }, r, version) {
    r.nullableString(); // transactional id: we offer no transactions, so clients never set one
    const acks = r.int16();
    r.int32(); // timeout: appends are synchronous
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => ({ index: r.int32(), records: r.nullableBytes() })) ?? [],
    })) ?? [];

    let appended = false;
    const results = topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p): PartitionResult => {
        const fail = (errorCode: ErrorCodeValue, message: string | null = null): PartitionResult =>
          ({ index: p.index, errorCode, baseOffset: -1, logStartOffset: -1, message });
        if (acks !== 0 && acks !== 1 && acks !== -1) return fail(ErrorCode.INVALID_REQUIRED_ACKS);
        const found = leaderPartition(cluster, nodeId, t.name, p.index);
        if ('error' in found) return fail(found.error);
        const log = found.partition.log;
        if (!p.records || p.records.length === 0) return fail(ErrorCode.CORRUPT_MESSAGE);
        const validated = validateBatches(p.records);
        if ('error' in validated) return fail(validated.error);
        if (validated.batches.some((b) => b.bytes.length > MAX_BATCH_BYTES)) return fail(ErrorCode.MESSAGE_TOO_LARGE);
        if (validated.batches.length === 1) {
          const check = log.checkSequence(validated.batches[0].header);
          if (check.kind === 'error') return fail(check.code);
          if (check.kind === 'duplicate') return { index: p.index, errorCode: ErrorCode.NONE, baseOffset: check.baseOffset, logStartOffset: log.logStartOffset, message: null };
        } else if (validated.batches.some((b) => b.header.producerId >= 0)) {
          return fail(ErrorCode.INVALID_RECORD, 'Idempotent producers send one batch per partition');
        }
        const baseOffset = log.append(validated.batches);
        appended = true;
        return { index: p.index, errorCode: ErrorCode.NONE, baseOffset, logStartOffset: log.logStartOffset, message: null };
      }),
    }));
    if (appended) cluster.notifyAppend();
    if (acks === 0) return null;

    const w = new Writer();
    w.array(results, (w, t) => {
      w.string(t.name);
      w.array(t.partitions, (w, p) => {
        w.int32(p.index).int16(p.errorCode).int64(p.baseOffset).int64(-1);
        if (version >= 5) w.int64(p.logStartOffset);
        if (version >= 8) w.array([], () => {}).nullableString(p.message);
      });
    });
    w.int32(0);
    return w;
  },
};
