// The conformance scenarios against the real Apache Kafka that test/run.mjs starts
// (see test/support/real-kafka.ts). Run through `npm test`; run alone, it is skipped with the reason.
import fs from 'node:fs';
import { test } from 'node:test';
import { conformanceSuite } from './scenarios.js';
import type { ConformanceTarget } from './target.js';
import { realKafka, realKafkaEnvNames } from '../support/real-kafka.js';

if (!process.env[realKafkaEnvNames.plaintext]) {
  test('conformance: real Apache Kafka', (t) => {
    t.skip(`${realKafkaEnvNames.plaintext} is not set: run through \`npm test\`, which starts Apache Kafka`);
  });
} else {
  conformanceSuite('real Apache Kafka', async (): Promise<ConformanceTarget> => {
    const kafka = realKafka();
    const ssl = { ca: [fs.readFileSync(kafka.caFile, 'utf8')], servername: 'localhost' };
    return {
      name: 'real',
      plaintext: { brokers: [kafka.plaintext] },
      sasl: { brokers: [kafka.saslSsl], ssl, username: kafka.username, password: kafka.password },
      scram: kafka.scram,
      expectedBrokerCount: null,
      close: async () => {},
    };
  });
}
