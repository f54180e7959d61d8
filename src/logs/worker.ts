// The generating side of parallel.ts, in a worker thread: makes events, serialises them and
// encodes them as UTF-8, a chunk at a time, each chunk's buffers handed over (not copied) to the
// main thread, which only copies the bytes into record batches and sends them. At most `ahead`
// chunks are made before the main thread asks for more, so memory stays bounded.
import { parentPort } from 'node:worker_threads';
import { SERVICES } from './catalog.js';
import { generateEvent } from './generator.js';
import { eventJson } from './serialize.js';
import type { ChunkMessage, StartMessage } from './parallel.js';

const SERVICE_INDEX = new Map<unknown, number>(SERVICES.map((s, i) => [s, i]));
const port = parentPort!;
let job: StartMessage | null = null;
let next = 0;
let credits = 0;
let finished = false;
/** Bytes per chunk buffer: grows once if a chunk's values need more. */
let capacity = 0;

function makeChunk(from: number, count: number): ChunkMessage {
  const { kind, seed } = job!;
  let bytes = Buffer.allocUnsafeSlow(capacity || count * 1024);
  const ends = new Int32Array(count);
  const keys = new Uint8Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const event = generateEvent(kind, seed, from + i);
    const json = eventJson(kind, event);
    if (at + json.length * 3 > bytes.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(bytes.length * 2, at + json.length * 3));
      bytes.copy(bigger, 0, 0, at);
      bytes = bigger;
    }
    at += bytes.write(json, at);
    ends[i] = at;
    keys[i] = SERVICE_INDEX.get(event.service) ?? 255;
  }
  capacity = Math.max(capacity, bytes.length);
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

port.on('message', (m: StartMessage | { type: 'more' }) => {
  if (m.type === 'start') {
    job = m;
    next = m.start;
    credits = m.ahead;
  } else credits++;
  // Replies go out between messages, so a 'more' is read as soon as the main thread sends it.
  setImmediate(pump);
});
