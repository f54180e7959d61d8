// CreateTopics (key 19): validated like Kafka (names, partitions, replication ≤ 3 brokers).
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode } from '../../../kafka/protocol/errors.js';
import type { ApiHandler } from './types.js';

export const createTopics: ApiHandler = {
  key: 19,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: Infinity,
  handle({ cluster }, r, version) {
    const topics = r.array((r) => ({
      name: r.string(),
      numPartitions: r.int32(),
      replicationFactor: r.int16(),
      assignments: r.array((r) => ({ partition: r.int32(), brokers: r.array((r) => r.int32()) ?? [] })) ?? [],
      configs: r.array((r) => ({ name: r.string(), value: r.nullableString() })) ?? [],
    })) ?? [];
    r.int32(); // timeout
    const validateOnly = version >= 1 ? r.bool() : false;

    const seen = new Map<string, number>();
    for (const t of topics) seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
    const results = topics.map((t) => {
      if ((seen.get(t.name) ?? 0) > 1) return { name: t.name, errorCode: ErrorCode.INVALID_REQUEST, message: 'Create topics request from client contains duplicate topic' };
      let partitions = t.numPartitions;
      let rf = t.replicationFactor;
      if (t.assignments.length > 0) {
        // Explicit assignment: Kafka requires -1 for both counts; we honour the shape it gives.
        if (partitions !== -1 || rf !== -1) return { name: t.name, errorCode: ErrorCode.INVALID_REQUEST, message: 'Both numPartitions or replicationFactor and replicasAssignments were set.' };
        const sizes = new Set(t.assignments.map((a) => a.brokers.length));
        const validBrokers = t.assignments.every((a) => a.brokers.every((b) => b >= 0 && b < 3) && new Set(a.brokers).size === a.brokers.length);
        if (sizes.size !== 1 || !validBrokers) return { name: t.name, errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, message: 'Invalid replica assignment.' };
        partitions = t.assignments.length;
        rf = t.assignments[0].brokers.length;
      }
      const configs: Record<string, string> = {};
      for (const c of t.configs) if (c.value !== null) configs[c.name] = c.value;
      const assignment = t.assignments.length > 0 ? [...t.assignments].sort((a, b) => a.partition - b.partition).map((a) => a.brokers) : undefined;
      const res = cluster.createTopic(t.name, partitions, rf, configs, validateOnly, assignment);
      return { name: t.name, errorCode: res.errorCode, message: res.message };
    });

    const w = new Writer();
    if (version >= 2) w.int32(0);
    w.array(results, (w, res) => {
      w.string(res.name).int16(res.errorCode);
      if (version >= 1) w.nullableString(res.message);
    });
    return w;
  },
};
