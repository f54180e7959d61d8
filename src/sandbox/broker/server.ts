// One listening broker (one of the three node ids): size-prefixed framing, request headers,
// SASL gatekeeping, and strictly in-order request handling per connection, as Kafka does.
import net from 'node:net';
import type { Cluster } from './cluster.js';
import { Reader, Writer, ProtocolError } from '../../kafka/protocol/codec.js';
import { apis, apisByKey } from './apis/registry.js';
import { isFlexible, type ConnectionState, type RequestHeader } from './apis/types.js';

const MAX_FRAME_BYTES = 100 * 1024 * 1024; // socket.request.max.bytes
const MAX_UNAUTHENTICATED_FRAME_BYTES = 512 * 1024; // sasl.server.max.receive.size
const API_VERSIONS = 18;
const SASL_HANDSHAKE = 17;
const SASL_AUTHENTICATE = 36;

export type BrokerLog = (message: string) => void;

export class BrokerServer {
  private server: net.Server;
  private sockets = new Set<net.Socket>();

  constructor(private readonly cluster: Cluster, readonly nodeId: number, private readonly log: BrokerLog) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const conn: ConnectionState = {
      clientHost: `/${socket.remoteAddress ?? 'unknown'}`,
      authenticated: this.cluster.opts.sasl === null,
      sasl: null,
      saslHandshakeVersion: -1,
      closeAfterResponse: false,
      closed: false,
    };
    const frames: Buffer[] = [];
    let busy = false;

    const close = (): void => { conn.closed = true; socket.destroy(); };
    socket.on('close', () => { conn.closed = true; this.sockets.delete(socket); });
    socket.on('error', () => close());

