// CRC-32C (Castagnoli), as RecordBatch v2 uses: @node-rs/crc32's native one (SSE 4.2 / ARM CRC
// instructions, ~7x the JavaScript below, which was a tenth of a produce's CPU time), else
// slice-by-8 tables where no prebuilt binary exists for the platform.
import { createRequire } from 'node:module';

type NativeCrc = (input: Buffer) => number;
let native: NativeCrc | null | undefined;
/** The prebuilt binary's package for this platform. @node-rs/crc32's own loader first tells glibc
 * from musl by reading files and making a process report (~8 ms of a 0.1 s start); asked for by
 * name, the glibc, macOS or Windows binary loads in ~2 ms. Elsewhere (musl, …) the loader decides. */
const PREBUILT: Record<string, string> = {
  'linux-x64': 'linux-x64-gnu',
  'linux-arm64': 'linux-arm64-gnu',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-x64-msvc',
};

/** Loaded on first use (a command that never encodes a batch need not pay for it). */
function loadNative(): NativeCrc | null {
  const require = createRequire(import.meta.url);
  const prebuilt = PREBUILT[`${process.platform}-${process.arch}`];
  for (const name of [...(prebuilt ? [`@node-rs/crc32-${prebuilt}`] : []), '@node-rs/crc32']) {
    try {
      return (require(name) as { crc32c: NativeCrc }).crc32c;
    } catch {
      // not installed for this platform: the next way, then the tables below
    }
  }
  return null;
}

const POLY = 0x82f63b78;
const TABLES: Uint32Array[] = [];
{
  const t0 = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t0[i] = c >>> 0;
  }
  TABLES.push(t0);
  for (let t = 1; t < 8; t++) {
    const prev = TABLES[t - 1];
    const next = new Uint32Array(256);
    for (let i = 0; i < 256; i++) next[i] = (prev[i] >>> 8) ^ t0[prev[i] & 0xff];
    TABLES.push(next);
  }
}
const [T0, T1, T2, T3, T4, T5, T6, T7] = TABLES;

export function crc32c(data: Uint8Array, start = 0, end = data.length): number {
  if (native === undefined) native = loadNative();
  if (native) return native(Buffer.from(data.buffer, data.byteOffset + start, end - start)) >>> 0;
  return crc32cJs(data, start, end);
}

export function crc32cJs(data: Uint8Array, start = 0, end = data.length): number {
  let crc = 0xffffffff;
  let i = start;
  while (end - i >= 8) {
    const a = crc ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    crc =
      T7[a & 0xff] ^ T6[(a >>> 8) & 0xff] ^ T5[(a >>> 16) & 0xff] ^ T4[a >>> 24] ^
      T3[data[i + 4]] ^ T2[data[i + 5]] ^ T1[data[i + 6]] ^ T0[data[i + 7]];
    i += 8;
  }
  while (i < end) crc = T0[(crc ^ data[i++]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
