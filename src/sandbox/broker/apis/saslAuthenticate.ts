// SaslAuthenticate (key 36): one step of the mechanism chosen by SaslHandshake. A failure is
// answered with Kafka's generic message, then the connection is closed.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import type { ApiHandler } from './types.js';

export const saslAuthenticate: ApiHandler = {
  key: 36,
  name: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: Infinity,
  handle({ conn }, r, version) {
    const token = Buffer.from(r.bytes());
    const w = new Writer();
    const finish = (errorCode: number, message: string | null, bytes: Buffer): Writer => {
      w.int16(errorCode).nullableString(message).bytes(bytes);
      if (version >= 1) w.int64(0);
      return w;
    };
    if (!conn.sasl || conn.authenticated) {
      conn.closeAfterResponse = true;
      return finish(ErrorCode.ILLEGAL_SASL_STATE, 'Unexpected SaslAuthenticate request', Buffer.alloc(0));
    }
    const step = conn.sasl.step(token);
    if (step.error) {
      conn.closeAfterResponse = true;
      return finish(ErrorCode.SASL_AUTHENTICATION_FAILED, step.error, Buffer.alloc(0));
    }
    if (step.done) conn.authenticated = true;
    return finish(ErrorCode.NONE, null, step.response);
  },
};
