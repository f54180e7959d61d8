// The connector's test bed: the embedded broker with SASL PLAIN (as the sandbox walk runs it) and
// the Snowflake emulator after the tutorial's setup script, both on real sockets in a temp dir.
// The connector reaches the emulator as QUICKSTART_ROLE with only the grants script 1 gives.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Secret, type WalkConfig } from '../../../src/config/types.js';
import type { OutgoingRecord, WarehousePort } from '../../../src/engine/ports.js';
import { KafkaGateway } from '../../../src/kafka/gateway.js';
import { startBroker, type RunningBroker } from '../../../src/sandbox/broker/index.js';
import { startWarehouse, type RunningWarehouse } from '../../../src/sandbox/warehouse/index.js';
import { connectWarehouse } from '../../../src/snowflake/connect.js';
import { connectRest } from '../../../src/snowflake/rest.js';
import { renderTemplate, splitStatements } from '../../../src/sql.js';
import { TUTORIAL_NAMES as SQL_DEFAULTS } from '../../../src/names.js';
import { openflowParameterValues } from '../../../steps/shared/openflow-parameters.js';

export const DATABASE = SQL_DEFAULTS.DATABASE;
export const ROLE = SQL_DEFAULTS.ROLE;

export interface WarehouseAccess {
  accessUrl: string;
  account: string;
  user: string;
  password: string;
}

/** A new session as the sandbox host opens one for the connector's runtime (role, database, schema). */
export async function openRuntimeSession(access: WarehouseAccess, target: { role: string; database: string; schema: string }): Promise<WarehousePort> {
  return connectRest({
    account: access.account,
    user: access.user,
    auth: 'password',
    password: new Secret(access.password),
    accessUrl: access.accessUrl,
    role: target.role,
    database: target.database,
    schema: target.schema,
    sources: {},
  });
}

export interface ConnectorSandbox {
  broker: RunningBroker;
  warehouse: RunningWarehouse;
  access: WarehouseAccess;
  kafka: KafkaGateway;
  /** An ACCOUNTADMIN session for looking at results. */
  admin: WarehousePort;
  /** openflowParameterValues() for a topic, with overrides. */
  parameters(topic: string, overrides?: Record<string, string>): Record<string, string>;
  createTopic(topic: string, partitions?: number): Promise<void>;
  produce(topic: string, values: Array<string | Record<string, unknown>>, key?: (i: number) => string | null): Promise<void>;
  count(table: string, where?: string): Promise<number>;
  columns(table: string): Promise<Array<{ name: string; type: string }>>;
  stop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startConnectorSandbox(): Promise<ConnectorSandbox> {
  const root = tempDir('oqs-connector-');
  const kafkaUser = 'sandbox';
  const kafkaPassword = randomBytes(12).toString('base64url');
  const broker = await startBroker({
    dataDir: path.join(root, 'broker'),
    sasl: { mechanisms: ['PLAIN'], users: { [kafkaUser]: kafkaPassword } },
    log: () => undefined,
  });
  const access: WarehouseAccess = { accessUrl: '', account: '', user: 'QUICKSTART_USER', password: randomBytes(12).toString('base64url') };
  const warehouse = await startWarehouse({ dataDir: path.join(root, 'warehouse'), users: [{ name: access.user, password: access.password, serverless: true }] }); // the connector ingests like Snowpipe Streaming: no warehouse
  access.accessUrl = warehouse.accessUrl;
  access.account = warehouse.account;

  const admin = await connectWarehouse({ account: access.account, user: access.user, auth: 'password', password: new Secret(access.password), accessUrl: access.accessUrl, sources: {} });
  const script = renderTemplate('setup', { ...SQL_DEFAULTS, BROKERS: broker.bootstrap });
  for (const statement of splitStatements(script)) await admin.execute(statement.text);
  await admin.execute('USE ROLE ACCOUNTADMIN');

  const config = (topic: string): WalkConfig => ({
    profile: 'test',
    stateDir: root,
    seed: 1,
    target: 'sandbox',
    partitions: 3,
    kafka: {
      brokers: broker.bootstrap,
      topic,
      securityProtocol: 'SASL_PLAINTEXT',
      saslMechanism: 'PLAIN',
      username: kafkaUser,
      password: new Secret(kafkaPassword),
      sources: {},
    },
  });
  const kafka = new KafkaGateway(config('unused').kafka);

  return {
    broker,
    warehouse,
    access,
    kafka,
    admin,
    parameters: (topic, overrides = {}) => ({ ...openflowParameterValues(config(topic)), ...overrides }),
    createTopic: (topic, partitions = 3) => kafka.createTopic({ topic, partitions, replicationFactor: 3 }),
    async produce(topic, values, key = (i) => `k${i % 7}`) {
      const records: OutgoingRecord[] = values.map((v, i) => ({ key: key(i), value: typeof v === 'string' ? v : JSON.stringify(v) }));
      await kafka.produce(topic, records, {});
    },
    async count(table, where) {
      const rows = await admin.execute(`SELECT COUNT(*) AS N FROM ${DATABASE}.PUBLIC."${table}"${where ? ` WHERE ${where}` : ''}`);
      return Number(rows[0]!.N);
    },
    async columns(table) {
      const rows = await admin.execute(
        `SELECT COLUMN_NAME, DATA_TYPE FROM ${DATABASE}.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = '${table}' ORDER BY COLUMN_NAME`,
      );
      return rows.map((r) => ({ name: String(r.COLUMN_NAME), type: String(r.DATA_TYPE) }));
    },
    async stop() {
      await kafka.close().catch(() => undefined);
      await admin.close().catch(() => undefined);
      await broker.stop();
      await warehouse.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value `done` accepts, or fails after a generous deadline. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, deadlineMs = 90_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (err) {
      lastError = err; // e.g. the table does not exist yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}; last seen: ${JSON.stringify(last)}${lastError ? ` (${(lastError as Error).message})` : ''}`);
}
