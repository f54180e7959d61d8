// A small Snowflake session over Snowflake's own HTTP protocol (the requests snowflake-sdk sends:
// login-request, query-request with the same JSON bindings, token renewal, logout), for the
// sandbox host's own sessions: the connector's writes and the service's row counts. It speaks the
// protocol on a real socket like any driver, so the emulator serves it exactly as it serves
// snowflake-sdk; it only leaves out what those sessions never use (key pair and token logins, OCSP,
// stage uploads, result chunks in cloud storage), whose modules (Azure, GCP, AWS SDKs, winston: ~700
// of them) cost the long-running sandbox service ~27 MB. Everything a person's commands send to
// Snowflake, real or emulated, still goes through snowflake-sdk (./connect.ts).
import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import type { WarehousePort } from '../engine/ports.js';
import type { SnowflakeConnectionConfig } from './config.js';
import { describeSnowflakeError, SnowflakeQueryError } from './errors.js';

/** A statement gets this long before the session gives it up (a batch of the connector takes well under a second). */
const STATEMENT_LIMIT_MS = 120_000;
/** The session's token expired: renew it with the master token and send the statement again. */
const SESSION_EXPIRED = '390112';

interface Answer {
  success?: boolean;
  code?: string | null;
  message?: string | null;
  data?: Record<string, unknown> | null;
}

interface RowTypeEntry {
  name: string;
  type: string;
  scale?: number | null;
}

/** Password logins to an accessUrl (the sandbox emulator); anything else goes through connectWarehouse. */
export async function connectRest(cfg: SnowflakeConnectionConfig, opts: { timeoutMs?: number } = {}): Promise<WarehousePort> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  if (!cfg.accessUrl || cfg.auth !== 'password' || !cfg.password) throw new Error('connectRest: a password login to an accessUrl is needed');
  const base = new URL(cfg.accessUrl);
  const where = { target: cfg.accessUrl, user: cfg.user };
  const agent = new (base.protocol === 'https:' ? https : http).Agent({ keepAlive: true, maxSockets: 1 });

  const post = (path: string, body: unknown, token: string | null, limitMs: number) =>
    new Promise<Answer>((resolve, reject) => {
      const text = JSON.stringify(body ?? {});
      const req = (base.protocol === 'https:' ? https : http).request(new URL(path, base), {
        method: 'POST',
        agent,
        headers: {
          Accept: 'application/snowflake',
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(text),
          ...(token ? { Authorization: `Snowflake Token="${token}"` } : {}),
        },
      });
      req.setTimeout(limitMs, () => req.destroy(Object.assign(new Error(`no answer within ${limitMs / 1000}s`), { code: 'ETIMEDOUT' })));
      req.once('error', reject);
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('error', reject);
        res.once('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer);
          } catch {
            reject(new Error(`HTTP ${res.statusCode}: not a Snowflake answer`));
          }
        });
      });
      req.end(text);
    });

  const fail = (answer: Answer | Error, phase: 'connect' | 'query', sqlText?: string) => {
    const e = answer instanceof Error ? answer : { code: answer.code ?? undefined, message: answer.message ?? 'failed', sqlState: answer.data?.sqlState };
    return new SnowflakeQueryError(describeSnowflakeError(e, { ...where, phase }), e, sqlText);
  };

  const params = new URLSearchParams({ requestId: randomUUID() });
  for (const [key, value] of [['roleName', cfg.role], ['databaseName', cfg.database], ['schemaName', cfg.schema], ['warehouse', cfg.warehouse]] as const) {
    if (value) params.set(key, value);
  }
  const login = await post(
    `/session/v1/login-request?${params}`,
    {
      data: {
        CLIENT_APP_ID: 'openflow-kafka-quickstart',
        CLIENT_APP_VERSION: '0',
        ACCOUNT_NAME: cfg.account,
        LOGIN_NAME: cfg.user,
        PASSWORD: cfg.password.reveal(),
        AUTHENTICATOR: 'SNOWFLAKE',
        SESSION_PARAMETERS: {},
      },
    },
    null,
    timeoutMs,
  ).catch((e: Error) => {
    agent.destroy();
    throw fail(e, 'connect');
  });
  if (!login.success) {
    agent.destroy();
    throw fail(login, 'connect');
  }
  let token = String(login.data?.token);
  const masterToken = String(login.data?.masterToken);
  let sequenceId = 0;
  let closed = false;

  const renew = async () => {
    const answer = await post(`/session/token-request?requestId=${randomUUID()}`, { oldSessionToken: token, requestType: 'RENEW' }, masterToken, timeoutMs);
    if (!answer.success) throw fail(answer, 'query');
    token = String(answer.data?.sessionToken);
  };

  const execute = async (sqlText: string, binds?: unknown[]): Promise<Array<Record<string, unknown>>> => {
    if (closed) throw new SnowflakeQueryError('The Snowflake session is closed.', undefined, sqlText);
    const body = { sqlText, sequenceId: ++sequenceId, ...(binds && binds.length > 0 ? { bindings: bindingsOf(binds) } : {}) };
    const send = () => post(`/queries/v1/query-request?requestId=${randomUUID()}`, body, token, STATEMENT_LIMIT_MS);
    let answer = await send().catch((e: Error) => {
      throw fail(e, 'query', sqlText);
    });
    if (!answer.success && answer.code === SESSION_EXPIRED) {
      await renew();
      answer = await send();
    }
    if (!answer.success) throw fail(answer, 'query', sqlText);
    return rowsOf(answer.data ?? {});
  };

  return {
    execute,
    async close() {
      if (closed) return;
      closed = true;
      await post('/session?delete=true', {}, token, timeoutMs).catch(() => undefined);
      agent.destroy();
    },
  };
}

