// The broker a benchmark runs against: the one `npm test` exports (OQS_TEST_KAFKA_*), or a fresh
// Apache Kafka started from the cached Maven jars.
import { Secret } from '../../src/config/types.js';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { realKafka, startRealKafka, type RealKafka } from '../../test/support/real-kafka.js';

export async function benchKafka(): Promise<RealKafka> {
  if (process.env.OQS_TEST_KAFKA_PLAINTEXT) return realKafka();
  process.stderr.write('starting Apache Kafka (KRaft) for the benchmark…\n');
  return startRealKafka();
}

/** How a child process reaches the sandbox's embedded broker (SASL PLAIN over loopback). */
export interface SandboxKafkaAccess {
  brokers: string[];
  username: string;
  password: string;
}

export function sandboxGateway(access: SandboxKafkaAccess, topic: string): KafkaGateway {
  return new KafkaGateway({
    brokers: access.brokers,
    topic,
    securityProtocol: 'SASL_PLAINTEXT',
    saslMechanism: 'PLAIN',
    username: access.username,
    password: new Secret(access.password),
    sources: {},
  });
}
