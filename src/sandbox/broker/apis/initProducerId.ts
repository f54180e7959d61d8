// InitProducerId (key 22): hands idempotent producers a fresh producer id (epoch 0).
// Transactions are not offered (no AddPartitionsToTxn/EndTxn), so a transactional id is refused.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import type { ApiHandler } from './types.js';

const TRANSACTIONAL_ID_AUTHORIZATION_FAILED = 53;

export const initProducerId: ApiHandler = {
  key: 22,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: Infinity,
  handle({ cluster }, r) {
    const transactionalId = r.nullableString();
    r.int32(); // transaction timeout
    const w = new Writer();
    w.int32(0);
    if (transactionalId !== null) return w.int16(TRANSACTIONAL_ID_AUTHORIZATION_FAILED).int64(-1).int16(-1);
    return w.int16(ErrorCode.NONE).int64(cluster.allocateProducerId()).int16(0);
  },
};
