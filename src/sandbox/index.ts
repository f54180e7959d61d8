// The local sandbox as a command sees it: our Kafka-protocol broker (three brokers, SASL PLAIN
// like Confluent Cloud), the Snowflake emulator and the stand-in Openflow connector on 127.0.0.1.
// A command uses the profile's running sandbox (`sandbox up`, or another command's); only when
// none runs does it host a private one for its own lifetime (src/sandbox/service/host.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { Secret, type KafkaConfig } from '../config/types.js';
import type { ConnectorPort } from '../engine/ports.js';
import { StepFailure } from '../engine/step.js';
import type { SnowflakeConnectionConfig } from '../snowflake/config.js';
import { callControl, ControlError, holdAttachment } from './service/control.js';
import { findService } from './service/find.js';
import { pidAlive, readRecord, removeRecord, type ServiceRecord } from './service/record.js';

// The host (broker, DuckDB emulator, connector: ~60 MB resident) is imported only
// when this process hosts the sandbox: a command that attaches to a running one need not load it.

export interface Sandbox {
  /** Where its data and logs live. */
  dir: string;
  kafka: KafkaConfig;
  snowflake: SnowflakeConnectionConfig;
  /** This run's passwords, for the Redactor. */
  secrets: string[];
  /** Who hosts it: this process (a private sandbox), or the `sandbox up` service / another command. */
  host: { pid: number; mode: ServiceRecord['mode']; command: string; own: boolean };
  /**
   * The connector of one consumer group (one per attendee): it runs in the host, whoever hands it
   * its configuration; stop() ends and forgets it.
   */
  connectorFor(group: string): ConnectorPort;
  /** Lets go of the sandbox; a private one stops with it. */
  stop(): Promise<void>;
}

export interface OpenSandboxOptions {
  dir: string;
  /** --profile and --state-dir, to bring back a killed `sandbox up` service with the same ones. */
  profile: string;
  stateDir: string;
  topic: string;
  /** The command, for messages ("run", "query"). */
  command: string;
  /** How long to wait for a sandbox another process is starting (default 60 s). */
  waitMs?: number;
  /** How long a private sandbox waits at the end for other commands still using it (default 120 s). */
  drainMs?: number;
  /** A line for the person (e.g. "the sandbox service was gone; started it again"). */
  note?: (line: string) => void;
  /** A private sandbox's log file cannot be written (a full disk). */
  onWriteError?: (err: Error) => void;
  /**
   * The sandbox another process hosts went away while this command used it (killed, or `sandbox
   * down`): what to tell the person. Without this, the command's next request would wait out its
   * own limit and fail with no word of why.
   */
  onLost?: (message: string, hint: string) => void;
}

const DEFAULT_WAIT_MS = 60_000;
const DEFAULT_DRAIN_MS = 120_000;

