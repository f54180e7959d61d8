// `sandbox up | status | down`: the profile's sandbox as a long-lived local service, the way
// `docker compose up` runs one. `up` hosts it here with a live status line (Ctrl-C stops it), or
// in the background with --detach; every --sandbox command of the profile then uses it.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StepFailure } from '../engine/step.js';
import { callControl } from '../sandbox/service/control.js';
import { findService, type Found } from '../sandbox/service/find.js';
import type { HostStatus, SandboxHost } from '../sandbox/service/host.js';
import { pidAlive, removeRecord, type ServiceRecord } from '../sandbox/service/record.js';
import { EXIT, UsageError } from './exit.js';
import { stateDirFlag } from './global-options.js';
import { requestStop, stopSignal, stopsOnSignal } from './lifecycle.js';

export interface SandboxOptions {
  profile: string;
  stateDir: string;
}

/** `sandbox down` with the --profile and --state-dir that reach this sandbox (without them it
 * would look for the default one, say "not running", and leave this one up). */
export function downCommand(opts: SandboxOptions, cwd = process.cwd()): string {
  return `openflow-kafka-quickstart sandbox down${opts.profile === 'default' ? '' : ` --profile ${opts.profile}`}${stateDirFlag(opts.stateDir, cwd)}`;
}

export function sandboxDir(opts: SandboxOptions): string {
  return path.join(opts.stateDir, 'sandbox', opts.profile);
}

const out = (line = '') => process.stdout.write(`${line}\n`);

export function parseSeconds(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback * 1000;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(n > 0) || n > 3600) throw new UsageError(`${flag} (flag): "${raw}" is not a number of seconds between 1 and 3600`);
  return n * 1000;
}

export async function sandboxUp(opts: SandboxOptions & { detach: boolean; timeout?: string; serviceChild: boolean }): Promise<number> {
  const timeoutMs = parseSeconds(opts.timeout, '--timeout', 60);
  const dir = sandboxDir(opts);
  const found = await findService(dir);
  if (found.state === 'running') {
    if (found.record.mode === 'private') throw heldByCommand(found.record);
    if (opts.serviceChild) throw new StepFailure(`the sandbox service already runs (pid ${found.record.pid})`);
    if (!opts.detach) throw new StepFailure(`Sandbox "${opts.profile}" is already running (pid ${found.record.pid}).`, '`sandbox status` shows it, `sandbox down` stops it.');
    out(`Sandbox "${opts.profile}" is already running (pid ${found.record.pid}).`);
    printStatus(opts.profile, await statusOf(found.record));
    return EXIT.done;
  }
  if (found.state === 'stale' && !pidAlive(found.record.pid)) removeRecord(dir, found.record.pid);

  if (opts.detach) {
    const { spawnService } = await import('../sandbox/service/spawn.js');
    process.stderr.write(`Starting the sandbox service (up to ${Math.round(timeoutMs / 1000)} s)...\n`);
    let record: ServiceRecord;
    try {
      record = await spawnService({ dir, profile: opts.profile, stateDir: opts.stateDir, timeoutMs });
    } catch (err) {
      throw new StepFailure((err as Error).message, `Its log: ${path.join(dir, 'service.log')}`);
    }
    printStatus(opts.profile, await statusOf(record));
    out(`Stop it with: ${downCommand(opts)}`);
    return EXIT.done;
  }
  if (!opts.serviceChild) {
    const limits = await import('../sandbox/service/spawn.js');
    if (!limits.hasSandboxLimits()) return hostInChild(limits);
  }
  return hostHere(opts, dir, timeoutMs);
}

/**
 * `sandbox up` in the foreground hosts the sandbox in a child started with the service's memory
 * limits (node flags and malloc arenas can only be given at start), on this terminal. The child
 * has its own process group, so each signal reaches it once: forwarded from here.
 */
