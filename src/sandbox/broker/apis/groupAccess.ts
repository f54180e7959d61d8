// Shared check for group requests: only the group's coordinator broker answers for it.
import { ErrorCode, type ErrorCodeValue } from '../../../kafka/protocol/errors.js';
import type { RequestContext } from './types.js';

export function coordinatorError(ctx: RequestContext, groupId: string, requireId = true): ErrorCodeValue {
  if (requireId && groupId === '') return ErrorCode.INVALID_GROUP_ID;
  if (ctx.cluster.coordinatorFor(groupId) !== ctx.nodeId) return ErrorCode.NOT_COORDINATOR;
  return ErrorCode.NONE;
}
