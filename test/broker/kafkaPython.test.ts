// kafka-python against the embedded broker (admin, producer with gzip, consumer group, SASL PLAIN).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { withBroker } from './helpers.js';
import { run, toolMissing } from './cliTools.js';

const missing = toolMissing('python3', ['-c', 'import kafka']);
if (missing) {
  test('kafka-python scenarios', (t) => { t.skip(`kafka-python is not installed (pip install kafka-python): ${missing}`); });
} else {
  const broker = await withBroker();
  const secured = await withBroker({ sasl: { mechanisms: ['PLAIN'], users: { py: 'py-secret' } } });
  after(async () => { await broker.stop(); await secured.stop(); });

  test('kafka-python: admin, gzip producer, group consumer with commits, SASL PLAIN', async () => {
    const script = fileURLToPath(new URL('./kafka_python_scenario.py', import.meta.url));
    const res = await run('python3', [script, broker.bootstrap.join(','), secured.bootstrap.join(','), 'py', 'py-secret'], '', 120_000);
    assert.equal(res.code, 0, res.stderr);
    const out = JSON.parse(res.stdout.trim().split('\n').pop() as string);
    assert.ok(out.topics.includes('kp-topic'));
    assert.equal(out.partitions, 3);
    assert.deepEqual(out.replicas, [3, 3, 3]);
    assert.equal(out.consumed, 90);
    assert.equal(out.distinct, 90);
    assert.equal(out.committed, 90);
    assert.equal(out.after_delete, false);
    assert.deepEqual(out.sasl_topics, []);
  });
}
