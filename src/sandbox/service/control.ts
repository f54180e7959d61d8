// The sandbox host's control endpoint: HTTP on 127.0.0.1, every request carrying the run's token
// from service.json (so only the folder's owner gets in). Clients ask for the status, hand over
// the connector's configuration (the walk's hand-off step), or ask the host to shut down.
import { timingSafeEqual } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceRecord } from './record.js';

export interface ControlHandlers {
  status(): Promise<unknown>;
  startConnector(parameters: Record<string, string>): Promise<void>;
  stopConnector(group: string): Promise<void>;
  shutdown(): void;
}

export interface ControlServer {
  url: string;
  /** Commands attached right now (each holds GET /attach open while it uses the sandbox). */
  attached(): number;
  /** From now on new commands are turned away (the host is stopping): they start their own. */
  refuseAttach(): void;
  close(): Promise<void>;
}

export async function startControlServer(token: string, handlers: ControlHandlers): Promise<ControlServer> {
  const expected = Buffer.from(`Bearer ${token}`);
  const attached = new Set<ServerResponse>();
  let refusing = false;
  const server: Server = createServer((req, res) => {
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return reply(res, 401, { error: 'not authorized' });
    if (req.method === 'GET' && req.url === '/attach') {
      if (refusing) return reply(res, 503, { error: 'the sandbox is stopping' });
      // Held open for as long as the client uses the sandbox; it ends when the client goes (even killed).
      attached.add(res);
      res.once('close', () => attached.delete(res));
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.flushHeaders();
      return;
    }
    route(req, res, handlers).catch((err: unknown) => reply(res, 500, { error: err instanceof Error ? err.message : String(err) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attached: () => attached.size,
    refuseAttach: () => void (refusing = true),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(req: IncomingMessage, res: ServerResponse, h: ControlHandlers): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://control');
  const key = `${req.method} ${url.pathname}`;
  if (key === 'GET /ping') return reply(res, 200, { pid: process.pid });
  if (key === 'GET /status') return reply(res, 200, await h.status());
  if (key === 'PUT /connector') {
    const body = (await readJson(req)) as { parameters?: unknown };
    if (!isStringRecord(body.parameters)) return reply(res, 400, { error: 'parameters: expected an object of strings' });
    try {
      await h.startConnector(body.parameters);
    } catch (err) {
      // The connector refused its configuration: the client shows this line as the step's failure.
      return reply(res, 422, { error: err instanceof Error ? err.message : String(err) });
    }
    return reply(res, 200, { ok: true });
  }
  if (key === 'DELETE /connector') {
    const group = url.searchParams.get('group');
    if (!group) return reply(res, 400, { error: 'group: missing' });
    await h.stopConnector(group);
    return reply(res, 200, { ok: true });
  }
  if (key === 'POST /shutdown') {
    reply(res, 202, { ok: true });
    h.shutdown();
    return;
  }
  reply(res, 404, { error: `no such request: ${key}` });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return !!v && typeof v === 'object' && Object.values(v).every((x) => typeof x === 'string');
}

/** The answer of a control request that the host refused: its message is the host's own line. */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

/**
 * Tells the host this process uses the sandbox, until the returned function is called (or the
 * process ends). Resolves once the host has counted it (a stopping host waits for it); undefined
 * when the host turned it away or did not answer. `onLost` runs if the host goes first (killed,
 * or `sandbox down`): the held request is the one thing that notices at once.
 */
export function holdAttachment(record: Pick<ServiceRecord, 'control'>, opts: { timeoutMs?: number; onLost?: () => void } = {}): Promise<(() => void) | undefined> {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  return new Promise((resolve) => {
    const req = request(`${record.control.url}/attach`, { headers: { authorization: `Bearer ${record.control.token}` } });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(undefined);
    }, timeoutMs);
    req.on('socket', (socket) => socket.unref());
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      if (res.statusCode === 200) {
        let released = false;
        res.once('close', () => {
          if (!released) opts.onLost?.();
        });
        resolve(() => {
          released = true;
          req.destroy();
        });
      } else {
        req.destroy();
        resolve(undefined);
      }
    });
    req.on('error', () => {
      clearTimeout(timer);
      resolve(undefined); // the host went away: nothing to hold
    });
    req.end();
  });
}

/** One request to a running host; throws ControlError on a refusal, a network error when nobody answers. */
export async function callControl<T = unknown>(record: Pick<ServiceRecord, 'control'>, method: string, route: string, opts: { body?: unknown; timeoutMs?: number } = {}): Promise<T> {
  const res = await fetch(`${record.control.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${record.control.token}`, ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 5_000),
  });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ControlError(body.error ?? `the sandbox answered ${res.status}`, res.status);
  return body as T;
}
