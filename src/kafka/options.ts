// KafkaConfig → kafkajs client options. Timeouts are short and retries few so that an
// unreachable broker or a wrong password is reported in seconds, not minutes.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { KafkaConfig as KafkaJsConfig, SASLOptions } from 'kafkajs';
import type { KafkaConfig } from '../config/types.js';

export function kafkaJsOptions(cfg: KafkaConfig, clientId = 'openflow-kafka-quickstart'): KafkaJsConfig {
  const tls = cfg.securityProtocol === 'SSL' || cfg.securityProtocol === 'SASL_SSL';
  const sasl = cfg.securityProtocol === 'SASL_PLAINTEXT' || cfg.securityProtocol === 'SASL_SSL';
  return {
    clientId,
    brokers: cfg.brokers,
    // A given CA is trusted besides the system's, not instead of them (`ca` replaces the defaults).
    ssl: tls ? (cfg.caFile ? { ca: [...rootCertificates, readFileSync(cfg.caFile, 'utf8')] } : true) : false,
    sasl: sasl ? saslOptions(cfg) : undefined,
    connectionTimeout: 5_000,
    authenticationTimeout: 5_000,
    requestTimeout: 15_000,
    enforceRequestTimeout: true,
    retry: { retries: 3, initialRetryTime: 250, maxRetryTime: 2_000 },
    logLevel: 0, // logLevel.NOTHING (a type-only import keeps kafkajs unloaded until used)
  };
}

function saslOptions(cfg: KafkaConfig): SASLOptions {
  const username = cfg.username ?? '';
  const password = cfg.password?.reveal() ?? '';
  switch (cfg.saslMechanism) {
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username, password };
    default:
      return { mechanism: 'plain', username, password };
  }
}
