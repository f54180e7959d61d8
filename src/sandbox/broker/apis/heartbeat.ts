// Heartbeat (key 12): keeps a member's session alive and tells it when to rejoin.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import { coordinatorError } from './groupAccess.js';
import type { ApiHandler } from './types.js';

export const heartbeat: ApiHandler = {
  key: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: Infinity,
  handle(ctx, r, version) {
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    if (version >= 3) r.nullableString(); // group instance id
    let errorCode = coordinatorError(ctx, groupId);
    if (errorCode === ErrorCode.NONE) {
      const group = ctx.cluster.groups.get(groupId);
      errorCode = group ? group.heartbeat(memberId, generationId) : ErrorCode.UNKNOWN_MEMBER_ID;
    }
    const w = new Writer();
    if (version >= 1) w.int32(0);
    return w.int16(errorCode);
  },
};
