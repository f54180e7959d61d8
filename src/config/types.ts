// The resolved configuration a walk runs with. Secrets are kept apart (see Secret) so that
// serialising a config can never write one out.

export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];
export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** A secret value: prints as •••• everywhere (toString, JSON, util.inspect). */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '••••';
  }
  toJSON(): string {
    return '••••';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '••••';
  }
}

export interface KafkaConfig {
  /** host:port, as given (bootstrap). */
  brokers: string[];
  topic: string;
  securityProtocol: SecurityProtocol;
  saslMechanism?: SaslMechanism;
  username?: string;
  password?: Secret;
  /** PEM file of a CA to trust for SSL/SASL_SSL besides the system's. */
  caFile?: string;
  /** Where each value came from, for messages ("KAFKA_BROKERS (environment)"). */
  sources: Record<string, string>;
  /**
   * Only these network rule entries (host:port) may be dialled, as from an Openflow runtime; any
   * other broker address is refused like a blocked connection. Unset: no limit.
   */
  egress?: readonly string[];
}

export interface WalkConfig {
  profile: string;
  stateDir: string;
  seed: number;
  target: 'real' | 'sandbox';
  /** Topic partitions the tutorial asks for. */
  partitions: number;
  kafka: KafkaConfig;
  /** The workshop attendee whose names this walk uses (src/names.ts); none: the tutorial's names. */
  attendee?: string;
  /** Extra non-secret settings other rooms add (snowflake, connector). */
  [key: string]: unknown;
}