export async function openSandbox(opts: OpenSandboxOptions): Promise<Sandbox> {
  const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = await findService(opts.dir);
    if (found.state === 'running') {
      const release = await holdAttachment(found.record, { onLost: () => opts.onLost?.(...lostLine(found.record)) });
      if (release) return attach(opts, found.record, release);
      // It is stopping: once it has, this command starts its own.
      await sleep(200);
      continue;
    }
    if (found.state === 'stale' && !pidAlive(found.record.pid)) {
      removeRecord(opts.dir, found.record.pid);
      if (found.record.mode === 'service') {
        // `sandbox up` was meant to be running: bring it back (its data and connector resume).
        const { spawnService } = await import('./service/spawn.js');
        opts.note?.(`The sandbox service (pid ${found.record.pid}) had stopped without \`sandbox down\`; starting it again.`);
        await spawnService({ dir: opts.dir, profile: opts.profile, stateDir: opts.stateDir, timeoutMs: Math.max(1_000, deadline - Date.now()) });
        continue;
      }
    }
    const { SandboxHost, SandboxBusy } = await import('./service/host.js');
    try {
      const host = await SandboxHost.start({ dir: opts.dir, mode: 'private', command: opts.command, onWriteError: opts.onWriteError });
      return hosted(opts, host);
    } catch (err) {
      if (!(err instanceof SandboxBusy)) throw err;
      // Another process holds it: it is starting (its card comes shortly), or it does not answer.
      if (Date.now() >= deadline) {
        const holder = readRecord(opts.dir);
        throw new StepFailure(
          `The sandbox in ${opts.dir} is in use by another process${holder ? ` (pid ${holder.pid}, \`${holder.command}\`)` : ''} that does not answer.`,
          'Let it finish or stop it (`openflow-kafka-quickstart sandbox down`), or use another --profile.',
        );
      }
      await sleep(200);
    }
  }
}

function lostLine(record: ServiceRecord): [string, string] {
  const who = record.mode === 'service' ? 'the sandbox service' : `the sandbox of \`${record.command}\``;
  return [
    `${who} (pid ${record.pid}) stopped while this command was using it`,
    'Run the same command again: it starts the sandbox again with everything it held, and a walk resumes where it stopped.',
  ];
}

function configs(record: ServiceRecord, topic: string): { kafka: KafkaConfig; snowflake: SnowflakeConnectionConfig } {
  return {
    kafka: {
      brokers: [record.kafka.bootstrap[0]!],
      topic,
      securityProtocol: 'SASL_PLAINTEXT',
      saslMechanism: 'PLAIN',
      username: record.kafka.username,
      password: new Secret(record.kafka.password),
      sources: { brokers: 'sandbox', securityProtocol: 'sandbox', saslMechanism: 'sandbox', username: 'sandbox', password: 'sandbox' },
    },
    snowflake: {
      account: record.snowflake.account,
      user: record.snowflake.user,
      auth: 'password',
      password: new Secret(record.snowflake.password),
      accessUrl: record.snowflake.accessUrl,
      role: 'ACCOUNTADMIN',
      sources: { account: 'sandbox', user: 'sandbox', password: 'sandbox' },
    },
  };
}

/** A sandbox another process hosts: reached over its sockets, its connector through the control endpoint. */
function attach(opts: OpenSandboxOptions, record: ServiceRecord, release: () => void): Sandbox {
  return {
    dir: opts.dir,
    ...configs(record, opts.topic),
    secrets: [record.kafka.password, record.snowflake.password, record.control.token],
    host: { pid: record.pid, mode: record.mode, command: record.command, own: false },
    connectorFor: (group) => remoteConnector(record, group),
    stop: async () => release(),
  };
}

function hosted(opts: OpenSandboxOptions, host: import('./service/host.js').SandboxHost): Sandbox {
  const { record } = host;
  return {
    dir: opts.dir,
    ...configs(record, opts.topic),
    secrets: [record.kafka.password, record.snowflake.password, record.control.token],
    host: { pid: record.pid, mode: record.mode, command: record.command, own: true },
    connectorFor: (group) => ({ start: (parameters) => host.connectors.start(parameters), stop: () => host.connectors.stop(group) }),
    async stop() {
      await host.drain(opts.drainMs ?? DEFAULT_DRAIN_MS, (line) => opts.note?.(line));
      await host.stop();
    },
  };
}

/** A connector of the host, driven from another process: start hands over the configuration, stop ends and forgets it. */
function remoteConnector(record: ServiceRecord, group: string): ConnectorPort {
  const call = async (method: string, body?: unknown) => {
    try {
      await callControl(record, method, method === 'DELETE' ? `/connector?group=${encodeURIComponent(group)}` : '/connector', { body, timeoutMs: 120_000 });
    } catch (err) {
      if (err instanceof ControlError) throw new StepFailure(err.message);
      throw new StepFailure(`The sandbox (pid ${record.pid}) did not answer: ${(err as Error).message}`, 'See `openflow-kafka-quickstart sandbox status` and `sandbox logs`.');
    }
  };
  return {
    start: (parameters) => call('PUT', { parameters }),
    stop: () => call('DELETE'),
  };
}
