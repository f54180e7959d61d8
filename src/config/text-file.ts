// Read a small text file for configuration, turning every failure into words rather than a throw.

import { readFile } from 'node:fs/promises';

export type TextFile = { kind: 'missing' } | { kind: 'text'; text: string } | { kind: 'unreadable'; reason: string };

export async function readTextFile(path: string): Promise<TextFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'EISDIR') return { kind: 'unreadable', reason: 'it is a directory, not a file' };
    if (code === 'EACCES' || code === 'EPERM') return { kind: 'unreadable', reason: 'permission denied' };
    return { kind: 'unreadable', reason: code ?? (error as Error).message };
  }
  if (bytes.includes(0)) return { kind: 'unreadable', reason: 'it is not a text file (it contains NUL bytes)' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) return { kind: 'unreadable', reason: 'it is not valid UTF-8 text' };
  return { kind: 'text', text: text.replace(/^\uFEFF/, '') };
}
