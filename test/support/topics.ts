// Topics made straight through kafkajs in tests against real Apache Kafka.
import type { Admin, ITopicConfig } from 'kafkajs';

/**
 * CreateTopics, then until every partition has a leader. Not kafkajs's waitForLeaders: it retries
 * only LEADER_NOT_AVAILABLE, and a KRaft broker that has not applied the new topic yet answers
 * UNKNOWN_TOPIC_OR_PARTITION (three scenarios failed at once that way on a loaded machine).
 */
export async function createTopicsLed(admin: Admin, topics: ITopicConfig[]): Promise<boolean> {
  const created = await admin.createTopics({ topics });
  const names = topics.map((t) => t.topic);
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics: names });
      if (described.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return created;
    } catch {
      // Not known to the answering broker yet: look again.
    }
    if (Date.now() > until) throw new Error(`gave up waiting for the leaders of ${names.join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
