// Benchmark 3 (issue 2): peak resident memory of a full Kafka walk (headless), measured by
// GNU time's maximum RSS of the CLI process against real Apache Kafka over SASL_SSL.
import { execa } from 'execa';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchKafka } from './support/kafka.js';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const kafka = await benchKafka();
const cwd = mkdtempSync(path.join(os.tmpdir(), 'oqs-rss-'));
const env = {
  ...process.env,
  KAFKA_BOOTSTRAP_SERVERS: kafka.saslSsl,
  KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
  KAFKA_SASL_MECHANISM: 'PLAIN',
  KAFKA_SASL_USERNAME: kafka.username,
  KAFKA_SASL_PASSWORD: kafka.password,
  KAFKA_SSL_CA_FILE: kafka.caFile,
  KAFKA_TOPIC: `rss-${Date.now()}`,
};
const r = await execa('/usr/bin/time', ['-f', 'OQS_MAXRSS_KB=%M OQS_WALL=%e', process.execPath, CLI, '--yes'], { cwd, env, reject: false });
const m = /OQS_MAXRSS_KB=(\d+) OQS_WALL=([\d.]+)/.exec(r.stderr);
if (r.exitCode !== 0 || !m) {
  console.error(r.stdout, r.stderr);
  process.exit(1);
}
console.log(`full Kafka walk (5 steps, 130 records, SASL_SSL): exit ${r.exitCode}, wall ${m[2]} s`);
console.log(`peak RSS: ${(Number(m[1]) / 1024).toFixed(1)} MB`);
if (!process.env.OQS_TEST_KAFKA_PLAINTEXT) await kafka.stop();
