// The built CLI with no accounts configured: the whole quickstart in the local sandbox (embedded
// broker, Snowflake emulator, stand-in connector), headless, as a newcomer's first command runs
// it. Counts are read back through the CLI's own `query`, i.e. snowflake-sdk against the emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { CLI, runCli, tempDir } from '../support/cli.js';

const TABLE = 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"';

async function queryJson(cwd: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const r = await runCli(['query', '--json', sql], { cwd });
  assert.equal(r.exitCode, 0, r.all);
  return JSON.parse(r.stdout) as Array<Record<string, unknown>>;
}

async function rowCount(cwd: string): Promise<number> {
  const [row] = await queryJson(cwd, `SELECT COUNT(*) AS N FROM ${TABLE}`);
  return Number(row!.N);
}

async function columnCount(cwd: string): Promise<number> {
  const [row] = await queryJson(
    cwd,
    `SELECT COUNT(*) AS N FROM QUICKSTART_KAFKA_CONNECTOR_DB.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'APPLICATION-LOGS' AND TABLE_SCHEMA = 'PUBLIC'`,
  );
  return Number(row!.N);
}

test('with no accounts, the headless walk runs the whole quickstart in the sandbox', async () => {
  const cwd = tempDir();
  const first = await runCli(['--yes'], { cwd, timeoutMs: 150_000 });
  assert.equal(first.exitCode, 0, first.all);
  assert.match(first.all, /runs in the local sandbox/);
  assert.match(first.all, /plan: sandbox target/);
  assert.match(first.all, /ok +verify-base-columns: 11 columns, 50 rows of 50 produced/);
  assert.match(first.all, /ok +verify-evolved-columns: 37 columns, 130 rows of 130 produced/);
  assert.match(first.all, /Kept everything/); // cleanup asks; headless without --cleanup keeps all
  assert.equal(await columnCount(cwd), 37);
  assert.equal(await rowCount(cwd), 130);
  // Openflow as the walk left it, read back with SHOW (test/e2e/cli-sandbox-openflow.test.ts has more).
  assert.deepEqual((await queryJson(cwd, 'SHOW OPENFLOW DEPLOYMENTS')).map((d) => [d.name, d.status]), [['QUICKSTART_KAFKA_DEPLOYMENT', 'ACTIVE']]);
  assert.deepEqual(
    (await queryJson(cwd, 'SHOW OPENFLOW RUNTIMES IN ACCOUNT')).map((r) => [r.name, r.status, JSON.parse(String(r.external_access_integrations))]),
    [['QUICKSTART_KAFKA_RUNTIME', 'ACTIVE', ['QUICKSTART_KAFKA_CONNECTOR_ACCESS']]],
  );

  // Run again: the checks find everything in place; nothing is produced twice.
  const second = await runCli(['--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  assert.equal(second.exitCode, 0, second.all);
  assert.doesNotMatch(second.all, /\.\.\. +produce-(base|evolved)-logs:/);
  assert.equal(await rowCount(cwd), 130);

  // Cleanup drops everything, and the sandbox's folder goes with it.
  const sandboxDir = path.join(cwd, '.openflow-quickstart', 'sandbox', 'default');
  assert.ok(existsSync(sandboxDir));
  const clean = await runCli(['--yes', '--cleanup'], { cwd, timeoutMs: 150_000 });
  assert.equal(clean.exitCode, 0, clean.all);
  assert.match(clean.all, /Sandbox removed/);
  assert.ok(!existsSync(sandboxDir));
});

// Killed with SIGKILL at a few points, resumed each time: the table ends with exactly 130 rows.
test('a sandbox walk killed at several points and resumed ends with exactly 130 rows', async () => {
  const cwd = tempDir();
  // Small produce requests leave time to kill the walk while it produces.
  const env = { OQS_PRODUCE_CHUNK_RECORDS: '5' };
  const killPoints = [/produce-base-logs: [1-9]\d*\/50/, /\.\.\. +verify-base-columns:/, /produce-evolved-logs: [1-9]\d*\/80/];
  for (const point of killPoints) {
    const child = execa(process.execPath, [CLI, '--sandbox', '--yes'], { cwd, env: { ...env, NO_COLOR: '1', SNOWFLAKE_HOME: path.join(cwd, 'no-snowflake') }, reject: false, all: true });
    let seen = '';
    const reached = await new Promise<boolean>((resolve) => {
      child.all!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (point.test(seen)) resolve(true);
      });
      void child.then(() => resolve(false));
    });
    assert.ok(reached, `the walk ended before reaching ${point}:\n${seen}`);
    child.kill('SIGKILL');
    await child;
  }
  const last = await runCli(['--sandbox', '--yes'], { cwd, timeoutMs: 150_000 });
  assert.equal(last.exitCode, 0, last.all);
  assert.equal(await columnCount(cwd), 37);
  assert.equal(await rowCount(cwd), 130);
});
