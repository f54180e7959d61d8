// JoinGroup (key 11): parks the member until the group's join phase completes (see groups/group.ts).
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import type { JoinResult } from '../groups/group.js';
import { coordinatorError } from './groupAccess.js';
import type { ApiHandler } from './types.js';

export const joinGroup: ApiHandler = {
  key: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: Infinity,
  async handle(ctx, r, version) {
    const groupId = r.string();
    const sessionTimeoutMs = r.int32();
    const rebalanceTimeoutMs = version >= 1 ? r.int32() : sessionTimeoutMs;
    const memberId = r.string();
    const groupInstanceId = version >= 5 ? r.nullableString() : null;
    const protocolType = r.string();
    const protocols = r.array((r) => ({ name: r.string(), metadata: Buffer.from(r.bytes()) })) ?? [];

    const fail = (errorCode: JoinResult['errorCode']): JoinResult =>
      ({ errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId, members: [] });
    const { minSessionTimeoutMs, maxSessionTimeoutMs } = ctx.cluster.opts;
    let result: JoinResult;
    const refused = coordinatorError(ctx, groupId);
    if (refused !== ErrorCode.NONE) result = fail(refused);
    else if (groupInstanceId !== null) result = fail(ErrorCode.INVALID_REQUEST); // static membership not offered
    else if (sessionTimeoutMs < minSessionTimeoutMs || sessionTimeoutMs > maxSessionTimeoutMs) result = fail(ErrorCode.INVALID_SESSION_TIMEOUT);
    else {
      result = await ctx.cluster.groups.getOrCreate(groupId).join({
        memberId, groupInstanceId, clientId: ctx.header.clientId ?? '', clientHost: ctx.conn.clientHost,
        sessionTimeoutMs, rebalanceTimeoutMs, protocolType, protocols, requireKnownMemberId: version >= 4,
      });
    }

    const w = new Writer();
    if (version >= 2) w.int32(0);
    w.int16(result.errorCode).int32(result.generationId).string(result.protocolName ?? '')
      .string(result.leader).string(result.memberId);
    w.array(result.members, (w, m) => {
      w.string(m.memberId);
      if (version >= 5) w.nullableString(m.groupInstanceId);
      w.bytes(m.metadata);
    });
    return w;
  },
};
