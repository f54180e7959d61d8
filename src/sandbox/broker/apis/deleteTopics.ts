// DeleteTopics (key 20): removes the topic, its segment files and groups' offsets for it.
import { Writer } from '../../../kafka/protocol/codec.js';
import type { ApiHandler } from './types.js';

export const deleteTopics: ApiHandler = {
  key: 20,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: Infinity,
  handle({ cluster }, r, version) {
    const names = r.array((r) => r.string()) ?? [];
    r.int32(); // timeout
    const w = new Writer();
    if (version >= 1) w.int32(0);
    w.array(names, (w, name) => w.string(name).int16(cluster.deleteTopic(name)));
    return w;
  },
};
