// A CA bundle to trust besides the system's: must exist and hold at least one PEM certificate.

import { resolve } from 'node:path';
import { readTextFile } from './text-file.js';

export async function checkCaFile(raw: string, cwd: string): Promise<{ path: string } | { error: string }> {
  const path = resolve(cwd, raw.startsWith('~/') ? raw.replace('~', process.env.HOME ?? '~') : raw);
  const file = await readTextFile(path);
  if (file.kind === 'missing') return { error: `CA file "${raw}" does not exist (looked at ${path})` };
  if (file.kind === 'unreadable') return { error: `CA file "${raw}" cannot be read: ${file.reason}` };
  if (!file.text.includes('-----BEGIN CERTIFICATE-----')) {
    return { error: `CA file "${raw}" holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" line)` };
  }
  return { path };
}
