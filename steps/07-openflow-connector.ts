// The hand-off to Openflow: the Kafka connector still has no gen 2 definition, so a person adds it
// to the runtime from the connector library and configures it in the canvas. The wizard opens with
// the canvas address (DESCRIBE OPENFLOW RUNTIME's server_url), lists only what is left with the
// exact values (secret masked), and waits until the connector's consumer group has a member
// assigned to the topic. That needs only Kafka, so a Kafka-only walk keeps this step: with
// "latest" offset reset, records produced before that moment are never ingested, so the produce
// steps always come after. In the sandbox the local connector starts in the emulated runtime,
// with exactly these values, and reaches only what the network rule allows.
import type { GroupDescription } from '../src/engine/ports.js';
import type { Check, Step, StepContext } from '../src/engine/step.js';
import { StepFailure } from '../src/engine/step.js';
import { networkRuleAllows } from '../src/config/brokers.js';
import { ident } from '../src/sql.js';
import type { OpenflowRuntimeOut } from './06-openflow-runtime.js';
import { clockText, describeRuntime, openflowGeneration } from './shared/openflow.js';
import { formatParameterTables, openflowParameterContexts, openflowParameterValues, waitedOn } from './shared/openflow-parameters.js';
import { parseValueList } from './shared/setup-objects.js';
import { errorText, field, pause, rowsOrNull, sqlNames } from './shared/snowflake.js';

export interface OpenflowConnectorOut {
  groupId: string;
  topic: string;
  members: number;
  /** True when the sandbox's local connector was started by this step. */
  startedLocalConnector: boolean;
}

const POLL_MS = 2000;
const SANDBOX_WAIT_MS = 120_000;
/** A person needs time to click through the canvas; still bounded (--connector-timeout). */
const REAL_WAIT_MS = 30 * 60_000;
const NOTE_EVERY_MS = 30_000;
export const CONNECTOR_NAME = 'Openflow Kafka; JSON + SASL + Schema evolution';

export const openflowConnector: Step<OpenflowConnectorOut> = {
  id: 'openflow-connector',
  title: 'Add and start the Openflow connector',
  explain:
    `In the runtime's canvas, add the "${CONNECTOR_NAME}" connector, fill in its three parameter contexts, enable its services and start it. The wizard shows the exact values and waits until the connector's consumer group reads the topic; nothing is produced before that.`,
  manual: (ctx) => `rpk group describe ${sqlNames(ctx.config).GROUP}   # consuming once a member is assigned to the topic`,
  check: (ctx) => consumingCheck(ctx),
  async run(ctx, progress) {
    const topic = ctx.config.kafka.topic;
    const { GROUP: groupId, INTEGRATION } = sqlNames(ctx.config);
    const sandbox = ctx.config.target === 'sandbox';
    const canvas = await canvasAddress(ctx);
    ctx.ui.show({
      title: sandbox ? 'Openflow connector (the sandbox starts its local connector with exactly these values)' : 'Openflow connector: what is left to do',
      summary: handOffSummary(ctx, canvas),
      body: handOffText(ctx, canvas),
    });
    const limitMs = waitLimitMs(ctx);
    progress.note(
      `Waiting for the connector: nothing is produced until consumer group ${groupId} reads "${topic}" (Kafka Auto Offset Reset "latest" would lose earlier logs).`,
    );

    let startedLocalConnector = false;
    const before = await ctx.kafka.describeGroup(groupId);
    if (sandbox && !assignedTo(before, topic)) {
      if (!ctx.connector) throw new StepFailure('The sandbox has no local connector to start.', 'This is a bug in the sandbox wiring; please report it.');
      progress.note(`Sandbox: starting the local connector in runtime ${sqlNames(ctx.config).RUNTIME} with the values above.`);
      try {
        await ctx.connector.start(openflowParameterValues(ctx.config));
      } catch (err) {
        const gaps = await networkRuleGaps(ctx);
        throw new StepFailure(`The connector could not start: ${errorText(err)}`, gaps ?? 'See connector.log in the sandbox folder, fix the cause, and run the walk again.');
      }
      startedLocalConnector = true;
    }

    const started = ctx.clock.now().getTime();
    let lastNote = started;
    let lastState = '';
    for (;;) {
      const group = await ctx.kafka.describeGroup(groupId);
      if (assignedTo(group, topic)) {
        const members = group.members.filter((m) => m.topics.includes(topic)).length;
        progress.note(`Consumer group ${groupId} is consuming "${topic}" (${members} member${members === 1 ? '' : 's'}).`);
        return { groupId: groupId, topic, members, startedLocalConnector };
      }
      const now = ctx.clock.now().getTime();
      const state = describeWait(group, topic);
      // The limit is the progress's total (a wait in seconds): the screen states it once, beside the elapsed time.
      progress.report({ done: Math.round((now - started) / 1000), total: Math.round(limitMs / 1000), unit: 's', detail: `waiting for the connector: ${state}` });
      if (state !== lastState || now - lastNote >= NOTE_EVERY_MS) {
        // A note is a line of the log, not a clock: the first one says no "(0:00 so far)".
        progress.note(`Waiting for the connector${now - started >= 1000 ? ` (${clockText(now - started)} so far)` : ''}: ${state}`);
        lastState = state;
        lastNote = now;
      }
      if (now - started >= limitMs) {
        const gaps = await networkRuleGaps(ctx);
        throw new StepFailure(
          `The consumer group ${groupId} did not start consuming "${topic}" within ${clockText(limitMs)} (${state}). Nothing was produced.`,
          gaps ??
            (sandbox
              ? 'The local connector did not join the group: see connector.log in the sandbox folder, then run again.'
              : `Check in the canvas that the connector is started (right-click the canvas → Start), that the runtime has the ${INTEGRATION} integration, and that Kafka Group Id is exactly ${groupId}. Then run again (--connector-timeout SECONDS waits longer).`),
        );
      }
      await pause(POLL_MS, ctx.signal);
      if (ctx.signal.aborted) return { groupId: groupId, topic, members: 0, startedLocalConnector };
    }
  },
  summarize: (out) => `${out.groupId} consuming ${out.topic} (${out.members} member${out.members === 1 ? '' : 's'})${out.startedLocalConnector ? '; local connector started' : ''}`,
};

