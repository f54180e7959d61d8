// Read a small text file for configuration, turning every failure into words rather than a throw.
// Only regular files are read: a named pipe or a device would block the read, or never end.

import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

export type TextFile = { kind: 'missing' } | { kind: 'text'; text: string } | { kind: 'unreadable'; reason: string };

export async function readTextFile(path: string): Promise<TextFile> {
  try {
    const found = await stat(path);
    if (!found.isFile()) return { kind: 'unreadable', reason: notAFile(found) };
    return decode(await readFile(path));
  } catch (error) {
    return failed(error);
  }
}

/** The same, synchronously (the Snowflake settings are read without awaiting). */
export function readTextFileSync(path: string): TextFile {
  try {
    const found = statSync(path);
    if (!found.isFile()) return { kind: 'unreadable', reason: notAFile(found) };
    return decode(readFileSync(path));
  } catch (error) {
    return failed(error);
  }
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
  return { kind: 'unreadable', reason: code ?? (error as Error).message };
}

function decode(bytes: Buffer): TextFile {
  if (bytes.includes(0)) return { kind: 'unreadable', reason: 'it is not a text file (it contains NUL bytes)' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) return { kind: 'unreadable', reason: 'it is not valid UTF-8 text' };
  return { kind: 'text', text: text.replace(/^\uFEFF/, '') };
}
