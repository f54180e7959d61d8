// ListGroups (key 16): groups this broker coordinates (clients ask every broker).
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import type { ApiHandler } from './types.js';

export const listGroups: ApiHandler = {
  key: 16,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: Infinity,
  handle({ cluster, nodeId }, _r, version) {
    const mine = cluster.groups.all().filter((g) => cluster.coordinatorFor(g.groupId) === nodeId && g.state !== 'Dead');
    const w = new Writer();
    if (version >= 1) w.int32(0);
    w.int16(ErrorCode.NONE);
    w.array(mine, (w, g) => w.string(g.groupId).string(g.protocolType ?? ''));
    return w;
  },
};
