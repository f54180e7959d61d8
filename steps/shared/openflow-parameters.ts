// The Openflow connector's three parameter contexts, with the tutorial's parameter names and the
// walk's real values. One builder serves both the table a person copies into the Openflow UI
// and the sandbox connector, so the two can never disagree.
import type { WalkConfig } from '../../src/config/types.js';
import { sqlNames } from './snowflake.js';

export const LEAVE_EMPTY = 'Leave empty';
export const MASK = '••••';

export interface OpenflowParameter {
  name: string;
  /** The value to type in; '' means leave the field empty. */
  value: string;
  /** Sensitive: shown masked, never written anywhere. */
  secret?: boolean;
}

export interface OpenflowParameterContext {
  /** As listed under Parameter contexts in the Openflow UI. */
  title: string;
  parameters: OpenflowParameter[];
}

const PREFIX = 'Kafka JSON SASL SCHEMAEV';

export function openflowParameterContexts(config: WalkConfig): OpenflowParameterContext[] {
  const k = config.kafka;
  const names = sqlNames(config);
  return [
    {
      title: `${PREFIX} Source Parameters`,
      parameters: [
        { name: 'Kafka Bootstrap Servers', value: k.brokers.join(',') },
        { name: 'Kafka SASL Mechanism', value: k.saslMechanism ?? '' },
        { name: 'Kafka SASL Password', value: k.password?.reveal() ?? '', secret: true },
        { name: 'Kafka SASL Username', value: k.username ?? '' },
        { name: 'Kafka Security Protocol', value: k.securityProtocol },
      ],
    },
    {
      title: `${PREFIX} Destination Parameters`,
      parameters: [
        { name: 'Destination Database', value: names.DATABASE },
        { name: 'Destination Schema', value: 'PUBLIC' },
        { name: 'Snowflake Account Identifier', value: '' },
        { name: 'Snowflake Authentication Strategy', value: 'SNOWFLAKE_SESSION_TOKEN' },
        { name: 'Snowflake Private Key', value: '' },
        { name: 'Snowflake Private Key File', value: '' },
        { name: 'Snowflake Private Key Password', value: '' },
        { name: 'Snowflake Role', value: names.ROLE },
        { name: 'Snowflake Username', value: '' },
      ],
    },
    {
      title: `${PREFIX} Ingestion Parameters`,
      parameters: [
        { name: 'Kafka Auto Offset Reset', value: 'latest' },
        { name: 'Kafka Group Id', value: names.GROUP },
        { name: 'Kafka Topic Format', value: 'names' },
        { name: 'Kafka Topics', value: k.topic },
        { name: 'Topic To Table Map', value: '' },
      ],
    },
  ];
}

/** Every parameter by name, real values (the secret included): what the sandbox connector starts with. */
export function openflowParameterValues(config: WalkConfig): Record<string, string> {
  const values: Record<string, string> = {};
  for (const context of openflowParameterContexts(config)) for (const p of context.parameters) values[p.name] = p.value;
  return values;
}

/** The contexts as the tutorial's tables: Parameter | Value, secrets masked, empty ones "Leave empty". */
export function formatParameterTables(contexts: OpenflowParameterContext[]): string {
  const shown = (p: OpenflowParameter) => (p.value === '' ? LEAVE_EMPTY : p.secret ? MASK : p.value);
  const width = Math.max(...contexts.flatMap((c) => c.parameters.map((p) => p.name.length)));
  return contexts
    .map((c) => [c.title, ...c.parameters.map((p) => `  ${p.name.padEnd(width)}  ${shown(p)}`)].join('\n'))
    .join('\n\n');
}

/** The three values the walk waits on (the group it watches, the topic, and why it must not produce early). */
export const WAITED_ON = ['Kafka Group Id', 'Kafka Topics', 'Kafka Auto Offset Reset'] as const;

export function waitedOn(config: WalkConfig): OpenflowParameter[] {
  const all = openflowParameterContexts(config).flatMap((c) => c.parameters);
  return WAITED_ON.map((name) => all.find((p) => p.name === name)!);
}
