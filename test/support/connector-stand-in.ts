// A stand-in for the Openflow connector in tests against real Kafka: a member of the connector's
// consumer group (openflow_qs_kafka_connector) on the topic, as Openflow's connector is once a
// person started it in the canvas. It counts what it reads and writes nowhere. A test file that
// runs beside another one on the same broker passes its walk's own group (an attendee's): two
// stand-ins in one group with different topics rebalance each other's partitions away.
import type { KafkaConfig } from '../../src/config/types.js';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { createGroupConsumer } from '../../src/kafka/group-consumer.js';
import { TUTORIAL_NAMES } from '../../src/names.js';

export interface ConnectorStandIn {
  consumed(): number;
  stop(): Promise<void>;
}

/** Creates the topic (3 partitions) when missing, then joins the group; resolves once assigned. */
export async function startConnectorStandIn(kafka: KafkaConfig, groupId: string = TUTORIAL_NAMES.GROUP): Promise<ConnectorStandIn> {
  const admin = new KafkaGateway(kafka);
  try {
    if (!(await admin.describeTopic(kafka.topic))) {
      const brokers = (await admin.describeCluster()).brokers.length;
      await admin.createTopic({ topic: kafka.topic, partitions: 3, replicationFactor: Math.min(3, brokers) });
    }
  } finally {
    await admin.close();
  }
  let consumed = 0;
  const consumer = createGroupConsumer({
    kafka,
    groupId,
    topics: [kafka.topic],
    fromBeginning: false,
    positionOf: () => undefined,
    onBatch: async (batch) => {
      consumed += batch.records.length;
      return (BigInt(batch.records[batch.records.length - 1]!.offset) + 1n).toString();
    },
  });
  await consumer.start(30_000);
  return { consumed: () => consumed, stop: () => consumer.stop() };
}
