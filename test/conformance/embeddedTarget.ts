// The embedded broker as a conformance target: one PLAINTEXT cluster (restartable on the same
// data dir and ports) and one SASL cluster offering PLAIN and SCRAM.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startBroker, type RunningBroker } from '../../src/sandbox/broker/index.js';
import type { ConformanceTarget } from './target.js';
import { portsOutsideEphemeralRange } from '../support/ports.js';

export async function embeddedTarget(): Promise<ConformanceTarget> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oqs-conformance-'));
  const plainDir = path.join(root, 'plaintext');
  const username = 'conformance';
  const password = randomBytes(12).toString('base64url');
  // Restarted on the same ports: outside the range another test's connections take ports from.
  const ports = await portsOutsideEphemeralRange();
  let plain: RunningBroker = await startBroker({ dataDir: plainDir, ports });
  const secured = await startBroker({
    dataDir: path.join(root, 'sasl'),
    sasl: { mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], users: { [username]: password } },
  });
  return {
    name: 'embedded',
    plaintext: { brokers: plain.bootstrap },
    sasl: { brokers: secured.bootstrap, username, password },
    scram: { username, password },
    expectedBrokerCount: 3,
    async restart() {
      await plain.stop();
      plain = await startBroker({ dataDir: plainDir, ports });
    },
    async close() {
      await plain.stop();
      await secured.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
