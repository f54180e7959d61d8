// The generating side of parallel.ts, in a worker thread: each event's record goes straight into
// its partition's open RecordBatch (the producer's own BatchBuilder), its JSON written in place
// from the generator (json-bytes.ts). A full batch is sealed and its buffer handed over (not
// copied) to the main thread, which only sends it. At most `ahead` batches are out at once; an
// acknowledged one comes back, so the same few buffers go round (new ones per batch grew this
// thread's malloc arena).
import { parentPort } from 'node:worker_threads';
import { BatchBuilder } from '../kafka/protocol/batchBuilder.js';
import { partitionForKey } from '../kafka/producer/partitioner.js';
import { SERVICES } from './catalog.js';
import { MAX_EVENT_BYTES, beginEvent, writeEvent } from './json-bytes.js';
import type { BatchMessage, MoreMessage, StartMessage } from './parallel.js';

const KEYS = SERVICES.map((s) => Buffer.from(s, 'utf8'));
const timeOrigin = performance.timeOrigin;
const port = parentPort!;
let job: StartMessage | null = null;
let partitionOf: number[] = [];
let open: Array<BatchBuilder | null> = [];
let next = 0;
let credits = 0;
let finished = false;
/** Buffers the main thread handed back. */
const spare: ArrayBuffer[] = [];

function builder(): BatchBuilder {
  const reused = spare.pop();
  return new BatchBuilder(reused ? Buffer.from(reused) : Buffer.allocUnsafeSlow(job!.batchBytes));
}

/** Seals the partition's batch and hands it over (one credit). */
function handOver(partition: number): void {
  const b = open[partition]!;
  open[partition] = null;
  const length = b.seal().length;
  const buffer = b.buffer.buffer as ArrayBuffer;
  credits--;
  port.postMessage({ type: 'batch', partition, buffer, length, count: b.count } satisfies BatchMessage, [buffer]);
}

function pump(): void {
  const { kind, seed } = job!;
  const end = job!.start + job!.count;
  while (credits > 0 && next < end) {
    const service = beginEvent(kind, seed, next);
    const partition = partitionOf[service]!;
    let b = open[partition] ?? (open[partition] = builder());
    let at = b.beginValue(KEYS[service]!, MAX_EVENT_BYTES);
    if (at < 0) {
      handOver(partition);
      b = open[partition] = builder();
      at = b.beginValue(KEYS[service]!, MAX_EVENT_BYTES);
    }
    // Each event stamped when it is made, as generateEvent's default clock does.
    b.endValue(writeEvent(b.buffer, at, timeOrigin + performance.now()));
    next++;
  }
  if (next < end) return;
  // The last, partly filled batches.
  for (let p = 0; p < open.length && credits > 0; p++) if (open[p]) handOver(p);
  if (!finished && open.every((b) => b === null)) {
    finished = true;
    port.postMessage({ type: 'done' });
  }
}

port.on('message', (m: StartMessage | MoreMessage) => {
  if (m.type === 'start') {
    job = m;
    next = m.start;
    credits = m.ahead;
    partitionOf = KEYS.map((k) => partitionForKey(k, m.partitions));
    open = Array.from({ length: m.partitions }, () => null);
  } else {
    credits++;
    if (m.buffer.byteLength === job!.batchBytes) spare.push(m.buffer);
  }
  // Replies go out between messages, so a 'more' is read as soon as the main thread sends it.
  setImmediate(pump);
});
