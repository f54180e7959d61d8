// DescribeGroups (key 15): state, protocol and members (with metadata and assignments) of groups.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import { coordinatorError } from './groupAccess.js';
import type { ApiHandler } from './types.js';

const UNKNOWN_OPERATIONS = -2147483648;

export const describeGroups: ApiHandler = {
  key: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: Infinity,
  handle(ctx, r, version) {
    const ids = r.array((r) => r.string()) ?? [];
    if (version >= 3) r.bool(); // include authorized operations
    const w = new Writer();
    if (version >= 1) w.int32(0);
    w.array(ids, (w, id) => {
      const errorCode = coordinatorError(ctx, id, false);
      const group = errorCode === ErrorCode.NONE ? ctx.cluster.groups.get(id) : undefined;
      w.int16(errorCode).string(id).string(group?.state ?? 'Dead')
        .string(group?.protocolType ?? '').string(group?.protocolName ?? '');
      w.array(group?.describeMembers() ?? [], (w, m) => {
        w.string(m.memberId);
        if (version >= 4) w.nullableString(m.groupInstanceId);
        w.string(m.clientId).string(m.clientHost).bytes(m.metadata).bytes(m.assignment);
      });
      if (version >= 3) w.int32(UNKNOWN_OPERATIONS);
    });
    return w;
  },
};
