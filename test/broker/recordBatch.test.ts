import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c } from '../../src/kafka/protocol/crc32c.js';
import { Compression, decodeRecordSet, encodeBatch, validateBatches } from '../../src/kafka/protocol/recordBatch.js';
import { ErrorCode } from '../../src/kafka/protocol/errors.js';

test('crc32c matches the Castagnoli check value', () => {
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
});

test('record batches round-trip uncompressed and gzip', () => {
  for (const compression of [Compression.none, Compression.gzip]) {
    const batch = encodeBatch([{ key: 'k', value: 'v1', headers: [{ key: 'h', value: Buffer.from('x') }] }, { value: null }], { compression, baseOffset: 7 });
    const validated = validateBatches(batch);
    assert.ok('batches' in validated);
    const records = decodeRecordSet(batch);
    assert.deepEqual(records.map((r) => [r.offset, r.key?.toString() ?? null, r.value?.toString() ?? null]), [[7, 'k', 'v1'], [8, null, null]]);
    assert.equal(records[0].headers[0].key, 'h');
  }
});

test('a corrupted batch and unsupported codecs are refused with Kafka error codes', () => {
  const batch = encodeBatch([{ value: 'hello' }]);
  const corrupt = Buffer.from(batch);
  corrupt[corrupt.length - 1] ^= 0xff;
  assert.deepEqual(validateBatches(corrupt), { error: ErrorCode.CORRUPT_MESSAGE });
  for (const codec of [Compression.snappy, Compression.lz4, Compression.zstd]) {
    const other = Buffer.from(batch);
    other.writeInt16BE(codec, 21);
    other.writeUInt32BE(crc32c(other, 21), 17);
    assert.deepEqual(validateBatches(other), { error: ErrorCode.UNSUPPORTED_COMPRESSION_TYPE });
  }
});
