// LeaveGroup (key 13): members leave (one per request before v3, a list from v3); the rest rebalance.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode, type ErrorCodeValue } from '../../../kafka/protocol/errors.js';
import { coordinatorError } from './groupAccess.js';
import type { ApiHandler } from './types.js';

export const leaveGroup: ApiHandler = {
  key: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: Infinity,
  handle(ctx, r, version) {
    const groupId = r.string();
    const leaving = version >= 3
      ? r.array((r) => ({ memberId: r.string(), groupInstanceId: r.nullableString() })) ?? []
      : [{ memberId: r.string(), groupInstanceId: null }];

    let errorCode = coordinatorError(ctx, groupId);
    const group = ctx.cluster.groups.get(groupId);
    const results: { memberId: string; groupInstanceId: string | null; errorCode: ErrorCodeValue }[] = [];
    if (errorCode === ErrorCode.NONE) {
      for (const m of leaving) results.push({ ...m, errorCode: group ? group.leave(m.memberId) : ErrorCode.UNKNOWN_MEMBER_ID });
      if (version < 3) errorCode = results[0].errorCode;
    }

    const w = new Writer();
    if (version >= 1) w.int32(0);
    w.int16(errorCode);
    if (version >= 3) w.array(results, (w, m) => w.string(m.memberId).nullableString(m.groupInstanceId).int16(m.errorCode));
    return w;
  },
};
