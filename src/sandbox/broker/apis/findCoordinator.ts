// FindCoordinator (key 10): the broker that coordinates a group (a stable hash of its id).
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import type { ApiHandler } from './types.js';

export const findCoordinator: ApiHandler = {
  key: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: Infinity,
  handle({ cluster }, r, version) {
    const key = r.string();
    if (version >= 1) r.int8(); // key type: group or transaction, both hashed the same way
    const broker = cluster.brokers[cluster.coordinatorFor(key)];
    const w = new Writer();
    if (version >= 1) w.int32(0);
    w.int16(ErrorCode.NONE);
    if (version >= 1) w.nullableString(null);
    w.int32(broker.nodeId).string(broker.host).int32(broker.port);
    return w;
  },
};
