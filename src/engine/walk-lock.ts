// One walk per state file at a time. Two walks of one profile both found nothing produced and
// both produced: 260 rows where the tutorial makes 130, each reported as fine. The lock is a file
// beside the state file holding the walk's pid; one whose process is gone is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { alive } from './files.js';
import { StateError } from './state.js';

export interface WalkLock {
  release(): void;
}

/** The pid of the walk holding `stateFile`'s lock, if that process is alive. */
export function walkHolding(stateFile: string): number | null {
  const holder = readHolder(`${stateFile}.lock`);
  return holder !== null && holder !== process.pid && alive(holder) ? holder : null;
}

/** Takes the lock of `stateFile`, or throws a StateError naming the walk that holds it. */
export function lockWalk(stateFile: string, profile: string): WalkLock {
  const file = `${stateFile}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = walkHolding(stateFile);
      if (holder !== null) {
        throw new StateError(`another walk of profile "${profile}" is running (pid ${holder}) on ${stateFile}`, `Wait for it to end, or stop it (Ctrl-C in its terminal, or kill ${holder}), then run again.`);
      }
      rmSync(file, { force: true }); // its walk is gone
    }
  }
  const release = () => {
    if (readHolder(file) === process.pid) rmSync(file, { force: true });
    process.off('exit', release);
  };
  // Also when the process leaves at once (a second Ctrl-C) without closing the session.
  process.on('exit', release);
  return { release };
}

function readHolder(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
