// `logs`'s record batches hold iterateRecords's records: same keys, same JSON bytes (apart from
// the timestamp, the time each event was made), each on the partition the producer's partitioner
// gives its key, in order within the partition; each batch is a valid RecordBatch v2 (CRC,
// lengths) no larger than asked, and acknowledged buffers are reused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iterateRecords } from '../../src/logs/index.js';
import { recordBatches } from '../../src/logs/batches.js';
import { partitionForKey } from '../../src/kafka/producer/partitioner.js';
import { decodeRecordSet, validateBatches } from '../../src/kafka/protocol/recordBatch.js';
import type { LogKind } from '../../src/engine/ports.js';

const untimed = (json: string) => json.replace(/^\{"timestamp":"[^"]*"/, '{"timestamp":""');

for (const kind of ['base', 'evolved'] as LogKind[]) {
  test(`${kind}: the batches hold iterateRecords's records, per partition in order`, async () => {
    const opts = { kind, count: 4_321, seed: 77, start: 13 };
    const partitions = 3;
    const batchBytes = 64 * 1024;
    const expected: Array<Array<{ key: string | null; value: string }>> = [[], [], []];
    for (const r of iterateRecords(opts)) expected[partitionForKey(Buffer.from(r.key!), partitions)]!.push({ key: r.key, value: r.value as string });
    const got: typeof expected = [[], [], []];
    const buffers = new Set<ArrayBufferLike>();
    let batches = 0;
    for await (const b of recordBatches(opts).batches(partitions, batchBytes)) {
      batches++;
      buffers.add(b.bytes.buffer);
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
    assert.ok(batches > 2 * partitions, `several batches per partition (${batches})`);
    assert.ok(buffers.size <= partitions + 1, `acknowledged buffers are reused (${buffers.size} for ${batches} batches)`);
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

test('one record, and a count that fills no batch: a single partly filled batch per partition used', async () => {
  for (const count of [1, 7]) {
    let records = 0;
    for await (const b of recordBatches({ kind: 'base', count, seed: 1 }).batches(3, 256 * 1024)) {
      records += b.count;
      b.release();
    }
    assert.equal(records, count);
  }
});
