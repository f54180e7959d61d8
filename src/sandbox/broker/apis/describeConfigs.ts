// DescribeConfigs (key 32): topic configs (Kafka's defaults plus what CreateTopics set) and a
// few broker configs, with config sources as Kafka reports them.
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import type { Cluster } from '../cluster.js';
import type { ApiHandler } from './types.js';

const TOPIC = 2;
const BROKER = 4;
const SOURCE_DYNAMIC_TOPIC = 1;
const SOURCE_STATIC_BROKER = 4;
const SOURCE_DEFAULT = 5;

const TOPIC_DEFAULTS: Record<string, string> = {
  'cleanup.policy': 'delete',
  'compression.type': 'producer',
  'max.message.bytes': '1048588',
  'min.insync.replicas': '1',
  'retention.bytes': '-1',
  'retention.ms': '604800000',
  'segment.bytes': '1073741824',
};

interface ConfigEntry { name: string; value: string | null; readOnly: boolean; source: number }

function entriesFor(cluster: Cluster, type: number, name: string, nodeId: number): { errorCode: number; message: string | null; entries: ConfigEntry[] } {
  if (type === TOPIC) {
    const topic = cluster.topics.get(name);
    if (!topic) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, message: `Topic '${name}' does not exist.`, entries: [] };
    const names = new Set([...Object.keys(TOPIC_DEFAULTS), ...Object.keys(topic.configs)]);
    return {
      errorCode: ErrorCode.NONE, message: null,
      entries: [...names].sort().map((n) => n in topic.configs
        ? { name: n, value: topic.configs[n], readOnly: false, source: SOURCE_DYNAMIC_TOPIC }
        : { name: n, value: TOPIC_DEFAULTS[n], readOnly: false, source: SOURCE_DEFAULT }),
    };
  }
  if (type === BROKER) {
    if (name !== '' && name !== String(nodeId)) return { errorCode: ErrorCode.INVALID_REQUEST, message: 'Unexpected broker id', entries: [] };
    const entries: ConfigEntry[] = [
      { name: 'broker.id', value: String(nodeId), readOnly: true, source: SOURCE_STATIC_BROKER },
      { name: 'auto.create.topics.enable', value: String(cluster.opts.autoCreateTopics), readOnly: true, source: SOURCE_STATIC_BROKER },
      { name: 'default.replication.factor', value: String(cluster.opts.defaultReplicationFactor), readOnly: true, source: SOURCE_STATIC_BROKER },
      { name: 'num.partitions', value: String(cluster.opts.defaultPartitions), readOnly: true, source: SOURCE_STATIC_BROKER },
      { name: 'message.max.bytes', value: '1048588', readOnly: true, source: SOURCE_DEFAULT },
    ];
    return { errorCode: ErrorCode.NONE, message: null, entries };
  }
  return { errorCode: ErrorCode.INVALID_REQUEST, message: `Unsupported resource type ${type}`, entries: [] };
}

export const describeConfigs: ApiHandler = {
  key: 32,
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: Infinity,
  handle({ cluster, nodeId }, r, version) {
    const resources = r.array((r) => ({ type: r.int8(), name: r.string(), keys: r.array((r) => r.string()) })) ?? [];
    if (version >= 1) r.bool(); // include synonyms: we report none
    const w = new Writer();
    w.int32(0);
    w.array(resources, (w, res) => {
      const found = entriesFor(cluster, res.type, res.name, nodeId);
      const entries = res.keys === null ? found.entries : found.entries.filter((e) => res.keys?.includes(e.name));
      w.int16(found.errorCode).nullableString(found.message).int8(res.type).string(res.name);
      w.array(entries, (w, e) => {
        w.string(e.name).nullableString(e.value).bool(e.readOnly);
        if (version === 0) w.bool(e.source === SOURCE_DEFAULT);
        else w.int8(e.source);
        w.bool(false);
        if (version >= 1) w.array([], () => {});
      });
    });
    return w;
  },
};
