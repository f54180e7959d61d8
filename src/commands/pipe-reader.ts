// Learn that the reader of standard output, a pipe, has gone away without writing to it. A
// command that follows (`sandbox logs -f | head -1`) and has nothing new to write would otherwise
// learn it only at its next write, which may never come while the sandbox is idle.
//
// Node has no poll() of a descriptor open only for writing (libuv will not read-watch one), and
// opening the pipe again with O_NONBLOCK reports ENXIO only for named FIFOs. GNU tail does
// exactly this watch (coreutils 8.28+: `tail -f` polls its stdout for POLLERR), so a `tail -f
// /dev/null` sharing our stdout dies of SIGPIPE the moment the reader goes. Where tail cannot
// (no GNU tail: BSD, BusyBox), nothing changes: the next write finds the closed pipe, as before.
import { spawn } from 'node:child_process';
import { fstatSync } from 'node:fs';

/** Calls `gone` once the reader of stdout goes away, when stdout is a pipe; returns a stop function. */
export function watchStdoutReader(gone: () => void): () => void {
  try {
    if (!fstatSync(1).isFIFO()) return () => {};
  } catch {
    return () => {};
  }
  // --pid: the watcher ends with this process, even one killed with SIGKILL.
  const watcher = spawn('tail', ['-f', `--pid=${process.pid}`, '/dev/null'], { stdio: ['ignore', 'inherit', 'ignore'] });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    watcher.kill();
    process.off('exit', stop);
  };
  watcher.on('error', () => {}); // no tail at all: as without the watch
  watcher.on('exit', (_code, signal) => {
    process.off('exit', stop);
    if (!stopped && signal === 'SIGPIPE') gone();
    stopped = true;
  });
  watcher.unref();
  process.on('exit', stop);
  return stop;
}
