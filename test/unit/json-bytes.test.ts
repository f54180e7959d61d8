// The JSON bytes written straight from the PRNG (json-bytes.ts) are eventJson's text of
// generateEvent's event, byte for byte, with the same record key: over many seeds (negative,
// zero, beyond 32 bits), start indexes (0, where the forced shapes are, and up to 2^40), both
// kinds and many timestamps (second boundaries, sub-microsecond fractions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateEvent } from '../../src/logs/generator.js';
import { eventJson } from '../../src/logs/serialize.js';
import { MAX_EVENT_BYTES, beginEvent, writeEvent, writeEventJson } from '../../src/logs/json-bytes.js';
import { SERVICES } from '../../src/logs/catalog.js';
import { Sfc32 } from '../../src/logs/prng.js';
import type { LogKind } from '../../src/engine/ports.js';

const KINDS: LogKind[] = ['base', 'evolved'];
const buf = Buffer.alloc(MAX_EVENT_BYTES * 2);

function check(kind: LogKind, seed: number, index: number, ts: number): void {
  const service = beginEvent(kind, seed, index);
  const end = writeEvent(buf, 7, ts);
  const event = generateEvent(kind, seed, index, ts);
  const expected = eventJson(kind, event);
  const got = buf.toString('latin1', 7, end);
  if (got !== expected) assert.equal(got, expected, `${kind} seed ${seed} index ${index} ts ${ts}`);
  assert.equal(SERVICES[service], event.service);
}

test('json-bytes: eventJson(generateEvent) byte for byte, 400 seeds x 3 starts x both kinds', () => {
  const rng = new Sfc32().seed(12, 12, 12);
  const seeds = [0, 1, -1, 42, 7, -3, 2 ** 32, 2 ** 32 + 5, 1099511627781, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
  while (seeds.length < 400) seeds.push(rng.int(-2_000_000_000, 2_000_000_000) * (rng.next() < 0.2 ? 4099 : 1));
  for (const kind of KINDS) {
    for (const seed of seeds) {
      for (const start of [0, rng.int(0, 1_000_000), rng.int(0, 2 ** 40)]) {
        let ts = Date.UTC(2025, 9, 17, 13, 32, 59, 999) + rng.next() * 2;
        for (let i = start; i < start + 40; i++) check(kind, seed, i, (ts += rng.next() * 0.05));
      }
    }
  }
});

test('json-bytes: 200 000 consecutive events of seed 42 (every branch of both kinds)', () => {
  for (const kind of KINDS) {
    let ts = Date.UTC(2026, 0, 1, 0, 0, 0, 0) - 1;
    for (let i = 0; i < 100_000; i++) check(kind, 42, i, (ts += 0.0137));
  }
});

test('json-bytes: timestamps across seconds, years and sub-microsecond roundings', () => {
  const stamps = [0, 0.0004, 0.0005, 0.9995, 999.9995, 999.9999, 1000, Date.UTC(1999, 11, 31, 23, 59, 59, 999.9996), Date.UTC(2038, 0, 19, 3, 14, 8), Date.now(), performance.timeOrigin + performance.now()];
  for (const kind of KINDS) for (const ts of stamps) for (let i = 0; i < 20; i++) check(kind, 9, i, ts);
});

test('json-bytes: a bad seed or index is refused as generateEvent refuses it', () => {
  assert.throws(() => writeEventJson(buf, 0, 'base', 1.5, 100, 0), RangeError);
  assert.throws(() => writeEventJson(buf, 0, 'base', 1, -1, 0), RangeError);
  assert.throws(() => writeEventJson(buf, 0, 'base', 1, 2 ** 53, 0), RangeError);
});
