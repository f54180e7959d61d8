// The specialised event serializer gives exactly JSON.stringify's text: for every generated event
// over many seeds and start indexes, and for events whose values were swapped for awkward ones
// (quotes, backslashes, control characters, lone surrogates, emoji, non-finite and exponent
// numbers, nested values, undefined), drawn from a seeded stream so a failure is reproducible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iterateEvents, iterateRecords } from '../../src/logs/index.js';
import { eventJson } from '../../src/logs/serialize.js';
import { Sfc32 } from '../../src/logs/prng.js';
import type { LogEvent, LogKind } from '../../src/engine/ports.js';

const KINDS: LogKind[] = ['base', 'evolved'];

test('generated events: eventJson is JSON.stringify, over 200 seeds and both kinds', () => {
  for (const kind of KINDS) {
    for (let seed = -100; seed < 100; seed++) {
      const start = Math.abs(seed) * 7919;
      for (const e of iterateEvents({ kind, count: 60, seed: seed * 104729, start })) assert.equal(eventJson(kind, e), JSON.stringify(e), `${kind} seed ${seed}`);
    }
  }
});

test('iterateRecords sends the JSON.stringify text of each event', () => {
  for (const kind of KINDS) {
    const clock = () => {
      let t = Date.UTC(2025, 9, 17, 13, 32, 32, 211.556);
      return () => (t += 0.013);
    };
    const events = [...iterateEvents({ kind, count: 500, seed: 42 }, clock())];
    const records = [...iterateRecords({ kind, count: 500, seed: 42 }, clock())];
    assert.deepEqual(
      records.map((r) => r.value),
      events.map((e) => JSON.stringify(e)),
    );
  }
});

/** Characters that make JSON.stringify escape, or that UTF-16 makes tricky. */
const AWKWARD = ['"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udfff', '😀', 'é', '€', '/', "'", 'a', ' '];
const NUMBERS = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, NaN, Infinity, -Infinity, 123.456, 2 ** 53];

function awkwardValue(rng: Sfc32): unknown {
  switch (rng.int(0, 8)) {
    case 0:
    case 1:
    case 2: {
      let s = '';
      for (let n = rng.int(0, 12); n > 0; n--) s += rng.next() < 0.5 ? rng.pick(AWKWARD) : String.fromCharCode(rng.int(0, 0xffff));
      return s;
    }
    case 3:
      return rng.pick(NUMBERS);
    case 4:
      return rng.next() < 0.5;
    case 5:
      return null;
    case 6:
      return { category: rng.pick(AWKWARD), limit: rng.pick(NUMBERS), nested: [rng.pick(AWKWARD), null] };
    case 7:
      return [rng.pick(AWKWARD), rng.pick(NUMBERS), undefined];
    default:
      return undefined; // JSON.stringify drops the key
  }
}

test('events with awkward values: eventJson is still JSON.stringify (seeded, 20 000 cases)', () => {
  const rng = new Sfc32();
  for (let c = 0; c < 20_000; c++) {
    rng.seed(2026, 12, c);
    const kind = KINDS[c % 2]!;
    const [event] = [...iterateEvents({ kind, count: 1, seed: c, start: c })] as [LogEvent];
    const keys = Object.keys(event);
    for (let n = rng.int(1, 6); n > 0; n--) event[rng.pick(keys)] = awkwardValue(rng);
    assert.equal(eventJson(kind, event), JSON.stringify(event), `case ${c}: ${JSON.stringify(event)}`);
  }
});
