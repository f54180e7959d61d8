// The sandbox walk as a person sees it: the built CLI in a real pseudo-terminal (util-linux
// `script`), 80×24, Ink rendering, the default pace. It stops after the hand-off with the three
// values the walk waits on on screen; the 37-column check scrolls; the analytics tour draws the
// log levels as bars; the cleanup question is answered with one key; the review at the end opens
// the hand-off again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { CLI, tempDir } from '../support/cli.js';

const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b[=>]/g, '');

test('in a terminal, the sandbox walk pauses to be read, scrolls, charts, asks before cleanup, and reviews', async () => {
  const cwd = tempDir();
  const child = spawn('script', ['-qfec', `${process.execPath} ${CLI}`, '/dev/null'], {
    cwd,
    env: { ...withoutCi(process.env), TERM: 'xterm-256color', COLUMNS: '80', LINES: '24', NO_COLOR: '1', SNOWFLAKE_HOME: path.join(cwd, 'no-snowflake') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let since = '';
  const pauses: string[] = [];
  let answered = false;
  let opened = false;
  let review = '';
  let list = '';
  let scrolled = '';
  let busy = false;
  const press = (keys: string, after = 150) => {
    busy = true;
    setTimeout(() => {
      since = '';
      busy = false;
      child.stdin.write(keys);
    }, after);
  };
  const exitCode = await new Promise<number | null>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      since += chunk.toString();
      if (busy) return;
      const text = strip(since);
      if (!answered && /\[y\/N\]/.test(text)) {
        answered = true;
        press('n');
      } else if (/\[Y\/n\]\s*$/.test(text)) {
        // Now and then the connector types a column from nulls (SMTP_CODE as TEXT): the check offers to convert it.
        press('y');
      } else if (/Enter\/Space\/→ continue/.test(text)) {
        pauses.push(text);
        if (/11 -> 37 columns/.test(text) && !scrolled) {
          // Page down through the new columns, then go on.
          busy = true;
          since = '';
          child.stdin.write('\x1b[6~');
          setTimeout(() => {
            scrolled = strip(since) || 'nothing redrawn';
            press('\r', 0);
          }, 600);
        } else press('\r');
      } else if (!opened && /Enter opens it/.test(text)) {
        opened = true;
        list = text;
        press('7'); // the hand-off: 7th in the list
      } else if (opened && !review && /Manual equivalent/.test(text)) {
        review = text;
        press('q');
      }
    });
    // A walk that hangs (a question nobody sees) fails here with its screen, not at the runner's timeout.
    const guard = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve(code);
    });
  });
  const text = strip(screen);
  assert.ok(answered, `the cleanup question never appeared:\n${text.slice(-2000)}`);
  assert.equal(exitCode, 0, text.slice(-2000));
  assert.match(text, /sandbox · profile default/);

  const handOff = pauses.find((p) => /Add and start the Openflow connector/.test(p) && /Kafka Group Id/.test(p));
  assert.ok(handOff, `no pause after the hand-off; pauses:\n${pauses.map((p) => p.slice(-300)).join('\n---\n')}`);
  assert.match(handOff, /Kafka Group Id: openflow_qs_kafka_connector/);
  assert.match(handOff, /Kafka Topics: application-logs/);
  assert.match(handOff, /Kafka Auto Offset Reset: latest/);

  assert.ok(scrolled, 'the 37-column check never paused');
  assert.match(scrolled, /[A-Z_]{4,} +(NUMBER|TEXT|VARIANT|BOOLEAN)/, `scrolling showed no columns:\n${scrolled}`);
  assert.match(text, /11 -> 37 columns/);
  // Every one of the 26 new columns was on screen, at the pause or a page down.
  const evolved = pauses.find((p) => /11 -> 37 columns/.test(p))!;
  // (A column the connector typed from nulls is listed apart, as of another type: '~ SMTP_CODE'.)
  const added = new Set([...`${evolved}\n${scrolled}`.matchAll(/[+~] ([A-Z_]+) +(?:NUMBER|TEXT|VARIANT|BOOLEAN)/g)].map((m) => m[1]));
  assert.equal(added.size, 26, `new columns seen: ${[...added].join(' ')}`);

  const tour = pauses.find((p) => /Distribution of log levels/.test(p));
  assert.ok(tour, 'the analytics tour never paused');
  assert.match(tour, /INFO +#+ +\d+ +\d+\.\d%/);

  assert.match(list, /1-13 pick a step/, 'the numbers reach every step');
  assert.ok(review, 'the review never opened a step');
  assert.match(review, /openflow-connector/);
  assert.match(review, /Kafka Group Id: openflow_qs_kafka_connector/);
  assert.match(text, /1 kept/, 'the declined cleanup is counted as kept');
});

/** CI runners set CI=true, and the wizard (like Ink) then prints plain lines: this test is about the terminal UI. */
function withoutCi(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CI: _ci, CONTINUOUS_INTEGRATION: _ci2, ...rest } = env;
  return rest;
}
