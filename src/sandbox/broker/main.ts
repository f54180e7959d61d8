// Runs the embedded broker standalone for manual testing:
//   npx tsx src/sandbox/broker/main.ts [dataDir] [--sasl user:password]
// Prints the broker addresses; Ctrl-C stops it.
import os from 'node:os';
import path from 'node:path';
import { startBroker } from './index.js';

const args = process.argv.slice(2);
const saslAt = args.indexOf('--sasl');
const credentials = saslAt >= 0 ? args.splice(saslAt, 2)[1] : undefined;
const dataDir = args[0] ?? path.join(os.tmpdir(), 'oqs-broker');
const [user, ...rest] = (credentials ?? '').split(':');

const broker = await startBroker({
  dataDir,
  sasl: credentials ? { mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], users: { [user]: rest.join(':') } } : null,
});
console.log(`data dir: ${dataDir}`);
console.log(`security: ${credentials ? `SASL_PLAINTEXT (PLAIN, SCRAM-SHA-256/512) as user ${user}` : 'PLAINTEXT'}`);
for (const b of broker.brokers) console.log(`broker ${b.nodeId}: ${b.host}:${b.port}`);
console.log(`bootstrap: ${broker.bootstrap.join(',')}`);
const stop = (): void => { void broker.stop().then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
