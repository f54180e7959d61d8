// Golden content of the seeded generator: hashes of 2 000 events per kind, seed and start index,
// with a pinned clock, taken before the generator was made faster (one reused sfc32, cached
// timestamp prefix, fixed-shape events). Any change to a seeded event's content changes a hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { formatTimestamp, iterateEvents } from '../../src/logs/index.js';

const GOLDEN: Record<string, string> = {
  'base/42/0': 'f3e4bac20b447aa6',
  'base/42/999990': 'b5970ee0c5140656',
  'base/7/0': '3756e2ae8f689359',
  'base/7/999990': '95d3c12b196f69a8',
  'base/0/0': 'ca2f6f4b59e62503',
  'base/0/999990': 'bdfe20195b99f677',
  'base/-3/0': '322b681ae5a4dc20',
  'base/-3/999990': 'b490eedb87a5a10a',
  'base/1099511627781/0': 'a2eeafcff88a7a8f',
  'base/1099511627781/999990': '49a51c53f55a9a5e',
  'evolved/42/0': '7bfa762de0a42ad7',
  'evolved/42/999990': '928bda14969b64d0',
  'evolved/7/0': '2c20c006835bc125',
  'evolved/7/999990': '071bc24aa4f894d5',
  'evolved/0/0': '57c8a5b0f14f02d4',
  'evolved/0/999990': '21a02f1b7197eaec',
  'evolved/-3/0': '90acc3bb1323fe5d',
  'evolved/-3/999990': '515a33c5090ecc57',
  'evolved/1099511627781/0': 'b51119a09a256308',
  'evolved/1099511627781/999990': '7e4e3b4db0526486',
};

test('seeded events keep their content (golden hashes, pinned clock)', () => {
  for (const [name, expected] of Object.entries(GOLDEN)) {
    const [kind, seed, start] = name.split('/') as ['base' | 'evolved', string, string];
    let t = Date.UTC(2025, 9, 17, 13, 32, 59, 999.9991);
    const h = createHash('sha256');
    for (const e of iterateEvents({ kind, count: 2000, seed: Number(seed), start: Number(start) }, () => (t += 0.0137))) h.update(JSON.stringify(e) + '\n');
    assert.equal(h.digest('hex').slice(0, 16), expected, name);
  }
});

test('timestamps across second boundaries and in the cache keep their exact text', () => {
  const ts = [0, 1.0005, 1760707952211.556, 1760707952999.9996, 1760707959999.9999, 951782399999.9995, -1].map(formatTimestamp);
  assert.deepEqual(ts, [
    '1970-01-01T00:00:00.000000Z',
    '1970-01-01T00:00:00.001001Z',
    '2025-10-17T13:32:32.211556Z',
    '2025-10-17T13:32:33.000000Z',
    '2025-10-17T13:32:40.000000Z',
    '2000-02-29T00:00:00.000000Z',
    '1969-12-31T23:59:59.999000Z',
  ]);
});
