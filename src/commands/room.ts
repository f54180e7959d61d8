// `room init | status | cleanup` for a workshop's facilitator: cards for the attendees, a live
// board read from the real systems (never the laptops), and one cleanup for everybody's objects.
// The facilitator's own configuration (Kafka + Snowflake, or the sandbox) is what they read.
import { mkdirSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { confirm } from '@inquirer/prompts';
import { DEFAULT_TOPIC } from '../config/topic.js';
import { checkTopic } from '../config/topic.js';
import { ATTENDEE_VARIABLE } from '../config/attendee.js';
import { readTextFileSync } from '../config/text-file.js';
import { parsePositiveNumber } from '../config/numbers.js';
import { attendeeTopicProblem } from '../names.js';
import { RosterError, readNamesFile, readRoster, newRoster, numberedAttendees, MAX_ATTENDEES, ROSTER_FILE, type Roster } from '../room/roster.js';
import { cardFor, envFileFor } from '../room/cards.js';
import { readRoom } from '../room/observe.js';
import { formatBoard, wrapped } from '../room/format.js';
import { dropRoomObjects, findRoomObjects } from '../room/cleanup.js';
import { NO_SNOWFLAKE_WARNING, prepare, prepareOnSandbox, type Prepared } from './prepare.js';
import { walkLines, walkRoom, type DemoWalk } from '../room/demo.js';
import type { WalkConfig } from '../config/types.js';
import type { KafkaPort, WarehousePort } from '../engine/ports.js';
import { EXIT, UsageError } from './exit.js';
import type { GlobalOptions } from './global-options.js';
import { failNow, stopsOnSignal } from './lifecycle.js';

export interface RoomOptions extends GlobalOptions {
  /** The room's folder: room.json and one folder per attendee. */
  room: string;
}

/** Reads a room command's roster, turning its errors into usage errors. */
function roster(opts: RoomOptions): Roster {
  try {
    return readRoster(opts.room);
  } catch (err) {
    if (err instanceof RosterError) throw new UsageError(err.message);
    throw err;
  }
}

function forTheRoom(opts: GlobalOptions): void {
  if (opts.attendee) {
    throw new UsageError(`room commands act for the whole room, but an attendee is set (${opts.attendee})`, `Unset ${ATTENDEE_VARIABLE} (environment or .env) and drop --attendee for room commands.`);
  }
}

function seconds(raw: unknown, flag: string, fallback: number): number {
  if (raw === undefined) return fallback * 1000;
  const parsed = parsePositiveNumber(String(raw), flag.replace(/^--/, ''), { source: `${flag} (flag)`, max: 3600 });
  if (!parsed.ok) throw new UsageError(`${parsed.problem.source}: ${parsed.problem.message}`);
  return parsed.value * 1000;
}

/** The board's width: the terminal's, or none into a pipe or file (a script reads whole lines). */
function boardWidth(): number {
  return process.stdout.isTTY ? (process.stdout.columns ?? 80) : Number.POSITIVE_INFINITY;
}

// ---------- room init

export async function roomInit(
  opts: RoomOptions & { attendees?: string; names?: string; withSecrets: boolean; force: boolean },
  write: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  forTheRoom(opts);
  if ((opts.attendees === undefined) === (opts.names === undefined)) throw new UsageError('room init needs either --attendees N or --names FILE (one of them)');
  let attendees;
  try {
    if (opts.names !== undefined) attendees = readNamesFile(opts.names);
    else {
      const n = Number(opts.attendees);
      if (!/^\d+$/.test(String(opts.attendees).trim()) || n < 1 || n > MAX_ATTENDEES) throw new UsageError(`--attendees (flag): "${opts.attendees}" is not a whole number from 1 to ${MAX_ATTENDEES}`);
      attendees = numberedAttendees(n);
    }
  } catch (err) {
    if (err instanceof RosterError) throw new UsageError(err.message);
    throw err;
  }

  const prepared = await prepare(opts, { interactive: false });
  try {
    // The real target's config needs no start (nothing runs); the sandbox's has nothing to put on a card.
    const config: WalkConfig | undefined = prepared.target === 'real' ? await prepared.start() : undefined;
    const baseTopic = config?.kafka.topic ?? opts.kafka.topic ?? DEFAULT_TOPIC;
    if (checkTopic(baseTopic).errors.length === 0) {
      for (const a of attendees) {
        const problem = attendeeTopicProblem(baseTopic, a.id);
        if (problem) throw new UsageError(problem);
      }
    }
    if (opts.withSecrets && !config?.kafka.password) {
      process.stderr.write('warning: --with-secrets: the Kafka configuration has no SASL password, so the .env files hold none\n');
    }
    const next = newRoster(attendees, baseTopic);
    const dir = path.resolve(opts.room);
    if (existsSync(path.join(dir, ROSTER_FILE)) && !opts.force) {
      const before = roster(opts);
      const dropped = before.attendees.filter((a) => !next.attendees.some((b) => b.id === a.id)).map((a) => a.id);
      if (dropped.length > 0 || before.baseTopic !== next.baseTopic) {
        throw new UsageError(
          `${path.join(dir, ROSTER_FILE)} already holds a room${dropped.length ? ` with attendees the new one would not know (${dropped.slice(0, 5).join(', ')}${dropped.length > 5 ? ', …' : ''})` : ` on topic ${before.baseTopic}`}`,
          'Run `room cleanup` first so no objects are left behind, use another --room DIR, or pass --force.',
        );
      }
    }
    const settings = {
      target: prepared.target,
      kafka: config?.kafka,
      snowflakeAccount: (config?.snowflake as { account?: string } | undefined)?.account,
      withSecrets: opts.withSecrets,
      // A rehearsal: every attendee's commands use the facilitator's sandbox.
      ...(prepared.target === 'sandbox' && { flags: `--sandbox --state-dir ${opts.stateDir}${opts.profile !== 'default' ? ` --profile ${opts.profile}` : ''}` }),
    };
    mkdirSync(dir, { recursive: true });
    // A .env that differs from what would be written now was edited (by the attendee, or by the
    // facilitator: a password, a CA file) or written with other settings: it is kept unless
    // --force, and either way the summary names it.
    const kept: string[] = [];
    const replaced: string[] = [];
    for (const a of next.attendees) {
      const folder = path.join(dir, a.id);
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'CARD.txt'), cardFor(next, a, settings));
      const envFile = path.join(folder, '.env');
      const content = envFileFor(next, a, settings);
      const before = readTextFileSync(envFile);
      if (before.kind !== 'missing' && !(before.kind === 'text' && before.text === content)) {
        (opts.force ? replaced : kept).push(path.join(a.id, '.env'));
        if (!opts.force) continue;
      }
      writeFileSync(envFile, content, { mode: 0o600 });
      chmodSync(envFile, 0o600);
    }
    writeFileSync(path.join(dir, ROSTER_FILE), JSON.stringify(next, null, 2) + '\n');
    const shown = next.attendees.slice(0, 8).map((a) => (a.name === a.id ? a.id : `${a.id} (${a.name})`));
    write(
      [
        `Room of ${next.attendees.length} attendee${next.attendees.length === 1 ? '' : 's'} in ${dir} (${prepared.target}):`,
        `  ${shown.join(', ')}${next.attendees.length > shown.length ? `, … ${next.attendees.length - shown.length} more` : ''}`,
        `Each folder: CARD.txt (names, commands) and a .env ${opts.withSecrets && config?.kafka.password ? 'WITH the Kafka password (0600)' : 'without secrets'}.`,
        ...(kept.length > 0
          ? [`Kept ${envFiles(kept)} as they are: each differs from what room init writes now (edited, or written with other settings).`, '  To replace them, run this room init again with --force.']
          : []),
        ...(replaced.length > 0 ? [`Replaced ${envFiles(replaced)}: each differed from what room init writes now (--force).`] : []),
        `Then: openflow-kafka-quickstart room status${opts.room !== 'room' ? ` --room ${opts.room}` : ''}${prepared.target === 'sandbox' ? ' --sandbox' : ''}`,
      ]
        .flatMap((line) => fitted(line, boardWidth()))
        .join('\n') + '\n',
    );
    return EXIT.done;
  } finally {
    await prepared.close();
  }
}

