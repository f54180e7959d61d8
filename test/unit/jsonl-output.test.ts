// `logs --output` to something that is not a plain file: a FIFO (as /dev/null or /dev/stdout, a
// device or pipe) is written to in place and stays what it was; a link to a file keeps being a
// link and its file gets the events. (Renaming a temporary file over the path, as for a plain
// file, replaced /dev/null itself when run as root.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { constants, lstatSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import path from 'node:path';
import { fromJsonl, iterateEvents, writeJsonlFile } from '../../src/logs/index.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oqs-jsonl-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a FIFO is written in place and is still a FIFO afterwards', { skip: process.platform === 'win32' }, async (t) => {
  const dir = tempDir(t);
  const fifo = path.join(dir, 'events.pipe');
  execFileSync('mkfifo', [fifo]);
  // Read and write ends held here (a FIFO opened read-write never blocks): the writer's open does
  // not wait for a reader, and if the FIFO were replaced the test fails instead of hanging.
  const reader = new net.Socket({ fd: openSync(fifo, constants.O_RDWR), readable: true, writable: false });
  t.after(() => reader.destroy());
  let text = '';
  reader.setEncoding('utf8').on('data', (c: string) => (text += c));
  const written = await writeJsonlFile(fifo, iterateEvents({ kind: 'evolved', count: 3_000, seed: 5 }));
  assert.equal(written, 3_000);
  assert.ok(lstatSync(fifo).isFIFO(), 'the FIFO was not replaced by a file');
  assert.deepEqual(readdirSync(dir), ['events.pipe'], 'no temporary file left');
  for (let waited = 0; text.split('\n').length <= written && waited < 5_000; waited += 20) await sleep(20);
  assert.equal(fromJsonl(text).length, 3_000);
});

test('a link to a file: the file gets the events, the link stays a link', async (t) => {
  const dir = tempDir(t);
  const real = path.join(dir, 'real.jsonl');
  const link = path.join(dir, 'link.jsonl');
  writeFileSync(real, 'old\n');
  symlinkSync(real, link);
  assert.equal(await writeJsonlFile(link, iterateEvents({ kind: 'base', count: 50, seed: 5 })), 50);
  assert.ok(lstatSync(link).isSymbolicLink(), 'still a link');
  assert.equal(fromJsonl(readFileSync(real, 'utf8')).length, 50);
  assert.deepEqual(readdirSync(dir).sort(), ['link.jsonl', 'real.jsonl']);
});
