// Every broker the connector may be sent to must be allowed by Snowflake's network rule. The
// tutorial's jq one-liner drops the ports; the rule needs host:port, so we keep them, and add
// the bootstrap address the connector dials first.
import type { BrokerAddress } from '../src/engine/ports.js';
import type { Step } from '../src/engine/step.js';

export interface ExtractBrokersOut {
  brokers: BrokerAddress[];
  bootstrap: string[];
  /** host:port values for the network rule's VALUE_LIST, bootstrap first. */
  valueList: string[];
  /** e.g. *.us-west-2.aws.confluent.cloud:9092 when every host shares a domain. */
  wildcard: string | null;
}

export const extractBrokers: Step<ExtractBrokersOut> = {
  id: 'extract-brokers',
  title: 'Extract broker endpoints',
  explain:
    "Reads every broker's host and port from the cluster metadata: Snowflake's network rule must list each of them (plus the bootstrap address), or the connector cannot reach the partition leaders.",
  manual: () => `rpk cluster info --format=json | jq -r '[.brokers[] | "\\(.host):\\(.port)"] | join(",")'`,
  async check(ctx) {
    const recorded = ctx.state.outputOf<ExtractBrokersOut>('extract-brokers');
    if (!recorded) return { state: 'pending', reason: 'not extracted yet' };
    const now = valueListOf((await ctx.kafka.describeCluster()).brokers, ctx.kafka.bootstrap);
    const added = now.filter((v) => !recorded.valueList.includes(v));
    const gone = recorded.valueList.filter((v) => !now.includes(v));
    if (added.length || gone.length) {
      return {
        state: 'drifted',
        diff: [...added.map((v) => `new broker ${v}`), ...gone.map((v) => `broker ${v} is gone`)],
        fix: 'the list will be extracted again and the network rule re-rendered',
      };
    }
    return { state: 'done', summary: extractBrokers.summarize!(recorded) };
  },
  async run(ctx, progress) {
    const { brokers } = await ctx.kafka.describeCluster();
    const valueList = valueListOf(brokers, ctx.kafka.bootstrap);
    const wildcard = wildcardFor(valueList);
    progress.note(`VALUE_LIST = (${valueList.map((v) => `'${v}'`).join(', ')})`);
    if (wildcard) progress.note(`All hosts share a domain: VALUE_LIST = ('${wildcard}') would also do.`);
    return { brokers, bootstrap: [...ctx.kafka.bootstrap], valueList, wildcard };
  },
  summarize: (out) => `${out.valueList.length} endpoint${out.valueList.length === 1 ? '' : 's'}: ${out.valueList.join(', ')}`,
};

export function valueListOf(brokers: BrokerAddress[], bootstrap: readonly string[]): string[] {
  const all = [...bootstrap.map(normaliseEndpoint), ...brokers.map((b) => endpoint(b.host, b.port))];
  return [...new Set(all)];
}

function endpoint(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

function normaliseEndpoint(address: string): string {
  return address.trim().toLowerCase();
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The longest shared parent domain (at least two labels, not a bare TLD+1) when all ports agree. */
export function wildcardFor(valueList: string[]): string | null {
  if (valueList.length < 2) return null;
  const parsed = valueList.map((v) => {
    const i = v.lastIndexOf(':');
    return { host: v.slice(0, i), port: v.slice(i + 1) };
  });
  if (new Set(parsed.map((p) => p.port)).size !== 1) return null;
  if (parsed.some((p) => IPV4.test(p.host) || p.host.startsWith('[') || !p.host.includes('.'))) return null;
  const labels = parsed.map((p) => p.host.split('.').reverse());
  const shared: string[] = [];
  for (let i = 0; ; i++) {
    const label = labels[0][i];
    // Keep at least one label of each host for the '*' to stand for.
    if (label === undefined || labels.some((l) => l[i] !== label || l.length <= i + 1)) break;
    shared.push(label);
  }
  if (shared.length < 3) return null;
  return `*.${shared.reverse().join('.')}:${parsed[0].port}`;
}
