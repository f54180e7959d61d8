// The local sandbox: our Kafka-protocol broker (three brokers, SASL PLAIN like Confluent Cloud)
// and the Snowflake emulator on 127.0.0.1, with their data in one folder so a stopped walk
// resumes. Passwords are made fresh by every process that starts it: nothing secret is written.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { Secret, type KafkaConfig } from '../config/types.js';
import type { WarehousePort } from '../engine/ports.js';
import { StepFailure } from '../engine/step.js';
import type { SnowflakeConnectionConfig } from '../snowflake/config.js';
import { connectWarehouse } from '../snowflake/connect.js';
import { startBroker, type RunningBroker } from './broker/index.js';
import { startWarehouse, type RunningWarehouse } from './warehouse/index.js';
import { TUTORIAL_NAMES } from '../names.js';

export const SANDBOX_KAFKA_USER = 'quickstart';
/** The person's Snowflake user: ACCOUNTADMIN and OPENFLOW_ADMIN, as in the tutorial. */
export const SANDBOX_SNOWFLAKE_USER = 'QUICKSTART_USER';
/** The Openflow runtime's own user: reaches the runtime role through OPENFLOW_ADMIN. */
const RUNTIME_USER = 'OPENFLOW_RUNTIME';

export interface Sandbox {
  /** Where its data and logs live. */
  dir: string;
  kafka: KafkaConfig;
  snowflake: SnowflakeConnectionConfig;
  /** Secrets of this process's sandbox, for the Redactor. */
  secrets: string[];
  /** A Snowflake session as the Openflow runtime (SNOWFLAKE_SESSION_TOKEN strategy). */
  openRuntimeSession(target: { role: string; database: string; schema: string }): Promise<WarehousePort>;
  /** Appends a line to connector.log in the sandbox folder. */
  connectorLog(line: string): void;
  stop(): Promise<void>;
}

export async function startSandbox(opts: { dir: string; topic: string }): Promise<Sandbox> {
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const kafkaPassword = secret();
  const snowflakePassword = secret();
  const runtimePassword = secret();
  const brokerLog = logFile(opts.dir, 'broker.log');
  const connectorLog = logFile(opts.dir, 'connector.log');

  let broker: RunningBroker | undefined;
  let warehouse: RunningWarehouse | undefined;
  try {
    warehouse = await startWarehouse({
      dataDir: path.join(opts.dir, 'warehouse'),
      users: [
        { name: SANDBOX_SNOWFLAKE_USER, password: snowflakePassword, defaultWarehouse: TUTORIAL_NAMES.WAREHOUSE },
        { name: RUNTIME_USER, password: runtimePassword, roles: ['OPENFLOW_ADMIN'], serverless: true },
      ],
      openflowAdmin: true,
    }).catch((err: unknown) => {
      throw inUse(err, opts.dir);
    });
    // After the emulator: its file lock is what tells a second process that this sandbox is taken.
    broker = await startBrokerOnKnownPorts(opts.dir, kafkaPassword, (line) => brokerLog.write(line + '\n'));
  } catch (err) {
    await broker?.stop();
    await warehouse?.stop();
    brokerLog.end();
    connectorLog.end();
    throw err;
  }

  const running = warehouse;
  const snowflakeFor = (user: string, password: string, extra: Partial<SnowflakeConnectionConfig> = {}): SnowflakeConnectionConfig => ({
    account: running.account,
    user,
    auth: 'password',
    password: new Secret(password),
    accessUrl: running.accessUrl,
    sources: { account: 'sandbox', user: 'sandbox', password: 'sandbox' },
    ...extra,
  });
  const runningBroker = broker;
  return {
    dir: opts.dir,
    kafka: {
      brokers: [broker.bootstrap[0]!],
      topic: opts.topic,
      securityProtocol: 'SASL_PLAINTEXT',
      saslMechanism: 'PLAIN',
      username: SANDBOX_KAFKA_USER,
      password: new Secret(kafkaPassword),
      sources: { brokers: 'sandbox', securityProtocol: 'sandbox', saslMechanism: 'sandbox', username: 'sandbox', password: 'sandbox' },
    },
    snowflake: snowflakeFor(SANDBOX_SNOWFLAKE_USER, snowflakePassword, { role: 'ACCOUNTADMIN' }),
    secrets: [kafkaPassword, snowflakePassword, runtimePassword],
    openRuntimeSession: (target) => connectWarehouse(snowflakeFor(RUNTIME_USER, runtimePassword, target)),
    connectorLog: (line) => connectorLog.write(`${new Date().toISOString()} ${line}\n`),
    async stop() {
      await Promise.allSettled([runningBroker.stop(), running.stop()]);
      await Promise.all([brokerLog, connectorLog].map((s) => new Promise((resolve) => s.end(resolve))));
    },
  };
}

function secret(): string {
  return randomBytes(18).toString('base64url');
}

function logFile(dir: string, name: string): WriteStream {
  return createWriteStream(path.join(dir, name), { flags: 'a', mode: 0o600 });
}

/**
 * The brokers' addresses end up in the network rule and the state file, so a resumed walk asks
 * for the ports it had before; only when another program holds them does it take new ones
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
  writeFileSync(portsFile, JSON.stringify({ kafka: broker.brokers.map((b) => b.port) }) + '\n');
  return broker;
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

/** DuckDB holds a lock on its file: a second walk of the same sandbox cannot open it. */
function inUse(err: unknown, dir: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(message)) return new StepFailure(`The sandbox in ${dir} is in use by another process.`, 'Another walk, status or query of this profile is running: let it finish, or use another --profile.');
  return err instanceof Error ? err : new Error(message);
}
