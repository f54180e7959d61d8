// The Openflow connector's parameters (as the person types them into the three parameter
// contexts) → validated settings. A bad value fails with one line naming the parameter; the
// password is never part of a message.
import { SASL_MECHANISMS, SECURITY_PROTOCOLS, Secret, type KafkaConfig, type SaslMechanism, type SecurityProtocol } from '../../config/types.js';

export interface TopicTarget {
  topic: string;
  /** The table's name as Snowflake stores it (APPLICATION-LOGS), unquoted. */
  table: string;
}

export interface ConnectorSettings {
  kafka: KafkaConfig;
  groupId: string;
  autoOffsetReset: 'latest' | 'earliest';
  targets: TopicTarget[];
  database: string;
  schema: string;
  role: string;
}

export class ConnectorParameterError extends Error {
  override name = 'ConnectorParameterError';
}

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

function fail(parameter: string, problem: string): never {
  throw new ConnectorParameterError(`Openflow parameter "${parameter}": ${problem}`);
}

function required(params: Record<string, string>, name: string): string {
  const value = (params[name] ?? '').trim();
  if (value === '') fail(name, 'is empty');
  return value;
}

/**
 * A Snowflake object name as typed into a parameter: unquoted names fold to upper case (as
 * Snowflake folds them), a "quoted" name is kept as written.
 */
export function objectName(parameter: string, raw: string): string {
  if (/^".*"$/.test(raw) && raw.length > 2) return raw.slice(1, -1).replace(/""/g, '"');
  if (PLAIN_IDENTIFIER.test(raw)) return raw.toUpperCase();
  return fail(parameter, `${JSON.stringify(raw)} is not a Snowflake identifier (quote it in "double quotes" to keep it as written)`);
}

function brokers(raw: string): string[] {
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0) fail('Kafka Bootstrap Servers', 'is empty');
  for (const b of list) {
    const m = /^(.+):(\d{1,5})$/.exec(b);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) fail('Kafka Bootstrap Servers', `${JSON.stringify(b)} is not host:port`);
  }
  return list;
}

function topicTargets(topicsRaw: string, mapRaw: string): TopicTarget[] {
  const topics = topicsRaw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (topics.length === 0) fail('Kafka Topics', 'is empty');
  for (const t of topics) if (!TOPIC_NAME.test(t)) fail('Kafka Topics', `${JSON.stringify(t)} is not a valid Kafka topic name`);
  const map = new Map<string, string>();
  for (const entry of mapRaw.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const colon = entry.indexOf(':');
    if (colon <= 0 || colon === entry.length - 1) fail('Topic To Table Map', `${JSON.stringify(entry)} is not topic:TABLE`);
    const topic = entry.slice(0, colon).trim();
    if (!topics.includes(topic)) fail('Topic To Table Map', `topic ${JSON.stringify(topic)} is not among the Kafka Topics`);
    map.set(topic, objectName('Topic To Table Map', entry.slice(colon + 1).trim()));
  }
  // Openflow's default: the topic name upper-cased, kept exactly (quoted): "APPLICATION-LOGS".
  const targets = [...new Set(topics)].map((topic) => ({ topic, table: map.get(topic) ?? topic.toUpperCase() }));
  const tables = targets.map((t) => t.table);
  const dup = tables.find((t, i) => tables.indexOf(t) !== i);
  if (dup) fail('Topic To Table Map', `two topics would write to the same table ${dup}`);
  return targets;
}

export function parseConnectorParameters(params: Record<string, string>): ConnectorSettings {
  const securityProtocol = required(params, 'Kafka Security Protocol').toUpperCase();
  if (!(SECURITY_PROTOCOLS as readonly string[]).includes(securityProtocol)) {
    fail('Kafka Security Protocol', `${JSON.stringify(securityProtocol)} is not one of ${SECURITY_PROTOCOLS.join(', ')}`);
  }
  const sasl = securityProtocol.startsWith('SASL_');
  const kafka: KafkaConfig = {
    brokers: brokers(required(params, 'Kafka Bootstrap Servers')),
    topic: '',
    securityProtocol: securityProtocol as SecurityProtocol,
    sources: {},
  };
  if (sasl) {
    const mechanism = required(params, 'Kafka SASL Mechanism').toUpperCase();
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      fail('Kafka SASL Mechanism', `${JSON.stringify(mechanism)} is not one of ${SASL_MECHANISMS.join(', ')}`);
    }
    kafka.saslMechanism = mechanism as SaslMechanism;
    kafka.username = required(params, 'Kafka SASL Username');
    const password = params['Kafka SASL Password'] ?? '';
    if (password === '') fail('Kafka SASL Password', 'is empty');
    kafka.password = new Secret(password);
  }

  const reset = required(params, 'Kafka Auto Offset Reset').toLowerCase();
  if (reset !== 'latest' && reset !== 'earliest') fail('Kafka Auto Offset Reset', `${JSON.stringify(reset)} is neither latest nor earliest`);

  const format = required(params, 'Kafka Topic Format').toLowerCase();
  if (format !== 'names') fail('Kafka Topic Format', `${JSON.stringify(format)}: the sandbox connector reads topics by names only`);

  const targets = topicTargets(required(params, 'Kafka Topics'), params['Topic To Table Map'] ?? '');
  kafka.topic = targets[0]!.topic;

  return {
    kafka,
    groupId: required(params, 'Kafka Group Id'),
    autoOffsetReset: reset,
    targets,
    database: objectName('Destination Database', required(params, 'Destination Database')),
    schema: objectName('Destination Schema', required(params, 'Destination Schema')),
    role: objectName('Snowflake Role', required(params, 'Snowflake Role')),
  };
}
