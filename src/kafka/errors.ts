// kafkajs errors → one clear line and what to do. The password never appears: kafkajs does not
// put it in messages, and everything passes the Redactor before it is shown anyway.
import type { KafkaConfig } from '../config/types.js';
import { StepFailure } from '../engine/step.js';

interface KafkaJsLikeError extends Error {
  type?: string;
  code?: string;
  retriable?: boolean;
  originalError?: unknown;
  cause?: unknown;
}

function rootCause(err: unknown): KafkaJsLikeError {
  let current = err as KafkaJsLikeError;
  for (let i = 0; i < 5; i++) {
    const next = (current?.originalError ?? current?.cause) as KafkaJsLikeError | undefined;
    if (!next || next === current) break;
    current = next;
  }
  return current;
}

export function explainKafkaError(err: unknown, cfg: KafkaConfig, doing: string): StepFailure {
  if (err instanceof StepFailure) return err;
  const root = rootCause(err);
  const top = err as KafkaJsLikeError;
  const text = `${top?.message ?? ''} ${root?.message ?? ''}`;
  const where = cfg.brokers.join(',');
  const brokersFrom = cfg.sources.brokers ? ` (from ${cfg.sources.brokers})` : '';

  // The handshake names the mechanisms the listener offers: not a password problem.
  const offered = /SASL mechanism \S+ not enabled by \S+ \(it offers ([^)]*)\)/.exec(text);
  if (offered || /does not support the requested SASL mechanism|UNSUPPORTED_SASL_MECHANISM/i.test(text)) {
    return new StepFailure(
      `Kafka at ${where} does not accept SASL ${cfg.saslMechanism ?? 'PLAIN'}${offered ? ` (it offers ${offered[1]})` : ''} while ${doing}`,
      'Set KAFKA_SASL_MECHANISM (or --sasl-mechanism) to one the listener offers; Confluent Cloud API keys use PLAIN.',
    );
  }
  if (top?.name === 'KafkaJSSASLAuthenticationError' || root?.name === 'KafkaJSSASLAuthenticationError' || /SASL|authentication failed|Authentication failed/i.test(text)) {
    return new StepFailure(
      `Kafka rejected the credentials of user "${cfg.username ?? ''}" (SASL ${cfg.saslMechanism ?? 'PLAIN'}) while ${doing}`,
      'Check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (on Confluent Cloud: the API key and its secret) and the SASL mechanism.',
    );
  }
  if (/self[- ]signed|unable to verify|certificate|CERT_|ERR_TLS/i.test(text) || /CERT|TLS/.test(root?.code ?? '')) {
    return new StepFailure(
      `the TLS certificate of ${where} is not trusted (${root?.message ?? 'certificate error'}) while ${doing}`,
      'Point KAFKA_SSL_CA_FILE (or the rpk profile\'s tls.ca_file) at the CA that signed the broker certificate.',
    );
  }
  // A TLS hello answered by a listener that does not speak TLS (it closes, or answers in plain).
  if ((cfg.securityProtocol === 'SSL' || cfg.securityProtocol === 'SASL_SSL') && /before secure TLS connection was established|wrong version number|packet length too long|EPROTO/i.test(text)) {
    return new StepFailure(
      `${where}${brokersFrom} did not complete a TLS handshake while ${doing}: it does not look like a TLS listener`,
      `The security protocol is ${cfg.securityProtocol}: use SASL_PLAINTEXT or PLAINTEXT for a listener without TLS, or the port of the TLS listener.`,
    );
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|Connection timeout|Connection error|KafkaJSConnectionError|connect ECONN/i.test(text) || top?.name === 'KafkaJSNumberOfRetriesExceeded' && /connect/i.test(text)) {
    const dns = /ENOTFOUND|EAI_AGAIN/.test(text) ? ' (the host name does not resolve)' : '';
    return new StepFailure(
      `cannot reach the Kafka brokers ${where}${brokersFrom}${dns} while ${doing}`,
      `Check the bootstrap address and port, your network/VPN, and that the security protocol (${cfg.securityProtocol}) matches the listener.`,
    );
  }
  if (top?.type === 'TOPIC_AUTHORIZATION_FAILED' || root?.type === 'TOPIC_AUTHORIZATION_FAILED') {
    return new StepFailure(`user "${cfg.username ?? ''}" is not allowed to access topic "${cfg.topic}" while ${doing}`, 'Grant the API key READ, WRITE and DESCRIBE on the topic (Confluent Cloud: ACLs of the API key).');
  }
  if (top?.type === 'CLUSTER_AUTHORIZATION_FAILED' || root?.type === 'CLUSTER_AUTHORIZATION_FAILED') {
    return new StepFailure(`user "${cfg.username ?? ''}" is not allowed to do this on the cluster while ${doing}`, 'Ask the cluster admin for CREATE on the cluster, or create the topic yourself and run again.');
  }
  // A broker that took the connection and then stopped answering (frozen, overloaded, a proxy
  // holding the socket): kafkajs's own request timeout, said with what to try.
  if (top?.name === 'KafkaJSRequestTimeoutError' || root?.name === 'KafkaJSRequestTimeoutError' || /Request timed out/i.test(text)) {
    return new StepFailure(
      `Kafka at ${where}${brokersFrom} accepted the connection but did not answer in time while ${doing}`,
      'The broker may be overloaded or stuck, or a proxy or firewall holds the connection open. Check the cluster\'s health (Confluent Cloud: the cluster\'s page), then run again: the walk resumes where it stopped and sends nothing twice.',
    );
  }
  return new StepFailure(`Kafka error while ${doing}: ${root?.message || top?.message || String(err)}`);
}
