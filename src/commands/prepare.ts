// Everything a command needs before it can talk to the systems, in two phases:
//   prepare()  resolves the configuration (sources → validation → prompts) and decides the
//              target: real accounts, or the local sandbox when nothing is configured;
//   start()    starts the sandbox when that is the target and completes the config.
// In between the Ink screen can mount, so the first frame waits for neither. Heavy clients
// (kafkajs, snowflake-sdk, DuckDB) are imported lazily.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { WalkConfig, KafkaConfig } from '../config/types.js';
import { resolveKafkaConfig } from '../config/resolve.js';
import { formatProblems } from '../config/problems.js';
import { inquirerPrompt } from '../config/prompt.js';
import { DEFAULT_TOPIC } from '../config/topic.js';
import { attendeeTopic, attendeeTopicProblem, describeNames, namesFor, stateNameOf } from '../names.js';
import { Redactor } from '../engine/redact.js';
import { StateStore } from '../engine/state.js';
import { makeDirs } from '../engine/state-dir.js';
import type { ConnectorPort, KafkaPort, WarehousePort } from '../engine/ports.js';
import { SnowflakeConfigError, loadSnowflakeSettings, toConnectionConfig, type SnowflakeConnectionConfig } from '../snowflake/config.js';
import type { Sandbox } from '../sandbox/index.js';
import { pidAlive, readRecord } from '../sandbox/service/record.js';
import { UsageError } from './exit.js';
import { atMost } from '../engine/deadline.js';
import { failNow } from './lifecycle.js';
import { diskFull } from '../engine/disk-full.js';
import type { GlobalOptions } from './global-options.js';

export interface Prepared {
  target: WalkConfig['target'];
  redactor: Redactor;
  /** Non-fatal notes about the configuration, already redacted. */
  warnings: string[];
  /** What a person should know about this run before it starts (the sandbox announcement). */
  notices: string[];
  /** Where this target keeps its state files (the sandbox has its own, apart from real runs). */
  stateDir: string;
  /** Starts the sandbox if it is the target; the config is complete from then on. */
  start(): Promise<WalkConfig>;
  openKafka(): Promise<KafkaPort>;
  /** undefined when no Snowflake connection is configured (the Snowflake steps are left out). */
  openWarehouse(): Promise<WarehousePort | undefined>;
  /** The sandbox's stand-in for Openflow; undefined against real accounts. */
  openConnector(): Promise<ConnectorPort | undefined>;
  /** Sandbox only: its connector of any consumer group (each attendee of a room has one), e.g. to stop it. */
  connectorFor?(group: string): ConnectorPort;
  /** Stops the clients and the sandbox prepare started. */
  close(): Promise<void>;
  /** Snowflake is configured but its settings are incomplete (how.snowflake 'report'): what is missing, with the hint. */
  snowflakeProblem?: UsageError;
  /** Sandbox only, after close: deletes its data and state (what its cleanup step leaves). Returns the folder, or undefined when another process hosts the sandbox. */
  removeSandbox?(): Promise<string | undefined>;
}

/** The walk's warning when only Kafka is configured (the room says it its own way). */
export const NO_SNOWFLAKE_WARNING =
  'No Snowflake connection is configured, so the Snowflake steps (setup SQL, Openflow deployment and runtime, column checks, analytics) are left out; the walk still hands off to the Openflow connector and produces nothing until it consumes. Run `openflow-kafka-quickstart sql setup` in Snowsight for the setup script and `openflow-kafka-quickstart openflow-params` for the connector\'s parameter tables. Or set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and a credential, or a Snowflake CLI connection (--connection NAME).';

/**
 * What a command does with Snowflake's settings:
 *   use      it needs a session: incomplete settings are an error, a missing password is asked for
 *            on a terminal (the default);
 *   presence it never opens one (logs, openflow-params): only whether a connection is configured
 *            counts (real accounts, not the sandbox), so it never asks for a password it would not use;
 *   report   it tests one (test-connection): as `use`, but incomplete settings are kept in
 *            snowflakeProblem for the command to report, instead of ending it.
 */
export type SnowflakeNeed = 'use' | 'presence' | 'report';

