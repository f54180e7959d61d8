// Server side of the SASL mechanisms we offer: PLAIN (RFC 4616) and SCRAM-SHA-256/512 (RFC 5802).
// Passwords never leave this file: failures carry Kafka's generic messages only.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SaslMechanism } from '../cluster.js';

export interface SaslStep { response: Buffer; done: boolean; error: string | null; user?: string }
export interface SaslSession { mechanism: SaslMechanism; step(token: Buffer): SaslStep }

const PLAIN_FAILURE = 'Authentication failed: Invalid username or password';

function sameSecret(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createSaslSession(mechanism: SaslMechanism, users: Record<string, string>): SaslSession {
  return mechanism === 'PLAIN' ? plainSession(users) : scramSession(mechanism, users);
}

function plainSession(users: Record<string, string>): SaslSession {
  return {
    mechanism: 'PLAIN',
    step(token) {
      const parts = token.toString('utf8').split('\u0000');
      if (parts.length !== 3) return { response: Buffer.alloc(0), done: true, error: PLAIN_FAILURE };
      const [, user, password] = parts;
      const known = Object.prototype.hasOwnProperty.call(users, user) ? users[user] : undefined;
      const ok = known !== undefined && sameSecret(Buffer.from(known, 'utf8'), Buffer.from(password, 'utf8'));
      return { response: Buffer.alloc(0), done: true, error: ok ? null : PLAIN_FAILURE, user };
    },
  };
}

function scramSession(mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512', users: Record<string, string>): SaslSession {
  const hash = mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512';
  const keyLength = mechanism === 'SCRAM-SHA-256' ? 32 : 64;
  const iterations = 4096;
  const failure = `Authentication failed during authentication due to invalid credentials with SASL mechanism ${mechanism}`;
  const hmac = (key: Buffer, text: string): Buffer => createHmac(hash, key).update(text, 'utf8').digest();
  let clientFirstBare = '';
  let serverFirst = '';
  let nonce = '';
  let user = '';
  let salt = randomBytes(16);
  let stage: 'first' | 'final' | 'done' = 'first';

  const attributes = (msg: string): Map<string, string> =>
    new Map(msg.split(',').filter((kv) => kv.length > 1 && kv[1] === '=').map((kv) => [kv[0], kv.slice(2)]));

  return {
    mechanism,
    step(token) {
      const msg = token.toString('utf8');
      if (stage === 'first') {
        // gs2 header: "n,," or "y,," optionally with an authzid between the commas.
        const m = /^[nyp][^,]*,[^,]*,(.*)$/s.exec(msg);
        if (!m) return { response: Buffer.alloc(0), done: true, error: failure };
        clientFirstBare = m[1];
        const attrs = attributes(clientFirstBare);
        user = (attrs.get('n') ?? '').replace(/=2C/g, ',').replace(/=3D/g, '=');
        const clientNonce = attrs.get('r');
        if (!clientNonce) return { response: Buffer.alloc(0), done: true, error: failure };
        nonce = clientNonce + randomBytes(18).toString('base64');
        salt = randomBytes(16);
        serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${iterations}`;
        stage = 'final';
        return { response: Buffer.from(serverFirst, 'utf8'), done: false, error: null };
      }
      if (stage === 'final') {
        stage = 'done';
        const proofAt = msg.lastIndexOf(',p=');
        if (proofAt < 0) return { response: Buffer.alloc(0), done: true, error: failure };
        const withoutProof = msg.slice(0, proofAt);
        const proof = Buffer.from(msg.slice(proofAt + 3), 'base64');
        // Kafka checks that the final nonce ends with ours (librdkafka sends client nonce + ours).
        if (!(attributes(withoutProof).get('r') ?? '').endsWith(nonce)) return { response: Buffer.alloc(0), done: true, error: failure };
        const password = Object.prototype.hasOwnProperty.call(users, user) ? users[user] : undefined;
        if (password === undefined) return { response: Buffer.alloc(0), done: true, error: failure };
        const salted = pbkdf2Sync(password, salt, iterations, keyLength, hash);
        const clientKey = hmac(salted, 'Client Key');
        const storedKey = createHash(hash).update(clientKey).digest();
        const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
        const clientSignature = hmac(storedKey, authMessage);
        if (proof.length !== clientSignature.length) return { response: Buffer.alloc(0), done: true, error: failure };
        const recoveredClientKey = Buffer.from(proof.map((b, i) => b ^ clientSignature[i]));
        if (!sameSecret(createHash(hash).update(recoveredClientKey).digest(), storedKey)) {
          return { response: Buffer.alloc(0), done: true, error: failure };
        }
        const serverSignature = hmac(hmac(salted, 'Server Key'), authMessage);
        return { response: Buffer.from(`v=${serverSignature.toString('base64')}`, 'utf8'), done: true, error: null, user };
      }
      return { response: Buffer.alloc(0), done: true, error: failure };
    },
  };
}