    const drain = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      try {
        while (frames.length > 0 && !conn.closed) {
          const frame = frames.shift() as Buffer;
          const response = await this.handleFrame(conn, frame);
          if (conn.closed) return;
          if (Array.isArray(response)) {
            socket.cork();
            for (const part of response) socket.write(part);
            socket.uncork();
          } else if (response) socket.write(response);
          if (conn.closeAfterResponse) { socket.end(); conn.closed = true; return; }
        }
        if (socket.isPaused()) socket.resume();
      } catch (err) {
        if (!(err instanceof ProtocolError || err instanceof RangeError)) this.log(`broker ${this.nodeId}: request failed: ${(err as Error).message}`);
        close();
      } finally {
        busy = false;
      }
    };

    // Each frame is copied into a buffer of its own size as its bytes arrive, so a socket chunk is
    // garbage as soon as its 'data' event ends: chunks held until a 1 MB produce request was whole
    // outlived young-generation collections and piled up (with the joined copy) until a full one.
    const size = Buffer.allocUnsafe(4);
    let sizeHave = 0;
    let frame: Buffer | null = null;
    let frameHave = 0;
    socket.on('data', (chunk: Buffer) => {
      let at = 0;
      while (at < chunk.length) {
        if (!frame) {
          if (sizeHave === 0 && chunk.length - at >= 4) {
            // The common case: the size and, for small requests, the whole frame in this chunk.
            const n = chunk.readInt32BE(at);
            if (!this.sizeAllowed(conn, n)) { close(); return; }
            at += 4;
            if (chunk.length - at >= n) {
              frames.push(chunk.subarray(at, at + n));
              at += n;
              continue;
            }
            frame = Buffer.allocUnsafe(n);
          } else {
            const take = Math.min(4 - sizeHave, chunk.length - at);
            chunk.copy(size, sizeHave, at, at + take);
            sizeHave += take;
            at += take;
            if (sizeHave < 4) break;
            sizeHave = 0;
            const n = size.readInt32BE(0);
            if (!this.sizeAllowed(conn, n)) { close(); return; }
            frame = Buffer.allocUnsafe(n);
          }
          frameHave = 0;
        }
        const take = Math.min(frame.length - frameHave, chunk.length - at);
        chunk.copy(frame, frameHave, at, at + take);
        frameHave += take;
        at += take;
        if (frameHave === frame.length) {
          frames.push(frame);
          frame = null;
        }
      }
      // Requests are answered one at a time: while some wait, the rest stay in the kernel's socket
      // buffer (TCP holds the client back) instead of in this process (a producer's five 1 MB
      // requests in flight on each of three connections).
      if (frames.length > 1) socket.pause();
      void drain();
    });
  }

  private sizeAllowed(conn: ConnectionState, size: number): boolean {
    return size >= 0 && size <= (conn.authenticated ? MAX_FRAME_BYTES : MAX_UNAUTHENTICATED_FRAME_BYTES);
  }

  /** Answers one frame; returns the bytes to write (null for none), or throws to close the connection. */
  private async handleFrame(conn: ConnectionState, frame: Buffer): Promise<Buffer | Buffer[] | null> {
    if (this.isRawSaslToken(conn, frame)) return this.handleRawSaslToken(conn, frame);

    const r = new Reader(frame);
    const header: RequestHeader = { apiKey: r.int16(), apiVersion: r.int16(), correlationId: r.int32(), clientId: r.nullableString() };
    const api = apisByKey.get(header.apiKey);
    // Unknown API: Kafka closes the connection.
    if (!api) throw new ProtocolError(`unknown api key ${header.apiKey}`);
    const versionKnown = header.apiVersion >= api.minVersion && header.apiVersion <= api.maxVersion;
    // ApiVersions of a newer version is answered (in v0 form) so the client can downgrade; others close.
    if (!versionKnown && !(api.key === API_VERSIONS && header.apiVersion > api.maxVersion)) {
      throw new ProtocolError(`unsupported version ${header.apiVersion} of ${api.name}`);
    }
    const flexible = versionKnown && isFlexible(api, header.apiVersion);
    if (flexible) r.taggedFields();

    if (!conn.authenticated && api.key !== API_VERSIONS && api.key !== SASL_HANDSHAKE && !(api.key === SASL_AUTHENTICATE && conn.sasl)) {
      throw new ProtocolError(`${api.name} before SASL authentication`);
    }

    const body = await api.handle({ cluster: this.cluster, nodeId: this.nodeId, header, conn, apis }, r, header.apiVersion);
    if (!body) return null;
    const head = new Writer(16);
    head.int32(0).int32(header.correlationId);
    if (flexible && api.key !== API_VERSIONS) head.emptyTaggedFields(); // response header v1
    const bodyBytes = body.toBuffer();
    const headBytes = head.toBuffer();
    headBytes.writeInt32BE(headBytes.length - 4 + bodyBytes.length, 0);
    // Written one after the other (corked), not joined: a fetch's answer is megabytes.
    return [headBytes, bodyBytes];
  }

  /**
   * After SaslHandshake v0 (and for clients that skip SaslAuthenticate), tokens travel as bare
   * size-prefixed frames rather than Kafka requests.
   */
  private isRawSaslToken(conn: ConnectionState, frame: Buffer): boolean {
    if (conn.authenticated || !conn.sasl) return false;
    if (conn.saslHandshakeVersion === 0) return true;
    const looksLikeAuthenticate = frame.length >= 8 && frame.readInt16BE(0) === SASL_AUTHENTICATE && frame.readInt16BE(2) >= 0 && frame.readInt16BE(2) <= 1;
    return !looksLikeAuthenticate;
  }

  private handleRawSaslToken(conn: ConnectionState, frame: Buffer): Buffer {
    const step = (conn.sasl as NonNullable<ConnectionState['sasl']>).step(frame);
    if (step.error) throw new ProtocolError('SASL authentication failed');
    if (step.done) conn.authenticated = true;
    const out = Buffer.allocUnsafe(4 + step.response.length);
    out.writeInt32BE(step.response.length, 0);
    step.response.copy(out, 4);
    return out;
  }
}