/**
 * Binds as snowflake-sdk sends them: `?` n is key "n"; an array of rows (array binding) sends one
 * array per column. The type comes from the first row's value, as the SDK picks it; values other
 * than strings and null travel as their JSON text.
 */
export function bindingsOf(binds: unknown[]): Record<string, { type: string; value: unknown }> {
  const rows = Array.isArray(binds[0]) ? (binds as unknown[][]) : null;
  const first = rows ? rows[0]! : binds;
  const text = (v: unknown) => (v === null || typeof v === 'string' ? v : v instanceof Date ? v.toJSON() : JSON.stringify(v));
  const out: Record<string, { type: string; value: unknown }> = {};
  for (let i = 0; i < first.length; i++) {
    out[String(i + 1)] = { type: bindType(first[i]), value: rows ? rows.map((r) => text(r[i])) : text(first[i]) };
  }
  return out;
}

function bindType(v: unknown): string {
  if (typeof v === 'boolean') return 'BOOLEAN';
  if (typeof v === 'number') return Number.isInteger(v) ? 'FIXED' : 'REAL';
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) return 'VARIANT';
  return 'TEXT';
}

/** Rows as snowflake-sdk returns them: an object per row, numbers and booleans decoded, VARIANT parsed. */
export function rowsOf(data: Record<string, unknown>): Array<Record<string, unknown>> {
  const columns = (data.rowtype ?? []) as RowTypeEntry[];
  const rowset = (data.rowset ?? []) as Array<Array<string | null>>;
  return rowset.map((cells) => {
    const row: Record<string, unknown> = {};
    columns.forEach((c, i) => (row[c.name] = decode(c.type, cells[i] ?? null)));
    return row;
  });
}

function decode(type: string, v: string | null): unknown {
  if (v === null) return null;
  switch (type) {
    case 'fixed':
    case 'real':
      return Number(v);
    case 'boolean':
      return v === '1' || v.toLowerCase() === 'true';
    case 'variant':
    case 'object':
    case 'array':
      try {
        return JSON.parse(v);
      } catch {
        return v;
      }
    default:
      return v;
  }
}
