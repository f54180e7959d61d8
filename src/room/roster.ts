// A room's roster: who attends, under which attendee name, with which log seed. `room init`
// writes it next to the cards (room.json); `room status`, `cleanup` and `demo` read it. Object
// names are never stored: they derive from the attendee in src/names.ts, like on every laptop.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ATTENDEE_MAX_LENGTH, attendeeIdOf, defaultSeedFor, namesFor, attendeeTopic, type Names } from '../names.js';

export const ROSTER_FILE = 'room.json';
const ROSTER_VERSION = 1;
export const MAX_ATTENDEES = 500;

export interface RosterAttendee {
  /** The attendee name (--attendee / OQS_ATTENDEE). */
  id: string;
  /** The person's name as the facilitator wrote it (the id when none was given). */
  name: string;
  seed: number;
}

export interface Roster {
  version: number;
  createdAt: string;
  /** The topic the attendees' topics derive from (the tutorial's unless configured otherwise). */
  baseTopic: string;
  attendees: RosterAttendee[];
}

export class RosterError extends Error {
  override name = 'RosterError';
}

/** `--attendees N`: a01, a02, … (zero-padded so they sort). */
export function numberedAttendees(count: number): RosterAttendee[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => {
    const id = `a${String(i + 1).padStart(width, '0')}`;
    return { id, name: id, seed: defaultSeedFor(id) };
  });
}

/**
 * `--names FILE`: one person per line (blank lines and # comments skipped). Each gets an
 * attendee name from theirs ("Zoë Martin" → zoe_martin); names that come out alike — "Alice"
 * and "alice" — get _2, _3, so no two attendees share objects.
 */
export function attendeesFromText(text: string, source: string): RosterAttendee[] {
  const taken = new Set<string>();
  const attendees: RosterAttendee[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const name = raw.trim();
    if (name === '' || name.startsWith('#')) return;
    let base = attendeeIdOf(name) || `attendee_${index + 1}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) {
      const suffix = `_${n}`;
      base = base.slice(0, ATTENDEE_MAX_LENGTH - suffix.length).replace(/_+$/, '');
      id = `${base}${suffix}`;
    }
    taken.add(id);
    attendees.push({ id, name, seed: defaultSeedFor(id) });
  });
  if (attendees.length === 0) throw new RosterError(`${source}: no names in it (one person per line)`);
  if (attendees.length > MAX_ATTENDEES) throw new RosterError(`${source}: ${attendees.length} names; a room holds at most ${MAX_ATTENDEES}`);
  return attendees;
}

export function newRoster(attendees: RosterAttendee[], baseTopic: string, now = new Date()): Roster {
  return { version: ROSTER_VERSION, createdAt: now.toISOString(), baseTopic, attendees };
}

/** Every name of one attendee of this room. */
export function attendeeNames(roster: Pick<Roster, 'baseTopic'>, attendee: Pick<RosterAttendee, 'id'>): Names {
  return namesFor({ topic: attendeeTopic(roster.baseTopic, attendee.id), attendee: attendee.id });
}

export function readRoster(dir: string): Roster {
  const file = path.join(dir, ROSTER_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new RosterError(`no room roster: ${file} is missing; run \`room init --attendees N\` first, or pass --room DIR`);
    throw new RosterError(`cannot read ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RosterError(`${file} is not valid JSON; run \`room init --force\` to rewrite it`);
  }
  const r = data as Partial<Roster>;
  const ok =
    r &&
    r.version === ROSTER_VERSION &&
    typeof r.baseTopic === 'string' &&
    Array.isArray(r.attendees) &&
    r.attendees.every((a) => a && typeof a.id === 'string' && typeof a.name === 'string' && Number.isInteger(a.seed));
  if (!ok) throw new RosterError(`${file} is not a room roster this version understands; run \`room init --force\` to rewrite it`);
  return r as Roster;
}

export function readNamesFile(file: string): RosterAttendee[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RosterError(`--names ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message}`);
  }
  return attendeesFromText(text, `--names ${file}`);
}
