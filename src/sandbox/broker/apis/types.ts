// The shape every per-API handler file exports, and what a handler can see of its request.
import type { Cluster } from '../cluster.js';
import type { Reader, Writer } from '../../../kafka/protocol/codec.js';
import type { SaslSession } from './saslSession.js';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

/** Per-connection state a handler may read or change (SASL progress, closing). */
export interface ConnectionState {
  clientHost: string;
  authenticated: boolean;
  /** Set by SaslHandshake; consumed by SaslAuthenticate (or raw tokens after handshake v0). */
  sasl: SaslSession | null;
  saslHandshakeVersion: number;
  /** A handler sets this to have the connection closed once its response is written. */
  closeAfterResponse: boolean;
  closed: boolean;
}

export interface RequestContext {
  cluster: Cluster;
  nodeId: number;
  header: RequestHeader;
  conn: ConnectionState;
  /** Every API this broker implements, for ApiVersions. */
  apis: readonly ApiHandler[];
}

export interface ApiHandler {
  key: number;
  name: string;
  minVersion: number;
  maxVersion: number;
  /** First flexible (compact, tagged-field) version; Infinity when we implement none. */
  flexibleFrom: number;
  /** Decodes the request body, acts on the cluster, and returns the response body (null: no response, as for acks=0). */
  handle(ctx: RequestContext, r: Reader, version: number): Writer | null | Promise<Writer | null>;
}

export function isFlexible(api: ApiHandler, version: number): boolean {
  return version >= api.flexibleFrom;
}
