// DeleteGroups (key 42): only groups without members can go, as in Kafka.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode, type ErrorCodeValue } from '../../../kafka/protocol/errors.js';
import { coordinatorError } from './groupAccess.js';
import type { ApiHandler } from './types.js';

export const deleteGroups: ApiHandler = {
  key: 42,
  name: 'DeleteGroups',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: Infinity,
  handle(ctx, r) {
    const ids = r.array((r) => r.string()) ?? [];
    const results = ids.map((id) => {
      let errorCode: ErrorCodeValue = coordinatorError(ctx, id);
      if (errorCode === ErrorCode.NONE) {
        const group = ctx.cluster.groups.get(id);
        if (!group) errorCode = ErrorCode.GROUP_ID_NOT_FOUND;
        else if (!group.isEmpty) errorCode = ErrorCode.NON_EMPTY_GROUP;
        else ctx.cluster.groups.delete(id);
      }
      return { id, errorCode };
    });
    const w = new Writer();
    w.int32(0);
    w.array(results, (w, res) => w.string(res.id).int16(res.errorCode));
    return w;
  },
};