async function hostInChild(limits: typeof import('../sandbox/service/spawn.js')): Promise<number> {
  stopsOnSignal();
  const child = spawn(process.execPath, limits.sandboxNodeArgs(process.argv.slice(2)), { stdio: 'inherit', detached: true, env: { ...process.env, ...limits.SANDBOX_ENV } });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of signals) process.on(s, forward);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? EXIT.interrupted : EXIT.failed)));
    });
  } finally {
    for (const s of signals) process.off(s, forward);
  }
}

/** `sandbox up` in the foreground (or as the detached child): host it in this process until Ctrl-C or `sandbox down`. */
async function hostHere(opts: SandboxOptions & { serviceChild: boolean; timeout?: string }, dir: string, timeoutMs: number): Promise<number> {
  if (!opts.serviceChild) process.stderr.write(`Starting the sandbox (up to ${Math.round(timeoutMs / 1000)} s)...\n`);
  const { SandboxHost: Host, SandboxBusy } = await import('../sandbox/service/host.js');
  // Ctrl-C, SIGTERM, or closing the terminal (SIGHUP) stop it as `sandbox down` does.
  stopsOnSignal();
  const onHangup = () => requestStop('SIGTERM');
  process.on('SIGHUP', onHangup);
  let requested: (why: 'down' | 'signal') => void = () => undefined;
  const ended = new Promise<'down' | 'signal'>((resolve) => (requested = resolve));
  if (stopSignal.aborted) requested('signal');
  stopSignal.addEventListener('abort', () => requested('signal'), { once: true });

  let host: SandboxHost;
  try {
    const starting = Host.start({ dir, mode: 'service', command: 'sandbox up', onShutdownRequest: () => requested('down') });
    // In the foreground the start has its limit here; a detached child's is its parent's (spawn.ts).
    const started = opts.serviceChild ? await starting : await Promise.race([starting, sleep(timeoutMs, null, { ref: false })]);
    if (!started) throw new StepFailure(`The sandbox did not start within ${Math.round(timeoutMs / 1000)} s (its log: ${path.join(dir, 'service.log')}).`, 'A loaded machine may need longer: --timeout SECONDS.');
    host = started;
  } catch (err) {
    if (err instanceof SandboxBusy) throw new StepFailure(`The sandbox in ${dir} is in use by another process.`, 'A command that uses it is starting or running: let it finish, then run `sandbox up` again.');
    throw err;
  }
  const live = !opts.serviceChild && process.stdout.isTTY === true;
  if (!opts.serviceChild) printStatus(opts.profile, await host.status());
  if (live) out('Ctrl-C stops it; or run it in the background with `sandbox up --detach`.');
  let ending = false;
  const draw = () => void host.status().then((s) => ending || process.stdout.write(`\r\x1b[2K${statusLine(s, process.stdout.columns ?? 80)}`));
  const timer = live ? setInterval(draw, 1_000) : undefined;

  const why = await ended;
  ending = true;
  clearInterval(timer);
  if (live) process.stdout.write('\r\x1b[2K');
  const say = (line: string) => (opts.serviceChild ? undefined : out(line));
  // Stopping has the limit `sandbox down` has (30 s unless --timeout), not the start's 60.
  const stopMs = parseSeconds(opts.timeout, '--timeout', 30);
  say(`Stopping the sandbox (up to ${Math.round(stopMs / 1000)} s)...`);
  const stopped = await Promise.race([host.stop().then(() => true), sleep(stopMs).then(() => false)]);
  say(stopped ? 'Sandbox stopped.' : `The sandbox did not stop within ${Math.round(stopMs / 1000)} s; leaving anyway (its data recovers at the next start).`);
  process.off('SIGHUP', onHangup);
  return why === 'signal' ? EXIT.interrupted : EXIT.done;
}

