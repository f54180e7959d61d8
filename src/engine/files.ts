// Files written so that a failure (a full disk, a kill) never leaves half a file: the text goes to
// a temporary file beside the target (`<name>.<pid>.<n>.tmp`), is synced, then renamed over it.
// A failed write removes its temporary file; one left by a killed process is swept at the next
// start. Folders are made one level at a time: Node's recursive mkdir spins forever, blocking
// the event loop (and with it SIGTERM), on a path such as /proc/1/nope.
import { closeSync, constants, fsyncSync, mkdirSync, openSync, promises as fs, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

let sequence = 0;

function tempFor(file: string): string {
  return `${file}.${process.pid}.${++sequence}.tmp`;
}

/** Names the file the person asked for, not our temporary one, in the error a failed write throws. */
function aboutTarget(err: unknown, file: string): unknown {
  const e = err as NodeJS.ErrnoException;
  // A failed write on an open file names no path at all.
  if (e && typeof e === 'object' && (typeof e.path !== 'string' || e.path.endsWith('.tmp'))) e.path = file;
  return err;
}

/** Writes the temporary file with `write`, then renames it over `file`; on failure removes it. */
export async function replaceAtomically<T>(file: string, write: (temp: string) => Promise<T>): Promise<T> {
  const temp = tempFor(file);
  try {
    const result = await write(temp);
    await fs.rename(temp, file);
    return result;
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw aboutTarget(err, file);
  }
}

/** temp file in the same directory + fsync + rename: a reader sees the old file or the new one, never half. */
export async function writeAtomically(file: string, text: string, mode = 0o600): Promise<void> {
  await ensureDir(path.dirname(file));
  await replaceAtomically(file, async (temp) => {
    const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
  await fs.chmod(file, mode);
}

/** A file of ours holding JSON that is not (damaged by a crash, a full disk or an edit). */
export class DamagedFile extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file} is damaged: not valid JSON (${reason})`);
    this.name = 'DamagedFile';
  }
}

/** Reads a JSON file the sandbox wrote; one that does not parse says which file it is. */
export function readJsonSync<T>(file: string): T {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new DamagedFile(file, (err as Error).message);
  }
}

/**
 * The same, synchronous, for the sandbox's own small files (catalog, broker metadata, group
 * offsets). One writer per file (the sandbox is locked to one process), so the temporary file is
 * simply `<name>.tmp`, and the next save replaces one a kill left behind.
 */
export function writeAtomicallySync(file: string, text: string, mode = 0o600): void {
  const temp = `${file}.tmp`;
  try {
    const fd = openSync(temp, 'w', mode);
    try {
      writeFileSync(fd, text); // loops over short writes: a full disk throws, never half a file
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw aboutTarget(err, file);
  }
}

/**
 * Removes the temporary files of `file` (`<file>.<pid>.<n>.tmp`, as replaceAtomically names them)
 * whose process is gone: killed between writing and renaming. Only those: the folder may be
 * anyone's (--state-dir ., an output next to other programs' files).
 */
export async function sweepStaleTemps(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length));
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** mkdir -p, one level at a time (see above). */
export async function ensureDir(dir: string, mode = 0o700): Promise<void> {
  for (const level of levels(dir)) {
    try {
      await fs.mkdir(level, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

export function ensureDirSync(dir: string, mode = 0o700): void {
  for (const level of levels(dir)) {
    try {
      mkdirSync(level, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** The folders from the root down to `dir`. */
function levels(dir: string): string[] {
  const out: string[] = [];
  for (let d = path.resolve(dir); d !== path.dirname(d); d = path.dirname(d)) out.unshift(d);
  return out;
}
