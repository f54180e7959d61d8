// OffsetCommit (key 8): stores a group's committed offsets (persisted by the group registry).
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode, type ErrorCodeValue } from '../../../kafka/protocol/errors.js';
import { coordinatorError } from './groupAccess.js';
import type { ApiHandler } from './types.js';

export const offsetCommit: ApiHandler = {
  key: 8,
  name: 'OffsetCommit',
  minVersion: 0,
  maxVersion: 7,
  flexibleFrom: Infinity,
  handle(ctx, r, version) {
    const groupId = r.string();
    const generationId = version >= 1 ? r.int32() : -1;
    const memberId = version >= 1 ? r.string() : '';
    if (version >= 7) r.nullableString(); // group instance id
    if (version >= 2 && version <= 4) r.int64(); // retention time
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => {
        const index = r.int32();
        const offset = r.int64n();
        const leaderEpoch = version >= 6 ? r.int32() : -1;
        if (version === 1) r.int64(); // commit timestamp
        return { index, offset, leaderEpoch, metadata: r.nullableString() };
      }) ?? [],
    })) ?? [];

    let groupError = coordinatorError(ctx, groupId);
    const existing = ctx.cluster.groups.get(groupId);
    if (groupError === ErrorCode.NONE) {
      if (existing) groupError = existing.canCommit(memberId, generationId);
      else if (generationId >= 0) groupError = ErrorCode.ILLEGAL_GENERATION;
    }
    const group = groupError === ErrorCode.NONE ? ctx.cluster.groups.getOrCreate(groupId) : undefined;
    const results = topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        let errorCode: ErrorCodeValue = groupError;
        if (group) {
          if (!ctx.cluster.topics.get(t.name)?.partitions[p.index]) errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
          else group.commit(t.name, p.index, { offset: p.offset, leaderEpoch: p.leaderEpoch, metadata: p.metadata });
        }
        return { index: p.index, errorCode };
      }),
    }));
    group?.commitDone();

    const w = new Writer();
    if (version >= 3) w.int32(0);
    w.array(results, (w, t) => {
      w.string(t.name);
      w.array(t.partitions, (w, p) => w.int32(p.index).int16(p.errorCode));
    });
    return w;
  },
};
