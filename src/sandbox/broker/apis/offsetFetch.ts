// OffsetFetch (key 9): a group's committed offsets; -1 where nothing was committed.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import { coordinatorError } from './groupAccess.js';
import type { ApiHandler } from './types.js';

export const offsetFetch: ApiHandler = {
  key: 9,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: Infinity,
  handle(ctx, r, version) {
    const groupId = r.string();
    const requested = r.array((r) => ({ name: r.string(), partitions: r.array((r) => r.int32()) ?? [] }));
    const errorCode = coordinatorError(ctx, groupId, false);
    const group = errorCode === ErrorCode.NONE ? ctx.cluster.groups.get(groupId) : undefined;

    // null topics (v2+) means every committed offset of the group.
    const topics = requested ?? [...(group?.offsets ?? new Map())].map(([name, byPartition]) => ({ name, partitions: [...byPartition.keys()] }));
    const w = new Writer();
    if (version >= 3) w.int32(0);
    w.array(topics, (w, t) => {
      w.string(t.name);
      w.array(t.partitions, (w, index) => {
        const c = group?.offsets.get(t.name)?.get(index);
        w.int32(index).int64(c?.offset ?? -1);
        if (version >= 5) w.int32(c?.leaderEpoch ?? -1);
        w.nullableString(c ? c.metadata : '').int16(version < 2 ? errorCode : ErrorCode.NONE);
      });
    });
    if (version >= 2) w.int16(errorCode);
    return w;
  },
};
