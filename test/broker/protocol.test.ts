// The broker over a raw socket: framing, version negotiation and refusals as Kafka answers them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Reader, Writer } from '../../src/kafka/protocol/codec.js';
import { ErrorCode } from '../../src/kafka/protocol/errors.js';
import { Compression, encodeBatch } from '../../src/kafka/protocol/recordBatch.js';
import { crc32c } from '../../src/kafka/protocol/crc32c.js';
import { withBroker, kafkaFor } from './helpers.js';

const plain = await withBroker();
const secured = await withBroker({ sasl: { mechanisms: ['PLAIN'], users: { u: 'p' } } });
after(async () => { await plain.stop(); await secured.stop(); });

function request(apiKey: number, version: number, body: (w: Writer) => void, correlationId = 1): Buffer {
  const w = new Writer();
  w.int32(0).int16(apiKey).int16(version).int32(correlationId).nullableString('raw-test');
  body(w);
  const b = Buffer.from(w.toBuffer());
  b.writeInt32BE(b.length - 4, 0);
  return b;
}

/** Sends raw bytes; resolves with the first response frame, or null if the broker closed the connection. */
function exchange(port: number, bytes: Buffer): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) { socket.destroy(); resolve(buf.subarray(4, 4 + buf.readInt32BE(0))); }
    });
    socket.on('close', () => resolve(null));
    socket.on('error', reject);
  });
}

test('ApiVersions of an unknown newer version answers UNSUPPORTED_VERSION with our versions', async () => {
  const res = await exchange(plain.brokers[0].port, request(18, 99, () => {}, 42));
  assert.ok(res);
  const r = new Reader(res);
  assert.equal(r.int32(), 42);
  assert.equal(r.int16(), ErrorCode.UNSUPPORTED_VERSION);
  const apis = r.array((r) => ({ key: r.int16(), min: r.int16(), max: r.int16() })) ?? [];
  assert.deepEqual(apis.find((a) => a.key === 0), { key: 0, min: 3, max: 8 });
});

test('an unknown API key, an unsupported version and a malformed frame close the connection', async () => {
  assert.equal(await exchange(plain.brokers[0].port, request(9999, 0, () => {})), null);
  assert.equal(await exchange(plain.brokers[0].port, request(0, 0, () => {})), null);
  assert.equal(await exchange(plain.brokers[0].port, request(3, 1, (w) => w.int32(5))), null); // array count beyond the frame
  const huge = Buffer.alloc(8);
  huge.writeInt32BE(0x7fffffff, 0);
  assert.equal(await exchange(plain.brokers[0].port, huge), null);
});

test('requests before SASL authentication close the connection', async () => {
  assert.equal(await exchange(secured.brokers[0].port, request(3, 1, (w) => w.int32(-1))), null);
});

test('produce: snappy is refused with UNSUPPORTED_COMPRESSION_TYPE, a follower answers NOT_LEADER_OR_FOLLOWER', async () => {
  const admin = kafkaFor(plain.bootstrap).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'raw', numPartitions: 1, replicationFactor: 3 }] });
  const leader = (await admin.fetchTopicMetadata({ topics: ['raw'] })).topics[0].partitions[0].leader;
  await admin.disconnect();

  const produce = (records: Buffer) => request(0, 7, (w) => {
    w.nullableString(null).int16(1).int32(1000);
    w.array(['raw'], (w, t) => { w.string(t); w.array([0], (w, p) => w.int32(p).bytes(records)); });
  });
  const errorOf = (res: Buffer | null): number => {
    assert.ok(res);
    const r = new Reader(res);
    r.int32();
    return r.array((r) => { r.string(); return r.array((r) => { r.int32(); const e = r.int16(); r.int64(); r.int64(); r.int64(); return e; }); })?.[0]?.[0] ?? -1;
  };
  const snappy = Buffer.from(encodeBatch([{ value: 'x' }]));
  snappy.writeInt16BE(Compression.snappy, 21);
  snappy.writeUInt32BE(crc32c(snappy, 21), 17);
  assert.equal(errorOf(await exchange(plain.brokers[leader].port, produce(snappy))), ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
  const follower = (leader + 1) % 3;
  assert.equal(errorOf(await exchange(plain.brokers[follower].port, produce(encodeBatch([{ value: 'x' }])))), ErrorCode.NOT_LEADER_OR_FOLLOWER);
  assert.equal(errorOf(await exchange(plain.brokers[leader].port, produce(encodeBatch([{ value: 'x' }])))), ErrorCode.NONE);
});

test('a fetch long-polls until a record is produced', async () => {
  const kafka = kafkaFor(plain.bootstrap);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'poll', numPartitions: 1, replicationFactor: 1 }] });
  const leader = (await admin.fetchTopicMetadata({ topics: ['poll'] })).topics[0].partitions[0].leader;
  await admin.disconnect();
  const fetch = request(1, 11, (w) => {
    w.int32(-1).int32(60_000).int32(1).int32(1 << 20).int8(0).int32(0).int32(-1);
    w.array(['poll'], (w, t) => { w.string(t); w.array([0], (w, p) => w.int32(p).int32(-1).int64(0).int64(-1).int32(1 << 20)); });
    w.array([], () => {}).string('');
  });
  const pending = exchange(plain.brokers[leader].port, fetch);
  await new Promise((r) => setTimeout(r, 100));
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'poll', messages: [{ value: 'woke' }] });
  await producer.disconnect();
  const res = await pending;
  assert.ok(res);
  assert.ok(res.includes(Buffer.from('woke')), 'the parked fetch returned the new record');
});
