// Flags every command takes. Commander parses; this file only declares and reads them.
import { Option, type Command } from 'commander';
import path from 'node:path';
import { validateProfileName } from '../engine/state.js';
import { parseNonNegativeInt, parsePositiveNumber } from '../config/numbers.js';
import { resolveAttendee } from '../config/attendee.js';
import { defaultSeedFor } from '../names.js';
import { checkTopic } from '../config/topic.js';
import { checkStateDir, PATH_TOO_LONG } from '../engine/state-dir.js';
import type { KafkaFlags } from '../config/flags.js';
import { UsageError } from './exit.js';

export interface GlobalOptions {
  profile: string;
  stateDir: string;
  sandbox: boolean;
  yes: boolean;
  /** --seed, else the attendee's default (the tutorial's without one). */
  seed: number;
  /** The workshop attendee whose names this command uses (--attendee, OQS_ATTENDEE); none: the tutorial's. */
  attendee?: string;
  /** Snowflake CLI connection name (connections.toml / config.toml). */
  connection?: string;
  kafka: KafkaFlags;
  /** How long a broker or Snowflake may take to answer before it is reported (--timeout). */
  timeoutMs: number;
}

/** A broker or Snowflake that does not answer is reported after this long, unless --timeout says otherwise. */
export const DEFAULT_TIMEOUT_S = 15;

export function addGlobalOptions(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'keep a separate state per attendee or setup', 'default')
    .option('--state-dir <dir>', 'where state files live', '.openflow-quickstart')
    .option('--sandbox', 'use the local sandbox even when accounts are configured', false)
    .option('-y, --yes', 'ask nothing: headless, plain output', false)
    .option('--attendee <name>', 'workshop attendee: every topic, group and Snowflake object name gets this suffix (also OQS_ATTENDEE)')
    .option('--seed <n>', 'seed of the log generator (default 42, or derived from --attendee)')
    .option('--brokers <list>', 'Kafka bootstrap servers, host:port[,host:port]')
    .option('--topic <name>', 'Kafka topic (default application-logs)')
    .addOption(new Option('--security-protocol <p>', 'Kafka security protocol').choices(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']))
    .addOption(new Option('--sasl-mechanism <m>', 'SASL mechanism').choices(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']))
    .option('--sasl-username <user>', 'SASL username (Confluent Cloud: the API key); the password comes from KAFKA_SASL_PASSWORD, .env or a prompt')
    .option('--ca-file <pem>', 'CA certificate to trust for SSL/SASL_SSL')
    .option('--rpk-profile <name>', "rpk profile to read instead of rpk.yaml's current one")
    .option('--connection <name>', 'Snowflake CLI connection (connections.toml) instead of the default one')
    .option('--timeout <s>', `seconds a Kafka broker or Snowflake may take to answer before it is reported (default ${DEFAULT_TIMEOUT_S}; raise it for slow links)`);
}

export function readGlobalOptions(raw: Record<string, unknown>): GlobalOptions {
  // A flag given with an empty value is a mistake (an unset shell variable, usually), never "use the default".
  for (const [key, flag] of FLAG_NAMES) {
    const value = raw[key];
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`${flag} (flag) is empty`, `Give ${flag} a value, or leave the flag out.`);
  }
  const profile = String(raw.profile ?? 'default');
  const bad = validateProfileName(profile);
  if (bad) throw new UsageError(`--profile: ${bad}`);
  if (typeof raw.topic === 'string') {
    const topic = checkTopic(raw.topic);
    if (topic.errors.length > 0) throw new UsageError(`--topic (flag): ${topic.errors[0]}`, "Kafka topic names are 1-249 characters of letters, digits, '.', '_' and '-'.");
  }
  const stateDir = path.resolve(String(raw.stateDir ?? '.openflow-quickstart'));
  const stateDirProblem = checkStateDir(stateDir);
  if (stateDirProblem) throw new UsageError(`--state-dir: ${stateDirProblem}`, stateDirProblem.startsWith(PATH_TOO_LONG) ? 'Pass --state-dir with a shorter path.' : 'Pass --state-dir with a folder you can write to.');
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const timeoutMs = secondsOption(raw.timeout, '--timeout') ?? DEFAULT_TIMEOUT_S * 1000;
  const attendee = resolveAttendee({ flag: str(raw.attendee), env: process.env, cwd: process.cwd() });
  if (!attendee.ok) throw new UsageError(attendee.problem, attendee.hint);
  const seed = raw.seed === undefined ? { ok: true as const, value: defaultSeedFor(attendee.attendee) } : parseNonNegativeInt(String(raw.seed), 'seed', { source: '--seed (flag)' });
  if (!seed.ok) throw new UsageError(`${seed.problem.source}: ${seed.problem.message}`);
  return {
    profile,
    stateDir,
    sandbox: raw.sandbox === true,
    yes: raw.yes === true,
    seed: seed.value,
    ...(attendee.attendee && { attendee: attendee.attendee }),
    connection: str(raw.connection),
    timeoutMs,
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

const FLAG_NAMES: ReadonlyArray<[string, string]> = [
  ['profile', '--profile'],
  ['stateDir', '--state-dir'],
  ['seed', '--seed'],
  ['brokers', '--brokers'],
  ['topic', '--topic'],
  ['saslUsername', '--sasl-username'],
  ['caFile', '--ca-file'],
  ['rpkProfile', '--rpk-profile'],
  ['connection', '--connection'],
  ['attendee', '--attendee'],
];

/** A flag given in seconds (fractions allowed, at most an hour), as milliseconds; undefined when absent. */
export function secondsOption(raw: unknown, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const parsed = parsePositiveNumber(String(raw), flag.replace(/^--/, ''), { source: `${flag} (flag)`, max: 3600 });
  if (!parsed.ok) throw new UsageError(`${parsed.problem.source}: ${parsed.problem.message}`);
  return parsed.value * 1000;
}

/** ` --state-dir DIR` as a person types it again from `cwd` (relative under it, quoted when the
 * shell needs it), or '' for the default folder: the commands the CLI tells people to run. */
export function stateDirFlag(stateDir: string, cwd = process.cwd()): string {
  const absolute = path.resolve(cwd, stateDir);
  if (absolute === path.resolve(cwd, '.openflow-quickstart')) return '';
  const relative = path.relative(cwd, absolute);
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
  return ` --state-dir ${/^[\w./-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, `'\\''`)}'`}`;
}
