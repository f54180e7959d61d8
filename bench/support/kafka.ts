// The broker a benchmark runs against: the one `npm test` exports (OQS_TEST_KAFKA_*), or a fresh
// Apache Kafka started from the cached Maven jars.
import { realKafka, startRealKafka, type RealKafka } from '../../test/support/real-kafka.js';

export async function benchKafka(): Promise<RealKafka> {
  if (process.env.OQS_TEST_KAFKA_PLAINTEXT) return realKafka();
  process.stderr.write('starting Apache Kafka (KRaft) for the benchmark…\n');
  return startRealKafka();
}
