// Record batches made in a worker thread (worker.ts) while this thread sends: generating events,
// writing their JSON and laying them out as Kafka RecordBatches is nearly all of `logs`'s work,
// and kcat's librdkafka is multi-threaded too, so on two cores it runs beside the sockets. This
// thread only frames requests and writes them. The same records as iterateRecords (same keys,
// partitions and JSON bytes), each batch sealed for one partition. The worker's heap is bounded
// (resourceLimits), and its batch buffers come back once acknowledged, so the same few go round.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchSource, PreparedBatch } from '../engine/ports.js';
import type { GenerateOptions } from './generator.js';

export interface StartMessage {
  type: 'start';
  kind: GenerateOptions['kind'];
  seed: number;
  start: number;
  count: number;
  partitions: number;
  batchBytes: number;
  /** Batches the worker may hand over before one comes back. */
  ahead: number;
}

/** One sealed RecordBatch for `partition`: the first `length` bytes of `buffer`. */
export interface BatchMessage {
  type: 'batch';
  partition: number;
  buffer: ArrayBuffer;
  length: number;
  count: number;
}

/** A batch was acknowledged: its buffer comes back, and the worker may make one more. */
export interface MoreMessage {
  type: 'more';
  buffer: ArrayBuffer;
}

/** The worker's module: compiled next to this one, or the TypeScript source under tsx (tests). */
function workerFile(): { url: URL; execArgv?: string[] } {
  const js = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { url: js };
  return { url: new URL('./worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

/**
 * The records of `opts` (as iterateRecords makes them) as sealed record batches, made in a worker
 * thread once the producer says how many partitions the topic has and how large a batch may be.
 * The worker starts at once, so its own start-up overlaps the producer's connecting; until then
 * it does not keep the process alive (a command that fails before sending need not stop it).
 * Ending the iteration ends the worker.
 */
export function batchesInWorker(opts: GenerateOptions): BatchSource {
  const { url, execArgv } = workerFile();
  const worker = new Worker(url, { execArgv, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 } });
  worker.unref();
  const inbox: Inbox = { queue: [], failure: null, wake: null };
  const notify = () => {
    inbox.wake?.();
    inbox.wake = null;
  };
  worker.on('message', (m: BatchMessage | { type: 'done' }) => {
    inbox.queue.push(m);
    notify();
  });
  worker.on('error', (err) => {
    inbox.failure ??= err;
    notify();
  });
  worker.on('exit', (code) => {
    if (code !== 0) inbox.failure ??= new Error(`the log generator's worker stopped (exit ${code})`);
    notify();
  });
  return {
    batches: (partitions, batchBytes, maxBufferedBytes) => {
      worker.ref();
      // As many batches out at once as the producer may hold.
      const ahead = Math.max(2, Math.floor(maxBufferedBytes / batchBytes));
      const start: StartMessage = { type: 'start', kind: opts.kind, seed: opts.seed, start: opts.start ?? 0, count: opts.count, partitions, batchBytes, ahead };
      worker.postMessage(start);
      return batches(worker, inbox);
    },
  };
}

interface Inbox {
  queue: Array<BatchMessage | { type: 'done' }>;
  failure: Error | null;
  wake: (() => void) | null;
}

async function* batches(worker: Worker, inbox: Inbox): AsyncGenerator<PreparedBatch> {
  let ended = false;
  try {
    for (;;) {
      while (inbox.queue.length === 0 && !inbox.failure) await new Promise<void>((resolve) => (inbox.wake = resolve));
      const m = inbox.queue.shift();
      if (!m) throw inbox.failure!;
      if (m.type === 'done') return;
      const buffer = m.buffer;
      yield {
        partition: m.partition,
        bytes: Buffer.from(buffer, 0, m.length),
        count: m.count,
        // Acknowledged: nothing reads the batch any more, so the buffer can move back.
        release: () => {
          if (!ended) worker.postMessage({ type: 'more', buffer } satisfies MoreMessage, [buffer]);
        },
      };
    }
  } finally {
    ended = true;
    await worker.terminate();
  }
}
