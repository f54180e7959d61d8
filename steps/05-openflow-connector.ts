// The hand-off to Openflow: only a person can add and configure the connector in the Openflow
// UI, so the wizard shows the exact parameter values (secret masked) and the clicks, then waits
// until the connector's consumer group has a member assigned to the topic. With "latest" offset
// reset, records produced before that moment are never ingested — so the produce steps come after.
// In the sandbox the local stand-in connector is started with the very same values.
import type { GroupDescription } from '../src/engine/ports.js';
import type { Check, Step, StepContext } from '../src/engine/step.js';
import { StepFailure } from '../src/engine/step.js';
import { formatParameterTables, openflowParameterContexts, openflowParameterValues } from './shared/openflow-parameters.js';
import { pause, snowflakeSettings, sqlNames } from './shared/snowflake.js';

export interface OpenflowConnectorOut {
  groupId: string;
  topic: string;
  members: number;
  /** True when the sandbox's local connector was started by this step. */
  startedLocalConnector: boolean;
}

const POLL_MS = 2000;
const SANDBOX_WAIT_MS = 120_000;
const NOTE_EVERY_MS = 30_000;

export const openflowConnector: Step<OpenflowConnectorOut> = {
  id: 'openflow-connector',
  title: 'Add and start the Openflow connector',
  explain:
    'In the Openflow UI, add the "Openflow Kafka; JSON + SASL + Schema evolution" connector to your runtime, fill in its three parameter contexts, and start it. The wizard shows the exact values and waits until the connector\'s consumer group reads the topic.',
  manual: (ctx) => `rpk group describe ${sqlNames(ctx.config).GROUP}   # consuming once a member is assigned to the topic`,
  check: (ctx) => consumingCheck(ctx),
  async run(ctx, progress) {
    const topic = ctx.config.kafka.topic;
    const { GROUP: groupId, INTEGRATION } = sqlNames(ctx.config);
    const sandbox = ctx.config.target === 'sandbox';
    ctx.ui.show({ title: sandbox ? 'Openflow connector parameters (the sandbox starts its local connector with exactly these)' : 'Openflow connector parameters', summary: handOffSummary(ctx), body: handOffText(ctx) });
    progress.note('Auto offset reset is "latest": logs produced before the connector consumes are never ingested. The produce steps wait for this step.');

    let startedLocalConnector = false;
    const before = await ctx.kafka.describeGroup(groupId);
    if (sandbox && !assignedTo(before, topic)) {
      if (!ctx.connector) throw new StepFailure('The sandbox has no local connector to start.', 'This is a bug in the sandbox wiring; please report it.');
      progress.note('Sandbox: starting the local connector with the parameters above.');
      await ctx.connector.start(openflowParameterValues(ctx.config));
      startedLocalConnector = true;
    }

    const limitMs = waitLimitMs(ctx);
    const started = ctx.clock.now().getTime();
    let lastNote = started;
    let lastState = '';
    for (;;) {
      const group = await ctx.kafka.describeGroup(groupId);
      if (assignedTo(group, topic)) {
        const members = group.members.filter((m) => m.topics.includes(topic)).length;
        progress.note(`Consumer group ${groupId} is consuming "${topic}" (${members} member${members === 1 ? '' : 's'}).`);
        return { groupId, topic, members, startedLocalConnector };
      }
      const now = ctx.clock.now().getTime();
      const state = describeWait(group, topic);
      if (state !== lastState || now - lastNote >= NOTE_EVERY_MS) {
        progress.note(`Waiting for the connector (${Math.round((now - started) / 1000)}s): ${state}`);
        lastState = state;
        lastNote = now;
      }
      if (now - started >= limitMs) {
        throw new StepFailure(
          `The consumer group ${groupId} did not start consuming "${topic}" within ${Math.round(limitMs / 1000)}s (${state}).`,
          sandbox
            ? 'The local connector did not join the group: see its log in the state directory, then run again.'
            : `Check in the Openflow canvas that the connector is started (right-click the canvas → Start), that the runtime has the ${INTEGRATION} integration, and that Kafka Group Id is exactly ${groupId}.`,
        );
      }
      await pause(POLL_MS, ctx.signal);
      if (ctx.signal.aborted) return { groupId, topic, members: 0, startedLocalConnector };
    }
  },
  summarize: (out) => `${out.groupId} consuming ${out.topic} (${out.members} member${out.members === 1 ? '' : 's'})${out.startedLocalConnector ? '; local connector started' : ''}`,
};

async function consumingCheck(ctx: StepContext): Promise<Check> {
  const topic = ctx.config.kafka.topic;
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
  return ctx.config.target === 'sandbox' ? SANDBOX_WAIT_MS : Number.POSITIVE_INFINITY;
}

/** What must stay on screen while the walk waits: the three values it waits on, and the action to take. */
export function handOffSummary(ctx: Pick<StepContext, 'config'>): string {
  const names = sqlNames(ctx.config);
  return [
    `Kafka Group Id: ${names.GROUP}`,
    `Kafka Topics: ${ctx.config.kafka.topic}`,
    'Kafka Auto Offset Reset: latest',
    'Next: fill in the three parameter contexts (below), then Start the connector on the canvas.',
  ].join('\n');
}

/** Everything the person needs in the Openflow UI, in the tutorial's order. */
export function handOffText(ctx: Pick<StepContext, 'config'>): string {
  const names = sqlNames(ctx.config);
  const account = snowflakeSettings(ctx.config).account;
  const snowsight = account && /^[A-Za-z0-9_]+-[A-Za-z0-9_-]+$/.test(account) ? `https://app.snowflake.com/${account.replace('-', '/').toLowerCase()}/` : 'https://app.snowflake.com/';
  return [
    `1. Open Snowsight (${snowsight}) → Data » Integrations » Openflow, open your runtime (its runtime role ${names.ROLE}, with the external access integration ${names.INTEGRATION} attached).`,
    '2. Add the connector "Openflow Kafka; JSON + SASL + Schema evolution" to the runtime; the canvas opens in a new tab.',
    '3. On the canvas: Parameter contexts → ⋮ → Edit → Parameters tab, for each context below; click Apply.',
    '',
    formatParameterTables(openflowParameterContexts(ctx.config)),
    '',
    `4. Navigate up to the process group, right-click an empty spot of the canvas → Start. (An error about "Snowflake Private Key Service" can be ignored with SNOWFLAKE_SESSION_TOKEN.)`,
    '',
    `Warning: Kafka Auto Offset Reset is "latest": logs produced before the connector consumes are never ingested. Start the connector before producing.`,
    ...(ctx.config.kafka.password ? ['Kafka SASL Password is your API secret, shown as ••••: type it in from where you keep it.'] : []),
    `Docs: https://docs.snowflake.com/en/user-guide/data-integration/openflow/connectors/kafka/about`,
    `The wizard continues once consumer group ${names.GROUP} has a member assigned to "${ctx.config.kafka.topic}".`,
  ].join('\n');
}
