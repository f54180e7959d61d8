// JSON Lines in and out: one event per line, as `generate_logs.py --output` writes and
// `rpk topic produce` reads.
import { constants, createWriteStream, openSync, realpathSync, statSync, type Stats } from 'node:fs';
import { once } from 'node:events';
import { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LogEvent } from '../engine/ports.js';
import { replaceAtomically, sweepStaleTemps } from '../engine/files.js';
import type { GenerateOptions } from './generator.js';
import { MAX_EVENT_BYTES, beginChecked, checkRunArgs, writeEvent } from './json-bytes.js';

/** Some lines of a JSONL file, and how many events they hold. */
export interface JsonlChunk {
  text: string | Buffer;
  count: number;
}

export function toJsonl(events: Iterable<LogEvent>): string {
  let out = '';
  for (const event of events) out += JSON.stringify(event) + '\n';
  return out;
}

/** Events as JSONL lines, one chunk per event. */
export function* jsonlLines(events: Iterable<LogEvent>): Generator<JsonlChunk> {
  for (const event of events) yield { text: JSON.stringify(event) + '\n', count: 1 };
}

const timeOrigin = performance.timeOrigin;

/**
 * The events of `opts` as JSONL (jsonlLines of iterateEvents: the same bytes, each event stamped
 * when it is made), written straight from the generator into chunks of about `chunkBytes`: no
 * object or string per event, as `logs` makes its Kafka records (batches.ts).
 */
export function* generatedJsonl(opts: GenerateOptions, chunkBytes = 1 << 20): Generator<JsonlChunk> {
  const start = opts.start ?? 0;
  const end = start + opts.count;
  if (!Number.isSafeInteger(opts.count) || opts.count < 0) throw new RangeError(`count must be a non-negative integer, got ${opts.count}`);
  checkRunArgs(opts.seed, start, opts.count);
  let buf = Buffer.allocUnsafe(Math.max(chunkBytes, MAX_EVENT_BYTES + 1));
  let at = 0;
  let count = 0;
  for (let i = start; i < end; i++) {
    if (at + MAX_EVENT_BYTES + 1 > buf.length) {
      // The stream keeps the chunk until written: the next one is a new buffer.
      yield { text: buf.subarray(0, at), count };
      buf = Buffer.allocUnsafe(buf.length);
      at = 0;
      count = 0;
    }
    beginChecked(opts.kind, opts.seed, i);
    at = writeEvent(buf, at, timeOrigin + performance.now());
    buf[at++] = 0x0a;
    count++;
  }
  if (count > 0) yield { text: buf.subarray(0, at), count };
}

