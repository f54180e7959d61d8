// Helpers of the sandbox-service tests: the built CLI against one temp folder, the service's
// card, the processes that name the folder, and the connector's row count through `query`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli as run } from '../support/cli.js';

export { tempDir } from '../support/cli.js';

/**
 * The built CLI. A null-only field waits this long for a value before it gets a TEXT column: on a
 * crowded machine a pause between two produce chunks can outlast the default 1.5 s and give an
 * evolved column the wrong type, which is not what these tests are about.
 */
export function runCli(args: string[], opts: Parameters<typeof run>[1]): ReturnType<typeof run> {
  return run(args, { ...opts, env: { OQS_CONNECTOR_NULL_GRACE_MS: '30000', ...opts.env } });
}

export const TABLE = 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"';

export function sandboxDir(cwd: string): string {
  return path.join(cwd, '.openflow-quickstart', 'sandbox', 'default');
}

export function servicePid(cwd: string): number {
  return (JSON.parse(readFileSync(path.join(sandboxDir(cwd), 'service.json'), 'utf8')) as { pid: number }).pid;
}

/** Processes whose command line names this test's folder (the service runs with --state-dir in it). */
export function processesOf(cwd: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(cwd) && !l.includes('ps -eo'));
}

export async function rowCount(cwd: string): Promise<number> {
  const r = await runCli(['query', '--sandbox', '--json', `SELECT COUNT(*) AS N FROM ${TABLE}`], { cwd });
  assert.equal(r.exitCode, 0, r.all);
  return Number((JSON.parse(r.stdout) as Array<{ N: unknown }>)[0]!.N);
}

/** Polls until the table holds `want` rows (the connector runs in the service, between commands). */
export async function untilRows(cwd: string, want: number, limitMs = 60_000): Promise<number> {
  const deadline = Date.now() + limitMs;
  let n = await rowCount(cwd);
  while (n < want && Date.now() < deadline) {
    await sleep(250);
    n = await rowCount(cwd);
  }
  return n;
}

export async function down(cwd: string): Promise<void> {
  const r = await runCli(['sandbox', 'down'], { cwd });
  assert.equal(r.exitCode, 0, r.all);
}