/** A summary line wrapped at words to the terminal, its rows under its own indent. */
function fitted(line: string, width: number): string[] {
  const indent = /^ */.exec(line)![0];
  return wrapped(line.slice(indent.length), width - indent.length).map((row) => indent + row);
}

/** "2 .env files (a01/.env, a02/.env)": the first few named, the rest counted. */
function envFiles(files: string[]): string {
  const named = files.slice(0, 8).join(', ');
  return `${files.length} .env file${files.length === 1 ? '' : 's'} (${named}${files.length > 8 ? `, … ${files.length - 8} more` : ''})`;
}

// ---------- the facilitator's connection

interface RoomSystems {
  prepared: Prepared;
  kafka: KafkaPort;
  warehouse?: WarehousePort;
}

const NO_SNOWFLAKE_ROOM = `No Snowflake connection is configured, so the room shows no tables (columns, rows) and room cleanup drops only Kafka objects. Set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and a credential, or a Snowflake CLI connection (--connection NAME).`;

async function openSystems(opts: GlobalOptions): Promise<RoomSystems> {
  const prepared = await prepare(opts, { interactive: !opts.yes && process.stdin.isTTY === true });
  try {
    await prepared.start();
    const kafka = await prepared.openKafka();
    const warehouse = await prepared.openWarehouse();
    // The walk's own warning for a missing Snowflake speaks of steps; the room's says what it misses.
    const warnings = warehouse ? prepared.warnings : [...prepared.warnings.filter((w) => w !== NO_SNOWFLAKE_WARNING), NO_SNOWFLAKE_ROOM];
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    return { prepared, kafka, warehouse };
  } catch (err) {
    await prepared.close();
    throw err;
  }
}

