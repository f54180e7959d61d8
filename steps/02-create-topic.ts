// The tutorial's `rpk topic create application-logs --partitions 3 --replicas 3`, made safe to
// repeat: an existing topic with the same partition count is fine; another count is drift that
// only a person may resolve (the wizard never deletes a topic without asking). So is a topic that
// drops records (compaction, a short retention): the walk reads the topic back to resume, and
// would send lost records again.
import type { Step, StepContext } from '../src/engine/step.js';
import { StepFailure } from '../src/engine/step.js';
import { retentionFix, topicLosesRecords } from './shared/topic-settings.js';

export interface CreateTopicOut {
  topic: string;
  partitions: number;
  replicationFactor: number;
  created: boolean;
}

export const createTopic: Step<CreateTopicOut> = {
  id: 'create-topic',
  title: 'Create the Kafka topic',
  explain:
    'Creates the topic the connector reads, with 3 partitions for parallelism and as many replicas as the cluster allows (3, or fewer brokers).',
  manual: (ctx) => `rpk topic create ${ctx.config.kafka.topic} --partitions ${ctx.config.partitions} --replicas 3`,
  async check(ctx) {
    const { topic } = ctx.config.kafka;
    const found = await ctx.kafka.describeTopic(topic);
    if (!found) return { state: 'pending', reason: `topic "${topic}" does not exist yet` };
    if (found.partitions !== ctx.config.partitions) return mismatch(topic, found.partitions, ctx.config.partitions);
    const losing = await losesRecords(ctx, topic);
    if (losing) return losing;
    return { state: 'done', summary: `${topic}: ${found.partitions} partitions, replication ${found.replicationFactor}` };
  },
  async run(ctx, progress) {
    const { topic } = ctx.config.kafka;
    const partitions = ctx.config.partitions;
    const existing = await ctx.kafka.describeTopic(topic);
    if (existing) {
      if (existing.partitions !== partitions) {
        const m = mismatch(topic, existing.partitions, partitions);
        throw new StepFailure(m.diff.join('; '), m.fix);
      }
      const losing = await losesRecords(ctx, topic);
      if (losing) throw new StepFailure(losing.diff.join('; '), losing.fix);
      return { topic, partitions, replicationFactor: existing.replicationFactor, created: false };
    }
    const { brokers } = await ctx.kafka.describeCluster();
    const replicationFactor = Math.min(3, brokers.length);
    if (replicationFactor < 3) progress.note(`The cluster has ${brokers.length} broker(s): replication factor ${replicationFactor} instead of 3.`);
    await ctx.kafka.createTopic({ topic, partitions, replicationFactor });
    return { topic, partitions, replicationFactor, created: true };
  },
  summarize: (out) => `${out.topic}: ${out.partitions} partitions, replication ${out.replicationFactor}${out.created ? '' : ' (already there)'}`,
};

function mismatch(topic: string, actual: number, expected: number) {
  return {
    state: 'drifted' as const,
    diff: [`topic "${topic}" exists with ${actual} partitions; the tutorial uses ${expected}`],
    fix: `Use another topic name (--topic or KAFKA_TOPIC), or delete it yourself (rpk topic delete ${topic}) and run again. The wizard never deletes a topic without asking.`,
  };
}

/** An existing topic whose settings drop the walk's records: drifted, with what to do. */
async function losesRecords(ctx: StepContext, topic: string) {
  const problems = await topicLosesRecords(ctx.kafka, topic);
  return problems.length ? { state: 'drifted' as const, diff: problems, fix: retentionFix(topic) } : undefined;
}
