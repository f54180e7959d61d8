// What the real systems say about each attendee right now — never what their laptops recorded:
// their topic and how many records it holds, the connector's consumer group (members, lag), and
// their table's columns and rows. Each probe is bounded, so one silent system never stalls the board.
import type { KafkaPort, WarehousePort } from '../engine/ports.js';
import { observeTable } from '../../steps/shared/verify-columns.js';
import { errorText, rowsOrNull, text } from '../../steps/shared/snowflake.js';
import { ident, literal } from '../sql.js';
import { TUTORIAL_NAMES } from '../names.js';
import { attendeeNames, type Roster, type RosterAttendee } from './roster.js';

export interface AttendeeStatus {
  attendee: string;
  name: string;
  seed: number;
  topic: { name: string; exists: boolean; partitions: number | null; records: number | null };
  group: { id: string; state: string | null; members: number | null; lag: number | null };
  table: { name: string; database: string; columns: number | null; rows: number | null };
  /** Where the attendee has got to, read from the facts above. */
  stage: Stage;
  /** What could not be read, one phrase each. */
  problems: string[];
}

export type Stage = 'not started' | 'topic created' | 'connector consuming' | 'base columns' | 'evolving columns' | 'evolved columns' | 'done' | 'unknown';

/**
 * Every attendee's status, a handful at a time (a room of 100 must not open 600 requests at once),
 * in the roster's order.
 */
export async function readRoom(roster: Roster, systems: { kafka: KafkaPort; warehouse?: WarehousePort }, limitMs: number): Promise<AttendeeStatus[]> {
  if (systems.warehouse) await bounded(useAWarehouse(systems.warehouse, roster), limitMs, 'choosing a warehouse').catch(() => undefined);
  const out: AttendeeStatus[] = new Array(roster.attendees.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < roster.attendees.length; i = next++) out[i] = await observeAttendee(roster, roster.attendees[i]!, systems, limitMs);
  };
  await Promise.all(Array.from({ length: Math.min(8, roster.attendees.length) }, worker));
  return out;
}

/**
 * Queries need a running warehouse: the session's own, else an attendee's (the setup script
 * makes one with each database, so where there is a table there is a warehouse).
 */
async function useAWarehouse(w: WarehousePort, roster: Roster): Promise<void> {
  const [current] = await w.execute('SELECT CURRENT_WAREHOUSE() AS W');
  if (current && text(current, 'W') !== '') return;
  const shown = (await rowsOrNull(w, `SHOW WAREHOUSES LIKE ${literal(`${TUTORIAL_NAMES.WAREHOUSE}_%`)}`)) ?? [];
  const theirs = new Set(roster.attendees.map((a) => attendeeNames(roster, a).WAREHOUSE));
  const found = shown.map((r) => text(r, 'name')).find((name) => theirs.has(name.toUpperCase()));
  if (found) await w.execute(`USE WAREHOUSE ${ident(found)}`);
}

/** The tutorial's end state: 37 columns and 50 + 80 rows. */
export const EXPECTED = { baseColumns: 11, columns: 37, rows: 130 } as const;

export async function observeAttendee(
  roster: Roster,
  attendee: RosterAttendee,
  systems: { kafka: KafkaPort; warehouse?: WarehousePort },
  limitMs: number,
): Promise<AttendeeStatus> {
  const n = attendeeNames(roster, attendee);
  const problems: string[] = [];
  const probe = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await bounded(fn(), limitMs, what);
    } catch (err) {
      problems.push(`${what}: ${errorText(err)}`);
      return undefined;
    }
  };

  const status: AttendeeStatus = {
    attendee: attendee.id,
    name: attendee.name,
    seed: attendee.seed,
    topic: { name: n.TOPIC, exists: false, partitions: null, records: null },
    group: { id: n.GROUP, state: null, members: null, lag: null },
    table: { name: n.TABLE, database: n.DATABASE, columns: null, rows: null },
    stage: 'unknown',
    problems,
  };

  const { kafka, warehouse } = systems;
  const [topic, group, table] = await Promise.all([
    probe('topic', () => kafka.describeTopic(n.TOPIC)),
    probe('consumer group', () => kafka.describeGroup(n.GROUP)),
    warehouse ? probe('table', () => observeTable(warehouse, n)) : Promise.resolve(undefined),
  ]);
  if (topic !== undefined) {
    status.topic.exists = topic !== null;
    status.topic.partitions = topic?.partitions ?? null;
  }
  if (group && group.state !== 'Dead') {
    status.group.state = group.state;
    status.group.members = group.members.length;
  }
  if (table) {
    status.table.columns = table.columns.length;
    status.table.rows = table.rows;
  }
  if (topic) {
    const [marks, committed] = await Promise.all([
      probe('records', () => kafka.watermarks(n.TOPIC)),
      group && group.state !== 'Dead' ? probe('lag', () => kafka.committedOffsets(n.GROUP, n.TOPIC)) : Promise.resolve(undefined),
    ]);
    if (marks) {
      status.topic.records = marks.reduce((sum, m) => sum + (Number(m.high) - Number(m.low)), 0);
      if (committed) {
        const at = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
        status.group.lag = marks.reduce((sum, m) => {
          const offset = at.get(m.partition) ?? -1;
          return sum + Math.max(0, Number(m.high) - (offset >= 0 ? offset : Number(m.low)));
        }, 0);
      }
    }
  }
  status.stage = stageOf(status, topic === undefined);
  return status;
}

function stageOf(s: AttendeeStatus, topicUnknown: boolean): Stage {
  const { columns, rows } = s.table;
  if (columns !== null && columns >= EXPECTED.columns) return rows === EXPECTED.rows ? 'done' : 'evolved columns';
  if (columns !== null && columns > EXPECTED.baseColumns) return 'evolving columns';
  if (columns !== null && columns > 0) return 'base columns';
  if (topicUnknown) return 'unknown';
  if (!s.topic.exists) return 'not started';
  if ((s.group.members ?? 0) > 0) return 'connector consuming';
  return 'topic created';
}

/** `promise`, or a rejection naming what did not answer within `ms`. */
export function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(ms / 1000)}s (${what})`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
