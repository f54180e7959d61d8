// Security protocol and SASL mechanism: case-insensitive input, normalised to Kafka's spelling.

import { SASL_MECHANISMS, SECURITY_PROTOCOLS, type SaslMechanism, type SecurityProtocol } from './types.js';

export function parseSecurityProtocol(raw: string): SecurityProtocol | { error: string } {
  const normalised = raw.trim().toUpperCase().replace(/-/g, '_');
  const known = SECURITY_PROTOCOLS.find((p) => p === normalised);
  if (known) return known;
  const hint = normalised === 'TLS' ? ' (TLS without SASL is SSL)' : '';
  return { error: `security protocol "${raw}" is not one of ${SECURITY_PROTOCOLS.join(', ')}${hint}` };
}

export function parseSaslMechanism(raw: string): SaslMechanism | { error: string } {
  const normalised = raw.trim().toUpperCase().replace(/_/g, '-');
  const known = SASL_MECHANISMS.find((m) => m === normalised);
  if (known) return known;
  const unsupported = normalised === 'GSSAPI' || normalised === 'OAUTHBEARER' || normalised === 'AWS-MSK-IAM';
  return {
    error: unsupported
      ? `SASL mechanism "${raw}" is not supported here; use one of ${SASL_MECHANISMS.join(', ')}`
      : `SASL mechanism "${raw}" is not one of ${SASL_MECHANISMS.join(', ')}`,
  };
}

export function usesSasl(protocol: SecurityProtocol): boolean {
  return protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
}

export function usesTls(protocol: SecurityProtocol): boolean {
  return protocol === 'SSL' || protocol === 'SASL_SSL';
}
