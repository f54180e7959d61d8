// ListOffsets (key 2): earliest (-2), latest (-1) or the first offset at/after a timestamp.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode, type ErrorCodeValue } from '../../../kafka/protocol/errors.js';
import { leaderPartition } from './partitionAccess.js';
import type { ApiHandler } from './types.js';

const LATEST = -1;
const EARLIEST = -2;

export const listOffsets: ApiHandler = {
  key: 2,
  name: 'ListOffsets',
  minVersion: 1,
  maxVersion: 5,
  flexibleFrom: Infinity,
  handle({ cluster, nodeId }, r, version) {
    r.int32(); // replica id
    if (version >= 2) r.int8(); // isolation level
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => {
        const index = r.int32();
        if (version >= 4) r.int32(); // current leader epoch
        return { index, timestamp: r.int64n() };
      }) ?? [],
    })) ?? [];

    const w = new Writer();
    if (version >= 2) w.int32(0);
    w.array(topics, (w, t) => {
      w.string(t.name);
      w.array(t.partitions, (w, p) => {
        let errorCode: ErrorCodeValue = ErrorCode.NONE;
        let offset = -1;
        let timestamp = -1;
        const found = leaderPartition(cluster, nodeId, t.name, p.index);
        if ('error' in found) errorCode = found.error;
        else if (p.timestamp === LATEST) offset = found.partition.log.nextOffset;
        else if (p.timestamp === EARLIEST) offset = found.partition.log.logStartOffset;
        else if (p.timestamp < 0) errorCode = ErrorCode.INVALID_REQUEST;
        else {
          const at = found.partition.log.offsetForTimestamp(p.timestamp);
          if (at !== null) { offset = at; timestamp = p.timestamp; }
        }
        w.int32(p.index).int16(errorCode).int64(timestamp).int64(offset);
        if (version >= 4) w.int32(errorCode === ErrorCode.NONE ? 0 : -1);
      });
    });
    return w;
  },
};