export async function prepare(opts: GlobalOptions, how: { interactive: boolean; snowflake?: SnowflakeNeed }): Promise<Prepared> {
  const redactor = new Redactor();
  const warnings: string[] = [];
  const notices: string[] = [];
  const need = how.snowflake ?? 'use';
  let snowflakeProblem: UsageError | undefined;
  let snowflake: SnowflakeConnectionConfig | undefined;
  let snowflakeConfigured = false;
  if (!opts.sandbox && need === 'presence') snowflakeConfigured = snowflakeIsConfigured(opts);
  else if (!opts.sandbox) {
    try {
      snowflake = await resolveSnowflake(opts, how.interactive);
      snowflakeConfigured = snowflake !== undefined;
    } catch (err) {
      if (!(need === 'report' && err instanceof UsageError)) throw err;
      snowflakeProblem = err;
      snowflakeConfigured = true;
    }
  }

  let kafka: KafkaConfig | undefined;
  if (!opts.sandbox) {
    const resolved = await resolveKafkaConfig({ flags: opts.kafka, env: process.env, cwd: process.cwd(), prompt: how.interactive ? inquirerPrompt : null });
    if (!resolved.ok) throw new UsageError(formatProblems(resolved.problems), 'Fix the values above (each line names where it came from) and run again.');
    warnings.push(...resolved.warnings.map((w) => `${w.source}: ${w.message}`));
    if (resolved.origin === 'configured') kafka = resolved.kafka;
  }
  if (!kafka && snowflakeConfigured) {
    throw new UsageError(
      'A Snowflake connection is configured, but no Kafka cluster.',
      'Set KAFKA_BOOTSTRAP_SERVERS (and KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD for Confluent Cloud), pass --brokers, or create the rpk profile of the tutorial. Or pass --sandbox to run everything locally.',
    );
  }
  redactor.add(kafka?.password?.reveal());
  for (const s of [snowflake?.password, snowflake?.token, snowflake?.privateKeyPassphrase]) redactor.add(s?.reveal());

  if (!kafka) return prepareSandbox(opts, { redactor, warnings, notices });

  if (!snowflakeConfigured) warnings.push(NO_SNOWFLAKE_WARNING);
  kafka = { ...kafka, topic: walkTopic(opts, kafka.topic, notices) };
  const config: WalkConfig = { ...baseConfig(opts, 'real', kafka), ...(snowflake ? { snowflake: { account: snowflake.account } } : {}) };
  const clients = new Clients(opts.timeoutMs);
  return {
    target: 'real',
    redactor,
    warnings: warnings.map((w) => redactor.redact(w)),
    notices,
    stateDir: opts.stateDir,
    start: async () => config,
    openKafka: () => clients.kafka(config.kafka),
    openWarehouse: async () => (snowflake ? asTutorialRole(await clients.warehouse(snowflake)) : undefined),
    openConnector: async () => undefined,
    close: () => clients.close(),
    ...(snowflakeProblem && { snowflakeProblem }),
  };
}

/**
 * The walk, `status` and `room` look at what the tutorial makes as ACCOUNTADMIN (its scripts' role,
 * which also owns the Openflow deployment and runtime). A connection with another role
 * (`role = "SYSADMIN"` in connections.toml) saw none of it: status called a finished setup missing
 * and offered to create a second runtime. A user without ACCOUNTADMIN keeps the session's role;
 * preflight and setup-sql say what it lacks. (`query` keeps the connection's role as configured.)
 */
async function asTutorialRole(warehouse: WarehousePort): Promise<WarehousePort> {
  await warehouse.execute('USE ROLE ACCOUNTADMIN').catch(() => undefined);
  return warehouse;
}

/**
 * What `query` needs: a Snowflake session and nothing else. A configured Snowflake connection is
 * used as it is, with or without a Kafka cluster (connections.toml alone is enough); otherwise the
 * sandbox's, or none when only Kafka is configured.
 */
export async function prepareWarehouse(opts: GlobalOptions, how: { interactive: boolean }): Promise<Pick<Prepared, 'openWarehouse' | 'close'>> {
  const snowflake = opts.sandbox ? undefined : await resolveSnowflake(opts, how.interactive);
  if (snowflake) {
    const clients = new Clients(opts.timeoutMs);
    return { openWarehouse: () => clients.warehouse(snowflake), close: () => clients.close() };
  }
  const prepared = await prepare(opts, how);
  return {
    openWarehouse: async () => {
      await prepared.start();
      return prepared.openWarehouse();
    },
    close: () => prepared.close(),
  };
}

