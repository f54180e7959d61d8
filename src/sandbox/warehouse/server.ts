// Snowflake's HTTP protocol as snowflake-sdk speaks it: login, query, abort, token renewal,
// heartbeat, session end, telemetry. Every answer is JSON with Snowflake's envelope
// ({data, code, message, success}); results use the JSON result format (no Arrow).

import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { authenticate, type WarehouseUser } from './auth.js';
import type { Catalog } from './catalog.js';
import { DEFAULT_TIMEZONE, type Engine } from './duck/engine.js';
import { SnowflakeError } from './errors.js';
import type { StatementResult } from './result.js';
import type { Session } from './session.js';
import { executeStatement, type Binding } from './statements.js';

export interface ServerOptions {
  catalog: Catalog;
  engine: Engine;
  users: WarehouseUser[];
  account: string;
  sessionValiditySeconds: number;
  masterValiditySeconds: number;
  /** One line per login, logout and internal error (never a password or a token). */
  log?: (line: string) => void;
}

const SERVER_VERSION = '9.0.0-sandbox';

function sessionParameters(session: Session): Array<{ name: string; value: unknown }> {
  return [
    { name: 'TIMEZONE', value: session.params.TIMEZONE ?? DEFAULT_TIMEZONE },
    { name: 'TIMESTAMP_OUTPUT_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM' },
    { name: 'TIMESTAMP_NTZ_OUTPUT_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS.FF3' },
    { name: 'TIMESTAMP_LTZ_OUTPUT_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM' },
    { name: 'TIMESTAMP_TZ_OUTPUT_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM' },
    { name: 'DATE_OUTPUT_FORMAT', value: 'YYYY-MM-DD' },
    { name: 'TIME_OUTPUT_FORMAT', value: 'HH24:MI:SS' },
    { name: 'CLIENT_RESULT_CHUNK_SIZE', value: 160 },
    { name: 'CLIENT_SESSION_KEEP_ALIVE', value: false },
    { name: 'CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY', value: 3600 },
    { name: 'QUERY_CONTEXT_CACHE_SIZE', value: 5 },
  ];
}

function failure(e: SnowflakeError, queryId?: string) {
  return {
    data: {
      internalError: false,
      errorCode: e.code,
      age: 0,
      sqlState: e.sqlState,
      queryId: queryId ?? null,
      line: -1,
      pos: -1,
      type: e.errorType,
    },
    code: e.code,
    message: e.message,
    success: false,
    headers: null,
  };
}

export class WarehouseServer {
  private readonly sessions = new Map<string, Session>();
  private readonly byMaster = new Map<string, Session>();
  private readonly running = new Map<string, number>();
  private readonly results = new Map<string, { session: number; body: unknown }>();
  private nextSessionId = 1;
  readonly http: Server;

