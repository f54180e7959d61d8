// Login checks for the three ways snowflake-sdk authenticates here: password, key-pair JWT (RS256,
// checked against the user's registered public key and its SHA-256 fingerprint) and programmatic
// access token. Secrets are compared in constant time and never echoed.

import { createHash, createPublicKey, timingSafeEqual, verify } from 'node:crypto';
import { SnowflakeError } from './errors.js';

export interface WarehouseUser {
  name: string;
  password?: string;
  rsaPublicKeyPem?: string;
  token?: string;
  defaultRole?: string;
  /** Roles granted to the user; default: ACCOUNTADMIN, SYSADMIN (and OPENFLOW_ADMIN when present). */
  roles?: string[];
  /** The user's DEFAULT_WAREHOUSE: the session's warehouse when the connect string names none. */
  defaultWarehouse?: string;
  /** A service that ingests like Snowpipe Streaming (the Openflow runtime): needs no warehouse. */
  serverless?: boolean;
}

export function loginFailed(): SnowflakeError {
  return new SnowflakeError('390100', '08004', 'Incorrect username or password was specified.', 'AUTHENTICATION');
}

function jwtInvalid(): SnowflakeError {
  return new SnowflakeError('390144', '08004', 'JWT token is invalid.', 'AUTHENTICATION');
}

function patInvalid(): SnowflakeError {
  return new SnowflakeError('394400', '08004', 'Programmatic access token is invalid.', 'AUTHENTICATION');
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function publicKeyFingerprint(pem: string): string {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
}

export function authenticate(
  users: WarehouseUser[],
  account: string,
  data: Record<string, unknown>,
): WarehouseUser {
  const loginName = String(data.LOGIN_NAME ?? '').toUpperCase();
  const user = users.find((u) => u.name.toUpperCase() === loginName);
  const authenticator = String(data.AUTHENTICATOR ?? 'SNOWFLAKE').toUpperCase();
  switch (authenticator) {
    case 'SNOWFLAKE': {
      const password = typeof data.PASSWORD === 'string' ? data.PASSWORD : '';
      if (!user || user.password === undefined || !sameSecret(user.password, password)) throw loginFailed();
      return user;
    }
    case 'PROGRAMMATIC_ACCESS_TOKEN': {
      const token = typeof data.TOKEN === 'string' ? data.TOKEN : '';
      if (!user || user.token === undefined || !sameSecret(user.token, token)) throw patInvalid();
      return user;
    }
    case 'SNOWFLAKE_JWT': {
      if (!user || !user.rsaPublicKeyPem) throw jwtInvalid();
      verifyJwt(String(data.TOKEN ?? ''), user, account);
      return user;
    }
    default:
      throw new SnowflakeError(
        '390101',
        '08004',
        `Authenticator '${authenticator}' is not available in the sandbox (use password, key pair or programmatic access token).`,
        'AUTHENTICATION',
      );
  }
}

function verifyJwt(token: string, user: WarehouseUser, account: string): void {
  const parts = token.split('.');
  if (parts.length !== 3) throw jwtInvalid();
  const [h, p, sig] = parts;
  let header: { alg?: string };
  let payload: { iss?: string; sub?: string; exp?: number };
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    throw jwtInvalid();
  }
  if (header.alg !== 'RS256') throw jwtInvalid();
  const key = createPublicKey(user.rsaPublicKeyPem!);
  const ok = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(sig, 'base64url'));
  if (!ok) throw jwtInvalid();
  const subject = `${account.toUpperCase()}.${user.name.toUpperCase()}`;
  if (payload.sub?.toUpperCase() !== subject) throw jwtInvalid();
  if (payload.iss !== `${subject}.${publicKeyFingerprint(user.rsaPublicKeyPem!)}`) throw jwtInvalid();
  // snowflake-sdk writes exp in milliseconds; the JWT standard uses seconds. Accept either.
  const expMs = payload.exp === undefined ? 0 : payload.exp > 1e12 ? payload.exp : payload.exp * 1000;
  if (expMs < Date.now()) throw jwtInvalid();
}
