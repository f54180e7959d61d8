// describeTopic keeps its connection (and the metadata it read) for the producer that usually
// follows: `logs` then makes one connection, not two. A kept connection must never outlive its use:
// describes made at once keep one at most, and it does not hold the process open when nobody
// produces or closes the gateway (a leak here once left `room status` hanging on 10 sockets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { KafkaGateway } from '../../src/kafka/gateway.js';
import { startBroker } from '../../src/sandbox/broker/index.js';
import type { KafkaConfig } from '../../src/config/types.js';

const GATEWAY = fileURLToPath(new URL('../../src/kafka/gateway.ts', import.meta.url));

test('describes at once, then nothing closed: the process still exits on its own; a produce after a describe lands', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oqs-spare-'));
  const broker = await startBroker({ dataDir: dir, log: () => undefined });
  const cfg: KafkaConfig = { brokers: broker.bootstrap, topic: 'spare', securityProtocol: 'PLAINTEXT', sources: {} };
  const gateway = new KafkaGateway(cfg);
  try {
    for (const t of ['spare-a', 'spare-b', 'spare-c']) await gateway.createTopic({ topic: t, partitions: 3, replicationFactor: 1 });

    // A child that describes three topics at once, five times, and never closes its gateway.
    const script = `
      import { KafkaGateway } from ${JSON.stringify(GATEWAY)};
      const g = new KafkaGateway({ brokers: ${JSON.stringify(broker.bootstrap)}, topic: 'x', securityProtocol: 'PLAINTEXT', sources: {} });
      for (let i = 0; i < 5; i++) await Promise.all(['spare-a', 'spare-b', 'spare-c', 'missing'].map((t) => g.describeTopic(t)));
      console.log('described');`;
    const child = await execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { reject: false, timeout: 60_000 });
    assert.equal(child.timedOut, false, 'the process was kept alive by a connection nobody uses');
    assert.equal(child.exitCode, 0, child.stderr);
    assert.match(child.stdout, /described/);

    // Here: describe, then produce on the kept connection and metadata.
    assert.equal((await gateway.describeTopic('spare-b'))?.partitions, 3);
    await gateway.produce('spare-b', [{ key: 'k', value: 'v1' }, { key: 'k', value: 'v2' }], { bulk: true });
    const marks = await gateway.watermarks('spare-b');
    assert.equal(marks.reduce((n, m) => n + Number(m.high) - Number(m.low), 0), 2);
  } finally {
    await gateway.close();
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
