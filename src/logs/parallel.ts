// Records made in a worker thread (worker.ts) while this thread sends: generating and serialising
// events is most of `logs`'s work and kcat's librdkafka is multi-threaded too, so on two cores
// generation runs beside the encoding and the sockets. The same records as iterateRecords (same
// keys, same JSON bytes), in chunks whose values are the worker's UTF-8 bytes. The worker's heap
// is bounded (resourceLimits): its garbage stays out of this process's young generation.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LogKind, OutgoingRecord } from '../engine/ports.js';
import { SERVICES } from './catalog.js';
import type { GenerateOptions } from './generator.js';

export interface StartMessage {
  type: 'start';
  kind: LogKind;
  seed: number;
  start: number;
  count: number;
  /** Events per chunk. */
  chunk: number;
  /** Chunks the worker may make before it is asked for more. */
  ahead: number;
}

export interface ChunkMessage {
  type: 'chunk';
  /** The values' UTF-8 bytes, one after another; ends[i] is where value i ends. */
  bytes: ArrayBuffer;
  ends: ArrayBuffer;
  /** Index of each record's key (its service) in SERVICES. */
  keys: ArrayBuffer;
  count: number;
}

// 1,000 events a chunk, two chunks ahead and a 12 MB young generation keep `logs`'s RSS where it
// was without the worker (100k evolved: 106 MB, 100 MB without; 2,000 x 4 took 121 MB).
/** Asks for one more chunk, handing back the buffers of one the main thread is done with. */
export interface MoreMessage {
  type: 'more';
  used?: { bytes: ArrayBuffer; ends: ArrayBuffer; keys: ArrayBuffer };
}

const CHUNK = 1_000;
const AHEAD = 2;

/** The worker's module: compiled next to this one, or the TypeScript source under tsx (tests). */
function workerFile(): { url: URL; execArgv?: string[] } {
  const js = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { url: js };
  return { url: new URL('./worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

/**
 * The records of `opts` (as iterateRecords makes them), a chunk at a time, generated in a worker
 * thread that starts at once and keeps at most a few chunks ahead. A chunk's values are views on
 * buffers that go back to the worker when the next chunk is asked for: copy what is kept. Ending the iteration ends the
 * worker; until the first read it does not keep the process alive (a command that fails before
 * sending need not stop it).
 */
export function recordsInWorker(opts: GenerateOptions): AsyncGenerator<OutgoingRecord[]> {
  const { url, execArgv } = workerFile();
  const worker = new Worker(url, { execArgv, resourceLimits: { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 64 } });
  const queue: Array<ChunkMessage | { type: 'done' }> = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: ChunkMessage | { type: 'done' }) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (err) => {
    failure = err;
    notify();
  });
  worker.on('exit', (code) => {
    if (code !== 0) failure ??= new Error(`the log generator's worker stopped (exit ${code})`);
    notify();
  });
  const start: StartMessage = { type: 'start', kind: opts.kind, seed: opts.seed, start: opts.start ?? 0, count: opts.count, chunk: CHUNK, ahead: AHEAD };
  worker.postMessage(start);
  worker.unref();
  return chunks(worker, queue, () => failure, (resolve) => (wake = resolve));
}

async function* chunks(worker: Worker, queue: Array<ChunkMessage | { type: 'done' }>, failure: () => Error | null, waitFor: (wake: () => void) => void): AsyncGenerator<OutgoingRecord[]> {
  worker.ref();
  try {
    for (;;) {
      while (queue.length === 0 && !failure()) await new Promise<void>(waitFor);
      const m = queue.shift();
      if (!m) throw failure()!;
      if (m.type === 'done') return;
      yield recordsOf(m);
      // The caller has taken every record of the chunk (copied into batches): its buffers go back.
      const more: MoreMessage = { type: 'more', used: { bytes: m.bytes, ends: m.ends, keys: m.keys } };
      worker.postMessage(more, [m.bytes, m.ends, m.keys]);
    }
  } finally {
    await worker.terminate();
  }
}

function recordsOf(m: ChunkMessage): OutgoingRecord[] {
  const bytes = Buffer.from(m.bytes);
  const ends = new Int32Array(m.ends);
  const keys = new Uint8Array(m.keys);
  const records: OutgoingRecord[] = new Array(m.count);
  let at = 0;
  for (let i = 0; i < m.count; i++) {
    records[i] = { key: SERVICES[keys[i]!] ?? null, value: bytes.subarray(at, ends[i]) };
    at = ends[i]!;
  }
  return records;
}
