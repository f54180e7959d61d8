// `logs --output` to something that is not a plain file: a FIFO (as /dev/null or /dev/stdout, a
// device or pipe) is written to in place and stays what it was; a link to a file keeps being a
// link and its file gets the events. (Renaming a temporary file over the path, as for a plain
// file, replaced /dev/null itself when run as root.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { constants, lstatSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import path from 'node:path';
import { OutputStopped, fromJsonl, generatedJsonl, iterateEvents, jsonlLines, toJsonl, writeJsonlFile } from '../../src/logs/index.js';

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
  const written = await writeJsonlFile(fifo, generatedJsonl({ kind: 'evolved', count: 3_000, seed: 5 }));
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
  assert.equal(await writeJsonlFile(link, generatedJsonl({ kind: 'base', count: 50, seed: 5 })), 50);
  assert.ok(lstatSync(link).isSymbolicLink(), 'still a link');
  assert.equal(fromJsonl(readFileSync(real, 'utf8')).length, 50);
  assert.deepEqual(readdirSync(dir).sort(), ['link.jsonl', 'real.jsonl']);
});

// The bytes `logs --output` writes: the events of iterateEvents as toJsonl writes them, apart from
// each event's timestamp (the time it was made), across chunk boundaries.
const untimed = (line: string) => line.replace(/^\{"timestamp":"[^"]*"/, '{"timestamp":""');
for (const kind of ['base', 'evolved'] as const) {
  test(`${kind}: generated JSONL is toJsonl of iterateEvents, chunk by chunk`, () => {
    for (const [seed, start, count] of [[42, 0, 3_000], [7, 13, 2_500], [-99, 1_000_000, 700]] as const) {
      const opts = { kind, seed, start, count };
      const chunks = [...generatedJsonl(opts, 8 * 1024)];
      assert.ok(chunks.length > 10, `several chunks (${chunks.length})`);
      assert.equal(chunks.reduce((n, c) => n + c.count, 0), count);
      for (const c of chunks) assert.equal(c.text.toString().split('\n').length - 1, c.count, 'a chunk holds whole lines');
      const got = chunks.map((c) => c.text.toString()).join('').split('\n');
      const expected = toJsonl(iterateEvents(opts)).split('\n');
      assert.equal(got.length, expected.length);
      got.forEach((line, i) => {
        assert.equal(untimed(line), untimed(expected[i]!), `line ${i} (seed ${seed}, start ${start})`);
        if (line) assert.match(line, /^\{"timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z"/);
      });
    }
  });
}

test('an empty run writes nothing; a bad seed, start or count is refused before anything is made', () => {
  assert.deepEqual([...generatedJsonl({ kind: 'base', seed: 1, count: 0 })], []);
  assert.throws(() => [...generatedJsonl({ kind: 'base', seed: 1.5, count: 3 })], RangeError);
  assert.throws(() => [...generatedJsonl({ kind: 'base', seed: 1, count: 3, start: -1 })], RangeError);
  assert.throws(() => [...generatedJsonl({ kind: 'base', seed: 1, count: -3 })], RangeError);
  assert.equal(jsonlLines([]).next().done, true);
});

test('a stop midway: the file is not made, the one that was there stays, no temporary file', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'events.jsonl');
  writeFileSync(file, 'old\n');
  const stop = new AbortController();
  const chunks = generatedJsonl({ kind: 'base', count: 1_000_000, seed: 5 }, 64 * 1024);
  let made = 0;
  const stopping = (function* () {
    for (const c of chunks) {
      if (++made === 3) stop.abort(new Error('test stop'));
      yield c;
    }
  })();
  const err = await writeJsonlFile(file, stopping, stop.signal).then(() => null, (e: unknown) => e);
  assert.ok(err instanceof OutputStopped, String(err));
  assert.equal(err.by, 'signal');
  assert.equal(err.kept, false);
  assert.ok(made < 10, `stopped after ${made} chunks`);
  assert.deepEqual(readdirSync(dir), ['events.jsonl']);
  assert.equal(readFileSync(file, 'utf8'), 'old\n');
});

test('a FIFO nobody reads: the write waits for a reader, and a stop ends the wait at once', { skip: process.platform === 'win32' }, async (t) => {
  const dir = tempDir(t);
  const fifo = path.join(dir, 'nobody.pipe');
  execFileSync('mkfifo', [fifo]);
  const stop = new AbortController();
  setTimeout(() => stop.abort(new Error('test stop')), 300);
  const started = Date.now();
  const err = await writeJsonlFile(fifo, generatedJsonl({ kind: 'base', count: 10, seed: 5 }), stop.signal).then(() => null, (e: unknown) => e);
  assert.ok(err instanceof OutputStopped, String(err));
  assert.deepEqual([err.by, err.written, err.kept], ['signal', 0, true]);
  assert.ok(Date.now() - started < 5_000, 'the stop ended the wait');
});

test('a file replaced keeps its permissions; what a killed process left for it is removed, nothing else', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'private.jsonl');
  writeFileSync(file, 'old\n', { mode: 0o600 });
  const gone = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const stale = `private.jsonl.${gone}.1.tmp`;
  const others = [`other.jsonl.${gone}.1.tmp`, 'notes.txt'];
  for (const name of [stale, ...others]) writeFileSync(path.join(dir, name), 'x');
  assert.equal(await writeJsonlFile(file, generatedJsonl({ kind: 'base', count: 5, seed: 5 })), 5);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(dir).sort(), ['private.jsonl', ...others].sort());
});
