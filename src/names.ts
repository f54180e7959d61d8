// Every object name the walk creates or refers to, from one place: the tutorial's names, and —
// for a workshop room sharing one Kafka cluster and one Snowflake account — the same names
// derived from an attendee, so attendees never touch each other's objects and `room` can find them.
//
// An attendee name is an identifier the facilitator hands out ("alice", "team_3"): lower-case
// letters, digits and "_", at most 32 characters. Anything else is refused, with the form that
// would work, rather than mapped: a laptop that quietly turned "Alice" into "alice" would share
// alice's objects, and one that turned it into anything else would make names the room board does
// not know. `room init` maps a list of people's names to attendee names once, on the cards.
//
// With an attendee:                          topic application-logs-alice, table "APPLICATION-LOGS-ALICE",
// consumer group openflow_qs_kafka_connector_alice, QUICKSTART_ROLE_ALICE, QUICKSTART_KAFKA_CONNECTOR_DB_ALICE,
// QUICKSTART_KAFKA_CONNECTOR_WH_ALICE, KAFKA_NETWORK_RULE_ALICE, QUICKSTART_KAFKA_CONNECTOR_ACCESS_ALICE,
// runtime QUICKSTART_KAFKA_RUNTIME_ALICE. The Openflow deployment stays shared: an account has at
// most 3 Snowflake-type deployments, so a room shares one and each attendee gets a runtime in it.
import { DEFAULT_SEED } from './logs/generator.js';

/** The tutorial's names, exactly as Snowflake and Kafka store them. */
export const TUTORIAL_NAMES = {
  TOPIC: 'application-logs',
  /** The connector's Kafka Group Id in the tutorial's ingestion parameters. */
  GROUP: 'openflow_qs_kafka_connector',
  ROLE: 'QUICKSTART_ROLE',
  DATABASE: 'QUICKSTART_KAFKA_CONNECTOR_DB',
  WAREHOUSE: 'QUICKSTART_KAFKA_CONNECTOR_WH',
  /** The tutorial writes kafka_network_rule unquoted, which Snowflake stores upper-cased. */
  NETWORK_RULE: 'KAFKA_NETWORK_RULE',
  INTEGRATION: 'QUICKSTART_KAFKA_CONNECTOR_ACCESS',
  DEPLOYMENT: 'QUICKSTART_KAFKA_DEPLOYMENT',
  RUNTIME: 'QUICKSTART_KAFKA_RUNTIME',
  /** Openflow names the table after the topic, upper-cased: "APPLICATION-LOGS". */
  TABLE: 'APPLICATION-LOGS',
} as const;

export type NameKey = keyof typeof TUTORIAL_NAMES;
/** One walk's names; also the values the sql/ templates are rendered with. */
export type Names = { -readonly [K in NameKey]: string };

/** Names that are the attendee's own (all but the shared Openflow deployment). */
export const ATTENDEE_OWNED: readonly NameKey[] = ['TOPIC', 'GROUP', 'ROLE', 'DATABASE', 'WAREHOUSE', 'NETWORK_RULE', 'INTEGRATION', 'RUNTIME', 'TABLE'];

export const ATTENDEE_MAX_LENGTH = 32;
const ATTENDEE = /^[a-z0-9][a-z0-9_]*$/;
const KAFKA_TOPIC_MAX = 249;

/** What is wrong with an attendee name, in one line, or null when it is fine. */
export function attendeeProblem(name: string): string | null {
  if (name.length === 0) return 'the attendee name is empty';
  if (name.length > ATTENDEE_MAX_LENGTH) return `attendee "${name.slice(0, 40)}${name.length > 40 ? '…' : ''}" is ${name.length} characters long; at most ${ATTENDEE_MAX_LENGTH}`;
  if (ATTENDEE.test(name)) return null;
  const suggestion = attendeeIdOf(name);
  const suggest = suggestion ? `, e.g. "${suggestion}"` : '';
  return `attendee "${printable(name)}" must be lower-case letters, digits and "_", starting with a letter or digit (one name for Kafka and Snowflake alike)${suggest}`;
}

/**
 * An attendee name for a person's name ("Zoë Martin" → "zoe_martin"), or '' when nothing of it
 * is usable. Not one-to-one ("Alice" and "alice" both give "alice"): `room init` makes the names
 * of one room distinct; `--attendee` refuses anything but an attendee name.
 */
export function attendeeIdOf(personName: string): string {
  return personName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, ATTENDEE_MAX_LENGTH)
    .replace(/_+$/, '');
}

