// The process that runs a sandbox: the three brokers, the Snowflake emulator and the connector,
// with their data and logs in one folder. `sandbox up` hosts one as a long-lived service; a
// --sandbox command finding none hosts a private one for its own lifetime. Either way it
// publishes service.json and a control endpoint, so any number of commands use it at once.
// Passwords are made fresh at every start and written only to the owner-only service.json.
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { writeAtomicallySync } from '../../engine/files.js';
import path from 'node:path';
import { Secret } from '../../config/types.js';
import { Redactor } from '../../engine/redact.js';
import { TUTORIAL_NAMES } from '../../names.js';
import type { WarehousePort } from '../../engine/ports.js';
// The host's own sessions speak Snowflake's protocol without snowflake-sdk's weight (src/snowflake/rest.ts).
import { connectRest } from '../../snowflake/rest.js';
import type { SnowflakeConnectionConfig } from '../../snowflake/config.js';
import { startBroker, type RunningBroker } from '../broker/index.js';
import { createSandboxConnector } from '../connector/index.js';
import { startWarehouse, type RunningWarehouse } from '../warehouse/index.js';
import { ConnectorSupervisor, type ConnectorState } from './connector.js';
import { boundDeadBuffers } from './dead-buffers.js';
import { startControlServer, type ControlServer } from './control.js';
import { takeHostLock, type HostLock } from './lock.js';
import { ensurePrivateDir, removeRecord, writeRecord, type ServiceRecord } from './record.js';

export const SANDBOX_KAFKA_USER = 'quickstart';
/** The person's Snowflake user: ACCOUNTADMIN and OPENFLOW_ADMIN, as in the tutorial. */
export const SANDBOX_SNOWFLAKE_USER = 'QUICKSTART_USER';
/** The Openflow runtime's own user: reaches the runtime role through OPENFLOW_ADMIN. */
const RUNTIME_USER = 'OPENFLOW_RUNTIME';

/** host.lock is held by another process: it hosts this sandbox (or is starting to). */
export class SandboxBusy extends Error {
  override name = 'SandboxBusy';
}

type Log = (line: string) => void;

export interface HostOptions {
  dir: string;
  mode: ServiceRecord['mode'];
  /** The hosting command, for messages: "sandbox up", "run", "query". */
  command: string;
  /** A client asked the host to stop (`sandbox down`). */
  onShutdownRequest?: () => void;
  /** A log file cannot be written (a full disk): reported once per file; without it the log is dropped. */
  onWriteError?: (err: Error) => void;
}

export interface HostStatus {
  pid: number;
  mode: ServiceRecord['mode'];
  command: string;
  startedAt: string;
  dir: string;
  kafka: { bootstrap: string[] };
  snowflake: { accessUrl: string; account: string; sessions: number };
  /** One per consumer group (a room has one per attendee). */
  connectors: Array<{ state: ConnectorState; error?: string; group: string; topics: string[]; table: string; lag: number | null; rows: number | null }>;
  /** Other commands using it right now. */
  clients: number;
  rssBytes: number;
}

export class SandboxHost {
  private stopping: Promise<void> | undefined;
  private statusSession: Promise<WarehousePort> | undefined;
  /** Dead Buffers are collected before they pile up (with the sandbox's --expose-gc). */
  private readonly endBufferBound = boundDeadBuffers();

  private constructor(
    readonly dir: string,
    readonly record: ServiceRecord,
    readonly connectors: ConnectorSupervisor,
    private readonly parts: { broker: RunningBroker; warehouse: RunningWarehouse; control: ControlServer; logs: WriteStream[]; log: Log; lock: HostLock; runtimePassword: string },
  ) {}

