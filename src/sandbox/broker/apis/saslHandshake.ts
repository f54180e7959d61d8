// SaslHandshake (key 17): picks the mechanism for this connection.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import type { SaslMechanism } from '../cluster.js';
import { createSaslSession } from './saslSession.js';
import type { ApiHandler } from './types.js';

export const saslHandshake: ApiHandler = {
  key: 17,
  name: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: Infinity,
  handle({ cluster, conn }, r, version) {
    const mechanism = r.string();
    const sasl = cluster.opts.sasl;
    const offered = sasl?.mechanisms ?? [];
    const w = new Writer();
    if (!sasl || conn.authenticated || conn.sasl) {
      conn.closeAfterResponse = true;
      return w.int16(ErrorCode.ILLEGAL_SASL_STATE).array(offered, (w, m) => w.string(m));
    }
    if (!offered.includes(mechanism as SaslMechanism)) {
      return w.int16(ErrorCode.UNSUPPORTED_SASL_MECHANISM).array(offered, (w, m) => w.string(m));
    }
    conn.sasl = createSaslSession(mechanism as SaslMechanism, sasl.users);
    conn.saslHandshakeVersion = version;
    return w.int16(ErrorCode.NONE).array(offered, (w, m) => w.string(m));
  },
};
