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
 * Ending the iteration ends the worker.
 */
export function batchesInWorker(opts: GenerateOptions): BatchSource {
  return {
    batches: (partitions, batchBytes, maxBufferedBytes) => batches(opts, partitions, batchBytes, maxBufferedBytes),
  };
}

async function* batches(opts: GenerateOptions, partitions: number, batchBytes: number, maxBufferedBytes: number): AsyncGenerator<PreparedBatch> {
  const { url, execArgv } = workerFile();
  const worker = new Worker(url, { execArgv, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 } });
  const queue: Array<BatchMessage | { type: 'done' }> = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: BatchMessage | { type: 'done' }) => {
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
  // Room for what the producer may hold, plus the open batch of each partition.
  const ahead = Math.max(2, Math.floor(maxBufferedBytes / batchBytes));
  const start: StartMessage = { type: 'start', kind: opts.kind, seed: opts.seed, start: opts.start ?? 0, count: opts.count, partitions, batchBytes, ahead };
  worker.postMessage(start);
  let ended = false;
  try {
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift();
      if (!m) throw failure!;
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