  static async start(opts: HostOptions): Promise<SandboxHost> {
    ensurePrivateDir(opts.dir);
    const lock = await takeHostLock(opts.dir);
    if (!lock) throw new SandboxBusy(`the sandbox in ${opts.dir} is hosted by another process`);
    const kafkaPassword = secret();
    const snowflakePassword = secret();
    const runtimePassword = secret();
    const logs = ['service.log', 'broker.log', 'emulator.log', 'connector.log'].map((name) => logStream(path.join(opts.dir, name), opts.onWriteError));
    // This run's secrets never reach a log, whatever a part writes.
    const redactor = new Redactor();
    const token = secret();
    for (const p of [kafkaPassword, snowflakePassword, runtimePassword, token]) redactor.add(p);
    const [serviceLog, brokerLog, emulatorLog, connectorLog] = logs.map((s) => (line: string) => void s.write(`${new Date().toISOString()} ${redactor.redact(line)}\n`)) as [Log, Log, Log, Log];
    const endLogs = async () => {
      await Promise.all(logs.map((s) => new Promise((resolve) => s.end(resolve))));
      lock.release();
    };

    let warehouse: RunningWarehouse | undefined;
    let broker: RunningBroker | undefined;
    let control: ControlServer | undefined;
    try {
      warehouse = await startWarehouse({
        dataDir: path.join(opts.dir, 'warehouse'),
        users: [
          { name: SANDBOX_SNOWFLAKE_USER, password: snowflakePassword, defaultWarehouse: TUTORIAL_NAMES.WAREHOUSE },
          { name: RUNTIME_USER, password: runtimePassword, roles: ['OPENFLOW_ADMIN'], serverless: true },
        ],
        openflowAdmin: true,
        log: emulatorLog,
        // Openflow deployments and runtimes provision in seconds here, not minutes.
        openflow: { transitionMs: openflowTransitionMs() },
      });
      broker = await startBrokerOnKnownPorts(opts.dir, kafkaPassword, brokerLog);
    } catch (err) {
      await broker?.stop();
      await warehouse?.stop();
      await endLogs();
      throw err;
    }

    const runningWarehouse = warehouse;
    const connector = new ConnectorSupervisor({
      dir: opts.dir,
      kafkaPassword,
      create: () =>
        createSandboxConnector({
          openWarehouse: (target) => connectRest(snowflakeConfig(runningWarehouse, RUNTIME_USER, runtimePassword, target)),
          log: connectorLog,
          nullColumnGraceMs: nullColumnGraceMs(),
          // A connector runs inside its emulated Openflow runtime and reaches only its network rule's hosts.
          gate: (target) => runningWarehouse.connectorGate(target),
        }),
      log: serviceLog,
    });
    let host: SandboxHost | undefined;
    try {
      control = await startControlServer(token, {
        status: async () => host?.status(),
        startConnector: (parameters) => connector.start(parameters),
        stopConnector: (group) => connector.stop(group),
        shutdown: () => {
          serviceLog('stop requested by `sandbox down`');
          opts.onShutdownRequest?.();
        },
      });
    } catch (err) {
      await Promise.allSettled([broker.stop(), warehouse.stop()]);
      await endLogs();
      throw err;
    }
    const record: ServiceRecord = {
      version: 1,
      pid: process.pid,
      mode: opts.mode,
      command: opts.command,
      startedAt: new Date().toISOString(),
      control: { url: control.url, token },
      kafka: { bootstrap: broker.bootstrap, username: SANDBOX_KAFKA_USER, password: kafkaPassword },
      snowflake: { accessUrl: warehouse.accessUrl, account: warehouse.account, user: SANDBOX_SNOWFLAKE_USER, password: snowflakePassword },
    };
    host = new SandboxHost(opts.dir, record, connector, { broker, warehouse, control, logs, log: serviceLog, lock, runtimePassword });
    writeRecord(opts.dir, record);
    serviceLog(`up (${opts.mode}, \`${opts.command}\`, pid ${process.pid}): Kafka ${broker.bootstrap.join(',')}, Snowflake ${warehouse.accessUrl}`);
    // A service resumes the connectors it ran before; a command's own sandbox runs only those its
    // walk hands over (as before there was a service), so nothing runs that nobody asked for.
    if (opts.mode === 'service') void connector.resume();
    return host;
  }

  async status(): Promise<HostStatus> {
    const { broker, warehouse } = this.parts;
    const connectors: HostStatus['connectors'] = [];
    for (const view of this.connectors.status) {
      const { settings } = view;
      const table = `${settings.database}.${settings.schema}."${settings.targets[0]!.table}"`;
      const lags = settings.targets.map((t) => broker.lag(settings.groupId, t.topic)).filter((l): l is number => l !== null);
      connectors.push({
        state: view.state,
        ...(view.error ? { error: view.error } : {}),
        group: settings.groupId,
        topics: settings.targets.map((t) => t.topic),
        table,
        lag: lags.length > 0 ? lags.reduce((a, b) => a + b, 0) : null,
        rows: await this.countRows(table),
      });
    }
    return {
      pid: this.record.pid,
      mode: this.record.mode,
      command: this.record.command,
      startedAt: this.record.startedAt,
      dir: this.dir,
      kafka: { bootstrap: this.record.kafka.bootstrap },
      snowflake: { accessUrl: warehouse.accessUrl, account: warehouse.account, sessions: warehouse.sessions() },
      connectors,
      clients: this.parts.control.attached(),
      rssBytes: process.memoryUsage.rss(),
    };
  }