export async function sandboxStatus(opts: SandboxOptions & { json: boolean }): Promise<number> {
  const dir = sandboxDir(opts);
  const found = await findService(dir);
  if (found.state !== 'running') {
    if (opts.json) out(JSON.stringify({ profile: opts.profile, running: false, dir, ...(found.state === 'stale' ? { stale: { pid: found.record.pid, mode: found.record.mode } } : {}) }, null, 2));
    else notRunning(opts.profile, dir, found);
    return EXIT.done;
  }
  const status = await statusOf(found.record);
  if (opts.json) out(JSON.stringify({ profile: opts.profile, running: true, ...status }, null, 2));
  else printStatus(opts.profile, status);
  return EXIT.done;
}

export async function sandboxDown(opts: SandboxOptions & { timeout?: string }): Promise<number> {
  const timeoutMs = parseSeconds(opts.timeout, '--timeout', 30);
  const dir = sandboxDir(opts);
  const found = await findService(dir);
  if (found.state === 'none') {
    out(`Sandbox "${opts.profile}" is not running.`);
    return EXIT.done;
  }
  const { record } = found;
  if (found.state === 'stale') {
    if (pidAlive(record.pid)) {
      // Alive but silent: a stuck service of ours is ended; any other program with that pid is left alone.
      if (record.mode === 'private') throw heldByCommand(record);
      if (!isSandboxProcess(record.pid)) {
        removeRecord(dir, record.pid);
        out(`Sandbox "${opts.profile}" was not running (pid ${record.pid} is another program now; the stale card is removed).`);
        return EXIT.done;
      }
      out(`The sandbox (pid ${record.pid}) does not answer; stopping it (up to ${Math.round(timeoutMs / 1000)} s)...`);
      process.kill(record.pid, 'SIGTERM');
      if (!(await exited(record.pid, timeoutMs))) {
        process.kill(record.pid, 'SIGKILL');
        await exited(record.pid, 5_000);
      }
      removeRecord(dir, record.pid);
      out('Sandbox stopped.');
      return EXIT.done;
    }
    removeRecord(dir, record.pid);
    out(`Sandbox "${opts.profile}" was not running (pid ${record.pid} had gone without stopping it; its card is removed).`);
    return EXIT.done;
  }
  if (record.mode === 'private') throw heldByCommand(record);
  out(`Stopping the sandbox (pid ${record.pid}, up to ${Math.round(timeoutMs / 1000)} s)...`);
  await callControl(record, 'POST', '/shutdown').catch(() => process.kill(record.pid, 'SIGTERM'));
  if (!(await exited(record.pid, timeoutMs))) {
    // It did not stop in time: end it. Its data recovers like after any crash.
    process.kill(record.pid, 'SIGKILL');
    await exited(record.pid, 5_000);
    removeRecord(dir, record.pid);
    out(`Sandbox stopped (pid ${record.pid} did not stop within ${Math.round(timeoutMs / 1000)} s and was killed).`);
    return EXIT.done;
  }
  out('Sandbox stopped.');
  return EXIT.done;
}

