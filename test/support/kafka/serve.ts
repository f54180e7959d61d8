// Keeps one test broker running while you iterate, so `npm test` does not start one each time:
//
//   npx tsx test/support/kafka/serve.ts        (in one terminal; Ctrl-C stops it)
//   set -a; . .cache/kafka/broker.env; set +a; npm test -- test/integration
//
// The env file holds this throwaway broker's generated passwords (mode 0600, gitignored) and is
// removed when the broker stops.
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { realKafkaEnv, startRealKafka } from '../real-kafka.js';

const envFile = fileURLToPath(new URL('../../../.cache/kafka/broker.env', import.meta.url));
const kafka = await startRealKafka();
await writeFile(
  envFile,
  Object.entries(realKafkaEnv(kafka)).map(([name, value]) => `${name}=${value}\n`).join(''),
  { mode: 0o600 },
);
console.log(`Apache Kafka: PLAINTEXT ${kafka.plaintext}, SASL_SSL ${kafka.saslSsl}`);
console.log(`Environment for tests: set -a; . ${envFile}; set +a`);
console.log('Ctrl-C stops it.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await rm(envFile, { force: true });
  await kafka.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
setInterval(() => {}, 1 << 30); // stay alive until a signal
