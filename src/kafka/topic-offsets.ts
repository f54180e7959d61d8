// A topic's low and high watermarks through kafkajs's admin, with a guard for a gap in its metadata handling.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';

/**
 * kafkajs's fetchTopicOffsets throws a TypeError ("Cannot destructure property 'partitions' of
 * 'high.pop(...)'") when its cached metadata lists no leader for the topic's partitions, as for a
 * topic created a moment ago; its cache would keep that for minutes, so refresh it and ask again.
 */
export async function topicOffsets(admin: Admin, topic: string): ReturnType<Admin['fetchTopicOffsets']> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (err) {
      if (!(err instanceof TypeError) || attempt === 5) throw err;
      await sleep(100 * attempt);
      await admin.fetchTopicMetadata({ topics: [topic] });
    }
  }
}