// ---------- room status

export async function roomStatus(opts: RoomOptions & { json: boolean; once: boolean; interval?: string; timeout?: string }): Promise<number> {
  forTheRoom(opts);
  const r = roster(opts);
  const everyMs = seconds(opts.interval, '--interval', 2);
  const limitMs = seconds(opts.timeout, '--timeout', 15);
  const live = !opts.json && !opts.once && !opts.yes && process.stdout.isTTY === true && process.stdin.isTTY === true;
  if (live) process.stdout.write(`Room of ${r.attendees.length}: connecting to ${opts.sandbox ? 'the sandbox' : 'Kafka and Snowflake'}…\n`);
  const systems = await openSystems(opts);
  try {
    const read = () => readRoom(r, systems, limitMs);
    if (live) {
      const { runBoard } = await import('../room/board.js');
      const how = await runBoard({ read, target: systems.prepared.target, everyMs });
      return how === 'interrupt' ? EXIT.interrupted : EXIT.done;
    }
    const statuses = await read();
    if (opts.json) {
      process.stdout.write(JSON.stringify({ target: systems.prepared.target, room: path.resolve(opts.room), checkedAt: new Date().toISOString(), attendees: statuses }, null, 2) + '\n');
    } else {
      process.stdout.write(formatBoard(statuses, { target: systems.prepared.target, checkedAt: new Date() }, boardWidth()).join('\n') + '\n');
    }
    return statuses.some((s) => s.problems.length > 0) ? EXIT.failed : EXIT.done;
  } finally {
    await systems.prepared.close();
  }
}

// ---------- room cleanup

