// kcat (librdkafka) against the embedded broker: metadata, produce, consume, group consume, SASL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { withBroker } from './helpers.js';
import { run, toolMissing } from './cliTools.js';

const missing = toolMissing('kcat', ['-V']);
if (missing) {
  test('kcat scenarios', (t) => { t.skip(`kcat is not installed (apt-get install -y kcat): ${missing}`); });
} else {
  const broker = await withBroker();
  const secured = await withBroker({ sasl: { mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], users: { kc: 'kc-secret' } } });
  after(async () => { await broker.stop(); await secured.stop(); });
  const b = broker.bootstrap.join(',');

  test('kcat -L sees three brokers and the topic partitions', async () => {
    const res = await run('kcat', ['-b', b, '-L', '-J']);
    assert.equal(res.code, 0, res.stderr);
    const md = JSON.parse(res.stdout) as { brokers: { id: number }[] };
    assert.deepEqual(md.brokers.map((x) => x.id).sort(), [0, 1, 2]);
  });

  test('kcat produces and consumes exact counts; a group consumer commits', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `k${i % 7}:value-${i}`).join('\n') + '\n';
    const produced = await run('kcat', ['-b', b, '-P', '-t', 'kcat-topic', '-K:'], lines);
    assert.equal(produced.code, 0, produced.stderr);
    const consumed = await run('kcat', ['-b', b, '-C', '-t', 'kcat-topic', '-e', '-q', '-f', '%s\\n']);
    assert.equal(consumed.code, 0, consumed.stderr);
    assert.deepEqual(consumed.stdout.trim().split('\n'), Array.from({ length: 100 }, (_, i) => `value-${i}`));

    const group = await run('kcat', ['-b', b, '-G', 'kcat-group', 'kcat-topic', '-e', '-q', '-f', '%s\\n', '-X', 'auto.offset.reset=earliest']);
    assert.equal(group.code, 0, group.stderr);
    assert.equal(group.stdout.trim().split('\n').length, 100);
  });

  test('kcat authenticates with SASL PLAIN and SCRAM, and is refused a wrong password', async () => {
    const sb = secured.bootstrap.join(',');
    for (const mechanism of ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']) {
      const res = await run('kcat', ['-b', sb, '-L', '-X', 'security.protocol=SASL_PLAINTEXT', '-X', `sasl.mechanisms=${mechanism}`, '-X', 'sasl.username=kc', '-X', 'sasl.password=kc-secret']);
      assert.equal(res.code, 0, `${mechanism}: ${res.stderr}`);
      assert.match(res.stdout, /3 brokers/);
    }
    const bad = await run('kcat', ['-b', sb, '-L', '-m', '3', '-X', 'security.protocol=SASL_PLAINTEXT', '-X', 'sasl.mechanisms=PLAIN', '-X', 'sasl.username=kc', '-X', 'sasl.password=wrong']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /Authentication failed/);
  });
}
