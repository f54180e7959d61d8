// The state folder (--state-dir): checked before anything is started, and created one level at a
// time. Node's recursive mkdir never returns on some paths (`/proc/1/nope` spins at 100% CPU and
// ignores SIGTERM), so every folder the walk keeps state in is made here instead.
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** stat, with "nothing there" (ENOENT, or ENOTDIR: a file higher up) as undefined. */
function statOrNothing(at: string) {
  try {
    return statSync(at, { throwIfNoEntry: false });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}

/** A name longer than this is refused by Linux, macOS and Windows file systems alike (NAME_MAX). */
const LONGEST_NAME_BYTES = 255;
/** Linux's PATH_MAX, its final NUL included: a longer path is refused by every call. */
const LONGEST_PATH_BYTES = 4096;
/** Room for the deepest file kept under the state folder: sandbox/<profile>/broker/topics/<topic
 * of up to 249 bytes>/<partition>/<segment>, some 370 bytes. A folder that leaves less failed
 * mid-walk, on the first sandbox file that did not fit. */
const ROOM_FOR_FILES_BYTES = 512;

/** How checkStateDir's answer begins when the path passes a length limit (the hint differs). */
export const PATH_TOO_LONG = 'the path is too long';

/** Why `dir` cannot hold state files, or null when it can (or can be created). Writes nothing. */
export function checkStateDir(dir: string): string | null {
  // Checked by length first: below a folder that does not exist yet the kernel says ENOENT, and
  // the name too long for it surfaced only at mkdir, as "cannot create the folder <5000 chars>".
  const absolute = path.resolve(dir);
  const longest = Math.max(...absolute.split(path.sep).map((name) => Buffer.byteLength(name)));
  if (longest > LONGEST_NAME_BYTES) return `${PATH_TOO_LONG}: one folder name in it is ${longest} bytes, and a file system allows at most ${LONGEST_NAME_BYTES}`;
  const bytes = Buffer.byteLength(absolute);
  const tooLong = `${PATH_TOO_LONG}: it is ${bytes} bytes, more than this system allows`;
  if (bytes >= LONGEST_PATH_BYTES) return tooLong;
  const roomy = LONGEST_PATH_BYTES - 1 - ROOM_FOR_FILES_BYTES;
  if (bytes > roomy) return `${PATH_TOO_LONG}: it is ${bytes} bytes, and the files kept in it need it to be at most ${roomy}`;
  try {
    return checkLevels(dir);
  } catch (err) {
    // A system with lower limits (macOS: 1024-byte paths) says ENAMETOOLONG on its own.
    if ((err as NodeJS.ErrnoException).code === 'ENAMETOOLONG') return tooLong;
    throw err;
  }
}

function checkLevels(dir: string): string | null {
  let at = path.resolve(dir);
  for (;;) {
    const stat = statOrNothing(at);
    if (stat) {
      if (!stat.isDirectory()) return at === path.resolve(dir) ? `${at} is a file, not a folder` : `${at} is a file, so ${dir} cannot be a folder`;
      try {
        accessSync(at, constants.W_OK | constants.X_OK);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === 'EROFS' ? 'it is on a read-only file system' : 'permission denied';
        return `${at} cannot be written to (${why})`;
      }
      return null;
    }
    const parent = path.dirname(at);
    if (parent === at) return `${dir} cannot be created`;
    at = parent;
  }
}

/**
 * `mkdir -p` without the recursive flag: each missing level with its own mkdir, so a path the
 * kernel refuses fails at once with that level's error (ENOENT, EACCES, ENOTDIR…).
 */
export function makeDirs(dir: string, mode = 0o700): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  while (!statOrNothing(at)) {
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const level of missing) {
    try {
      mkdirSync(level, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  // The last level exists now; if it is not a folder, say so as mkdir would.
  if (!statSync(path.resolve(dir)).isDirectory()) {
    throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', syscall: 'mkdir', path: dir });
  }
}
