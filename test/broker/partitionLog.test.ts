import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PartitionLog } from '../../src/sandbox/broker/storage/partitionLog.js';
import { decodeRecordSet, encodeBatch, validateBatches } from '../../src/kafka/protocol/recordBatch.js';
import { tempDir } from './helpers.js';

const batchOf = (values: string[]) => {
  const v = validateBatches(encodeBatch(values.map((value) => ({ value }))));
  if (!('batches' in v)) throw new Error('invalid test batch');
  return v.batches;
};

test('the index stays sparse and records are read back from segment files', () => {
  const dir = tempDir();
  const opts = { segmentBytes: 64 * 1024, indexIntervalBytes: 4096 };
  const log = PartitionLog.open(dir, opts);
  for (let i = 0; i < 2000; i++) log.append(batchOf([`value-${i}-${'p'.repeat(100)}`]));
  assert.equal(log.nextOffset, 2000);
  assert.ok(log.segmentCount > 1, 'rolled into several segments');
  assert.ok(log.indexEntries < 2000 / 10, `index has ${log.indexEntries} entries for 2000 batches`);
  assert.ok(log.indexEntries <= Math.ceil(log.sizeBytes / opts.indexIntervalBytes) + log.segmentCount);
  for (const offset of [0, 1, 999, 1500, 1999]) {
    const records = decodeRecordSet(log.read(offset, 1024));
    assert.equal(records[0].offset, offset);
    assert.ok(records[0].value?.toString().startsWith(`value-${offset}-`));
  }
  assert.equal(log.read(2000, 1024).length, 0);
  log.close();
});

test('a reopened log recovers offsets and cuts a torn tail', () => {
  const dir = tempDir();
  const log = PartitionLog.open(dir);
  log.append(batchOf(['a', 'b']));
  log.append(batchOf(['c']));
  log.close();
  const segment = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.log')) as string);
  fs.appendFileSync(segment, Buffer.alloc(30, 1)); // a write cut short by a crash
  const reopened = PartitionLog.open(dir);
  assert.equal(reopened.nextOffset, 3);
  assert.deepEqual(decodeRecordSet(reopened.read(0, 1 << 20)).map((r) => r.value?.toString()), ['a', 'b', 'c']);
  reopened.append(batchOf(['d']));
  assert.deepEqual(decodeRecordSet(reopened.read(3, 1 << 20)).map((r) => r.value?.toString()), ['d']);
  reopened.close();
});
