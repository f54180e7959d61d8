// Shared lookup for partition-level requests: the partition, or the error Kafka answers with.
import type { Cluster, Partition } from '../cluster.js';
import { ErrorCode, type ErrorCodeValue } from '../../../kafka/protocol/errors.js';

export function leaderPartition(cluster: Cluster, nodeId: number, topic: string, index: number):
  { partition: Partition } | { error: ErrorCodeValue } {
  const t = cluster.topics.get(topic);
  const partition = t?.partitions[index];
  if (!partition) return { error: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
  if (partition.leader !== nodeId) return { error: ErrorCode.NOT_LEADER_OR_FOLLOWER };
  return { partition };
}
