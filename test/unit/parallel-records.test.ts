// Records made in the worker thread are iterateRecords's: same keys, same JSON bytes (apart from
// the timestamp, the time each event was made), same order, in bounded chunks; stopping early
// ends the worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iterateRecords } from '../../src/logs/index.js';
import { recordsInWorker } from '../../src/logs/parallel.js';
import type { LogKind } from '../../src/engine/ports.js';

const untimed = (json: string) => json.replace(/^\{"timestamp":"[^"]*"/, '{"timestamp":""');

for (const kind of ['base', 'evolved'] as LogKind[]) {
  test(`${kind}: the worker's records are iterateRecords's, in order`, async () => {
    const opts = { kind, count: 4_321, seed: 77, start: 13 };
    const expected = [...iterateRecords(opts)];
    const got: Array<{ key: string | null; value: string }> = [];
    for await (const chunk of recordsInWorker(opts)) {
      assert.ok(chunk.length <= 2_000, 'bounded chunks');
      for (const r of chunk) {
        assert.ok(r.value instanceof Uint8Array);
        got.push({ key: r.key, value: Buffer.from(r.value).toString('utf8') });
      }
    }
    assert.equal(got.length, expected.length);
    got.forEach((r, i) => {
      assert.equal(r.key, expected[i]!.key, `key of record ${i}`);
      assert.equal(untimed(r.value), untimed(expected[i]!.value as string), `value of record ${i}`);
      assert.match(r.value, /^\{"timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z"/);
    });
  });
}

test('stopping after the first chunk ends the worker (the test process exits)', async () => {
  let chunks = 0;
  for await (const chunk of recordsInWorker({ kind: 'base', count: 1_000_000, seed: 1 })) {
    assert.ok(chunk.length > 0);
    if (++chunks === 1) break;
  }
  assert.equal(chunks, 1);
});
