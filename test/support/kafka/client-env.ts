// The environment a child process (the built CLI, a bench) needs to reach the test broker, in the
// variable names the tutorial's companion .env uses and our config reads.
import type { RealKafka } from '../real-kafka.js';

/** SASL_SSL with PLAIN (the Confluent Cloud shape), trusting the test CA through KAFKA_SSL_CA_FILE. */
export function saslSslClientEnv(kafka: RealKafka, topic?: string): Record<string, string> {
  return {
    KAFKA_BROKERS: kafka.saslSsl,
    KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
    KAFKA_SASL_MECHANISM: 'PLAIN',
    KAFKA_SASL_USERNAME: kafka.username,
    KAFKA_SASL_PASSWORD: kafka.password,
    KAFKA_SSL_CA_FILE: kafka.caFile,
    ...(topic ? { KAFKA_TOPIC: topic } : {}),
  };
}

/** PLAINTEXT, no authentication. */
export function plaintextClientEnv(kafka: RealKafka, topic?: string): Record<string, string> {
  return {
    KAFKA_BROKERS: kafka.plaintext,
    KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT',
    ...(topic ? { KAFKA_TOPIC: topic } : {}),
  };
}
