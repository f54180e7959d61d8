// Every object of the room's attendees that exists now — on the real systems — and dropping them.
// Only names derived from the roster's attendees are ever looked up, so the tutorial's own objects
// (a walk without --attendee) and the shared Openflow deployment are never touched.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { ConnectorPort, KafkaPort, WarehousePort } from '../engine/ports.js';
import { StateStore } from '../engine/state.js';
import { ident, literal } from '../sql.js';
import { stateNameOf } from '../names.js';
import { existsLike } from '../../steps/shared/setup-objects.js';
import { errorText, rowsOrNull, sameName, text } from '../../steps/shared/snowflake.js';
import { bounded } from './observe.js';
import { attendeeNames, type Roster } from './roster.js';

export interface RoomObject {
  attendee: string;
  kind: 'connector' | 'runtime' | 'consumer group' | 'topic' | 'database' | 'warehouse' | 'integration' | 'role' | 'state file';
  name: string;
  drop(): Promise<void>;
}

export interface Systems {
  kafka: KafkaPort;
  warehouse?: WarehousePort;
  /** The sandbox's connector of a consumer group (in the sandbox, the room's connectors run there). */
  connectorFor?(group: string): ConnectorPort;
  /** Where this machine keeps walk state (the attendees' own files, in a rehearsal). */
  stateDir: string;
  profile: string;
}

/** The room's objects that exist now, in the order they are dropped; and what could not be looked at. */
export async function findRoomObjects(roster: Roster, s: Systems, limitMs: number): Promise<{ objects: RoomObject[]; problems: string[] }> {
  const problems: string[] = [];
  const per = await Promise.all(roster.attendees.map((a) => findAttendeeObjects(roster, a.id, s, limitMs, problems)));
  return { objects: per.flat(), problems };
}

async function findAttendeeObjects(roster: Roster, id: string, s: Systems, limitMs: number, problems: string[]): Promise<RoomObject[]> {
  const n = attendeeNames(roster, { id });
  const found: RoomObject[] = [];
  const look = async (what: string, fn: () => Promise<void>) => {
    try {
      await bounded(fn(), limitMs, what);
    } catch (err) {
      problems.push(`${id}: could not look for the ${what}: ${errorText(err)}`);
    }
  };
  const add = (kind: RoomObject['kind'], name: string, drop: () => Promise<void>) => found.push({ attendee: id, kind, name, drop });
  const w = s.warehouse;

  if (w) {
    await look(`Openflow runtime ${n.RUNTIME}`, async () => {
      const rows = await rowsOrNull(w, `SHOW OPENFLOW RUNTIMES LIKE ${literal(n.RUNTIME)} IN ACCOUNT`);
      for (const r of rows ?? []) {
        if (!sameName(text(r, 'name'), n.RUNTIME)) continue;
        const qualified = `${ident(text(r, 'database_name'))}.${ident(text(r, 'schema_name'))}.${ident(text(r, 'name'))}`;
        const terminated = text(r, 'status').toUpperCase() === 'TERMINATED';
        add('runtime', `${text(r, 'database_name')}.${text(r, 'schema_name')}.${text(r, 'name')}`, async () => {
          // DROP removes only a TERMINATED runtime; terminating takes a while, so wait (within the limit).
          if (!terminated) {
            await w.execute(`ALTER OPENFLOW RUNTIME IF EXISTS ${qualified} TERMINATE`);
            const waitSeconds = Math.max(1, Math.floor(limitMs / 1000) - 1);
            await w.execute(`SELECT SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS(${waitSeconds}, 'TERMINATED', ${literal(`${text(r, 'database_name')}.${text(r, 'schema_name')}.${text(r, 'name')}`)})`);
          }
          await w.execute(`DROP OPENFLOW RUNTIME IF EXISTS ${qualified}`);
        });
      }
    });
  }
  await look(`consumer group ${n.GROUP}`, async () => {
    const group = await s.kafka.describeGroup(n.GROUP);
    if (group.state === 'Dead' || (group.state === 'Unknown' && group.members.length === 0)) return;
    // In the sandbox the connector is ours to stop (its host keeps it, even while it has left the
    // group); on Openflow a person stops it in the canvas.
    const connector = s.connectorFor?.(n.GROUP);
    if (connector) add('connector', `the sandbox's connector of ${n.GROUP}`, () => connector.stop());
    add('consumer group', n.GROUP, async () => {
      const now = await s.kafka.describeGroup(n.GROUP);
      if (now.members.length > 0) throw new Error(`its connector is still running (${now.members.length} member${now.members.length === 1 ? '' : 's'}): stop it, then run room cleanup again`);
      await s.kafka.deleteGroup(n.GROUP);
    });
  });
  await look(`topic ${n.TOPIC}`, async () => {
    if (await s.kafka.describeTopic(n.TOPIC)) add('topic', n.TOPIC, () => s.kafka.deleteTopic(n.TOPIC));
  });
  if (w) {
    const snowflake: Array<[RoomObject['kind'], string, string, string]> = [
      ['database', n.DATABASE, 'SHOW DATABASES', 'DATABASE'],
      ['warehouse', n.WAREHOUSE, 'SHOW WAREHOUSES', 'WAREHOUSE'],
      ['integration', n.INTEGRATION, 'SHOW EXTERNAL ACCESS INTEGRATIONS', 'EXTERNAL ACCESS INTEGRATION'],
      ['role', n.ROLE, 'SHOW ROLES', 'ROLE'],
    ];
    for (const [kind, name, show, drop] of snowflake) {
      await look(`${kind} ${name}`, async () => {
        if (await existsLike(w, show, name)) add(kind, name, async () => void (await w.execute(`DROP ${drop} IF EXISTS ${ident(name)}`)));
      });
    }
  }
  const stateFile = StateStore.fileFor(s.stateDir, stateNameOf(s.profile, id));
  if (existsSync(stateFile)) add('state file', stateFile, () => rm(stateFile, { force: true }));
  return found;
}

export interface DropReport {
  dropped: RoomObject[];
  failed: Array<{ object: RoomObject; why: string }>;
}

/**
 * Drops every object in order, one at a time: kafkajs' admin client mixes up concurrent topic
 * and group deletions (UNKNOWN_TOPIC_OR_PARTITION). A failure never stops the rest.
 */
export async function dropRoomObjects(objects: RoomObject[], limitMs: number, onDone?: (o: RoomObject, why?: string) => void): Promise<DropReport> {
  const report: DropReport = { dropped: [], failed: [] };
  for (const o of objects) {
    try {
      await bounded(o.drop(), limitMs, `dropping ${o.kind} ${o.name}`);
      report.dropped.push(o);
      onDone?.(o);
    } catch (err) {
      const why = errorText(err);
      report.failed.push({ object: o, why });
      onDone?.(o, why);
    }
  }
  return report;
}
