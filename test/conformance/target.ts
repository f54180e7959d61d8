// What a conformance scenario runs against: the embedded broker or a real Apache Kafka.
import type { KafkaConfig, SASLOptions } from 'kafkajs';

export interface ConformanceTarget {
  name: 'embedded' | 'real';
  /** kafkajs config (brokers, ssl) for the unauthenticated listener. */
  plaintext: Pick<KafkaConfig, 'brokers' | 'ssl'>;
  /** The SASL listener and a valid PLAIN user. */
  sasl: Pick<KafkaConfig, 'brokers' | 'ssl'> & { username: string; password: string };
  /** A user valid for SCRAM-SHA-256 and -512 on the SASL listener, when the target has one. */
  scram?: { username: string; password: string };
  /** Brokers the target must present (3 for the embedded broker); null: whatever it has. */
  expectedBrokerCount: number | null;
  /** Restarts the plaintext broker on the same data and addresses; absent when the target cannot. */
  restart?: () => Promise<void>;
  close(): Promise<void>;
}

export type SaslFor = (mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512', username: string, password: string) => SASLOptions;
export const saslOptions: SaslFor = (mechanism, username, password) => ({ mechanism, username, password }) as SASLOptions;