export async function roomCleanup(opts: RoomOptions & { timeout?: string }): Promise<number> {
  forTheRoom(opts);
  const r = roster(opts);
  const limitMs = seconds(opts.timeout, '--timeout', 15);
  if (!opts.yes && !process.stdin.isTTY) throw new UsageError('room cleanup drops every attendee\'s objects and asks first', 'Pass --yes to confirm without a terminal.');
  const systems = await openSystems(opts);
  try {
    const { objects, problems } = await findRoomObjects(r, { ...systems, connectorFor: systems.prepared.connectorFor, stateDir: systems.prepared.stateDir, profile: opts.profile }, limitMs);
    for (const p of problems) process.stderr.write(`warning: ${p}\n`);
    if (objects.length === 0) {
      process.stdout.write(`Nothing to drop: none of the ${r.attendees.length} attendees' objects exist.\n`);
      return problems.length > 0 ? EXIT.failed : EXIT.done;
    }
    process.stdout.write(`${objects.length} object${objects.length === 1 ? '' : 's'} of ${new Set(objects.map((o) => o.attendee)).size} attendee(s) (${systems.prepared.target}):\n`);
    for (const o of objects) process.stdout.write(`  ${o.attendee.padEnd(12)} ${o.kind.padEnd(15)} ${o.name}\n`);
    if (!opts.yes) {
      const ok = await confirm({ message: `Permanently drop these ${objects.length} objects (all the attendees' ingested logs)?`, default: false });
      if (!ok) {
        process.stdout.write('Nothing dropped.\n');
        return EXIT.done;
      }
    }
    const report = await dropRoomObjects(objects, limitMs);
    process.stdout.write(`Dropped ${report.dropped.length} of ${objects.length}.\n`);
    for (const f of report.failed) process.stdout.write(`  could not drop ${f.object.kind} ${f.object.name} (${f.object.attendee}): ${f.why}\n`);
    return report.failed.length > 0 || problems.length > 0 ? EXIT.failed : EXIT.done;
  } finally {
    await systems.prepared.close();
  }
}

// ---------- room demo

export async function roomDemo(opts: RoomOptions & { attendees?: string; json: boolean; interval?: string; timeout?: string }): Promise<number> {
  forTheRoom(opts);
  const o: RoomOptions = { ...opts, sandbox: true };
  const everyMs = seconds(opts.interval, '--interval', 2);
  const limitMs = seconds(opts.timeout, '--timeout', 15);
  // The rehearsal's room: written (cards included) for --attendees N, else the one already there.
  if (opts.attendees !== undefined) {
    const code = await roomInit({ ...o, attendees: opts.attendees, withSecrets: false, force: false }, opts.json ? () => undefined : undefined);
    if (code !== EXIT.done) return code;
  }
  const r = roster(o);
  const live = !opts.json && !opts.yes && process.stdout.isTTY === true && process.stdin.isTTY === true;
  const say = (line: string) => void (opts.json ? process.stderr : process.stdout).write(`${line}\n`);

  const { openSandbox } = await import('../sandbox/index.js');
  const sandbox = await openSandbox({ dir: path.join(o.stateDir, 'sandbox', o.profile), profile: o.profile, stateDir: o.stateDir, topic: DEFAULT_TOPIC, command: 'room demo', note: say, onLost: failNow });
  const board = prepareOnSandbox(o, sandbox);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  stopsOnSignal(); // the walks record where they stopped
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    await board.start();
    const systems = { kafka: await board.openKafka(), warehouse: await board.openWarehouse() };
    const read = () => readRoom(r, systems, limitMs);
    const walks = new Map<string, DemoWalk>();
    say(`Rehearsal: ${r.attendees.length} attendees walk at once in the sandbox,\n  ${sandbox.dir}`);
    const walking = walkRoom(r, sandbox, o, { signal: controller.signal, walks, onLine: live ? undefined : say });
    if (live) {
      const { runBoard } = await import('../room/board.js');
      const how = await runBoard({ read, target: 'sandbox', everyMs, until: walking, footer: () => walkLines(walks) });
      if (how === 'interrupt') controller.abort();
    }
    const ended = await walking;
    const statuses = await read();
    if (opts.json) {
      process.stdout.write(JSON.stringify({ target: 'sandbox', room: path.resolve(o.room), checkedAt: new Date().toISOString(), attendees: statuses, walks: ended }, null, 2) + '\n');
    } else if (!live) {
      say(formatBoard(statuses, { target: 'sandbox', checkedAt: new Date() }, boardWidth()).join('\n'));
      for (const line of walkLines(walks)) say(line);
    }
    if (controller.signal.aborted) return EXIT.interrupted;
    return ended.every((w) => w.state === 'done') ? EXIT.done : EXIT.failed;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await board.close();
    await sandbox.stop();
  }
}
