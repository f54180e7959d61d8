// Runs the built CLI (dist/, made by test/run.mjs) as a person would: a child process, no TTY.
import { execa, type ResultPromise } from 'execa';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { realKafka } from './real-kafka.js';

export const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));

export function tempDir(prefix = 'oqs-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function uniqueTopic(prefix = 'app-logs'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** The environment of a Confluent-Cloud-shaped setup: SASL_SSL + PLAIN against the real broker. */
export function saslSslEnv(topic: string, overrides: Record<string, string> = {}): Record<string, string> {
  const k = realKafka();
  return {
    KAFKA_BOOTSTRAP_SERVERS: k.saslSsl,
    KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
    KAFKA_SASL_MECHANISM: 'PLAIN',
    KAFKA_SASL_USERNAME: k.username,
    KAFKA_SASL_PASSWORD: k.password,
    KAFKA_SSL_CA_FILE: k.caFile,
    KAFKA_TOPIC: topic,
    ...overrides,
  };
}

/** A clean environment: none of the developer's own KAFKA_* or SNOWFLAKE_* settings leak in. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(KAFKA_|SNOWFLAKE_|RPK_|OQS_ATTENDEE$)/.test(k)) env[k] = v;
  }
  env.NO_COLOR = '1';
  env.HOME = env.HOME ?? os.tmpdir();
  // Nor the Snowflake CLI's connections of whoever runs the tests.
  env.SNOWFLAKE_HOME = path.join(os.tmpdir(), 'oqs-no-snowflake-home');
  return env;
}

export function runCli(args: string[], opts: { env?: Record<string, string>; cwd: string; input?: string; timeoutMs?: number }): ResultPromise<{ reject: false; all: true }> {
  return execa(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    env: { ...baseEnv(), ...opts.env },
    extendEnv: false,
    reject: false,
    all: true,
    input: opts.input ?? '',
    timeout: opts.timeoutMs ?? 120_000,
  } as const) as unknown as ResultPromise<{ reject: false; all: true }>;
}
