// The generating side of parallel.ts, in a worker thread: writes events' JSON bytes straight
// from the generator (json-bytes.ts), a chunk at a time, each chunk's buffers handed over (not copied) to the
// main thread, which only copies the bytes into record batches and sends them. At most `ahead`
// chunks are made before the main thread asks for more, handing back a used chunk's buffers:
// the same few buffers go round (a new one per chunk grew this thread's malloc arena).
import { parentPort } from 'node:worker_threads';
import { MAX_EVENT_BYTES, lastService, writeEventJson } from './json-bytes.js';
import type { ChunkMessage, MoreMessage, StartMessage } from './parallel.js';

const timeOrigin = performance.timeOrigin;
const port = parentPort!;
let job: StartMessage | null = null;
let next = 0;
let credits = 0;
let finished = false;
/** Buffers the main thread handed back. */
const spare: Array<{ bytes: ArrayBuffer; ends: ArrayBuffer; keys: ArrayBuffer }> = [];

function makeChunk(from: number, count: number): ChunkMessage {
  const { kind, seed } = job!;
  const reused = spare.pop();
  let bytes = reused ? Buffer.from(reused.bytes) : Buffer.allocUnsafeSlow(count * 1024);
  const ends = reused && reused.ends.byteLength >= count * 4 ? new Int32Array(reused.ends, 0, count) : new Int32Array(count);
  const keys = reused && reused.keys.byteLength >= count ? new Uint8Array(reused.keys, 0, count) : new Uint8Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + MAX_EVENT_BYTES > bytes.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(bytes.length * 2, at + MAX_EVENT_BYTES));
      bytes.copy(bigger, 0, 0, at);
      bytes = bigger;
    }
    // Each event stamped when it is made, as generateEvent's default clock does.
    at = writeEventJson(bytes, at, kind, seed, from + i, timeOrigin + performance.now());
    ends[i] = at;
    keys[i] = lastService;
  }
  return { type: 'chunk', bytes: bytes.buffer as ArrayBuffer, ends: ends.buffer, keys: keys.buffer, count };
}

function pump(): void {
  const end = job!.start + job!.count;
  while (credits > 0 && next < end) {
    const n = Math.min(job!.chunk, end - next);
    const chunk = makeChunk(next, n);
    next += n;
    credits--;
    port.postMessage(chunk, [chunk.bytes, chunk.ends, chunk.keys]);
  }
  if (next >= end && !finished) {
    finished = true;
    port.postMessage({ type: 'done' });
  }
}

port.on('message', (m: StartMessage | MoreMessage) => {
  if (m.type === 'start') {
    job = m;
    next = m.start;
    credits = m.ahead;
  } else {
    credits++;
    if (m.used) spare.push(m.used);
  }
  // Replies go out between messages, so a 'more' is read as soon as the main thread sends it.
  setImmediate(pump);
});
