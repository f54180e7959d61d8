// Starting the sandbox as a background service (`sandbox up --detach`, or bringing back one that
// was killed): this same CLI, `sandbox up --service-child`, in its own session with its output in
// service.log, and a bounded wait until it has published a card that answers.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DUCKDB_PURGE_AT_ONCE } from '../warehouse/duck/allocator.js';
import { findService } from './find.js';
import { ensurePrivateDir, pidAlive, type ServiceRecord } from './record.js';

/**
 * How a process that hosts the sandbox is started (the service, and `sandbox up` in the
 * foreground): a small young generation, a bounded old one that V8 grows sparingly
 * (--optimize-for-size) and two malloc arenas. Left to its defaults V8 lets the heap grow to
 * ~140 MB of mostly garbage between full collections, and glibc keeps an arena per thread
 * (libuv's) holding freed memory. A 1 MB semi-space and --optimize-for-size kept the heap at ~40 MB
 * instead of ~55 while a million records flow (the young generation only holds one batch's
 * garbage). --expose-gc lets the host collect dead Buffers before V8 would (./dead-buffers.ts).
 * bench/million-records.ts measures a service started with exactly these, and
 * bench/sandbox-idle.ts the idle service.
 */
export const SANDBOX_NODE_FLAGS: readonly string[] = ['--max-old-space-size=128', '--max-semi-space-size=1', '--optimize-for-size', '--expose-gc'];
/**
 * The environment it starts with: two malloc arenas, and DuckDB's allocator told to purge freed
 * pages at once (../warehouse/duck/allocator.ts says why). That module also sets it, but only works
 * when it runs before DuckDB's library loads, which a bundle's hoisted imports do not promise; the
 * process's environment does. A value the user set wins.
 */
export const SANDBOX_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', DUCKDB_JE_MALLOC_CONF: process.env.DUCKDB_JE_MALLOC_CONF ?? DUCKDB_PURGE_AT_ONCE };

/** True when this process was started with the sandbox's limits. */
export function hasSandboxLimits(): boolean {
  return SANDBOX_NODE_FLAGS.every((flag) => process.execArgv.includes(flag)) && Object.entries(SANDBOX_ENV).every(([key, value]) => process.env[key] === value);
}

/** node's arguments to run this CLI with the sandbox's limits (then `args`). */
export function sandboxNodeArgs(args: string[]): string[] {
  return [...process.execArgv.filter((a) => !SANDBOX_NODE_FLAGS.includes(a)), ...SANDBOX_NODE_FLAGS, cliPath(), ...args];
}

export interface SpawnOptions {
  dir: string;
  profile: string;
  stateDir: string;
  timeoutMs: number;
}

/** The running service's card: the one this call started, or one another process started meanwhile. */
export async function spawnService(opts: SpawnOptions): Promise<ServiceRecord> {
  ensurePrivateDir(opts.dir);
  const logFile = path.join(opts.dir, 'service.log');
  const out = openSync(logFile, 'a', 0o600);
  const child = spawn(process.execPath, sandboxNodeArgs(['sandbox', 'up', '--service-child', '--profile', opts.profile, '--state-dir', opts.stateDir]), {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, ...SANDBOX_ENV },
  });
  closeSync(out);
  child.unref();
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', () => (exited = true));

  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const found = await findService(opts.dir);
    if (found.state === 'running') return found.record;
    if (exited) {
      // Lost a race with another starter? Then its card appears shortly.
      const again = await findService(opts.dir, { waitMs: 1_000 });
      if (again.state === 'running') return again.record;
      throw new Error(`the sandbox service did not start: ${lastError(logFile)}`);
    }
    if (Date.now() >= deadline) {
      if (child.pid && pidAlive(child.pid)) process.kill(child.pid, 'SIGKILL');
      throw new Error(`the sandbox service did not start within ${Math.round(opts.timeoutMs / 1000)} s (its log: ${logFile})`);
    }
    await sleep(100);
  }
}

/** The CLI's entry: dist/src/cli.js beside this bundled chunk when built, src/cli.tsx under tsx. */
function cliPath(): string {
  const built = fileURLToPath(new URL('./cli.js', import.meta.url));
  return existsSync(built) ? built : fileURLToPath(new URL('../../cli.tsx', import.meta.url));
}

/** The child's own last error line in service.log, or where to look. */
function lastError(logFile: string): string {
  try {
    const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n');
    const error = lines.reverse().find((l) => l.startsWith('error: '));
    if (error) return error.slice('error: '.length);
  } catch {
    // no log: say where it would be
  }
  return `see ${logFile}`;
}
