// JSON Lines in and out: one event per line, as `generate_logs.py --output` writes and
// `rpk topic produce` reads.
import { createWriteStream, realpathSync, statSync, type Stats } from 'node:fs';
import { once } from 'node:events';
import type { LogEvent } from '../engine/ports.js';
import { replaceAtomically } from '../engine/files.js';

export function toJsonl(events: Iterable<LogEvent>): string {
  let out = '';
  for (const event of events) out += JSON.stringify(event) + '\n';
  return out;
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
 * Streams events to a JSONL file (respecting backpressure); resolves with the count written. A
 * file appears whole or not at all: a full disk midway leaves the previous file, if any, as it was.
 * A device, pipe or socket (/dev/null, /dev/stdout, a FIFO) is written to as it is: renaming a
 * file over it would replace /dev/null itself for root, or fail for anyone else.
 */
export async function writeJsonlFile(path: string, events: Iterable<LogEvent>): Promise<number> {
  const existing = statOrNull(path);
  // A folder is refused before anything is written: the rename at the end would fail with EBUSY
  // or EISDIR only after the whole file was made.
  if (existing?.isDirectory()) {
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR', syscall: 'open', path });
  }
  if (existing && !existing.isFile()) return writeStream(path, events);
  // A link to a file: the file it points to is replaced, the link stays.
  const target = existing ? realpathSync(path) : path;
  return replaceAtomically(target, (temp) => writeStream(temp, events));
}

/** The reader of a pipe closed it before every event was written (`--output /dev/stdout | head`). */
export class ReaderClosed extends Error {
  constructor(readonly written: number) {
    super('the reader closed the pipe');
  }
}

async function writeStream(path: string, events: Iterable<LogEvent>): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([err]) => Promise.reject(err as Error));
  failed.catch(() => {}); // observed below through Promise.race
  let count = 0;
  try {
    for (const event of events) {
      if (!out.write(JSON.stringify(event) + '\n')) await Promise.race([once(out, 'drain'), failed]);
      count++;
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    return count;
  } catch (err) {
    throw (err as NodeJS.ErrnoException).code === 'EPIPE' ? new ReaderClosed(count) : err;
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
