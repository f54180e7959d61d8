// One connection to one broker: TCP or TLS, SASL (PLAIN, SCRAM-SHA-256/512) when configured,
// then pipelined requests. Kafka answers a connection's requests in order, so replies are matched
// first in, first out (and checked against the correlation id).
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { Reader, Writer } from '../protocol/codec.js';
import type { KafkaConfig } from '../../config/types.js';
import { saslExchange } from './sasl.js';
import { KafkaProtocolError, errorName } from './errors.js';

export const CLIENT_ID = 'openflow-kafka-quickstart';
const API = { saslHandshake: 17, saslAuthenticate: 36 } as const;

interface Pending {
  correlationId: number;
  resolve(body: Buffer): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export interface ConnectionOptions {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export class BrokerConnection {
  private socket!: net.Socket;
  private readonly pending: Pending[] = [];
  private nextCorrelationId = 1;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private closedWith: Error | null = null;

  private constructor(readonly address: string, private readonly opts: ConnectionOptions) {}

  /** Connects and authenticates; rejects with the socket's, TLS's or SASL's own error. */
  static async open(host: string, port: number, cfg: KafkaConfig, opts: ConnectionOptions): Promise<BrokerConnection> {
    const conn = new BrokerConnection(`${host}:${port}`, opts);
    await conn.connect(host, port, cfg);
    try {
      if (cfg.securityProtocol === 'SASL_PLAINTEXT' || cfg.securityProtocol === 'SASL_SSL') await conn.authenticate(cfg);
    } catch (err) {
      conn.close();
      throw err;
    }
    return conn;
  }

  private connect(host: string, port: number, cfg: KafkaConfig): Promise<void> {
    const secure = cfg.securityProtocol === 'SSL' || cfg.securityProtocol === 'SASL_SSL';
    return new Promise((resolve, reject) => {
      // node:tls is loaded only when used: it costs ~15 ms of start-up a PLAINTEXT cluster need not pay.
      const tls = secure ? process.getBuiltinModule('node:tls') : null;
      const socket = tls
        ? tls.connect({
            host,
            port,
            servername: net.isIP(host) ? undefined : host,
            // A given CA is trusted besides the system's, not instead of them.
            ca: cfg.caFile ? [...tls.rootCertificates, readFileSync(cfg.caFile, 'utf8')] : undefined,
          })
        : net.connect({ host, port });
      this.socket = socket;
      socket.setNoDelay(true);
      const timer = setTimeout(() => socket.destroy(new Error(`Connection timeout: ${host}:${port} did not answer within ${this.opts.connectTimeoutMs} ms`)), this.opts.connectTimeoutMs);
      const onError = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      socket.once('error', onError);
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        socket.on('error', (err) => this.fail(err));
        socket.on('close', () => this.fail(new Error(`Connection error: ${this.address} closed the connection`)));
        socket.on('data', (chunk: Buffer) => this.onData(chunk));
        resolve();
      });
    });
  }

  private async authenticate(cfg: KafkaConfig): Promise<void> {
    const mechanism = cfg.saslMechanism ?? 'PLAIN';
    const handshake = new Reader(await this.request(API.saslHandshake, 1, new Writer(32).string(mechanism).toBuffer()));
    const code = handshake.int16();
    if (code !== 0) {
      const offered = handshake.array((r) => r.string()) ?? [];
      throw new KafkaProtocolError(code, `SASL mechanism ${mechanism} not enabled by ${this.address} (it offers ${offered.join(', ') || 'none'})`);
    }
    await saslExchange(mechanism, cfg.username ?? '', cfg.password?.reveal() ?? '', async (bytes) => {
      const r = new Reader(await this.request(API.saslAuthenticate, 1, new Writer(bytes.length + 8).bytes(bytes).toBuffer()));
      const error = r.int16();
      const message = r.nullableString();
      if (error !== 0) throw new KafkaProtocolError(error, `SASL authentication failed: ${message ?? errorName(error)}`);
      return r.bytes();
    });
  }

  /** Sends one request (header v1 + `body`, which may come in parts) and resolves with the reply body. */
  request(apiKey: number, apiVersion: number, body: Buffer | Buffer[]): Promise<Buffer> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const correlationId = this.nextCorrelationId++;
    const parts = Array.isArray(body) ? body : [body];
    const header = new Writer(64).int32(0).int16(apiKey).int16(apiVersion).int32(correlationId).string(CLIENT_ID).toBuffer();
    let size = header.length - 4;
    for (const p of parts) size += p.length;
    header.writeInt32BE(size, 0);
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(new Error(`Request timed out: ${this.address} did not answer within ${this.opts.requestTimeoutMs} ms`)),
        this.opts.requestTimeoutMs,
      );
      this.pending.push({ correlationId, resolve, reject, timer });
      this.socket.cork();
      this.socket.write(header);
      for (const p of parts) this.socket.write(p);
      this.socket.uncork();
    });
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= 4) {
      const head = this.chunks[0]!.length >= 4 ? this.chunks[0]! : Buffer.concat(this.chunks);
      const size = head.readInt32BE(0);
      if (this.buffered < 4 + size) return;
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      const frame = all.subarray(4, 4 + size);
      const rest = all.subarray(4 + size);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      const waiting = this.pending.shift();
      if (!waiting) return this.fail(new Error(`Connection error: ${this.address} sent a reply nobody asked for`));
      clearTimeout(waiting.timer);
      const correlationId = frame.readInt32BE(0);
      if (correlationId !== waiting.correlationId) {
        waiting.reject(new Error(`Connection error: ${this.address} answered request ${correlationId}, expected ${waiting.correlationId}`));
        return this.fail(new Error(`Connection error: replies out of order from ${this.address}`));
      }
      waiting.resolve(frame.subarray(4));
    }
  }

  private fail(err: Error): void {
    if (this.closedWith) return;
    this.closedWith = err;
    this.socket.destroy();
    for (const p of this.pending.splice(0)) {
      clearTimeout(p.timer);
      p.reject(err);
    }
  }

  /** Whether an idle connection keeps the process alive (a spare one kept for later must not). */
  unref(): void {
    this.socket.unref();
  }

  ref(): void {
    this.socket.ref();
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  close(): void {
    this.fail(new Error(`Connection error: connection to ${this.address} closed`));
  }
}