/** Nothing configured, or --sandbox: the whole quickstart on this machine. */
function prepareSandbox(opts: GlobalOptions, found: { redactor: Redactor; warnings: string[]; notices: string[] }, shared?: Sandbox): Prepared {
  const { redactor } = found;
  const sandboxRoot = path.join(opts.stateDir, 'sandbox');
  const dir = path.join(sandboxRoot, opts.profile);
  const running = readRecord(dir);
  const host = running && pidAlive(running.pid) ? ` Using the sandbox ${running.mode === 'service' ? 'service' : `of \`${running.command}\``} (pid ${running.pid}).` : '';
  found.notices.push(
    opts.sandbox
      ? `Sandbox (--sandbox): the whole quickstart runs on this machine. Data in ${dir}.${host}`
      : `No Kafka or Snowflake account is configured, so the whole quickstart runs in the local sandbox: an embedded Kafka cluster, a Snowflake emulator and a local stand-in for the Openflow connector. Data in ${dir}.${host}`,
  );
  const topic = walkTopic(opts, opts.kafka.topic ?? DEFAULT_TOPIC, found.notices);
  const clients = new Clients(opts.timeoutMs);
  let sandbox: Sandbox | undefined;
  let config: WalkConfig | undefined;
  const started = () => {
    if (!sandbox || !config) throw new Error('the sandbox is used before it was started');
    return { sandbox, config };
  };
  return {
    target: 'sandbox',
    redactor,
    warnings: found.warnings.map((w) => redactor.redact(w)),
    notices: found.notices,
    stateDir: sandboxRoot,
    async start() {
      if (config) return config;
      if (!shared) makeDirs(dir); // level by level, before anything loads: a recursive mkdir can hang on a path the kernel refuses
      sandbox =
        shared ??
        (await (await import('../sandbox/index.js')).openSandbox({ dir, profile: opts.profile, stateDir: opts.stateDir, topic, command: commandName(), note: (line) => process.stderr.write(`${line}\n`), onWriteError: stopOnWriteError, onLost: failNow }));
      for (const s of sandbox.secrets) redactor.add(s);
      // Everything is local and rows land within a second: poll often, so the walk never idles.
      config = { ...baseConfig(opts, 'sandbox', { ...sandbox.kafka, topic }), snowflake: { account: sandbox.snowflake.account }, verifyPollMs: 250 };
      return config;
    },
    openKafka: async () => clients.kafka(started().config.kafka),
    openWarehouse: async () => clients.warehouse(started().sandbox.snowflake),
    // The connector lives in the sandbox's host, which keeps it running after this command.
    openConnector: async () => started().sandbox.connectorFor(namesFor({ topic, attendee: opts.attendee }).GROUP),
    connectorFor: (group) => started().sandbox.connectorFor(group),
    async close() {
      await clients.close();
      if (!shared) await sandbox?.stop();
    },
    // An attendee's cleanup drops only that attendee's objects: the sandbox is the room's.
    ...(!opts.attendee && !shared && {
      async removeSandbox() {
        // A sandbox another process hosts keeps running (and keeps its folder) until `sandbox down`.
        if (sandbox && !sandbox.host.own) return undefined;
        await rm(dir, { recursive: true, force: true });
        await rm(StateStore.fileFor(sandboxRoot, opts.profile), { force: true });
        return dir;
      },
    }),
  };
}

/** The sandbox's log files cannot be written: the disk is full, and everything else will fail next. */
function stopOnWriteError(err: Error): void {
  const full = diskFull(err);
  failNow(full?.message ?? `cannot write ${(err as NodeJS.ErrnoException).path ?? 'a sandbox log'}: ${err.message}`, full?.hint);
}

/** A walk on a sandbox this process already runs (a room rehearsal): neither started nor stopped here. */
export function prepareOnSandbox(opts: GlobalOptions, sandbox: Sandbox): Prepared {
  return prepareSandbox(opts, { redactor: new Redactor(), warnings: [], notices: [] }, sandbox);
}

/** The command being run, as a label for messages about who hosts a sandbox. */
function commandName(): string {
  return process.argv.slice(2).find((a) => !a.startsWith('-')) ?? 'run';
}

/** Where the state files of what `opts` targets live, without starting anything or asking. */
export async function stateDirOf(opts: GlobalOptions): Promise<string> {
  try {
    return (await prepare(opts, { interactive: false, snowflake: 'presence' })).stateDir;
  } catch {
    // A configuration that cannot be read is not the sandbox's.
    return opts.stateDir;
  }
}

function baseConfig(opts: GlobalOptions, target: WalkConfig['target'], kafka: KafkaConfig): WalkConfig {
  return {
    profile: opts.profile,
    stateDir: opts.stateDir,
    seed: opts.seed,
    target,
    partitions: 3,
    kafka,
    ...(opts.attendee && { attendee: opts.attendee }),
  };
}

/** The walk's topic: the configured one, or the attendee's derived from it. */
function walkTopic(opts: GlobalOptions, base: string, notices: string[]): string {
  if (!opts.attendee) return base;
  const problem = attendeeTopicProblem(base, opts.attendee);
  if (problem) throw new UsageError(problem);
  const topic = attendeeTopic(base, opts.attendee);
  notices.push(`${describeNames(namesFor({ topic, attendee: opts.attendee }), opts.attendee)} Log seed ${opts.seed}.`);
  return topic;
}

/** The state file's name: the profile's, or the attendee's within it. */
export function stateNameFor(opts: Pick<GlobalOptions, 'profile' | 'attendee'>): string {
  return stateNameOf(opts.profile, opts.attendee);
}

/** Whether SNOWFLAKE_* or the Snowflake CLI's files configure a connection, complete or not; nothing is asked. */
function snowflakeIsConfigured(opts: GlobalOptions): boolean {
  try {
    const settings = loadSnowflakeSettings({ connectionName: opts.connection, env: process.env });
    return settings.fromFile || Object.keys(settings.raw).length > 0;
  } catch (err) {
    if (err instanceof SnowflakeConfigError) {
      throw new UsageError(err.message, 'Fix the Snowflake connection (SNOWFLAKE_* variables, ~/.snowflake/connections.toml, --connection NAME), or pass --sandbox.');
    }
    throw err;
  }
}

/** SNOWFLAKE_* and the Snowflake CLI's files; undefined when nothing at all is configured. */
async function resolveSnowflake(opts: GlobalOptions, interactive: boolean): Promise<SnowflakeConnectionConfig | undefined> {
  try {
    const settings = loadSnowflakeSettings({ connectionName: opts.connection, env: process.env });
    if (!settings.fromFile && Object.keys(settings.raw).length === 0) return undefined;
    const raw = settings.raw;
    const credential = raw.password || raw.private_key_file || raw.token || raw.token_file_path || raw.authenticator;
    if (interactive && raw.account && raw.user && !credential) {
      const password = await inquirerPrompt({
        kind: 'password',
        key: 'snowflake.password',
        message: `Snowflake password for ${raw.user} (${raw.account})`,
        validate: (v) => (v.length > 0 ? true : 'the password cannot be empty'),
      });
      return toConnectionConfig(settings, { password });
    }
    return toConnectionConfig(settings);
  } catch (err) {
    if (err instanceof SnowflakeConfigError) {
      throw new UsageError(err.message, 'Fix the Snowflake connection (SNOWFLAKE_* variables, ~/.snowflake/connections.toml, --connection NAME), or pass --sandbox.');
    }
    throw err;
  }
}

/** The clients a command opened, closed together (the connector before the sessions it uses). */
class Clients {
  private readonly open: Array<{ close(): Promise<void> }> = [];
  private readonly first: Array<() => Promise<void>> = [];

  /** `timeoutMs` (--timeout): how long a broker or Snowflake may take to answer, a logout or disconnect included. */
  constructor(private readonly timeoutMs: number) {}

  async kafka(config: KafkaConfig): Promise<KafkaPort> {
    const { KafkaGateway } = await import('../kafka/gateway.js');
    const port = new KafkaGateway(config, { timeoutMs: this.timeoutMs });
    this.open.push(port);
    return port;
  }

  async warehouse(config: SnowflakeConnectionConfig): Promise<WarehousePort> {
    const { connectWarehouse } = await import('../snowflake/connect.js');
    const port = await connectWarehouse(config, { timeoutMs: this.timeoutMs });
    this.open.push(port);
    return port;
  }

  closeFirst(stop: () => Promise<void>): void {
    this.first.push(stop);
  }

  /** A broker or Snowflake that stopped answering cannot keep the process alive: each close waits at most the timeout. */
  async close(): Promise<void> {
    await Promise.all(this.first.map((stop) => atMost(stop(), this.timeoutMs)));
    await Promise.all(this.open.map((p) => atMost(p.close(), this.timeoutMs)));
  }
}

/** What identifies "this setup" in the state file: never a secret, never a sandbox port. */
export function fingerprintOf(config: WalkConfig): string {
  const k = config.kafka;
  const kafka = config.target === 'sandbox' ? [k.topic] : [k.brokers, k.topic, k.securityProtocol, k.saslMechanism ?? '', k.username ?? ''];
  const account = (config.snowflake as { account?: string } | undefined)?.account ?? '';
  // node:crypto is loaded here, not imported: it costs every command ~10 ms of start-up.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(JSON.stringify([config.target, ...kafka, account])).digest('hex').slice(0, 16);
}
