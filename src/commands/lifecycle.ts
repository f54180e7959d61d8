// How a command ends, in one place for every command:
// - all output is written before the process exits (a slow pipe or a full terminal gets every
//   byte: stdout to a pipe is asynchronous once the pipe's 64 KiB buffer is full);
// - a closed pipe (`… | head -1`) ends the command quietly with exit 0;
// - SIGINT and SIGTERM alike stop the command through one AbortSignal (state says where it
//   stopped, exit 130); a second signal, or a command that does not stop in time, exits at once.
import { EXIT } from './exit.js';

/** How long a stopped command may take to close its clients and sandbox before the process leaves anyway. */
const STOP_GRACE_MS = 10_000;

const controller = new AbortController();
let pipeClosed = false;
let outputBroken = false;
let installed = false;
let stopHandled = false;

/** Aborted on the first SIGINT/SIGTERM (or Ctrl-C in the Ink screen), or when stdout is closed. */
export const stopSignal: AbortSignal = controller.signal;

/** True once a reader closed stdout or stderr: nothing more can be shown, and the exit is 0. */
export function outputClosed(): boolean {
  return pipeClosed;
}

/**
 * A command that acts (the walk, `logs`) says it stops by itself on `stopSignal`, recording where
 * it got to. Any other command only reads, so a stop ends it at once.
 */
export function stopsOnSignal(): void {
  stopHandled = true;
}

/** First call: the command stops after the operation in flight. Second: the process leaves now. */
export function requestStop(reason: 'SIGINT' | 'SIGTERM' | 'pipe'): void {
  const code = pipeClosed ? EXIT.done : EXIT.interrupted;
  if (controller.signal.aborted || !stopHandled) {
    const again = controller.signal.aborted;
    if (!again) controller.abort(reason);
    // One line, so that a stop is never silent: a command that only reads stops at once; a
    // second signal leaves without waiting for the operation in flight.
    if (reason !== 'pipe' && !pipeClosed) process.stderr.write(again && stopHandled ? '\nStopped at once (a second signal): what was in flight may not be recorded.\n' : '\nStopped.\n');
    if (reason !== 'pipe' || !stopHandled) void exitWhenWritten(code);
    return;
  }
  controller.abort(reason);
  setTimeout(() => process.exit(code), STOP_GRACE_MS).unref();
}

/** Installs the signal and pipe handlers; idempotent. */
export function installLifecycle(): void {
  if (installed) return;
  installed = true;
  process.on('SIGINT', () => requestStop('SIGINT'));
  process.on('SIGTERM', () => requestStop('SIGTERM'));
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') closePipe();
      else {
        outputFailed(stream, err);
        void exitWhenWritten(EXIT.failed);
      }
    });
  }
}

/** The reader is gone (a write met EPIPE, or a probe found it without writing): later writes go nowhere, and the command is asked to stop, exit 0. */
export function closePipe(): void {
  if (pipeClosed) return;
  pipeClosed = true;
  for (const stream of [process.stdout, process.stderr]) silence(stream);
  requestStop('pipe');
}

/** Standard output or error cannot be written (`> file` on a full disk, /dev/full): one line on
 * the other stream when it can take it, exit 1; never a stack trace, never exit 0 with nothing
 * written. */
function outputFailed(stream: NodeJS.WriteStream, err: NodeJS.ErrnoException): void {
  if (outputBroken) return;
  outputBroken = true;
  silence(stream);
  const why = err.code === 'ENOSPC' ? 'no space left on the disk' : err.message;
  if (stream === process.stdout) process.stderr.write(`error: cannot write standard output: ${why}\n`);
}

/** Later writes to `stream` go nowhere (its reader is gone, or it cannot be written). */
function silence(stream: NodeJS.WriteStream): void {
  stream.write = ((_chunk: unknown, encoding?: unknown, callback?: unknown) => {
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof stream.write;
}

/** A fault outside any command's flow (a log file's write failed): one line, then exit 1. */
export function failNow(message: string, hint?: string): void {
  process.stderr.write(`error: ${message}\n${hint ? `  ${hint}\n` : ''}`);
  void exitWhenWritten(EXIT.failed);
}

/** Waits until everything written to stdout and stderr has reached the OS, then exits. */
export async function exitWhenWritten(code: number): Promise<never> {
  // A write to a file or device fails synchronously, and its 'error' event would come after an
  // exit right behind it (`--version > /dev/full` exited 0 with nothing written).
  for (const stream of [process.stdout, process.stderr]) {
    const err = stream.errored as NodeJS.ErrnoException | null;
    if (err && err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') outputFailed(stream, err);
  }
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  // Output that could not be written is a failure, whatever the command thought of its work.
  process.exit(pipeClosed ? EXIT.done : outputBroken && code === EXIT.done ? EXIT.failed : code);
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (pipeClosed || stream.destroyed || stream.writableLength === 0) return Promise.resolve();
  // A write's callback runs once it and everything queued before it is written (or failed).
  return new Promise((resolve) => stream.write('', () => resolve()));
}