/** Parses JSONL; blank lines are skipped; a bad line fails with its line number. */
export function fromJsonl(text: string): LogEvent[] {
  const events: LogEvent[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new Error(`line ${i + 1}: not JSON (${(err as Error).message})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`line ${i + 1}: not a JSON object`);
    events.push(value as LogEvent);
  });
  return events;
}

/** Paths that name this process's own standard output or error: written through it, never
 * reopened (reopening /dev/stdout when it is `>> app.log` would truncate app.log). */
const OWN_STREAMS = new Map<string, 1 | 2>([
  ['-', 1],
  ['/dev/stdout', 1],
  ['/dev/fd/1', 1],
  ['/proc/self/fd/1', 1],
  [`/proc/${process.pid}/fd/1`, 1],
  ['/dev/stderr', 2],
  ['/dev/fd/2', 2],
  ['/proc/self/fd/2', 2],
  [`/proc/${process.pid}/fd/2`, 2],
]);

/**
 * Streams JSONL (respecting backpressure); resolves with the count of events written.
 * - A file appears whole or not at all: a full disk or a stop midway leaves the previous file, if
 *   any, as it was (and its permissions); a link's file is replaced and the link kept.
 * - Standard output (`-`, /dev/stdout) is written through the process's own stream.
 * - A FIFO waits for its reader (as `echo > fifo` does) without blocking a stop; a device
 *   (/dev/null) is written as it is: renaming a file over it would replace /dev/null itself.
 * Rejects with OutputStopped when `signal` stops it or a pipe's reader leaves.
 */
export async function writeJsonlFile(path: string, chunks: Iterable<JsonlChunk>, signal?: AbortSignal): Promise<number> {
  const own = OWN_STREAMS.get(path);
  if (own) return writeTo(own === 1 ? process.stdout : process.stderr, chunks, signal, { inPlace: true, end: false });
  const existing = statOrNull(path);
  // A folder is refused before anything is written: the rename at the end would fail with EBUSY
  // or EISDIR only after the whole file was made.
  if (existing?.isDirectory()) {
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR', syscall: 'open', path });
  }
  if (existing?.isFIFO()) return writeTo(await openFifo(path, signal), chunks, signal, { inPlace: true, end: true });
  if (existing && !existing.isFile()) return writeTo(createWriteStream(path), chunks, signal, { inPlace: true, end: true });
  const target = existing ? realpathSync(path) : path;
  // What a process killed between write and rename left for this file.
  await sweepStaleTemps(target);
  const mode = existing ? existing.mode & 0o777 : 0o666;
  return replaceAtomically(target, (temp) => writeTo(createWriteStream(temp, { mode }), chunks, signal, { inPlace: false, end: true }));
}

/** Opens a FIFO for writing once it has a reader. A blocking open would wait in libuv's thread
 * pool, where neither Ctrl-C nor process.exit can end it; a non-blocking one fails (ENXIO) until
 * a reader comes, and the pipe is then written through a socket handle. */
async function openFifo(path: string, signal: AbortSignal | undefined): Promise<Writable> {
  for (;;) {
    try {
      return new Socket({ fd: openSync(path, constants.O_WRONLY | constants.O_NONBLOCK), readable: false, writable: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENXIO') throw err;
    }
    await sleep(50, undefined, { signal }).catch(() => {
      throw new OutputStopped(0, 'signal', true);
    });
  }
}

/** Writing ended before every event was written: a pipe's reader closed it (`--output
 * /dev/stdout | head`), or a stop (Ctrl-C). `kept`: what was written stays (a pipe or device);
 * otherwise the file was not made. */
export class OutputStopped extends Error {
  constructor(
    readonly written: number,
    readonly by: 'reader' | 'signal',
    readonly kept: boolean,
  ) {
    super(by === 'reader' ? 'the reader closed the pipe' : 'stopped');
  }
}

async function writeTo(out: Writable, chunks: Iterable<JsonlChunk>, signal: AbortSignal | undefined, how: { inPlace: boolean; end: boolean }): Promise<number> {
  const failed = once(out, 'error').then(([err]) => Promise.reject(err as Error));
  failed.catch(() => {}); // observed below through Promise.race
  let count = 0;
  try {
    for (const chunk of chunks) {
      if (signal?.aborted) break;
      const room = out.write(chunk.text);
      count += chunk.count;
      // A reader that reads nothing does not hold a stop up.
      if (!room) await Promise.race([once(out, 'drain', { signal }), failed]);
    }
    if (signal?.aborted) throw signal.reason;
    if (how.end) {
      out.end();
      await Promise.race([once(out, 'finish', { signal }), failed]);
    } else if (out.writableNeedDrain) await Promise.race([once(out, 'drain', { signal }), failed]);
    return count;
  } catch (err) {
    if (how.end) out.destroy();
    // Standard output's reader leaving stops the command with the reason "pipe" (lifecycle.ts).
    if ((err as NodeJS.ErrnoException).code === 'EPIPE' || signal?.reason === 'pipe') throw new OutputStopped(count, 'reader', how.inPlace);
    if (signal?.aborted) throw new OutputStopped(count, 'signal', how.inPlace);
    throw err;
  }
}

/** What is at the path, following links; null when nothing is (any other problem with the path
 * is the open's to report). */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
