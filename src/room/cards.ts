// One card per attendee: their names, the commands to run, and a .env the wizard reads from the
// folder it runs in. The .env holds no secret unless the facilitator asked for them (the file
// is then 0600 and the card says so).
import type { KafkaConfig } from '../config/types.js';
import { DEFAULT_TOPIC } from '../config/topic.js';
import { ATTENDEE_VARIABLE } from '../config/attendee.js';
import type { Roster, RosterAttendee } from './roster.js';
import { RosterError, attendeeNames } from './roster.js';

export const CLI = 'npx openflow-kafka-quickstart';

export interface CardSettings {
  target: 'real' | 'sandbox';
  /** The facilitator's Kafka settings (real target). */
  kafka?: KafkaConfig;
  snowflakeAccount?: string;
  /** Write the Kafka SASL password into each .env. */
  withSecrets: boolean;
  /** Flags every command on the card needs (a rehearsal: the facilitator's sandbox and state dir). */
  flags?: string;
}

export function envFileFor(roster: Roster, attendee: RosterAttendee, s: CardSettings): string {
  const lines = [`# openflow-kafka-quickstart: attendee ${attendee.id}${attendee.name !== attendee.id ? ` (${attendee.name})` : ''}`, `${ATTENDEE_VARIABLE}=${attendee.id}`];
  if (roster.baseTopic !== DEFAULT_TOPIC) lines.push(`KAFKA_TOPIC=${roster.baseTopic}`);
  const k = s.kafka;
  if (s.target === 'real' && k) {
    lines.push(`KAFKA_BOOTSTRAP_SERVERS=${k.brokers.join(',')}`, `KAFKA_SECURITY_PROTOCOL=${k.securityProtocol}`);
    if (k.saslMechanism) lines.push(`KAFKA_SASL_MECHANISM=${k.saslMechanism}`);
    if (k.username) lines.push(`KAFKA_SASL_USERNAME=${k.username}`);
    if (k.password) {
      lines.push(s.withSecrets ? `KAFKA_SASL_PASSWORD=${quoteEnv(k.password.reveal())}` : '# KAFKA_SASL_PASSWORD=   (your facilitator gives it to you; the wizard asks for it when it is not set)');
    }
    if (k.caFile) lines.push(`# KAFKA_SSL_CA_FILE=${k.caFile}   (the facilitator's CA file: copy it and point here)`);
  }
  if (s.snowflakeAccount && s.target === 'real') {
    lines.push(
      `# Snowflake: export these in your shell (or use a Snowflake CLI connection with --connection NAME):`,
      `#   SNOWFLAKE_ACCOUNT=${s.snowflakeAccount}`,
      '#   SNOWFLAKE_USER=<your user>   SNOWFLAKE_PASSWORD=<your password>',
    );
  }
  return lines.join('\n') + '\n';
}

export function cardFor(roster: Roster, attendee: RosterAttendee, s: CardSettings): string {
  const n = attendeeNames(roster, attendee);
  const cmd = (sub: string, what: string) => `  # ${what}\n  ${CLI}${sub ? ` ${sub}` : ''}${s.flags ? ` ${s.flags}` : ''}`;
  const rows: Array<[string, string]> = [
    ['Kafka topic', n.TOPIC],
    ['Consumer group', n.GROUP],
    ['Snowflake role', n.ROLE],
    ['Database', n.DATABASE],
    ['Warehouse', n.WAREHOUSE],
    ['Network rule', `${n.NETWORK_RULE} (schema NETWORKS)`],
    ['Integration', n.INTEGRATION],
    ['Openflow runtime', n.RUNTIME],
    ['Deployment', `${n.DEPLOYMENT} (the room's, shared)`],
    ['Table', `"${n.TABLE}" (schema PUBLIC)`],
    ['Log seed', `${attendee.seed} (your table ends with 130 rows, 37 columns)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [
    `Openflow Kafka quickstart: ${attendee.name}${attendee.name !== attendee.id ? ` (attendee ${attendee.id})` : ''}`,
    '',
    'Your names (nobody else in the room uses them):',
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    '',
    'In this folder (its .env names you as the attendee):',
    cmd('test-connection', 'Kafka reachable, you may write'),
    cmd('', 'the walk; run it again to resume'),
    cmd('status', 'where you are'),
    cmd('sql setup', 'the setup script with your names, for Snowsight'),
    `Elsewhere, add --attendee ${attendee.id} (or set ${ATTENDEE_VARIABLE}=${attendee.id}).`,
    ...(s.withSecrets ? ['', 'The .env here holds the Kafka password: keep it to yourself and delete it after the workshop.'] : []),
    '',
  ].join('\n');
}

/** dotenv reads a value in single quotes or backticks literally; it has no escapes, so pick a quote the value lacks. */
function quoteEnv(value: string): string {
  if (/^[A-Za-z0-9_./:@+-]*$/.test(value)) return value;
  const quote = ["'", '`', '"'].find((q) => !value.includes(q));
  if (!quote || /[\r\n]/.test(value)) throw new RosterError('--with-secrets: the Kafka password cannot be written to a .env file (it holds every quote character or a line break)');
  return `${quote}${value}${quote}`;
}
