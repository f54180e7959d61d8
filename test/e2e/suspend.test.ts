// Ctrl-Z in the interactive screen suspends it like any terminal program, and `fg` brings it back
// redrawn and taking keys: an interactive bash in a real pseudo-terminal (util-linux `script`),
// with job control, runs `show`; Ink's raw mode used to swallow the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, tempDir } from '../support/cli.js';

const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b[=>]/g, '');

test('Ctrl-Z suspends the review to the shell; fg redraws it and it takes keys again', { timeout: 60_000 }, async (t) => {
  const cwd = tempDir();
  const dir = path.join(cwd, '.openflow-quickstart', 'sandbox');
  mkdirSync(dir, { recursive: true });
  const now = new Date().toISOString();
  writeFileSync(path.join(dir, 'default.json'), JSON.stringify({ schemaVersion: 1, profile: 'default', configFingerprint: '', createdAt: now, updatedAt: now, steps: { preflight: { status: 'done' } } }));
  const { CI: _ci, CONTINUOUS_INTEGRATION: _ci2, ...env } = process.env; // Ink draws only its last frame in CI
  const shell = spawn('script', ['-qfec', 'bash --norc --noprofile -i', '/dev/null'], {
    cwd,
    env: { ...env, TERM: 'xterm-256color', NO_COLOR: '1', COLUMNS: '80', LINES: '24' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  t.signal.addEventListener('abort', () => shell.exitCode === null && shell.signalCode === null && process.kill(-shell.pid!, 'SIGKILL'), { once: true });
  let screen = '';
  let waiting: { re: RegExp; from: number; resolve: () => void; reject: (e: Error) => void } | undefined;
  // A wait that never ends says what it waited for, and what the terminal showed meanwhile.
  t.signal.addEventListener('abort', () => waiting?.reject(new Error(`waited for ${waiting.re}; the terminal showed:\n${strip(screen.slice(waiting.from))}`)), { once: true });
  const check = () => {
    if (waiting && waiting.re.test(strip(screen.slice(waiting.from)))) {
      const w = waiting;
      waiting = undefined;
      w.resolve();
    }
  };
  shell.stdout.on('data', (c: Buffer) => {
    screen += c.toString();
    check();
  });
  /** Type `keys`, then wait until what the terminal shows after them matches `re`. */
  const typeThenSee = (keys: string, re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      waiting = { re, from: screen.length, resolve, reject };
      shell.stdin.write(keys);
      check();
    });

  await typeThenSee('', /[#$] $/);
  await typeThenSee("PS1='PROMPT$ '\r", /PROMPT\$ $/);
  await typeThenSee(`stty cols 80 rows 24; ${process.execPath} ${CLI} show --sandbox\r`, /q quits/);
  // j moves the cursor: the review takes keys in raw mode, where Ctrl-Z is a key, not a signal.
  await typeThenSee('j', /› \S+ +2 +create-topic/);
  await typeThenSee('\u001a', /Stopped.*show --sandbox[\s\S]*PROMPT\$ $/);
  await typeThenSee('fg\r', /Openflow Kafka Quickstart[\s\S]*› \S+ +2 +create-topic[\s\S]*q quits/);
  await typeThenSee('j', /› \S+ +3 +extract-brokers/);
  await typeThenSee('q', /PROMPT\$ $/);
  await typeThenSee('echo "exit code $?"\r', /exit code \d+/);
  assert.match(strip(screen), /exit code 0/);
  shell.stdin.write('exit\r');
});
