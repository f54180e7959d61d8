// The sandbox as a long-lived service, through the built CLI: `sandbox up --detach`, any number of
// --sandbox commands using it at once, the connector consuming between commands, `sandbox down`
// leaving no process behind, and a service killed with -9 coming back with exact rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, tempDir } from '../support/cli.js';

const TABLE = 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"';

function sandboxDir(cwd: string): string {
  return path.join(cwd, '.openflow-quickstart', 'sandbox', 'default');
}

function servicePid(cwd: string): number {
  return (JSON.parse(readFileSync(path.join(sandboxDir(cwd), 'service.json'), 'utf8')) as { pid: number }).pid;
}

/** Processes whose command line names this test's folder (the service runs with --state-dir in it). */
function processesOf(cwd: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(cwd) && !l.includes('ps -eo'));
}

async function rowCount(cwd: string): Promise<number> {
  const r = await runCli(['query', '--sandbox', '--json', `SELECT COUNT(*) AS N FROM ${TABLE}`], { cwd });
  assert.equal(r.exitCode, 0, r.all);
  return Number((JSON.parse(r.stdout) as Array<{ N: unknown }>)[0]!.N);
}

/** Polls until the table holds `want` rows (the connector runs in the service, between commands). */
async function untilRows(cwd: string, want: number, limitMs = 60_000): Promise<number> {
  const deadline = Date.now() + limitMs;
  let n = await rowCount(cwd);
  while (n < want && Date.now() < deadline) {
    await sleep(250);
    n = await rowCount(cwd);
  }
  return n;
}

async function down(cwd: string): Promise<void> {
  const r = await runCli(['sandbox', 'down'], { cwd });
  assert.equal(r.exitCode, 0, r.all);
}

