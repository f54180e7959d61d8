// JSON Lines in and out: one event per line, as `generate_logs.py --output` writes and
// `rpk topic produce` reads.
import { createWriteStream, realpathSync, statSync, type Stats } from 'node:fs';
import { once } from 'node:events';
import type { LogEvent } from '../engine/ports.js';
import { replaceAtomically } from '../engine/files.js';
import type { GenerateOptions } from './generator.js';
import { MAX_EVENT_BYTES, beginChecked, checkEventArgs, writeEvent } from './json-bytes.js';

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
  checkEventArgs(opts.seed, start);
  if (opts.count > 0) checkEventArgs(opts.seed, end - 1);
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

/**
 * Streams JSONL to a file (respecting backpressure); resolves with the count of events written. A
 * file appears whole or not at all: a full disk or a stop midway leaves the previous file, if any,
 * as it was. A device, pipe or socket (/dev/null, /dev/stdout, a FIFO) is written to as it is:
 * renaming a file over it would replace /dev/null itself for root, or fail for anyone else.
 * Rejects with OutputStopped when `signal` stops it or a pipe's reader leaves.
 */
export async function writeJsonlFile(path: string, chunks: Iterable<JsonlChunk>, signal?: AbortSignal): Promise<number> {
  const existing = statOrNull(path);
  // A folder is refused before anything is written: the rename at the end would fail with EBUSY
  // or EISDIR only after the whole file was made.
  if (existing?.isDirectory()) {
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR', syscall: 'open', path });
  }
  if (existing && !existing.isFile()) return writeStream(path, chunks, signal, true);
  // A link to a file: the file it points to is replaced, the link stays.
  const target = existing ? realpathSync(path) : path;
  return replaceAtomically(target, (temp) => writeStream(temp, chunks, signal, false));
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

async function writeStream(path: string, chunks: Iterable<JsonlChunk>, signal: AbortSignal | undefined, inPlace: boolean): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
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
    out.end();
    await Promise.race([once(out, 'finish', { signal }), failed]);
    return count;
  } catch (err) {
    out.destroy();
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') throw new OutputStopped(count, 'reader', inPlace);
    if (signal?.aborted) throw new OutputStopped(count, 'signal', inPlace);
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
