// Starting the sandbox as a background service (`sandbox up --detach`, or bringing back one that
// was killed): this same CLI, `sandbox up --service-child`, in its own session with its output in
// service.log, and a bounded wait until it has published a card that answers.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { findService } from './find.js';
import { ensurePrivateDir, pidAlive, type ServiceRecord } from './record.js';

/**
 * A long-lived process that mostly waits: a small young generation and two malloc arenas keep
 * its idle memory down (bench/sandbox-idle.ts; bench/million-records.ts found the same under load).
 */
const SERVICE_V8_FLAGS = ['--max-semi-space-size=4'];

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
  const child = spawn(process.execPath, [...process.execArgv, ...SERVICE_V8_FLAGS, cliPath(), 'sandbox', 'up', '--service-child', '--profile', opts.profile, '--state-dir', opts.stateDir], {
    detached: true,
    stdio: ['ignore', out, out],
    env: { MALLOC_ARENA_MAX: '2', ...process.env },
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

/** The CLI's entry: dist/src/cli.js when built, src/cli.tsx under tsx. */
function cliPath(): string {
  const built = fileURLToPath(new URL('../../cli.js', import.meta.url));
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
