// `sandbox logs [broker|emulator|connector|service …] [--lines N] [--follow]`: the sandbox's own
// logs, from its folder, as one timeline with the part each line comes from (like
// `docker compose logs`); --follow keeps printing what they append until Ctrl-C.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parsePositiveInt } from '../config/numbers.js';
import { EXIT, UsageError } from './exit.js';
import { closePipe, stopSignal } from './lifecycle.js';
import { watchStdoutReader } from './pipe-reader.js';
import { sandboxDir, type SandboxOptions } from './sandbox.js';

export const LOG_PARTS = ['broker', 'emulator', 'connector', 'service'] as const;
type Part = (typeof LOG_PARTS)[number];
const TAIL_BYTES = 1024 * 1024;

export async function sandboxLogs(opts: SandboxOptions & { parts: string[]; lines?: string; follow: boolean }): Promise<number> {
  const unknown = opts.parts.find((p) => !(LOG_PARTS as readonly string[]).includes(p));
  if (unknown) throw new UsageError(`unknown log "${unknown}"`, `Logs: ${LOG_PARTS.join(', ')} (all when none is named).`);
  const lines = parsePositiveInt(opts.lines ?? '20', '--lines', { max: 100_000 });
  if (!lines.ok) throw new UsageError(`${lines.problem.source}: ${lines.problem.message}`);
  const parts = (opts.parts.length > 0 ? opts.parts : LOG_PARTS) as Part[];
  const dir = sandboxDir(opts);
  const width = Math.max(...parts.map((p) => p.length));
  const label = (part: Part) => `${part.padEnd(width)} | `;

  const tails = parts.map((part) => ({ part, ...tail(path.join(dir, `${part}.log`), lines.value) }));
  const merged = tails.flatMap(({ part, lines: ls }) => {
    let at = '';
    return ls.map((text) => ({ part, text, at: (at = stamped(text) ? text.slice(0, 24) : at) }));
  });
  // One timeline: lines sort by their timestamp (an unstamped line stays after the one before it).
  merged.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  if (merged.length === 0 && !opts.follow) process.stderr.write(`No sandbox logs in ${dir} yet.\n`);
  for (const m of merged.slice(-lines.value)) process.stdout.write(`${label(m.part)}${m.text}\n`);
  if (!opts.follow) return EXIT.done;

  const positions = new Map(tails.map((t) => [t.part, t.size]));
  const partial = new Map<Part, string>();
  // `| head -1`: an idle sandbox writes nothing, so no write would ever meet the closed pipe;
  // the reader going away ends the command as a write meeting it does (exit 0).
  const stopWatching = watchStdoutReader(closePipe);
  stopSignal.addEventListener('abort', stopWatching, { once: true });
  // Until Ctrl-C: a command that only reads is ended by it at once (lifecycle.ts), with 130.
  while (!stopSignal.aborted) {
    for (const part of parts) {
      const file = path.join(dir, `${part}.log`);
      const size = sizeOf(file);
      let from = positions.get(part) ?? 0;
      if (size < from) from = 0; // the folder was removed and started again
      if (size === from) continue;
      const text = (partial.get(part) ?? '') + read(file, from, size - from);
      positions.set(part, size);
      const complete = text.split('\n');
      partial.set(part, complete.pop() ?? '');
      for (const l of complete) process.stdout.write(`${label(part)}${l}\n`);
    }
    await sleep(200);
  }
  return EXIT.interrupted;
}

function stamped(line: string): boolean {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(line);
}

/** The last n lines of a file (reading at most its last MB), and its size. */
function tail(file: string, n: number): { lines: string[]; size: number } {
  const size = sizeOf(file);
  if (size === 0) return { lines: [], size };
  const from = Math.max(0, size - TAIL_BYTES);
  const lines = read(file, from, size - from).split('\n');
  if (from > 0) lines.shift(); // cut mid-line
  if (lines[lines.length - 1] === '') lines.pop();
  return { lines: lines.slice(-n), size };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function read(file: string, from: number, length: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, from);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