test('sandbox up --detach serves a walk and a parallel query; the connector keeps consuming; down leaves no process', async (t) => {
  const cwd = tempDir();
  t.after(() => runCli(['sandbox', 'down'], { cwd }));
  const up = await runCli(['sandbox', 'up', '--detach'], { cwd });
  assert.equal(up.exitCode, 0, up.all);
  assert.match(up.stdout, /Sandbox "default" is running: service, pid \d+/);
  const pid = servicePid(cwd);

  // Only the owner may read the card with this run's passwords.
  assert.equal(statSync(sandboxDir(cwd)).mode & 0o777, 0o700);
  assert.equal(statSync(path.join(sandboxDir(cwd), 'service.json')).mode & 0o777, 0o600);

  const walk = runCli(['run', '--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  await sleep(500);
  const parallel = await runCli(['query', '--sandbox', 'SELECT 1 AS ONE'], { cwd });
  assert.equal(parallel.exitCode, 0, parallel.all);
  assert.doesNotMatch(parallel.all, /in use by another process/);
  const walked = await walk;
  assert.equal(walked.exitCode, 0, walked.all);
  assert.match(walked.all, new RegExp(`Using the sandbox service \\(pid ${pid}\\)`));
  assert.match(walked.all, /ok +verify-evolved-columns: 37 columns, 130 rows of 130 produced/);

  // The walk has ended; the connector has not.
  const logs = await runCli(['logs', '--sandbox', '--count', '10'], { cwd });
  assert.equal(logs.exitCode, 0, logs.all);
  assert.equal(await untilRows(cwd, 140), 140);

  const status = await runCli(['sandbox', 'status', '--json'], { cwd });
  assert.equal(status.exitCode, 0, status.all);
  const s = JSON.parse(status.stdout) as { running: boolean; pid: number; connector: { state: string; rows: number; lag: number } };
  assert.deepEqual([s.running, s.pid, s.connector.state, s.connector.rows, s.connector.lag], [true, pid, 'running', 140, 0]);
  assert.doesNotMatch(status.stdout, new RegExp(JSON.parse(readFileSync(path.join(sandboxDir(cwd), 'service.json'), 'utf8')).kafka.password));

  const logsOut = await runCli(['sandbox', 'logs', 'connector', 'service'], { cwd });
  assert.equal(logsOut.exitCode, 0, logsOut.all);
  assert.match(logsOut.stdout, /connector \| .*wrote \d+ rows to APPLICATION-LOGS/);

  await down(cwd);
  assert.deepEqual(processesOf(cwd), []);
  const after = await runCli(['sandbox', 'status'], { cwd });
  assert.match(after.stdout, /is not running/);
});

test('concurrent clients: several commands at once share one sandbox, with or without `sandbox up`', async (t) => {
  const cwd = tempDir();
  t.after(() => runCli(['sandbox', 'down'], { cwd }));
  // No service: the first command hosts a private sandbox; the others use it (none is turned away).
  const first = await Promise.all([1, 2, 3].map((i) => runCli(['query', '--sandbox', `SELECT ${i} AS N`], { cwd })));
  for (const r of first) assert.equal(r.exitCode, 0, r.all);
  assert.deepEqual(processesOf(cwd), []);

  const up = await runCli(['sandbox', 'up', '--detach'], { cwd });
  assert.equal(up.exitCode, 0, up.all);
  const many = await Promise.all([
    runCli(['test-connection', '--sandbox'], { cwd }),
    runCli(['status', '--sandbox'], { cwd }),
    ...[1, 2, 3, 4].map((i) => runCli(['query', '--sandbox', `SELECT ${i} AS N`], { cwd })),
  ]);
  for (const r of many) assert.equal(r.exitCode, 0, r.all);
  const again = await runCli(['sandbox', 'up', '--detach'], { cwd });
  assert.equal(again.exitCode, 0, again.all);
  assert.match(again.stdout, /already running/);
  await down(cwd);
  assert.deepEqual(processesOf(cwd), []);
});

test('a service killed with -9 comes back on the next command with exact rows', async (t) => {
  const cwd = tempDir();
  t.after(() => runCli(['sandbox', 'down'], { cwd }));
  assert.equal((await runCli(['sandbox', 'up', '--detach'], { cwd })).exitCode, 0);
  const walked = await runCli(['run', '--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  assert.equal(walked.exitCode, 0, walked.all);

  const killed = servicePid(cwd);
  const logs = await runCli(['logs', '--sandbox', '--count', '3000'], { cwd });
  assert.equal(logs.exitCode, 0, logs.all);
  process.kill(killed, 'SIGKILL'); // most likely while the connector still ingests
  await sleep(200);

  const status = await runCli(['sandbox', 'status'], { cwd });
  assert.match(status.stdout, new RegExp(`pid ${killed} is gone`));
  const back = await runCli(['query', '--sandbox', 'SELECT 1 AS ONE'], { cwd });
  assert.equal(back.exitCode, 0, back.all);
  assert.match(back.stderr, /had stopped without `sandbox down`; starting it again/);
  assert.notEqual(servicePid(cwd), killed);

  assert.equal(await untilRows(cwd, 3130), 3130);
  await sleep(1_500); // nothing more arrives: none twice
  assert.equal(await rowCount(cwd), 3130);
  await down(cwd);
  assert.deepEqual(processesOf(cwd), []);
});

test('a stale card (dead pid, or not ours) never blocks: status says so, up starts, down tidies', async (t) => {
  const cwd = tempDir();
  t.after(() => runCli(['sandbox', 'down'], { cwd }));
  const dir = sandboxDir(cwd);
  // A real, finished process's pid: certainly dead.
  const dead = Number(execFileSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).trim());
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stale = (mode: string) =>
    writeFileSync(
      path.join(dir, 'service.json'),
      JSON.stringify({
        version: 1,
        pid: dead,
        mode,
        command: 'sandbox up',
        startedAt: new Date().toISOString(),
        control: { url: 'http://127.0.0.1:9', token: 'x' },
        kafka: { bootstrap: ['127.0.0.1:9'], username: 'quickstart', password: 'old' },
        snowflake: { accessUrl: 'http://127.0.0.1:9', account: 'SANDBOX', user: 'QUICKSTART_USER', password: 'old' },
      }),
      { mode: 0o600 },
    );

  stale('service');
  const status = await runCli(['sandbox', 'status'], { cwd });
  assert.equal(status.exitCode, 0, status.all);
  assert.match(status.stdout, new RegExp(`pid ${dead} is gone`));
  const tidy = await runCli(['sandbox', 'down'], { cwd });
  assert.equal(tidy.exitCode, 0, tidy.all);
  assert.match(tidy.stdout, /was not running/);

  stale('private');
  const query = await runCli(['query', '--sandbox', 'SELECT 1 AS ONE'], { cwd });
  assert.equal(query.exitCode, 0, query.all);
  assert.doesNotMatch(query.stderr, /starting it again/); // a command's own sandbox is not brought back
  assert.ok(!existsSync(path.join(dir, 'service.json'))); // and it took its card with it

  writeFileSync(path.join(dir, 'service.json'), '{ not json');
  const up = await runCli(['sandbox', 'up', '--detach'], { cwd });
  assert.equal(up.exitCode, 0, up.all);
  assert.notEqual(servicePid(cwd), dead);
  await down(cwd);
  assert.deepEqual(processesOf(cwd), []);
});
