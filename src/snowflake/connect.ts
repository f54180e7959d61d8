// The one place that imports snowflake-sdk: connects with password, key pair or programmatic access
// token (to a real account or, through accessUrl, to the sandbox emulator), runs one statement at a
// time, and turns the SDK's errors into one-line messages that never carry a secret.

import './quiet-env.js';
import snowflake from 'snowflake-sdk';
import type { WarehousePort } from '../engine/ports.js';
import type { SnowflakeConnectionConfig } from './config.js';
import { describeSnowflakeError, SnowflakeQueryError } from './errors.js';
import { atMost, withDeadline } from '../engine/deadline.js';
import { StepFailure } from '../engine/step.js';

let configured = false;

/** The SDK logs to ./snowflake.log and the console by default; keep it quiet. */
function silenceSdk(): void {
  if (configured) return;
  configured = true;
  const quiet = () => undefined;
  snowflake.configure({
    logLevel: 'OFF',
    customLogger: { error: quiet, warn: quiet, info: quiet, debug: quiet, trace: quiet },
  } as unknown as Parameters<typeof snowflake.configure>[0]);
}

export interface WarehouseSession {
  user: string;
  role: string | null;
  database: string | null;
  schema: string | null;
  warehouse: string | null;
}

export interface SnowflakeWarehouse extends WarehousePort {
  /** Where it is connected ("http://127.0.0.1:PORT" or "<account>.snowflakecomputing.com"). */
  readonly target: string;
  /** The session's current user, role, database, schema and warehouse. */
  session(): Promise<WarehouseSession>;
  /** Runs one statement and returns its rows with each result column's name and type. */
  describeResult(sqlText: string): Promise<{ columns: ResultColumn[]; rows: Array<Record<string, unknown>> }>;
}

/** A result column as the driver reports it: Snowflake's type name, precision and scale. */
export interface ResultColumn {
  name: string;
  /** snowflake-sdk's type: fixed, real, text, boolean, date, time, timestamp_ntz/ltz/tz, variant, object, array, binary. */
  type: string;
  precision: number | null;
  scale: number | null;
}

function connectionOptions(cfg: SnowflakeConnectionConfig): snowflake.ConnectionOptions {
  const base: Record<string, unknown> = {
    account: cfg.account,
    username: cfg.user,
    role: cfg.role,
    warehouse: cfg.warehouse,
    database: cfg.database,
    schema: cfg.schema,
    application: 'openflow-kafka-quickstart',
    clientSessionKeepAlive: false,
    // One attempt: a wrong password or an unreachable host should fail now, not after minutes.
    sfRetryMaxLoginRetries: 1,
    retryTimeout: 30,
  };
  if (cfg.accessUrl) base.accessUrl = cfg.accessUrl;
  else if (cfg.host) {
    base.host = cfg.host;
    if (cfg.port !== undefined) base.port = cfg.port;
    if (cfg.protocol !== undefined) base.protocol = cfg.protocol;
  }
  switch (cfg.auth) {
    case 'password':
      base.authenticator = 'SNOWFLAKE';
      base.password = cfg.password?.reveal();
      break;
    case 'keypair':
      base.authenticator = 'SNOWFLAKE_JWT';
      base.privateKeyPath = cfg.privateKeyFile;
      if (cfg.privateKeyPassphrase) base.privateKeyPass = cfg.privateKeyPassphrase.reveal();
      break;
    case 'pat':
      base.authenticator = 'PROGRAMMATIC_ACCESS_TOKEN';
      base.token = cfg.token?.reveal();
      break;
  }
  return base as unknown as snowflake.ConnectionOptions;
}

/** `timeoutMs` (--timeout): how long the login, and the logout, may take before they are given up. */
export async function connectWarehouse(cfg: SnowflakeConnectionConfig, opts: { timeoutMs?: number } = {}): Promise<SnowflakeWarehouse> {
  silenceSdk();
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const target = cfg.accessUrl ?? (cfg.host ? `${cfg.host}${cfg.port ? `:${cfg.port}` : ''}` : `${cfg.account}.snowflakecomputing.com`);
  let connection: snowflake.Connection;
  try {
    connection = snowflake.createConnection(connectionOptions(cfg));
  } catch (e) {
    throw new SnowflakeQueryError(describeSnowflakeError(e, { target, user: cfg.user, phase: 'connect' }), e);
  }
  const login = new Promise<void>((resolve, reject) => {
    connection.connect((err) => {
      if (err) reject(new SnowflakeQueryError(describeSnowflakeError(err, { target, user: cfg.user, phase: 'connect' }), err));
      else resolve();
    });
  });
  // A host that takes the connection and never answers: reported within the limit, not after the SDK's retries.
  await withDeadline(login, timeoutMs, () => {
    login.catch(() => undefined);
    connection.destroy(() => undefined);
    return new StepFailure(
      `Snowflake at ${target} did not answer within ${timeoutMs / 1000}s; tried to log in as ${cfg.user}`,
      'Check the account name (or host), your network or VPN, and that nothing in between holds the connection. On a slow link, allow more time with --timeout (seconds).',
    );
  });

  const execute = (sqlText: string, binds?: unknown[]) =>
    new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
      connection.execute({
        sqlText,
        binds: binds as snowflake.Binds | undefined,
        complete: (err, _stmt, rows) => {
          if (err) reject(new SnowflakeQueryError(describeSnowflakeError(err, { target, user: cfg.user, phase: 'query' }), err, sqlText));
          else resolve((rows ?? []) as Array<Record<string, unknown>>);
        },
      });
    });

  const describeResult = (sqlText: string) =>
    new Promise<{ columns: ResultColumn[]; rows: Array<Record<string, unknown>> }>((resolve, reject) => {
      connection.execute({
        sqlText,
        complete: (err, stmt, rows) => {
          if (err) return reject(new SnowflakeQueryError(describeSnowflakeError(err, { target, user: cfg.user, phase: 'query' }), err, sqlText));
          const columns = (stmt.getColumns() ?? []).map((c) => ({
            name: c.getName(),
            type: c.getType(),
            precision: c.getPrecision() ?? null,
            scale: c.getScale() ?? null,
          }));
          resolve({ columns, rows: (rows ?? []) as Array<Record<string, unknown>> });
        },
      });
    });

  return {
    target,
    execute,
    describeResult,
    async session() {
      const [row] = await execute(
        'SELECT CURRENT_USER() AS "user", CURRENT_ROLE() AS "role", CURRENT_DATABASE() AS "database", CURRENT_SCHEMA() AS "schema", CURRENT_WAREHOUSE() AS "warehouse"',
      );
      return row as unknown as WarehouseSession;
    },
    // The logout is a request too: one that is not answered is given up after the limit.
    close: () =>
      atMost(
        new Promise<void>((resolve) => {
          if (!connection.isUp()) return resolve();
          connection.destroy(() => resolve());
        }),
        timeoutMs,
      ).then(() => undefined),
  };
}
