// SASL client side: PLAIN (RFC 4616) and SCRAM-SHA-256/512 (RFC 5802/7677), the mechanisms
// Confluent Cloud and Apache Kafka offer. `send` carries one SaslAuthenticate round trip.
import type { SaslMechanism } from '../../config/types.js';

type Send = (bytes: Buffer) => Promise<Buffer>;

export async function saslExchange(mechanism: SaslMechanism, username: string, password: string, send: Send): Promise<void> {
  if (mechanism === 'PLAIN') {
    await send(Buffer.from(`\0${username}\0${password}`, 'utf8'));
    return;
  }
  await scram(mechanism === 'SCRAM-SHA-512' ? 'sha512' : 'sha256', username, password, send);
}

async function scram(hash: 'sha256' | 'sha512', username: string, password: string, send: Send): Promise<void> {
  // node:crypto only here: loading it costs ~10 ms of start-up that PLAIN and PLAINTEXT need not pay.
  const { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } = process.getBuiltinModule('node:crypto');
  const pbkdf2Async = process.getBuiltinModule('node:util').promisify(pbkdf2);
  const hmac = (key: Buffer, text: string) => createHmac(hash, key).update(text).digest();
  const nonce = randomBytes(24).toString('base64').replace(/[=,]/g, '');
  const user = username.replace(/=/g, '=3D').replace(/,/g, '=2C');
  const clientFirstBare = `n=${user},r=${nonce}`;
  const serverFirst = (await send(Buffer.from(`n,,${clientFirstBare}`, 'utf8'))).toString('utf8');
  const fields = parseScram(serverFirst);
  const serverNonce = fields.get('r') ?? '';
  const salt = Buffer.from(fields.get('s') ?? '', 'base64');
  const iterations = Number(fields.get('i'));
  if (!serverNonce.startsWith(nonce) || salt.length === 0 || !Number.isInteger(iterations) || iterations < 1) {
    throw new Error('SASL authentication failed: the server\'s SCRAM challenge is malformed');
  }
  const salted = await pbkdf2Async(password, salt, iterations, hash === 'sha256' ? 32 : 64, hash);
  const clientKey = hmac(salted, 'Client Key');
  const storedKey = createHash(hash).update(clientKey).digest();
  const withoutProof = `c=biws,r=${serverNonce}`;
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = hmac(storedKey, authMessage);
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!));
  const serverFinal = parseScram((await send(Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8'))).toString('utf8'));
  if (serverFinal.has('e')) throw new Error(`SASL authentication failed: ${serverFinal.get('e')}`);
  const expected = hmac(hmac(salted, 'Server Key'), authMessage);
  const got = Buffer.from(serverFinal.get('v') ?? '', 'base64');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
    throw new Error('SASL authentication failed: the server did not prove it knows the password');
  }
}

function parseScram(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}
