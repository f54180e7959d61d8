// Kafka error codes as the produce path meets them: a name for messages, and which ones a retry
// (after fresh metadata) can cure, as the Java client classifies them.
import { ErrorCode } from '../protocol/errors.js';

const NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));
NAMES.set(5, 'LEADER_NOT_AVAILABLE').set(7, 'REQUEST_TIMED_OUT').set(13, 'NETWORK_EXCEPTION');
NAMES.set(14, 'COORDINATOR_LOAD_IN_PROGRESS');
NAMES.set(19, 'NOT_ENOUGH_REPLICAS').set(20, 'NOT_ENOUGH_REPLICAS_AFTER_APPEND').set(31, 'CLUSTER_AUTHORIZATION_FAILED');
NAMES.set(56, 'KAFKA_STORAGE_ERROR').set(74, 'FENCED_LEADER_EPOCH').set(75, 'UNKNOWN_LEADER_EPOCH').set(89, 'THROTTLING_QUOTA_EXCEEDED');

const RETRIABLE = new Set([2, 3, 5, 6, 7, 13, 19, 20, 56, 74, 75, 89]);

export function errorName(code: number): string {
  return NAMES.get(code) ?? `error code ${code}`;
}

export function isRetriable(code: number): boolean {
  return RETRIABLE.has(code);
}

/** A Kafka error code from a reply; `type` is its name, as kafkajs errors carry it. */
export class KafkaProtocolError extends Error {
  readonly type: string;
  constructor(readonly code: number, message?: string) {
    super(message ?? errorName(code));
    this.type = errorName(code);
  }
}
