// SyncGroup (key 14): the leader hands out assignments; everyone waits for theirs.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import type { SyncResult } from '../groups/group.js';
import { coordinatorError } from './groupAccess.js';
import type { ApiHandler } from './types.js';

export const syncGroup: ApiHandler = {
  key: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: Infinity,
  async handle(ctx, r, version) {
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    if (version >= 3) r.nullableString(); // group instance id
    const assignments = r.array((r) => ({ memberId: r.string(), assignment: Buffer.from(r.bytes()) })) ?? [];

    let result: SyncResult;
    const refused = coordinatorError(ctx, groupId);
    const group = ctx.cluster.groups.get(groupId);
    if (refused !== ErrorCode.NONE) result = { errorCode: refused, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) };
    else if (!group) result = { errorCode: ErrorCode.UNKNOWN_MEMBER_ID, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) };
    else result = await group.sync(memberId, generationId, assignments);

    const w = new Writer();
    if (version >= 1) w.int32(0);
    w.int16(result.errorCode).bytes(result.assignment);
    return w;
  },
};
