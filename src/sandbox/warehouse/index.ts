// The local Snowflake emulator: snowflake-sdk connects to accessUrl (http://127.0.0.1:PORT) with
// `account` and one of the configured users; data lives under dataDir and survives restarts.

import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { WarehouseUser } from './auth.js';
import { Catalog } from './catalog.js';
import { Engine } from './duck/engine.js';
import { WarehouseServer } from './server.js';
import { configureOpenflow, type OpenflowOptions } from './openflow/store.js';
import { connectorGateFor, type ConnectorGate } from './openflow/egress.js';

export type { WarehouseUser } from './auth.js';

export interface StartWarehouseOptions {
  dataDir: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  users: WarehouseUser[];
  /** The account has the OPENFLOW_ADMIN role, as after Openflow setup (default true). */
  openflowAdmin?: boolean;
  /** Account name clients must use (default SANDBOX). */
  account?: string;
  /** Session token lifetime; short values exercise snowflake-sdk's token renewal. */
  sessionValiditySeconds?: number;
  /** The emulated Openflow gen 2 (deployments, runtimes): how long changes take, or no gen 2 at all. */
  openflow?: OpenflowOptions;
  /** One line per login, logout and internal error. */
  log?: (line: string) => void;
}

export interface RunningWarehouse {
  host: string;
  port: number;
  accessUrl: string;
  account: string;
  /** May a connector writing to this database as this role run in its Openflow runtime now, and what may it reach. */
  connectorGate(target: { database: string; role: string }): ConnectorGate;
  /** Live client sessions. */
  sessions(): number;
  /** How long Openflow changes take from now on, those under way included (a test ends one mid-wait). */
  setOpenflowTransitionMs(ms: number): void;
  stop(): Promise<void>;
}

export async function startWarehouse(opts: StartWarehouseOptions): Promise<RunningWarehouse> {
  const host = opts.host ?? '127.0.0.1';
  const account = (opts.account ?? 'SANDBOX').toUpperCase();
  const openflowAdmin = opts.openflowAdmin ?? true;
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });

  const catalog = new Catalog(opts.dataDir, account);
  const extraRoles = openflowAdmin ? ['OPENFLOW_ADMIN'] : [];
  catalog.bootstrap(
    opts.users.map((u) => ({
      name: u.name.toUpperCase(),
      roles: (u.roles ?? ['ACCOUNTADMIN', 'SYSADMIN', ...extraRoles]).map((r) => r.toUpperCase()),
    })),
    extraRoles,
  );
  configureOpenflow(catalog, opts.openflow ?? {});
  const engine = await Engine.open(
    opts.dataDir,
    catalog.list('DATABASE').map((d) => d.name[0]),
  );
  const server = new WarehouseServer({
    catalog,
    engine,
    users: opts.users,
    account,
    sessionValiditySeconds: opts.sessionValiditySeconds ?? 3600,
    masterValiditySeconds: 4 * 3600,
    log: opts.log,
  });
  await new Promise<void>((resolve, reject) => {
    server.http.once('error', reject);
    server.http.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.http.address() as AddressInfo).port;
  let stopped = false;
  return {
    host,
    port,
    accessUrl: `http://${host}:${port}`,
    account,
    connectorGate: (target) => connectorGateFor(catalog, target),
    sessions: () => server.sessionCount,
    setOpenflowTransitionMs: (ms) => void configureOpenflow(catalog, { transitionMs: ms }),
    async stop() {
      if (stopped) return;
      stopped = true;
      server.http.closeAllConnections();
      await new Promise<void>((resolve) => server.http.close(() => resolve()));
      catalog.save();
      await engine.close();
    },
  };
}