/** Whether the pid runs this CLI's `sandbox up` (a pid can be reused by any program). */
function isSandboxProcess(pid: number): boolean {
  try {
    return /sandbox up/.test(execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

async function exited(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (pidAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

function heldByCommand(record: ServiceRecord): StepFailure {
  return new StepFailure(
    `The sandbox is hosted by \`${record.command}\` (pid ${record.pid}) for its own lifetime.`,
    'It stops when that command ends; meanwhile every --sandbox command uses it. Run `sandbox up` afterwards to keep one running.',
  );
}

function notRunning(profile: string, dir: string, found: Found): void {
  if (found.state === 'stale') {
    const comesBack = found.record.mode === 'service' ? ' the next --sandbox command starts it again, or `sandbox up`' : ' `sandbox up` starts it';
    out(`Sandbox "${profile}" is not running: pid ${found.record.pid} is gone (killed or crashed);${comesBack}.`);
  } else {
    out(`Sandbox "${profile}" is not running. \`sandbox up\` starts it; a --sandbox command starts one for its own lifetime.`);
  }
  out(`  Folder     ${dir}`);
}

async function statusOf(record: ServiceRecord): Promise<HostStatus> {
  try {
    return await callControl<HostStatus>(record, 'GET', '/status', { timeoutMs: 10_000 });
  } catch (err) {
    throw new StepFailure(`The sandbox (pid ${record.pid}) did not answer: ${(err as Error).message}`, '`sandbox logs` shows what it did last.');
  }
}

function printStatus(profile: string, s: HostStatus): void {
  const who = s.mode === 'service' ? 'service' : `hosted by \`${s.command}\` for its lifetime`;
  const ports = s.kafka.bootstrap.map((b) => b.slice(b.lastIndexOf(':') + 1)).join(', ');
  const host = s.kafka.bootstrap[0]!.slice(0, s.kafka.bootstrap[0]!.lastIndexOf(':'));
  out(`Sandbox "${profile}" is running: ${who}, pid ${s.pid}, up ${duration(Date.now() - Date.parse(s.startedAt))}, ${megabytes(s.rssBytes)}`);
  out(`  Kafka      ${host} ports ${ports} (SASL PLAIN)`);
  out(`  Snowflake  ${s.snowflake.accessUrl} account ${s.snowflake.account} (${s.snowflake.sessions} session${s.snowflake.sessions === 1 ? '' : 's'})`);
  out(`  Clients    ${s.clients} command${s.clients === 1 ? '' : 's'} using it now`);
  const connectors = s.connectors;
  if (connectors.length === 0) out("  Connector  none yet: the walk's hand-off step starts it");
  else if (connectors.length === 1) {
    const c = connectors[0]!;
    out(`  Connector  ${connectorText(c)}`);
    out(`             topic ${c.topics.join(', ')}, group ${c.group}`);
    out(`             table ${c.table}`);
  } else {
    // A room: one line per attendee's connector.
    out(`  Connectors ${connectors.length}, ${connectors.filter((c) => c.state === 'running').length} running`);
    for (const c of connectors) out(`             ${c.group}: ${connectorText(c)}`);
  }
  out(`  Folder     ${s.dir}`);
  out('  Passwords  fresh at each start, in service.json there (only you can read it)');
}

function connectorText(c: HostStatus['connectors'][number]): string {
  if (c.state === 'failed') return `failed: ${c.error ?? 'see `sandbox logs connector`'}`;
  if (c.state === 'starting') return 'starting';
  const lag = c.lag === null ? '' : `, lag ${c.lag}`;
  const rows = c.rows === null ? '' : `, ${c.rows} row${c.rows === 1 ? '' : 's'}`;
  return `${c.state}${lag}${rows}`;
}

/** The live line of a foreground `sandbox up`, cut to the terminal's width. */
export function statusLine(s: HostStatus, columns: number): string {
  const cs = s.connectors;
  const running = cs.filter((c) => c.state === 'running');
  const sum = (pick: (c: (typeof cs)[number]) => number | null) => cs.reduce((n, c) => n + (pick(c) ?? 0), 0);
  const connector =
    cs.length === 0
      ? 'connector waiting for the walk'
      : cs.length === 1 && running.length === 0
        ? `connector ${cs[0]!.state}${cs[0]!.error ? `: ${cs[0]!.error}` : ''}`
        : `${cs.length === 1 ? 'connector running' : `${running.length}/${cs.length} connectors running`} · lag ${sum((c) => c.lag)} · ${sum((c) => c.rows)} rows`;
  const line = `up ${duration(Date.now() - Date.parse(s.startedAt))} · ${connector} · ${s.clients} client${s.clients === 1 ? '' : 's'} · ${megabytes(s.rssBytes)}`;
  return line.length < columns ? line : `${line.slice(0, Math.max(0, columns - 2))}…`;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
