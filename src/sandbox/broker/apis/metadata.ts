// Metadata (key 3): the three brokers, and topics with leaders, replicas and ISR.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import type { Topic } from '../cluster.js';
import type { ApiHandler } from './types.js';

const UNKNOWN_OPERATIONS = -2147483648;

export const metadata: ApiHandler = {
  key: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 8,
  flexibleFrom: Infinity,
  handle({ cluster }, r, version) {
    let requested = r.array((r) => r.string());
    if (version === 0 && requested?.length === 0) requested = null; // v0: empty means all
    const allowAutoCreate = version >= 4 ? r.bool() : true;
    if (version >= 8) { r.bool(); r.bool(); }

    const answers: { name: string; errorCode: number; topic?: Topic }[] = [];
    if (requested === null) {
      for (const topic of cluster.topics.values()) answers.push({ name: topic.name, errorCode: ErrorCode.NONE, topic });
    } else {
      for (const name of requested) {
        if (!/^[a-zA-Z0-9._-]{1,249}$/.test(name)) { answers.push({ name, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION }); continue; }
        const topic = cluster.topicOrAutoCreate(name, allowAutoCreate);
        answers.push(topic ? { name, errorCode: ErrorCode.NONE, topic } : { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
      }
    }

    const w = new Writer(512);
    if (version >= 3) w.int32(0);
    w.array(cluster.brokers, (w, b) => {
      w.int32(b.nodeId).string(b.host).int32(b.port);
      if (version >= 1) w.nullableString(null);
    });
    if (version >= 2) w.nullableString(cluster.clusterId);
    if (version >= 1) w.int32(0); // controller
    w.array(answers, (w, a) => {
      w.int16(a.errorCode).string(a.name);
      if (version >= 1) w.bool(false);
      w.array(a.topic?.partitions ?? [], (w, p) => {
        w.int16(ErrorCode.NONE).int32(p.index).int32(p.leader);
        if (version >= 7) w.int32(0);
        w.array(p.replicas, (w, n) => w.int32(n));
        w.array(p.replicas, (w, n) => w.int32(n)); // every replica is in sync: they share one log
        if (version >= 5) w.array([], () => {});
      });
      if (version >= 8) w.int32(UNKNOWN_OPERATIONS);
    });
    if (version >= 8) w.int32(UNKNOWN_OPERATIONS);
    return w;
  },
};
