// Is this principal allowed to write to the topic? Answered without writing a record: a Produce
// request is sent for a partition that does not exist. Kafka authorizes the topic first
// (TOPIC_AUTHORIZATION_FAILED) and only then looks the partition up
// (UNKNOWN_TOPIC_OR_PARTITION), so the error code tells the answer and the log stays untouched.
// (The tutorial's own test writes {"test": true} into the topic, which adds a TEST column.)
// kafkajs drops unknown partitions in its producer, so this uses its cluster object directly,
// found by the symbol kafkajs 2.x keeps its cluster factory under.
import { Kafka } from 'kafkajs';
import type { KafkaConfig } from '../config/types.js';
import { kafkaJsOptions } from './options.js';

export type WriteProbe =
  | { verdict: 'allowed'; how: string }
  | { verdict: 'denied'; how: string }
  | { verdict: 'unknown'; how: string };

interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(opts: { nodeId: string }): Promise<{ produce(req: unknown): Promise<unknown> }>;
}

export async function probeWritePermission(cfg: KafkaConfig, topic: string, partitionCount: number): Promise<WriteProbe> {
  const how = `a Produce request for partition ${partitionCount} of "${topic}", which does not exist (Kafka checks the WRITE permission before the partition, and writes nothing)`;
  const kafka = new Kafka(kafkaJsOptions(cfg, 'openflow-kafka-quickstart-probe'));
  const factorySymbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  if (!factorySymbol) return { verdict: 'unknown', how: 'not checked: this kafkajs version hides its cluster object' };
  const createCluster = (kafka as unknown as Record<symbol, (o: object) => InternalCluster>)[factorySymbol];
  const cluster = createCluster({ allowAutoTopicCreation: false });
  try {
    await cluster.connect();
    await cluster.addTargetTopic(topic);
    const [nodeId] = Object.keys(cluster.findLeaderForPartitions(topic, [0]));
    if (nodeId === undefined) return { verdict: 'unknown', how: `not checked: partition 0 of "${topic}" has no leader` };
    const broker = await cluster.findBroker({ nodeId });
    await broker.produce({
      acks: -1,
      timeout: 5_000,
      topicData: [{ topic, partitions: [{ partition: partitionCount, messages: [{ key: null, value: null, timestamp: Date.now() }] }] }],
    });
    return { verdict: 'unknown', how: `${how}: the broker accepted it, which Kafka does not do` };
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === 'UNKNOWN_TOPIC_OR_PARTITION') return { verdict: 'allowed', how };
    if (type === 'TOPIC_AUTHORIZATION_FAILED') return { verdict: 'denied', how };
    return { verdict: 'unknown', how: `not checked: ${(err as Error).message}` };
  } finally {
    await cluster.disconnect().catch(() => {});
  }
}
