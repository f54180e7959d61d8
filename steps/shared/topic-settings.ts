// Whether a topic the walk did not create keeps the tutorial's records. The walk counts what it
// already produced by reading the topic back (resume after a stop, a reset of a produce step): a
// topic that drops records makes it send them again, and the table gets duplicates.
import type { KafkaPort, TopicRetention } from '../../src/engine/ports.js';

/** Shorter than this, records can expire while a walk still needs them: one sitting (produce, the
 * connector's hand-off of up to 30 minutes, verify) fits in an hour; Kafka's default is 7 days. */
export const MIN_RETENTION_MS = 60 * 60 * 1000;
/** Per partition; the tutorial's records are a few hundred KB in all. Kafka's default is no limit. */
export const MIN_RETENTION_BYTES = 1024 * 1024;

/** What about an existing topic's settings loses records, read from Kafka; empty when nothing does, or when the user may not read them. */
export async function topicLosesRecords(kafka: KafkaPort, topic: string): Promise<string[]> {
  const retention = await kafka.topicRetention(topic);
  return retention ? retentionProblems(topic, retention) : [];
}

/** What about the topic's settings loses records, one line each; empty when nothing does. */
export function retentionProblems(topic: string, r: TopicRetention): string[] {
  const problems: string[] = [];
  if (r.cleanupPolicy.split(',').map((p) => p.trim()).includes('compact')) {
    problems.push(`topic "${topic}" has cleanup.policy=${r.cleanupPolicy}: compaction keeps only the last record of each key, so the walk's records disappear and a resumed walk sends them again (duplicate rows)`);
  }
  if (r.retentionMs >= 0 && r.retentionMs < MIN_RETENTION_MS) {
    problems.push(`topic "${topic}" keeps records for ${duration(r.retentionMs)} (retention.ms=${r.retentionMs}); the walk needs them for at least an hour`);
  }
  if (r.retentionBytes >= 0 && r.retentionBytes < MIN_RETENTION_BYTES) {
    problems.push(`topic "${topic}" keeps at most ${r.retentionBytes} bytes per partition (retention.bytes); the walk needs at least 1 MiB`);
  }
  return problems;
}

/** What to do about them, never done by the wizard: the topic is the user's. */
export function retentionFix(topic: string): string {
  return `Use another topic name (--topic or KAFKA_TOPIC), or change it yourself (rpk topic alter-config ${topic} --set cleanup.policy=delete --set retention.ms=604800000 --set retention.bytes=-1) and run again. The wizard never changes a topic it did not create.`;
}

function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
