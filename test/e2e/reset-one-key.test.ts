// `reset` takes y/n as one key, like the walk: in a real pseudo-terminal (util-linux `script`),
// "y" alone answers, and the Enter of a habitual "n⏎" is swallowed, not passed on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, tempDir } from '../support/cli.js';

function stateIn(cwd: string): string {
  // A machine with no accounts keeps the sandbox's state under sandbox/.
  const dir = path.join(cwd, '.openflow-quickstart', 'sandbox');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'default.json');
  const now = new Date().toISOString();
  writeFileSync(file, JSON.stringify({ schemaVersion: 1, profile: 'default', configFingerprint: '', createdAt: now, updatedAt: now, steps: { preflight: { status: 'done' } } }));
  return file;
}

async function resetWithKeys(keys: string): Promise<{ code: number | null; text: string; cwd: string; file: string }> {
  const cwd = tempDir();
  const file = stateIn(cwd);
  const child = spawn('script', ['-qfec', `${process.execPath} ${CLI} reset --sandbox`, '/dev/null'], {
    cwd,
    env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: '1', CI: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let typed = false;
  const code = await new Promise<number | null>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (!typed && /\[y\/N\]/.test(screen)) {
        typed = true;
        child.stdin.write(keys);
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (c) => {
      clearTimeout(guard);
      resolve(c);
    });
  });
  return { code, text: screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''), cwd, file };
}

test('reset: "y" alone answers, without Enter', async () => {
  const r = await resetWithKeys('y');
  assert.equal(r.code, 0, r.text);
  assert.match(r.text, /Forgot all recorded state/);
  assert.deepEqual(JSON.parse(readFileSync(r.file, 'utf8')).steps, {});
});

test('reset: "n⏎" answers no and the Enter goes nowhere', async () => {
  const r = await resetWithKeys('n\r');
  assert.equal(r.code, 0, r.text);
  assert.match(r.text, /Nothing changed/);
  assert.ok(JSON.parse(readFileSync(r.file, 'utf8')).steps.preflight, 'state kept');
});
