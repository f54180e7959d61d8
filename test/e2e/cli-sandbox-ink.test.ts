// The sandbox walk as a person sees it: the built CLI in a real pseudo-terminal (util-linux
// `script`), 80×24, Ink rendering. The cleanup question is answered with a key press.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { CLI, tempDir } from '../support/cli.js';

test('in a terminal, the sandbox walk renders in Ink, asks before cleanup, and ends complete', async () => {
  const cwd = tempDir();
  const child = spawn('script', ['-qfec', `${process.execPath} ${CLI}`, '/dev/null'], {
    cwd,
    env: { ...withoutCi(process.env), TERM: 'xterm-256color', COLUMNS: '80', LINES: '24', NO_COLOR: '1', SNOWFLAKE_HOME: path.join(cwd, 'no-snowflake') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let answered = false;
  const exitCode = await new Promise<number | null>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (!answered && /\[y\/N\]/.test(screen)) {
        answered = true;
        child.stdin.write('n');
      }
    });
    // A walk that hangs (a question nobody sees) fails here with its screen, not at the runner's timeout.
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve(code);
    });
  });
  // Cursor movement aside, the frames carry the text a person reads.
  const text = screen.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  assert.ok(answered, `the cleanup question never appeared:\n${text.slice(-2000)}`);
  assert.equal(exitCode, 0, text.slice(-2000));
  assert.match(text, /sandbox · profile default/);
  assert.match(text, /Verify schema evolution: 37 columns/);
  assert.match(text, /37 columns, 130 rows/);
  assert.match(text, /Walk complete/);
  assert.match(text, /kept everything/);
});

/** CI runners set CI=true, and the wizard (like Ink) then prints plain lines: this test is about the terminal UI. */
function withoutCi(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CI: _ci, CONTINUOUS_INTEGRATION: _ci2, ...rest } = env;
  return rest;
}
