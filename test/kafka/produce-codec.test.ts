// The produce path's pieces that need no broker: the murmur2 partitioner against kafkajs's
// DefaultPartitioner (vectors taken from kafkajs 2.2.4), and BatchBuilder's batches decoded by the
// broker's validating decoder (CRC, lengths, keys, values, headers, non-ASCII text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partitionForKey } from '../../src/kafka/producer/partitioner.js';
import { BatchBuilder } from '../../src/kafka/protocol/batchBuilder.js';
import { decodeRecordSet, validateBatches } from '../../src/kafka/protocol/recordBatch.js';

const KAFKAJS: Record<string, number> = {"web-api/3":0,"auth-service/3":1,"db-service/3":1,"payment-service/3":1,"inventory-service/3":0,"notification-service/3":2,"search-service/3":1,"analytics-service/3":0,"a/3":1,"ab/3":2,"abc/3":0,"abcd/3":2,"é☃/3":2,"web-api/7":5,"auth-service/7":6,"db-service/7":1,"payment-service/7":4,"inventory-service/7":1,"notification-service/7":2,"search-service/7":0,"analytics-service/7":3,"a/7":5,"ab/7":0,"abc/7":4,"abcd/7":5,"é☃/7":2};

test('keys land on the partitions kafkajs (and Java) would choose', () => {
  for (const [name, partition] of Object.entries(KAFKAJS)) {
    const [key, n] = name.split('/') as [string, string];
    assert.equal(partitionForKey(Buffer.from(key, 'utf8'), Number(n)), partition, name);
  }
});

test('BatchBuilder batches pass the broker validation and decode to what was appended', () => {
  const b = new BatchBuilder(64 * 1024, 1_700_000_000_000);
  const values = ['{"a":1}', 'x'.repeat(200), 'ünïcødé ☃ '.repeat(30), '', 'y'.repeat(70_00)];
  values.forEach((v, i) => assert.ok(b.append(i % 2 ? null : Buffer.from(`k${i}`), v, i === 2 ? [[Buffer.from('oqs-seq'), String(i)], [Buffer.from('h'), '☃']] : null)));
  const batch = Buffer.from(b.seal({ producerId: 7, producerEpoch: 0, baseSequence: 3 }));
  const validated = validateBatches(batch);
  assert.ok('batches' in validated, JSON.stringify(validated));
  assert.equal(validated.batches[0]!.header.producerId, 7);
  assert.equal(validated.batches[0]!.header.baseSequence, 3);
  const records = decodeRecordSet(batch);
  assert.deepEqual(records.map((r) => r.value?.toString('utf8')), values);
  assert.deepEqual(records.map((r) => r.key?.toString('utf8') ?? null), ['k0', null, 'k2', null, 'k4']);
  assert.deepEqual(records[2]!.headers.map((h) => [h.key, h.value?.toString('utf8')]), [['oqs-seq', '2'], ['h', '☃']]);
  assert.equal(records[0]!.timestamp, 1_700_000_000_000);
});

test('BatchBuilder: a value given as UTF-8 bytes gives the same batch as the same text', () => {
  const values = ['{"a":1}', 'ünïcødé ☃ '.repeat(30), '', 'y'.repeat(7_000)];
  const asText = new BatchBuilder(64 * 1024, 1_700_000_000_000);
  const asBytes = new BatchBuilder(64 * 1024, 1_700_000_000_000);
  values.forEach((v, i) => {
    assert.ok(asText.append(Buffer.from(`k${i}`), v));
    assert.ok(asBytes.append(Buffer.from(`k${i}`), new Uint8Array(Buffer.from(v, 'utf8'))));
  });
  assert.deepEqual(Buffer.from(asBytes.seal()), Buffer.from(asText.seal()));
  const tight = new BatchBuilder(1024);
  assert.ok(tight.append(null, Buffer.alloc(900, 0x61)));
  assert.equal(tight.append(null, Buffer.alloc(200, 0x62)), false, 'bytes that do not fit are refused');
  assert.ok('batches' in validateBatches(Buffer.from(tight.seal())));
});

test('BatchBuilder refuses a record that does not fit and stays valid', () => {
  const b = new BatchBuilder(1024);
  assert.ok(b.append(null, 'a'.repeat(500)));
  assert.equal(b.append(null, 'b'.repeat(600)), false);
  assert.ok(b.append(null, '☃'.repeat(100))); // 300 bytes: checked exactly near the end
  assert.equal(b.count, 2);
  assert.ok('batches' in validateBatches(Buffer.from(b.seal())));
});

test('the broker refuses a batch whose CRC is right but whose records do not add up', async () => {
  const { ErrorCode } = await import('../../src/kafka/protocol/errors.js');
  const b = new BatchBuilder(4096);
  b.append(Buffer.from('k'), '{"a":1}');
  b.append(null, '{"b":2}');
  const batch = Buffer.from(b.seal());
  batch[61] += 2; // the first record claims two more bytes than it has
  BatchBuilder.recrc(batch);
  assert.deepEqual(validateBatches(batch), { error: ErrorCode.CORRUPT_MESSAGE });
  const short = Buffer.from(b.seal());
  short.writeInt32BE(3, 57); // three records announced, two present
  short.writeInt32BE(2, 23);
  BatchBuilder.recrc(short);
  assert.ok('error' in validateBatches(short));
});
