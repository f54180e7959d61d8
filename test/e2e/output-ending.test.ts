// How every command ends its output: a reader slower than the CLI still gets every byte (stdout
// to a pipe is asynchronous once the pipe's 64 KiB are full, and exiting right after the last
// write used to cut the stream there), and a reader that goes away (`| head -1`) ends the
// command quietly with exit 0 instead of an EPIPE stack trace.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { execa } from 'execa';
import { CLI, runCli, tempDir } from '../support/cli.js';

const TABLE = 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"';
let cwd = '';

before(async () => {
  cwd = tempDir();
  const walk = await runCli(['--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  assert.equal(walk.exitCode, 0, walk.all);
});

/**
 * Runs the CLI with stdout into a FIFO whose reader reads nothing until the CLI has exited (or has
 * waited 6 s for the reader), then counts the bytes. The 64 KiB a pipe buffers are all that a CLI
 * exiting right after its last write delivers.
 */
async function readAfterExit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = tempDir('oqs-fifo-');
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = [
    `mkfifo "${dir}/out"`,
    `"${process.execPath}" "${CLI}" ${quoted} > "${dir}/out" 2>"${dir}/err" & pid=$!`,
    `exec 3< "${dir}/out"`,
    'for i in $(seq 60); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done',
    `cat <&3 > "${dir}/got"`,
    'wait $pid; echo $?',
  ].join('\n');
  const r = await execa('bash', ['-c', script], { cwd, reject: false, env: { NO_COLOR: '1' } });
  return { code: Number(r.stdout.trim()), stdout: readFileSync(path.join(dir, 'got'), 'utf8'), stderr: readFileSync(path.join(dir, 'err'), 'utf8') };
}

test('a reader that starts reading late gets every byte of JSON and of a table', async () => {
  const json = await readAfterExit(['query', '--sandbox', '--json', `SELECT * FROM ${TABLE}`]);
  assert.equal(json.code, 0, json.stderr);
  assert.ok(json.stdout.length > 65_536, `only ${json.stdout.length} bytes`);
  assert.equal((JSON.parse(json.stdout) as unknown[]).length, 130);

  const table = await readAfterExit(['query', '--sandbox', `SELECT * FROM ${TABLE}`]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /\(130 rows\)\n$/);
});

for (const args of [['status', '--sandbox'], ['query', '--sandbox', `SELECT * FROM ${TABLE}`], ['query', '--sandbox', '--json', `SELECT * FROM ${TABLE}`]]) {
  test(`\`${args.join(' ')} | head -1\` ends quietly with exit 0`, async () => {
    const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = await execa('bash', ['-c', `"${process.execPath}" "${CLI}" ${quoted} | head -1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { cwd, reject: false, env: { NO_COLOR: '1' } });
    assert.equal(r.stdout.trim(), 'exit=0', r.stderr);
    assert.doesNotMatch(r.stderr, /EPIPE|Error|at /);
  });
}

test('`logs --output /dev/stdout | head -1` stops quietly with exit 0', async () => {
  const r = await execa('bash', ['-c', `"${process.execPath}" "${CLI}" logs --count 100000 --output /dev/stdout | head -1; echo "exit=\${PIPESTATUS[0]}"`], { cwd, reject: false, env: { NO_COLOR: '1' } });
  const [line, exit] = r.stdout.trim().split('\n');
  assert.equal(exit, 'exit=0', r.stderr);
  assert.match(line!, /^\{"timestamp":/);
  // Quiet, as every command ends on a closed standard output (lifecycle.ts).
  assert.doesNotMatch(r.stderr, /EPIPE|error|unexpected/i);
});

test('Ctrl-C during `logs --output FILE`: exit 130, the previous file as it was, no temporary file', async () => {
  const dir = tempDir('oqs-output-stop-');
  const file = path.join(dir, 'events.jsonl');
  writeFileSync(file, 'old\n');
  const child = execa(process.execPath, [CLI, 'logs', '--count', '5000000', '--output', file], { cwd, reject: false, env: { NO_COLOR: '1' } });
  // Interrupted once the temporary file has data in it.
  for (let waited = 0; waited < 20_000; waited += 50) {
    const temp = readdirSync(dir).find((f) => f.endsWith('.tmp'));
    if (temp && statSync(path.join(dir, temp)).size > 0) break;
    await sleep(50);
  }
  child.kill('SIGINT');
  const r = await child;
  assert.equal(r.exitCode, 130, r.stderr);
  assert.match(r.stderr, /^Stopped: .*events\.jsonl not written \(a file appears whole or not at all; one that was there is as it was\)$/);
  assert.deepEqual(readdirSync(dir), ['events.jsonl']);
  assert.equal(readFileSync(file, 'utf8'), 'old\n');
});

test('`logs --output /dev/stdout >> app.log` appends to app.log; `--output -` is standard output', async () => {
  const dir = tempDir('oqs-output-stdout-');
  const log = path.join(dir, 'app.log');
  writeFileSync(log, 'line 1\nline 2\n');
  const r = await execa('bash', ['-c', `"${process.execPath}" "${CLI}" logs --count 3 --output /dev/stdout >> "${log}"`], { cwd, reject: false, env: { NO_COLOR: '1' } });
  assert.equal(r.exitCode, 0, r.stderr);
  const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
  assert.deepEqual(lines.slice(0, 2), ['line 1', 'line 2'], 'what was there is kept');
  assert.equal(lines.length, 5);
  const dash = await execa(process.execPath, [CLI, 'logs', '--count', '4', '--output', '-'], { cwd, reject: false, env: { NO_COLOR: '1' } });
  assert.equal(dash.exitCode, 0, dash.stderr);
  assert.equal(dash.stdout.split('\n').length, 4);
  assert.match(dash.stderr, /^Wrote 4 base log events to standard output$/);
});

for (const args of [['--version'], ['sql', 'setup'], ['status', '--sandbox'], ['query', '--sandbox', 'SELECT 1'], ['logs', '--count', '10', '--output', '-']]) {
  test(`\`${args.join(' ')} > /dev/full\`: one line saying standard output cannot be written, exit 1`, { skip: process.platform !== 'linux' }, async () => {
    const quoted = args.map((a) => `'${a}'`).join(' ');
    const r = await execa('bash', ['-c', `"${process.execPath}" "${CLI}" ${quoted} > /dev/full`], { cwd, reject: false, env: { NO_COLOR: '1' } });
    assert.equal(r.exitCode, 1, r.stderr);
    assert.equal(r.stderr, 'error: cannot write standard output: no space left on the disk');
  });
}