async function consumingCheck(ctx: StepContext): Promise<Check> {
  const topic = ctx.config.kafka.topic;
  // A broker the runtime may not reach leaves its partitions unread, even with a member in the
  // group: no produce step may start then. (No rule yet is no gap: setup-sql comes first.)
  const gaps = await networkRuleGaps(ctx, { ruleMissing: false });
  if (gaps) return { state: 'blocked', reason: gaps };
  const group = await ctx.kafka.describeGroup(sqlNames(ctx.config).GROUP);
  if (assignedTo(group, topic)) return { state: 'done', summary: `${group.groupId} is consuming ${topic}` };
  // The sandbox's connector lives in the wizard's process: between walks it is stopped, which is
  // expected, not drift; every walk starts it again (and it resumes from its stored offsets).
  if (ctx.config.target === 'sandbox') return { state: 'pending', reason: 'the local connector runs while a walk runs; this walk starts it', recurring: true };
  return { state: 'pending', reason: describeWait(group, topic) };
}

function assignedTo(group: GroupDescription, topic: string): boolean {
  return group.members.some((m) => m.topics.includes(topic));
}

function describeWait(group: GroupDescription, topic: string): string {
  if (group.members.length === 0) return `consumer group ${group.groupId} has no members yet (state ${group.state})`;
  return `consumer group ${group.groupId} has ${group.members.length} member(s), none assigned to "${topic}" yet (state ${group.state})`;
}

function waitLimitMs(ctx: StepContext): number {
  const configured = ctx.config.connectorWaitMs;
  if (typeof configured === 'number' && configured > 0) return configured;
  return ctx.config.target === 'sandbox' ? SANDBOX_WAIT_MS : REAL_WAIT_MS;
}

