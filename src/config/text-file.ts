// Read a small text file for configuration, turning every failure into words rather than a throw.
// Only regular files are read: a named pipe or a device would block the read, or never end. The
// file is opened first and looked at through its handle, so what is checked is what is read.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readlinkSync, type Stats } from 'node:fs';

export type TextFile = { kind: 'missing' } | { kind: 'text'; text: string } | { kind: 'unreadable'; reason: string };

/** A .env, a CA bundle or a TOML file is a few KB; a file past this is not one, and is not read. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

// O_NONBLOCK: opening a named pipe for reading otherwise waits for a writer, forever.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;
const CHUNK = 64 * 1024;

/**
 * readTextFileSync, for async callers. The read is synchronous: a settings file is at most 1 MB, and one
 * bounded read loop is simpler than two copies of it.
 */
export async function readTextFile(path: string): Promise<TextFile> {
  return readTextFileSync(path);
}

/** A settings file, read synchronously (the Snowflake settings are read without awaiting). */
export function readTextFileSync(path: string): TextFile {
  let fd: number | undefined;
  try {
    fd = openSync(path, OPEN_FLAGS);
    const refused = refuse(fstatSync(fd));
    if (refused) return refused;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // At most one byte past the limit is read: a file that grew after fstat is still refused.
      const buffer = Buffer.alloc(CHUNK);
      const bytesRead = readSync(fd, buffer, 0, Math.min(CHUNK, MAX_TEXT_FILE_BYTES + 1 - total), null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > MAX_TEXT_FILE_BYTES) return tooLarge(total);
    }
    return decode(Buffer.concat(chunks));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return failed(error);
    return orNothing(() => lstatSync(path))?.isSymbolicLink() ? brokenLink(orNothing(() => readlinkSync(path))) : { kind: 'missing' };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function orNothing<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

/** Why a file that opened is not read: not a regular file, or far too large for a settings file. */
function refuse(found: Stats): TextFile | undefined {
  if (!found.isFile()) return { kind: 'unreadable', reason: notAFile(found) };
  if (found.size > MAX_TEXT_FILE_BYTES) return tooLarge(found.size);
  return undefined;
}

function tooLarge(bytes: number): TextFile {
  return { kind: 'unreadable', reason: `it is too large for a settings file (${megabytes(bytes)}; at most ${megabytes(MAX_TEXT_FILE_BYTES)} is read)` };
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) || mb >= 10 ? `${Math.round(mb)} MB` : `${bytes} bytes`;
}

// A symbolic link whose target is gone opens as ENOENT, like no file at all; but somebody made
// that link to hold settings, so it is named rather than skipped.
function brokenLink(target: string | undefined): TextFile {
  return { kind: 'unreadable', reason: target === undefined ? 'it is a symbolic link to a file that does not exist' : `it is a symbolic link to ${target}, which does not exist` };
}

function notAFile(found: { isDirectory(): boolean; isFIFO(): boolean }): string {
  if (found.isDirectory()) return 'it is a directory, not a file';
  if (found.isFIFO()) return 'it is a named pipe, not a file';
  return 'it is not a regular file';
}

function failed(error: unknown): TextFile {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { kind: 'missing' };
  if (code === 'ENOTDIR') return { kind: 'unreadable', reason: 'a part of its path is a file, not a directory' };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'unreadable', reason: 'permission denied' };
  if (code === 'EISDIR') return { kind: 'unreadable', reason: 'it is a directory, not a file' };
  if (code === 'ELOOP') return { kind: 'unreadable', reason: 'its symbolic links loop' };
  if (code === 'ENAMETOOLONG') return { kind: 'unreadable', reason: 'its path is too long' };
  return { kind: 'unreadable', reason: code ?? (error as Error).message };
}

function decode(bytes: Buffer): TextFile {
  if (bytes.includes(0)) return { kind: 'unreadable', reason: 'it is not a text file (it contains NUL bytes)' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) return { kind: 'unreadable', reason: 'it is not valid UTF-8 text' };
  return { kind: 'text', text: text.replace(/^\uFEFF/, '') };
}
