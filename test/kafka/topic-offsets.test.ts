// kafkajs's fetchTopicOffsets fails with a TypeError while its metadata has no leaders for a new
// topic (seen in `room status` right after a topic was made): we refresh the metadata and ask again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topicOffsets } from '../../src/kafka/topic-offsets.js';

type Admin = Parameters<typeof topicOffsets>[0];

function admin(failures: number, error: () => Error = () => new TypeError("Cannot destructure property 'partitions' of 'high.pop(...)' as it is undefined.")) {
  const calls = { offsets: 0, metadata: 0 };
  const fake = {
    async fetchTopicOffsets() {
      calls.offsets++;
      if (calls.offsets <= failures) throw error();
      return [{ partition: 0, offset: '5', high: '5', low: '0' }];
    },
    async fetchTopicMetadata() {
      calls.metadata++;
      return { topics: [] };
    },
  };
  return { admin: fake as unknown as Admin, calls };
}

test('a TypeError from stale metadata: refresh it and ask again', async () => {
  const { admin: a, calls } = admin(2);
  assert.deepEqual(await topicOffsets(a, 't'), [{ partition: 0, offset: '5', high: '5', low: '0' }]);
  assert.deepEqual(calls, { offsets: 3, metadata: 2 });
});

test('it gives up after five tries, and other errors pass straight through', async () => {
  await assert.rejects(topicOffsets(admin(9).admin, 't'), TypeError);
  const other = admin(1, () => new Error('This server does not host this topic-partition'));
  await assert.rejects(topicOffsets(other.admin, 't'), /does not host/);
  assert.equal(other.calls.offsets, 1);
});
