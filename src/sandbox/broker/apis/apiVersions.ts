// ApiVersions (key 18): which APIs and versions this broker implements. A version we do not
// know is answered in v0 form with UNSUPPORTED_VERSION and our list, so clients can downgrade.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import type { ApiHandler } from './types.js';

export const apiVersions: ApiHandler = {
  key: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 3,
  handle(ctx, r, version) {
    const w = new Writer();
    const apis = [...ctx.apis].sort((a, b) => a.key - b.key);
    if (version > this.maxVersion) {
      w.int16(ErrorCode.UNSUPPORTED_VERSION);
      w.array(apis, (w, a) => w.int16(a.key).int16(a.minVersion).int16(a.maxVersion));
      return w;
    }
    if (version >= 3) {
      r.compactString(); // client software name
      r.compactString(); // client software version
      r.taggedFields();
      w.int16(ErrorCode.NONE);
      w.compactArray(apis, (w, a) => w.int16(a.key).int16(a.minVersion).int16(a.maxVersion).emptyTaggedFields());
      w.int32(0).emptyTaggedFields();
      return w;
    }
    w.int16(ErrorCode.NONE);
    w.array(apis, (w, a) => w.int16(a.key).int16(a.minVersion).int16(a.maxVersion));
    if (version >= 1) w.int32(0);
    return w;
  },
};
