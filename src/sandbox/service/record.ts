// The running sandbox's card, service.json in the sandbox folder: which process hosts it, how to
// reach it, and the passwords made for this run. Only the owner can read it (0600 in the 0700
// folder): it is how every --sandbox command of the profile gets in. Written atomically; a card
// whose process is gone is stale and never blocks anything.
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { ensureDirSync } from '../../engine/files.js';
import path from 'node:path';

export const RECORD_FILE = 'service.json';

export interface ServiceRecord {
  version: 1;
  pid: number;
  /** service: `sandbox up`, kept up (and brought back after a crash); private: one command's own, for its lifetime. */
  mode: 'service' | 'private';
  /** The command that hosts it, for messages ("run", "sandbox up"). */
  command: string;
  startedAt: string;
  control: { url: string; token: string };
  kafka: { bootstrap: string[]; username: string; password: string };
  snowflake: { accessUrl: string; account: string; user: string; password: string };
}

/** The sandbox folder: only its owner may enter it (the card and the data are inside). */
export function ensurePrivateDir(dir: string): void {
  ensureDirSync(dir);
  chmodSync(dir, 0o700);
}

export function writeRecord(dir: string, record: ServiceRecord): void {
  const file = path.join(dir, RECORD_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(record, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

/** The card, or undefined when there is none or it is not one of ours (then it is stale). */
export function readRecord(dir: string): ServiceRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(path.join(dir, RECORD_FILE), 'utf8')) as ServiceRecord;
    const strings = (o: unknown, keys: string[]) => !!o && typeof o === 'object' && keys.every((k) => typeof (o as Record<string, unknown>)[k] === 'string');
    const valid =
      r.version === 1 &&
      Number.isInteger(r.pid) &&
      r.pid > 0 &&
      (r.mode === 'service' || r.mode === 'private') &&
      strings(r, ['command', 'startedAt']) &&
      strings(r.control, ['url', 'token']) &&
      strings(r.kafka, ['username', 'password']) &&
      Array.isArray(r.kafka.bootstrap) &&
      r.kafka.bootstrap.length > 0 &&
      strings(r.snowflake, ['accessUrl', 'account', 'user', 'password']);
    return valid ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the card if it still names this pid (a successor's card is left alone). */
export function removeRecord(dir: string, pid: number): void {
  const current = readRecord(dir);
  if (!current || current.pid === pid) rmSync(path.join(dir, RECORD_FILE), { force: true });
}

/** Whether a process with this pid exists (it may be another program that reused the pid). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A killed process stays a zombie until its parent reaps it. A detached service's parent is
 * init, which in some containers reaps late or never: signal 0 still reaches it, yet it is gone.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state …": the command may hold spaces and parentheses, so read after the last ')'.
    return stat.charAt(stat.lastIndexOf(')') + 2) === 'Z';
  } catch {
    return false; // no /proc (macOS) or already reaped
  }
}