  /**
   * Rows in the connector's table (null while there is none), through the runtime's own user as
   * OPENFLOW_ADMIN: the setup script grants every connector's role to it, and like the runtime it
   * needs no warehouse.
   */
  private async countRows(table: string): Promise<number | null> {
    try {
      this.statusSession ??= connectRest(snowflakeConfig(this.parts.warehouse, RUNTIME_USER, this.parts.runtimePassword, { role: 'OPENFLOW_ADMIN' }));
      const [row] = await (await this.statusSession).execute(`SELECT COUNT(*) AS N FROM ${table}`);
      return Number(row?.N ?? 0);
    } catch {
      return null;
    }
  }

  /**
   * A private sandbox outlives its command while other commands still use it (bounded): they
   * found it running and attached, and would otherwise lose it mid-query.
   */
  async drain(limitMs: number, note: (line: string) => void): Promise<void> {
    // No newcomers from here on: each one counted before this is waited for, none after.
    this.parts.control.refuseAttach();
    const deadline = Date.now() + limitMs;
    let told = false;
    while (this.parts.control.attached() > 0 && Date.now() < deadline) {
      if (!told) note(`Waiting for ${this.parts.control.attached()} other command(s) using this sandbox to finish (up to ${Math.round(limitMs / 1000)} s)...`);
      told = true;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops the connector (its configuration stays), the endpoint, the emulator and the brokers. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const { broker, warehouse, control, logs, log, lock } = this.parts;
      this.endBufferBound();
      control.refuseAttach();
      removeRecord(this.dir, this.record.pid);
      await this.connectors.shutdown().catch((err: Error) => log(`stopping the connector: ${err.message}`));
      const session = await this.statusSession?.catch(() => undefined);
      await session?.close().catch(() => undefined);
      await control.close();
      await Promise.allSettled([broker.stop(), warehouse.stop()]);
      log('stopped');
      await Promise.all(logs.map((s) => new Promise((resolve) => s.end(resolve))));
      lock.release();
    })();
    return this.stopping;
  }
}

function snowflakeConfig(warehouse: RunningWarehouse, user: string, password: string, extra: Partial<SnowflakeConnectionConfig> = {}): SnowflakeConnectionConfig {
  return {
    account: warehouse.account,
    user,
    auth: 'password',
    password: new Secret(password),
    accessUrl: warehouse.accessUrl,
    sources: { account: 'sandbox', user: 'sandbox', password: 'sandbox' },
    ...extra,
  };
}

/** Tests on a crowded machine lengthen the wait before a null-only field gets its TEXT column. */
function nullColumnGraceMs(): number | undefined {
  const ms = Number(process.env.OQS_CONNECTOR_NULL_GRACE_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : undefined;
}

/** OQS_SANDBOX_OPENFLOW_MS: how long the emulated Openflow changes take (default 2 s: CREATING is seen, briefly). */
function openflowTransitionMs(): number {
  const ms = Number(process.env.OQS_SANDBOX_OPENFLOW_MS);
  return Number.isInteger(ms) && ms >= 0 ? ms : 2_000;
}

function secret(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The brokers' addresses end up in the network rule and the state file, so a restarted sandbox
 * asks for the ports it had before; only when another program holds them does it take new ones
 * (and the walk then reports the brokers as changed).
 */
async function startBrokerOnKnownPorts(dir: string, password: string, log: (line: string) => void): Promise<RunningBroker> {
  const portsFile = path.join(dir, 'ports.json');
  const known = readPorts(portsFile);
  const start = (ports: [number, number, number]) =>
    startBroker({
      dataDir: path.join(dir, 'broker'),
      ports,
      sasl: { mechanisms: ['PLAIN'], users: { [SANDBOX_KAFKA_USER]: password } },
      // Like Confluent Cloud: a topic exists only once someone creates it.
      tuning: { autoCreateTopics: false },
      log,
    });
  let broker: RunningBroker;
  try {
    broker = await start(known ?? [0, 0, 0]);
  } catch (err) {
    if (!known || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    broker = await start([0, 0, 0]);
  }
  writeAtomicallySync(portsFile, JSON.stringify({ kafka: broker.brokers.map((b) => b.port) }) + '\n');
  return broker;
}

/** An append-only log whose write errors (a full disk) are reported once, never thrown. */
function logStream(file: string, onError: (err: Error) => void = () => undefined): WriteStream {
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  let reported = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (!reported) onError(Object.assign(err, { path: err.path ?? file }));
    reported = true;
  });
  return stream;
}

function readPorts(file: string): [number, number, number] | undefined {
  try {
    const ports = (JSON.parse(readFileSync(file, 'utf8')) as { kafka?: unknown }).kafka;
    if (Array.isArray(ports) && ports.length === 3 && ports.every((p) => Number.isInteger(p) && p > 0 && p < 65536)) return ports as [number, number, number];
  } catch {
    // No file yet, or not ours to trust: pick new ports.
  }
  return undefined;
}
