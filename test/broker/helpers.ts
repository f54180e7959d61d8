// Test helpers: a broker in a fresh temp dir, and kafkajs clients pointed at it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { startBroker, type StartBrokerOptions, type RunningBroker } from '../../src/sandbox/broker/index.js';

export function tempDir(prefix = 'oqs-broker-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function withBroker(opts: Partial<StartBrokerOptions> = {}): Promise<RunningBroker & { dataDir: string }> {
  const dataDir = opts.dataDir ?? tempDir();
  const broker = await startBroker({ ...opts, dataDir });
  return { ...broker, dataDir };
}

export function kafkaFor(bootstrap: string[], sasl?: SASLOptions, clientId = 'broker-test'): Kafka {
  return new Kafka({ clientId, brokers: bootstrap, sasl, logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 100 } });
}