/** The topic of an attendee: the configured (or tutorial's) topic with "-attendee" appended. */
export function attendeeTopic(baseTopic: string, attendee: string | undefined): string {
  return attendee ? `${baseTopic}-${attendee}` : baseTopic;
}

/** Why the attendee's topic would break Kafka's length limit, or null. */
export function attendeeTopicProblem(baseTopic: string, attendee: string): string | null {
  const topic = attendeeTopic(baseTopic, attendee);
  return topic.length > KAFKA_TOPIC_MAX
    ? `topic "${baseTopic.slice(0, 40)}…" with attendee "${attendee}" appended is ${topic.length} characters long; Kafka allows at most ${KAFKA_TOPIC_MAX}: choose a shorter topic`
    : null;
}

/** Openflow's table for a topic ("Topic To Table Map" left empty): the topic upper-cased. */
export function tableNameFor(topic: string): string {
  return topic.toUpperCase();
}

/**
 * Every name of a walk. `topic` is the walk's actual topic (already the attendee's, see
 * attendeeTopic); the other names derive from the tutorial's and the attendee.
 */
export function namesFor(opts: { topic?: string; attendee?: string } = {}): Names {
  const { attendee } = opts;
  const topic = opts.topic ?? attendeeTopic(TUTORIAL_NAMES.TOPIC, attendee);
  // Snowflake names stay plain (unquoted) identifiers: upper case, "_" only.
  const suffix = (name: string) => (attendee ? `${name}_${attendee.toUpperCase()}` : name);
  return {
    TOPIC: topic,
    GROUP: attendee ? `${TUTORIAL_NAMES.GROUP}_${attendee}` : TUTORIAL_NAMES.GROUP,
    ROLE: suffix(TUTORIAL_NAMES.ROLE),
    DATABASE: suffix(TUTORIAL_NAMES.DATABASE),
    WAREHOUSE: suffix(TUTORIAL_NAMES.WAREHOUSE),
    NETWORK_RULE: suffix(TUTORIAL_NAMES.NETWORK_RULE),
    INTEGRATION: suffix(TUTORIAL_NAMES.INTEGRATION),
    DEPLOYMENT: TUTORIAL_NAMES.DEPLOYMENT,
    RUNTIME: suffix(TUTORIAL_NAMES.RUNTIME),
    TABLE: tableNameFor(topic),
  };
}

/**
 * Text written with the tutorial's names (a step's explanation), in this walk's: an attendee
 * reading "the QUICKSTART_ROLE role" looked for the wrong role. Whole names only.
 */
export function inWalkNames(text: string, names: Names): string {
  let out = text;
  const keys = (Object.keys(TUTORIAL_NAMES) as NameKey[]).sort((a, b) => TUTORIAL_NAMES[b].length - TUTORIAL_NAMES[a].length);
  for (const key of keys) {
    if (names[key] === TUTORIAL_NAMES[key]) continue;
    const escaped = TUTORIAL_NAMES[key].replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`, 'g'), () => names[key]);
  }
  return out;
}

/** The table as a query names it: database.PUBLIC."TABLE". */
export function qualifiedTable(names: Names): string {
  return `${names.DATABASE}.PUBLIC."${names.TABLE.replace(/"/g, '""')}"`;
}

/**
 * The default log seed: the tutorial's without an attendee, else one derived from the attendee
 * name, so that each table's contents are known in advance (the facilitator's card prints it)
 * and differ between attendees.
 */
export function defaultSeedFor(attendee: string | undefined): number {
  if (!attendee) return DEFAULT_SEED;
  // node:crypto is loaded here, not imported: it costs every command ~10 ms of start-up.
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(`oqs-attendee:${attendee}`).digest().readUInt32BE(0) & 0x7fffffff;
}

/** Where an attendee's walk keeps its state: apart from the profile's own and from other attendees'. */
export function stateNameOf(profile: string, attendee: string | undefined): string {
  // "@" is not allowed in profile names, so "default@alice" can never be a profile's own file.
  return attendee ? `${profile}@${attendee}` : profile;
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const shown = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}

/** One line naming an attendee's objects, for the walk's start and the facilitator's cards. */
export function describeNames(names: Names, attendee: string): string {
  return `Attendee ${attendee}: topic ${names.TOPIC}, consumer group ${names.GROUP}, role ${names.ROLE}, database ${names.DATABASE}, warehouse ${names.WAREHOUSE}, network rule ${names.NETWORK_RULE}, integration ${names.INTEGRATION}, runtime ${names.RUNTIME} in the shared deployment ${names.DEPLOYMENT}, table "${names.TABLE}".`;
}
