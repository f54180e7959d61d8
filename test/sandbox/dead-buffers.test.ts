// The sandbox host collects dead Buffers once they pass a bound above what the last collection
// left (src/sandbox/service/dead-buffers.ts), with the gc() that --expose-gc gives the service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { boundDeadBuffers } from '../../src/sandbox/service/dead-buffers.js';

const MB = 1024 * 1024;

test('Buffers past the bound start a collection; Buffers still held raise the next bound', async (t) => {
  const g = globalThis as { gc?: () => void };
  const had = g.gc;
  let collections = 0;
  g.gc = () => void collections++;
  t.after(() => (g.gc = had));
  const held: Buffer[] = [];
  const stop = boundDeadBuffers(8 * MB, 5);
  t.after(stop);

  for (let i = 0; i < 4; i++) held.push(Buffer.alloc(4 * MB, 1)); // 16 MB in use, past the 8 MB bound
  for (let i = 0; i < 400 && collections === 0; i++) await sleep(5);
  assert.equal(collections, 1, 'a collection once Buffers passed the bound');
  // Nothing was freed (all 16 MB still held): the next bound counts them, so no collection follows.
  await sleep(100);
  assert.equal(collections, 1, 'Buffers still in use do not start a collection every tick');

  for (let i = 0; i < 3; i++) held.push(Buffer.alloc(4 * MB, 1)); // 12 MB more than the 16 left
  for (let i = 0; i < 400 && collections === 1; i++) await sleep(5);
  assert.equal(collections, 2, 'the next collection after the bound above what the last one left');
  held.length = 0;
});