/** The canvas URL from DESCRIBE OPENFLOW RUNTIME (gen 2), else null (no Snowflake, gen 1, no runtime yet). */
async function canvasAddress(ctx: StepContext): Promise<string | null> {
  const recorded = ctx.state.outputOf<OpenflowRuntimeOut>('openflow-runtime')?.serverUrl;
  if (recorded) return recorded;
  if (!ctx.warehouse) return null;
  try {
    if (!(await openflowGeneration(ctx.warehouse)).gen2) return null;
    const row = await describeRuntime(ctx.warehouse, sqlNames(ctx.config));
    const url = row ? field(row, 'server_url') : null;
    return typeof url === 'string' && url ? url : null;
  } catch {
    return null;
  }
}

/**
 * Brokers the network rule does not let through, explained; null when it lists them all or
 * cannot be read (and, with ruleMissing false, when there is no rule yet). The runtime reaches only the rule's host:port pairs, and the tutorial's jq
 * one-liner drops the ports.
 */
export async function networkRuleGaps(ctx: StepContext, opts: { ruleMissing: boolean } = { ruleMissing: true }): Promise<string | null> {
  if (!ctx.warehouse) return null;
  const names = sqlNames(ctx.config);
  const rule = `${names.DATABASE}.NETWORKS.${names.NETWORK_RULE}`;
  try {
    const rows = await rowsOrNull(ctx.warehouse, `DESCRIBE NETWORK RULE ${ident(names.DATABASE)}.NETWORKS.${ident(names.NETWORK_RULE)}`);
    if (!rows?.[0]) return opts.ruleMissing ? `The network rule ${rule} does not exist, so the runtime can reach no broker: run setup-sql again (--from setup-sql).` : null;
    const allowed = parseValueList(field(rows[0], 'value_list'));
    const { brokers } = await ctx.kafka.describeCluster();
    const missing = brokers.filter((b) => !networkRuleAllows(allowed, b.host, b.port)).map((b) => `${b.host}:${b.port}`);
    if (missing.length === 0) return null;
    // What is missing and what to do first: a walk's screen shows the first lines of a blocked step.
    return (
      `The network rule ${rule} does not list broker${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: the Openflow runtime cannot connect to ${missing.length === 1 ? 'it' : 'them'}. ` +
      'Run setup-sql again (--from setup-sql): it lists every broker as host:port; then run the walk again. ' +
      `The rule allows only ${allowed.join(', ') || 'nothing'} (the tutorial's jq one-liner drops the ports), so the connector cannot read the partitions led there.`
    );
  } catch {
    return null;
  }
}

/**
 * What must stay on screen while the walk waits (pinned at 80x24): where the canvas is, the three
 * values the walk waits on, and the next action.
 */
export function handOffSummary(ctx: Pick<StepContext, 'config'>, canvas: string | null = null): string {
  const names = sqlNames(ctx.config);
  const sandbox = ctx.config.target === 'sandbox';
  const where = canvas ?? (sandbox ? '(none in the sandbox: its connector runs in the emulated runtime)' : `Snowsight » Data » Integrations » Openflow » ${names.RUNTIME}`);
  // Short lines, no alignment: a terminal pins these as they are, at 80 columns too.
  return [
    `Canvas: ${where}`,
    ...waitedOn(ctx.config).map((p) => `${p.name}: ${p.value}`),
    `Next: in the canvas, add "${CONNECTOR_NAME}",`,
    'then fill the 3 parameter contexts below, enable the services, start.',
  ].join('\n');
}

/** The whole hand-off: the summary, then only what is left to do, with the tables (secret masked). */
export function handOffText(ctx: Pick<StepContext, 'config'>, canvas: string | null = null): string {
  return [
    handOffSummary(ctx, canvas),
    '',
    'Left to do in the canvas (the walk waits until the connector consumes):',
    `1. Add "${CONNECTOR_NAME}" to the runtime (connector library).`,
    '2. Parameter contexts → ⋮ → Edit → Parameters, for each table below; Apply.',
    '3. Right-click the canvas → Enable all Controller Services, then → Start.',
    '   (A "Snowflake Private Key Service" error is harmless with SNOWFLAKE_SESSION_TOKEN.)',
    '',
    formatParameterTables(openflowParameterContexts(ctx.config)),
    '',
    ...(ctx.config.kafka.password ? ['Kafka SASL Password is your API secret, shown as ••••: type it from where you keep it.'] : []),
    'Later: openflow-kafka-quickstart openflow-params prints these tables again.',
  ].join('\n');
}
