// Everything a command needs before it can talk to the systems: resolved config (sources →
// validation → prompts), the target (real or sandbox), the Redactor that knows the secrets,
// the state store and the ports. Heavy clients are imported here, lazily, so the first frame
// of the wizard does not wait for them.
import { createHash } from 'node:crypto';
import type { WalkConfig, KafkaConfig } from '../config/types.js';
import { resolveKafkaConfig } from '../config/resolve.js';
import { formatProblems } from '../config/problems.js';
import { inquirerPrompt } from '../config/prompt.js';
import { Redactor } from '../engine/redact.js';
import type { KafkaPort } from '../engine/ports.js';
import { UsageError } from './exit.js';
import type { GlobalOptions } from './global-options.js';

export interface Prepared {
  config: WalkConfig;
  redactor: Redactor;
  /** Non-fatal notes about the configuration (warnings), already redacted. */
  warnings: string[];
  openKafka(): Promise<KafkaPort>;
  /** Closes the clients prepare opened. */
  close(): Promise<void>;
}

export async function prepare(opts: GlobalOptions, how: { interactive: boolean }): Promise<Prepared> {
  const resolved = await resolveKafkaConfig({
    flags: opts.kafka,
    env: process.env,
    cwd: process.cwd(),
    prompt: how.interactive ? inquirerPrompt : null,
  });
  if (!resolved.ok) {
    throw new UsageError(formatProblems(resolved.problems), 'Fix the values above (each line names where it came from) and run again.');
  }
  const redactor = new Redactor();
  const kafka: KafkaConfig = resolved.kafka;
  const target: WalkConfig['target'] = 'real';

  if (opts.sandbox || resolved.origin === 'none') {
    throw new UsageError(
      'No Kafka cluster is configured.',
      'Set KAFKA_BOOTSTRAP_SERVERS (and KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD for Confluent Cloud) in the environment or a .env file, pass --brokers, or create the rpk profile of the tutorial.',
    );
  }
  redactor.add(kafka.password?.reveal());

  const config: WalkConfig = {
    profile: opts.profile,
    stateDir: opts.stateDir,
    seed: opts.seed,
    target,
    partitions: 3,
    kafka,
  };
  const ports: KafkaPort[] = [];
  return {
    config,
    redactor,
    warnings: resolved.warnings.map((w) => redactor.redact(`${w.source}: ${w.message}`)),
    async openKafka() {
      const { KafkaGateway } = await import('../kafka/gateway.js');
      const port = new KafkaGateway(kafka);
      ports.push(port);
      return port;
    },
    async close() {
      await Promise.allSettled(ports.map((p) => p.close()));
    },
  };
}

/** What identifies "this setup" in the state file: never a secret. */
export function fingerprintOf(config: WalkConfig): string {
  const k = config.kafka;
  const basis = JSON.stringify([config.target, k.brokers, k.topic, k.securityProtocol, k.saslMechanism ?? '', k.username ?? '']);
  return createHash('sha256').update(basis).digest('hex').slice(0, 16);
}
