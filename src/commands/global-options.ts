// Flags every command takes. Commander parses; this file only declares and reads them.
import { Option, type Command } from 'commander';
import path from 'node:path';
import { DEFAULT_SEED } from '../logs/index.js';
import { validateProfileName } from '../engine/state.js';
import { parseNonNegativeInt } from '../config/numbers.js';
import type { KafkaFlags } from '../config/flags.js';
import { UsageError } from './exit.js';

export interface GlobalOptions {
  profile: string;
  stateDir: string;
  sandbox: boolean;
  yes: boolean;
  seed: number;
  /** Snowflake CLI connection name (connections.toml / config.toml). */
  connection?: string;
  kafka: KafkaFlags;
}

export function addGlobalOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'keep a separate state per attendee or setup', 'default')
    .option('--state-dir <dir>', 'where state files live', '.openflow-quickstart')
    .option('--sandbox', 'use the local sandbox even when accounts are configured', false)
    .option('-y, --yes', 'ask nothing: headless, plain output', false)
    .option('--seed <n>', 'seed of the log generator', String(DEFAULT_SEED))
    .option('--brokers <list>', 'Kafka bootstrap servers, host:port[,host:port]')
    .option('--topic <name>', 'Kafka topic (default application-logs)')
    .addOption(new Option('--security-protocol <p>', 'Kafka security protocol').choices(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']))
    .addOption(new Option('--sasl-mechanism <m>', 'SASL mechanism').choices(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']))
    .option('--sasl-username <user>', 'SASL username (Confluent Cloud: the API key); the password comes from KAFKA_SASL_PASSWORD, .env or a prompt')
    .option('--ca-file <pem>', 'CA certificate to trust for SSL/SASL_SSL')
    .option('--rpk-profile <name>', "rpk profile to read instead of rpk.yaml's current one")
    .option('--connection <name>', 'Snowflake CLI connection (connections.toml) instead of the default one');
}

export function readGlobalOptions(raw: Record<string, unknown>): GlobalOptions {
  const profile = String(raw.profile ?? 'default');
  const bad = validateProfileName(profile);
  if (bad) throw new UsageError(`--profile: ${bad}`);
  const seed = parseNonNegativeInt(String(raw.seed ?? DEFAULT_SEED), 'seed', { source: '--seed (flag)' });
  if (!seed.ok) throw new UsageError(`${seed.problem.source}: ${seed.problem.message}`);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    profile,
    stateDir: path.resolve(String(raw.stateDir ?? '.openflow-quickstart')),
    sandbox: raw.sandbox === true,
    yes: raw.yes === true,
    seed: seed.value,
    connection: str(raw.connection),
    kafka: {
      brokers: str(raw.brokers),
      topic: str(raw.topic),
      securityProtocol: str(raw.securityProtocol),
      saslMechanism: str(raw.saslMechanism),
      saslUsername: str(raw.saslUsername),
      caFile: str(raw.caFile),
      rpkProfile: str(raw.rpkProfile),
    },
  };
}
