// Record batches made in the worker thread hold iterateRecords's records: same keys, same JSON
// bytes (apart from the timestamp, the time each event was made), each on the partition the
// producer's partitioner gives its key, in order within the partition; each batch is a valid
// RecordBatch v2 (CRC, lengths) no larger than asked; stopping early ends the worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iterateRecords } from '../../src/logs/index.js';
import { batchesInWorker } from '../../src/logs/parallel.js';
import { partitionForKey } from '../../src/kafka/producer/partitioner.js';
import { decodeRecordSet, validateBatches } from '../../src/kafka/protocol/recordBatch.js';
import type { LogKind } from '../../src/engine/ports.js';

const untimed = (json: string) => json.replace(/^\{"timestamp":"[^"]*"/, '{"timestamp":""');

for (const kind of ['base', 'evolved'] as LogKind[]) {
  test(`${kind}: the worker's batches hold iterateRecords's records, per partition in order`, async () => {
    const opts = { kind, count: 4_321, seed: 77, start: 13 };
    const partitions = 3;
    const batchBytes = 64 * 1024;
    const expected: Array<Array<{ key: string | null; value: string }>> = [[], [], []];
    for (const r of iterateRecords(opts)) expected[partitionForKey(Buffer.from(r.key!), partitions)]!.push({ key: r.key, value: r.value as string });
    const got: typeof expected = [[], [], []];
    let batches = 0;
    for await (const b of batchesInWorker(opts).batches(partitions, batchBytes, 4 * batchBytes)) {
      batches++;
      assert.ok(b.bytes.length <= batchBytes, 'no larger than asked');
      const valid = validateBatches(b.bytes);
      assert.ok('batches' in valid, `a valid record batch (${JSON.stringify(valid)})`);
      const records = decodeRecordSet(b.bytes);
      assert.equal(records.length, b.count);
      for (const r of records) {
        assert.deepEqual(r.headers, []);
        got[b.partition]!.push({ key: r.key?.toString('utf8') ?? null, value: r.value!.toString('utf8') });
      }
      b.release();
    }
    assert.ok(batches > partitions, 'several batches per partition');
    for (let p = 0; p < partitions; p++) {
      assert.equal(got[p]!.length, expected[p]!.length, `records on partition ${p}`);
      got[p]!.forEach((r, i) => {
        assert.equal(r.key, expected[p]![i]!.key, `key of record ${i} on partition ${p}`);
        assert.equal(untimed(r.value), untimed(expected[p]![i]!.value), `value of record ${i} on partition ${p}`);
        assert.match(r.value, /^\{"timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z"/);
      });
    }
  });
}

test('the worker hands over at most as many batches as the producer may hold, then waits for one back', async () => {
  // 64 KB held at most, 16 KB batches: 4 out at once.
  const it = batchesInWorker({ kind: 'base', count: 3_000, seed: 5 }).batches(2, 16 * 1024, 64 * 1024)[Symbol.asyncIterator]();
  const held: Array<{ count: number; release(): void }> = [];
  for (let i = 0; i < 4; i++) held.push((await it.next()).value!);
  const fifth = it.next();
  const waited = await Promise.race([fifth.then(() => 'a fifth batch'), new Promise((resolve) => setTimeout(resolve, 500, 'nothing'))]);
  assert.equal(waited, 'nothing', 'a fifth batch came before any went back');
  let records = held.reduce((n, b) => n + b.count, 0);
  held.forEach((b) => b.release());
  for (let r = await fifth; !r.done; r = await it.next()) {
    records += r.value.count;
    r.value.release();
  }
  assert.equal(records, 3_000);
});

test('stopping after the first batch ends the worker (the test process exits)', async () => {
  let batches = 0;
  for await (const b of batchesInWorker({ kind: 'base', count: 1_000_000, seed: 1 }).batches(3, 256 * 1024, 8 * 1024 * 1024)) {
    assert.ok(b.count > 0);
    if (++batches === 1) break;
  }
  assert.equal(batches, 1);
});
