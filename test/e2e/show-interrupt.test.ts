// `show` on a terminal is the review alone: q leaves it (exit 0), Ctrl-C interrupts it (exit 130,
// as every other command), in a real pseudo-terminal (util-linux `script`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, tempDir } from '../support/cli.js';

async function showWithKey(key: string): Promise<{ code: number | null; text: string }> {
  const cwd = tempDir();
  const dir = path.join(cwd, '.openflow-quickstart', 'sandbox');
  mkdirSync(dir, { recursive: true });
  const now = new Date().toISOString();
  writeFileSync(path.join(dir, 'default.json'), JSON.stringify({ schemaVersion: 1, profile: 'default', configFingerprint: '', createdAt: now, updatedAt: now, steps: { preflight: { status: 'done' } } }));
  const child = spawn('script', ['-qfec', `stty cols 80 rows 24; ${process.execPath} ${CLI} show --sandbox`, '/dev/null'], {
    cwd,
    env: { ...withoutCi(process.env), TERM: 'xterm-256color', NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let stage: 'list' | 'moved' | 'typed' = 'list';
  const code = await new Promise<number | null>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      const text = screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      // First j, until the cursor has moved: the keys reach the review itself (raw mode), not the
      // terminal, which would make a Ctrl-C typed too early a SIGINT.
      if (stage === 'list' && /q quits/.test(text)) {
        stage = 'moved';
        child.stdin.write('j');
      } else if (stage === 'moved' && /› \S+ +2 +create-topic/.test(text)) {
        stage = 'typed';
        child.stdin.write(key);
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (c) => {
      clearTimeout(guard);
      resolve(c);
    });
  });
  return { code, text: screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '') };
}

test('show: q leaves the review with exit 0', async () => {
  const r = await showWithKey('q');
  assert.equal(r.code, 0, r.text);
});

test('show: Ctrl-C interrupts the review, exit 130 like every other command', async () => {
  const r = await showWithKey('\u0003');
  assert.equal(r.code, 130, r.text);
});

/** CI=anything makes Ink draw only its last frame: this test is about the terminal UI. */
function withoutCi(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CI: _ci, CONTINUOUS_INTEGRATION: _ci2, ...rest } = env;
  return rest;
}
