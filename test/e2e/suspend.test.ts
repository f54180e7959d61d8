// Ctrl-Z suspends like any terminal program, and `fg` brings the program back redrawn and taking
// keys: an interactive bash in a real pseudo-terminal (util-linux `script`), with job control, runs
// `show` (the Ink screen) and `reset` (a one-key question); raw mode used to swallow the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, tempDir } from '../support/cli.js';

const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b[=>]/g, '');

/** An interactive bash with job control in a real pseudo-terminal, in `cwd` with a recorded preflight. */
function shellWithState(t: { signal: AbortSignal }) {
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
  let waiting: { re: RegExp; from: number; resolve: () => void } | undefined;
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
  return {
    /** Type `keys`, then wait until what the terminal shows after them matches `re` (without the fix, the test's timeout ends the wait). */
    typeThenSee: (keys: string, re: RegExp) =>
      new Promise<void>((resolve) => {
        waiting = { re, from: screen.length, resolve };
        shell.stdin.write(keys);
        check();
      }),
    text: () => strip(screen),
    exit: () => shell.stdin.write('exit\r'),
  };
}

test('Ctrl-Z suspends the review to the shell; fg redraws it and it takes keys again', { timeout: 60_000 }, async (t) => {
  const sh = shellWithState(t);
  await sh.typeThenSee('', /[#$] $/);
  await sh.typeThenSee("PS1='PROMPT$ '\r", /PROMPT\$ $/);
  await sh.typeThenSee(`stty cols 80 rows 24; ${process.execPath} ${CLI} show --sandbox\r`, /q quits/);
  // j moves the cursor: the review takes keys in raw mode, where Ctrl-Z is a key, not a signal.
  await sh.typeThenSee('j', /› \S+ +2 +create-topic/);
  await sh.typeThenSee('\u001a', /Stopped.*show --sandbox[\s\S]*PROMPT\$ $/);
  await sh.typeThenSee('fg\r', /Openflow Kafka Quickstart[\s\S]*› \S+ +2 +create-topic[\s\S]*q quits/);
  await sh.typeThenSee('j', /› \S+ +3 +extract-brokers/);
  await sh.typeThenSee('q', /PROMPT\$ $/);
  await sh.typeThenSee('echo "exit code $?"\r', /exit code \d+/);
  assert.match(sh.text(), /exit code 0/);
  sh.exit();
});

test("Ctrl-Z at reset's one-key question suspends; fg asks it again and one key answers", { timeout: 60_000 }, async (t) => {
  const sh = shellWithState(t);
  await sh.typeThenSee('', /[#$] $/);
  await sh.typeThenSee("PS1='PROMPT$ '\r", /PROMPT\$ $/);
  await sh.typeThenSee(`${process.execPath} ${CLI} reset --sandbox\r`, /\[y\/N\] $/);
  await sh.typeThenSee('\u001a', /Stopped.*reset --sandbox[\s\S]*PROMPT\$ $/);
  await sh.typeThenSee('fg\r', /\[y\/N\] $/);
  await sh.typeThenSee('n', /Nothing changed[\s\S]*PROMPT\$ $/);
  await sh.typeThenSee('echo "exit code $?"\r', /exit code \d+/);
  assert.match(sh.text(), /exit code 0/);
  sh.exit();
});

test('Ctrl-Z with no job-control shell above (an orphaned process group) is not stopped, and keys go on working', { timeout: 60_000 }, async (t) => {
  const cwd = tempDir();
  const dir = path.join(cwd, '.openflow-quickstart', 'sandbox');
  mkdirSync(dir, { recursive: true });
  const now = new Date().toISOString();
  writeFileSync(path.join(dir, 'default.json'), JSON.stringify({ schemaVersion: 1, profile: 'default', configFingerprint: '', createdAt: now, updatedAt: now, steps: { preflight: { status: 'done' } } }));
  const { CI: _ci, CONTINUOUS_INTEGRATION: _ci2, ...env } = process.env;
  // `script -c` runs the command under a non-interactive shell in a session of its own: no job
  // control, so the kernel drops a SIGTSTP to the group, as it does for a terminal's Ctrl-Z there.
  const child = spawn('script', ['-qfec', `stty cols 80 rows 24; ${process.execPath} ${CLI} show --sandbox`, '/dev/null'], {
    cwd,
    env: { ...env, TERM: 'xterm-256color', NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  t.signal.addEventListener('abort', () => child.exitCode === null && child.signalCode === null && process.kill(-child.pid!, 'SIGKILL'), { once: true });
  let screen = '';
  let stage = 0;
  let typedAt = 0;
  const code = await new Promise<number | null>((resolve) => {
    child.stdout.on('data', (c: Buffer) => {
      screen += c.toString();
      const text = strip(screen);
      if (stage === 0 && /q quits/.test(text)) {
        stage = 1;
        child.stdin.write('j');
      } else if (stage === 1 && /› \S+ +2 +create-topic/.test(text)) {
        stage = 2;
        typedAt = screen.length;
        child.stdin.write('\u001a');
        // The redraw after the Ctrl-Z that did not stop clears the screen: keys work again after it.
      } else if (stage === 2 && screen.indexOf('\x1b[2J', typedAt) >= 0) {
        stage = 3;
        child.stdin.write('j');
      } else if (stage === 3 && /› \S+ +3 +extract-brokers/.test(strip(screen.slice(screen.indexOf('\x1b[2J', typedAt))))) {
        stage = 4;
        child.stdin.write('q');
      }
    });
    child.on('exit', resolve);
  });
  assert.equal(stage, 4, strip(screen));
  assert.equal(code, 0, strip(screen));
});