  constructor(private readonly opts: ServerOptions) {
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        this.opts.log?.(`internal error on ${req.method} ${req.url?.split('?')[0]}: ${(e as Error).message}`);
        const err = e instanceof SnowflakeError ? e : new SnowflakeError('000603', 'XX000', `Internal error in the sandbox: ${(e as Error).message}`, 'EXECUTION');
        this.send(res, failure(err));
      });
    });
  }

  private send(res: ServerResponse, body: unknown, status = 200): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  private async readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let raw = Buffer.concat(chunks);
    if (String(req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip') raw = gunzipSync(raw);
    if (raw.length === 0) return {};
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  }

  private tokenOf(req: IncomingMessage): string | null {
    const m = /Snowflake Token="([^"]*)"/.exec(String(req.headers.authorization ?? ''));
    return m ? m[1] : null;
  }

  /** The session for a request's token, or Snowflake's token error (the SDK renews on 390112). */
  private sessionOf(req: IncomingMessage): Session {
    const token = this.tokenOf(req);
    const session = token ? this.sessions.get(token) : undefined;
    if (!session) throw new SnowflakeError('390104', '08001', 'User must login again to access the service.', 'AUTHENTICATION');
    if (session.sessionExpiresAt < Date.now()) throw new SnowflakeError('390112', '08001', 'Your session has expired. Please login again.', 'AUTHENTICATION');
    return session;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    if (req.method === 'POST' && path === '/session/v1/login-request') return this.login(req, res, url);
    if (req.method === 'POST' && path === '/queries/v1/query-request') return this.query(req, res);
    if (req.method === 'POST' && path === '/queries/v1/abort-request') return this.abort(req, res);
    if (req.method === 'POST' && path === '/session/token-request') return this.renew(req, res);
    if (req.method === 'POST' && path === '/session/heartbeat') {
      await this.readBody(req);
      this.sessionOf(req);
      return this.send(res, { data: {}, code: null, message: null, success: true });
    }
    if (req.method === 'POST' && path === '/session' && url.searchParams.get('delete') === 'true') return this.logout(req, res);
    if (req.method === 'POST' && path === '/telemetry/send') {
      await this.readBody(req);
      return this.send(res, { data: 'Log Received', code: null, message: null, success: true });
    }
    const resultPath = /^\/queries\/([^/]+)\/result$/.exec(path);
    if (req.method === 'GET' && resultPath) {
      const session = this.sessionOf(req);
      const cached = this.results.get(resultPath[1]);
      if (!cached || cached.session !== session.id)
        return this.send(res, failure(new SnowflakeError('000709', '02000', `Statement ${resultPath[1]} not found`, 'EXECUTION')));
      return this.send(res, cached.body);
    }
    this.send(res, { data: null, code: '404', message: `Not found: ${req.method} ${path}`, success: false }, 404);
  }

  private async login(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await this.readBody(req);
    const data = (body.data ?? {}) as Record<string, unknown>;
    const { catalog } = this.opts;
    let user: WarehouseUser;
    try {
      const accountName = String(data.ACCOUNT_NAME ?? '').toUpperCase();
      if (accountName !== this.opts.account.toUpperCase())
        throw new SnowflakeError('390201', '08004', `The requested account '${accountName}' does not exist in the sandbox (its account is '${this.opts.account}').`, 'AUTHENTICATION');
      user = authenticate(this.opts.users, this.opts.account, data);
    } catch (e) {
      if (e instanceof SnowflakeError) {
        this.opts.log?.(`login refused (${e.code}): ${e.message}`);
        return this.send(res, failure(e));
      }
      throw e;
    }
    const userName = user.name.toUpperCase();
    const available = catalog.rolesOfUser(userName);
    const upper = (v: string | null) => (v === null || v === '' ? null : /^".*"$/.test(v) ? v.slice(1, -1) : v.toUpperCase());
    const askedRole = upper(url.searchParams.get('roleName'));
    if (askedRole && !available.has(askedRole))
      return this.send(
        res,
        failure(
          new SnowflakeError(
            '390189',
            '08004',
            `Role '${askedRole}' specified in the connect string is not granted to this user. Contact your local system administrator, or attempt to login with another role, e.g. PUBLIC.`,
            'AUTHENTICATION',
          ),
        ),
      );
    const defaultRole = user.defaultRole?.toUpperCase();
    const role = askedRole ?? (defaultRole && available.has(defaultRole) ? defaultRole : available.has('ACCOUNTADMIN') ? 'ACCOUNTADMIN' : 'PUBLIC');
    const now = Date.now();
    const session: Session = {
      id: this.nextSessionId++,
      user: userName,
      role,
      database: null,
      schema: null,
      warehouse: null,
      sessionToken: `ver:1-hint:sandbox-ETMsDgAAA${randomBytes(24).toString('base64url')}`,
      masterToken: `ver:1-hint:sandbox-master-${randomBytes(24).toString('base64url')}`,
      sessionExpiresAt: now + this.opts.sessionValiditySeconds * 1000,
      masterExpiresAt: now + this.opts.masterValiditySeconds * 1000,
      params: {},
      serverless: user.serverless === true,
    };
    // Context from the connect string: kept when visible, silently absent otherwise (as Snowflake).
    const db = upper(url.searchParams.get('databaseName'));
    const schema = upper(url.searchParams.get('schemaName'));
    const wh = upper(url.searchParams.get('warehouse')) ?? upper(user.defaultWarehouse ?? null);
    const attempt = async (sql: string) => {
      try {
        await executeStatement(sql, undefined, { catalog, engine: this.opts.engine, session, account: this.opts.account });
      } catch {
        // not visible to this role: stays unset
      }
    };
    const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
    if (db) await attempt(`USE DATABASE ${q(db)}`);
    if (db && schema) await attempt(`USE SCHEMA ${q(db)}.${q(schema)}`);
    if (wh) await attempt(`USE WAREHOUSE ${q(wh)}`);
    this.sessions.set(session.sessionToken, session);
    this.byMaster.set(session.masterToken, session);
    this.opts.log?.(`session ${session.id}: ${userName} logged in as ${role}`);
    this.send(res, {
      data: {
        masterToken: session.masterToken,
        token: session.sessionToken,
        validityInSeconds: this.opts.sessionValiditySeconds,
        masterValidityInSeconds: this.opts.masterValiditySeconds,
        displayUserName: userName,
        serverVersion: SERVER_VERSION,
        firstLogin: false,
        remMeToken: null,
        remMeValidityInSeconds: 0,
        healthCheckInterval: 45,
        newClientForUpgrade: null,
        sessionId: session.id,
        parameters: sessionParameters(session),
        sessionInfo: {
          databaseName: session.database,
          schemaName: session.schema,
          warehouseName: session.warehouse,
          roleName: session.role,
        },
        idToken: null,
        idTokenValidityInSeconds: 0,
        responseData: null,
        mfaToken: null,
        mfaTokenValidityInSeconds: 0,
      },
      code: null,
      message: null,
      success: true,
    });
  }

  private async query(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.readBody(req);
    let session: Session;
    try {
      session = this.sessionOf(req);
    } catch (e) {
      return this.send(res, failure(e as SnowflakeError));
    }
    const queryId = randomUUID();
    const requestId = new URL(req.url ?? '/', 'http://sandbox').searchParams.get('requestId') ?? queryId;
    const sqlText = String(body.sqlText ?? '');
    if (body.asyncExec) return this.send(res, failure(new SnowflakeError('000002', '0A000', 'Asynchronous queries are not available in the sandbox.'), queryId));
    this.running.set(requestId, session.id);
    let result: StatementResult;
    try {
      result = await executeStatement(sqlText, body.bindings as Record<string, Binding> | undefined, {
        catalog: this.opts.catalog,
        engine: this.opts.engine,
        session,
        account: this.opts.account,
      });
    } catch (e) {
      if (e instanceof SnowflakeError) return this.send(res, failure(e, queryId));
      throw e;
    } finally {
      this.running.delete(requestId);
    }
    const answer = {
      data: {
        parameters: sessionParameters(session),
        rowtype: result.columns,
        rowset: result.rows,
        total: result.rows.length,
        returned: result.rows.length,
        queryId,
        databaseProvider: null,
        finalDatabaseName: session.database,
        finalSchemaName: session.schema,
        finalWarehouseName: session.warehouse,
        finalRoleName: session.role,
        numberOfBinds: body.bindings ? Object.keys(body.bindings).length : 0,
        arrayBindSupported: false,
        statementTypeId: result.statementTypeId,
        version: 1,
        sendResultTime: Date.now(),
        queryResultFormat: 'json',
        queryContext: { entries: [] },
      },
      code: null,
      message: null,
      success: true,
    };
    this.results.set(queryId, { session: session.id, body: answer });
    session.lastQueryId = queryId;
    if (result.rows.length <= 100_000) {
      const mine = (session.results ??= new Map());
      mine.set(queryId, result);
      if (mine.size > 10) mine.delete(mine.keys().next().value!);
    }
    if (this.results.size > 20) this.results.delete(this.results.keys().next().value!);
    this.send(res, answer);
  }

  private async abort(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.readBody(req);
    const session = this.sessionOf(req);
    const requestId = String(body.requestId ?? '');
    if (this.running.get(requestId) === session.id) this.opts.engine.interrupt(session.id);
    this.send(res, { data: null, code: null, message: null, success: true });
  }

  private async renew(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.readBody(req);
    const master = this.tokenOf(req);
    const session = master ? this.byMaster.get(master) : undefined;
    if (!session || session.masterExpiresAt < Date.now())
      return this.send(res, failure(new SnowflakeError('390114', '08001', 'Authentication token has expired.  The user must authenticate again.', 'AUTHENTICATION')));
    if (body.oldSessionToken !== session.sessionToken && !this.sessions.has(String(body.oldSessionToken))) {
      // An old token that is no longer ours: still renew the session the master token names.
    }
    this.sessions.delete(session.sessionToken);
    session.sessionToken = `ver:1-hint:sandbox-ETMsDgAAA${randomBytes(24).toString('base64url')}`;
    session.sessionExpiresAt = Date.now() + this.opts.sessionValiditySeconds * 1000;
    this.sessions.set(session.sessionToken, session);
    this.send(res, {
      data: {
        sessionToken: session.sessionToken,
        validityInSecondsST: this.opts.sessionValiditySeconds,
        masterToken: session.masterToken,
        validityInSecondsMT: Math.max(1, Math.round((session.masterExpiresAt - Date.now()) / 1000)),
        sessionId: session.id,
      },
      code: null,
      message: null,
      success: true,
    });
  }

  private async logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await this.readBody(req);
    const token = this.tokenOf(req);
    const session = token ? this.sessions.get(token) : undefined;
    if (session) this.endSession(session);
    this.send(res, { data: null, code: null, message: null, success: true });
  }

  private endSession(session: Session): void {
    this.opts.log?.(`session ${session.id}: logged out`);
    this.sessions.delete(session.sessionToken);
    this.byMaster.delete(session.masterToken);
    this.opts.engine.closeSession(session.id);
  }

  /** Number of live sessions (for tests and the CLI's status line). */
  get sessionCount(): number {
    return this.sessions.size;
  }
}
