// The tutorial's cleanup (script 5, plus the Kafka topic): permanently drops the database (all
// logs), the warehouse and the external access integration, deletes the topic and — when nobody
// is in it any more — the connector's consumer group. Always asks first; headless it only
// proceeds with --yes --cleanup. QUICKSTART_ROLE is kept, as in the tutorial.
import type { Check, Step, StepContext } from '../src/engine/step.js';
import { StepFailure } from '../src/engine/step.js';
import { renderTemplate, splitStatements } from '../src/sql.js';
import { existsLike } from './shared/setup-objects.js';
import { errorText, firstLineOf, isNotAvailableInSandbox, sqlNames, warehouseOf } from './shared/snowflake.js';

export interface CleanupOut {
  /** False when the person said no (nothing was dropped). */
  confirmed: boolean;
  statementsRun: number;
  /** Statements the sandbox does not have (e.g. Cortex Search, alerts), skipped with a note. */
  skipped: string[];
  topicDeleted: boolean;
  groupDeleted: boolean;
}

const STOP_CONNECTOR =
  'Stop and disable the connector in the Openflow canvas: right-click the connector process group → Stop, then right-click again → Disable (optionally delete it). Delete the runtime and deployment too if no other connector uses them.';

/** What still exists of what the walk made, one phrase each. */
async function leftovers(ctx: StepContext): Promise<string[]> {
  const names = sqlNames(ctx.config);
  const left: string[] = [];
  if (ctx.warehouse) {
    if (await existsLike(ctx.warehouse, 'SHOW DATABASES', names.DATABASE)) left.push(`database ${names.DATABASE}`);
    if (await existsLike(ctx.warehouse, 'SHOW WAREHOUSES', names.WAREHOUSE)) left.push(`warehouse ${names.WAREHOUSE}`);
    if (await existsLike(ctx.warehouse, 'SHOW EXTERNAL ACCESS INTEGRATIONS', names.INTEGRATION)) left.push(`integration ${names.INTEGRATION}`);
  }
  if (await ctx.kafka.describeTopic(ctx.config.kafka.topic)) left.push(`topic ${ctx.config.kafka.topic}`);
  return left;
}

export const cleanup: Step<CleanupOut> = {
  id: 'cleanup',
  title: 'Clean up (asks first)',
  explain:
    "Drops what the quickstart created — the database with all ingested logs, the warehouse, the external access integration — and deletes the Kafka topic and the connector's consumer group. It always asks first, and reminds you to stop the connector in Openflow.",
  manual: (ctx) => `openflow-kafka-quickstart sql cleanup${ctx.config.attendee ? ` --attendee ${ctx.config.attendee}` : ''}   # in Snowsight; then: rpk topic delete ${ctx.config.kafka.topic}`,
  async check(ctx): Promise<Check> {
    const left = await leftovers(ctx);
    // Never "done" merely because nothing exists yet: at the start of a walk nothing does, and
    // a done cleanup would be planned as skipped before the walk had created anything.
    // Recurring: it asks on every walk, so having been answered "keep" before is no drift.
    if (left.length === 0) return { state: 'pending', reason: 'nothing to drop right now; runs last and asks first', recurring: true };
    return { state: 'pending', reason: `still there: ${left.join(', ')}`, recurring: true };
  },
  async run(ctx, progress) {
    const names = sqlNames(ctx.config);
    const topic = ctx.config.kafka.topic;
    const left = await leftovers(ctx);
    if (ctx.config.target === 'real') ctx.ui.show({ title: 'Before you clean up: stop the Openflow connector', body: STOP_CONNECTOR });
    if (left.length === 0) {
      progress.note('Nothing to drop: the Snowflake objects and the topic are already gone.');
      return { confirmed: true, statementsRun: 0, skipped: [], topicDeleted: false, groupDeleted: await deleteGroupIfEmpty(ctx, progress.note) };
    }
    const yes = await ctx.ui.confirm(`Permanently drop ${left.join(', ')} (all ingested logs), and consumer group ${names.GROUP}?`, {
      defaultAnswer: false,
      headlessAnswer: ctx.config.cleanup === true,
    });
    if (!yes) {
      progress.note('Kept everything: nothing was dropped. (Headless, cleanup needs both --yes and --cleanup.)');
      return { confirmed: false, statementsRun: 0, skipped: [], topicDeleted: false, groupDeleted: false };
    }

    if (ctx.config.target === 'sandbox' && ctx.connector) {
      progress.note('Sandbox: stopping the local connector.');
      await ctx.connector.stop();
    }

    const skipped: string[] = [];
    let statementsRun = 0;
    if (ctx.warehouse) {
      const w = warehouseOf(ctx);
      const statements = splitStatements(renderTemplate('cleanup', names));
      for (const [i, statement] of statements.entries()) {
        progress.report({ done: i, total: statements.length, unit: 'statements' });
        try {
          await w.execute(statement.text);
          statementsRun++;
        } catch (err) {
          if (isNotAvailableInSandbox(err)) {
            skipped.push(firstLineOf(statement.text));
            progress.note(`Skipped (not available in the sandbox, so nothing of it can exist): ${firstLineOf(statement.text)}`);
            continue;
          }
          throw new StepFailure(
            `Cleanup statement at line ${statement.line} failed (${firstLineOf(statement.text)}): ${errorText(err)}`,
            'Every statement is IF EXISTS, so running cleanup again is safe once the cause is fixed. `openflow-kafka-quickstart sql cleanup` prints the script.',
          );
        }
      }
      progress.report({ done: statements.length, total: statements.length, unit: 'statements' });
    }

    let topicDeleted = false;
    if (await ctx.kafka.describeTopic(topic)) {
      await ctx.kafka.deleteTopic(topic);
      topicDeleted = true;
      progress.note(`Deleted topic ${topic}.`);
    }
    const groupDeleted = await deleteGroupIfEmpty(ctx, progress.note);
    return { confirmed: true, statementsRun, skipped, topicDeleted, groupDeleted };
  },
  summarize: (out) =>
    out.confirmed
      ? `dropped the Snowflake objects (${out.statementsRun} statements${out.skipped.length ? `, ${out.skipped.length} not in the sandbox` : ''})${out.topicDeleted ? ', topic deleted' : ''}${out.groupDeleted ? ', consumer group deleted' : ''}; stop and disable the connector in Openflow`
      : 'kept everything (not confirmed)',
  kept: (out) => !out.confirmed,
};

/** The group only goes once nobody consumes in it: a running connector would recreate it anyway. */
async function deleteGroupIfEmpty(ctx: StepContext, note: (line: string) => void): Promise<boolean> {
  const groupId = sqlNames(ctx.config).GROUP;
  const group = await ctx.kafka.describeGroup(groupId);
  if (group.state === 'Dead' || (group.state === 'Unknown' && group.members.length === 0)) return false;
  if (group.members.length > 0) {
    note(`Consumer group ${groupId} still has ${group.members.length} member(s): the connector is running. Stop it in Openflow, then run cleanup again to delete the group.`);
    return false;
  }
  try {
    await ctx.kafka.deleteGroup(groupId);
    note(`Deleted consumer group ${groupId}.`);
    return true;
  } catch (err) {
    note(`Could not delete consumer group ${groupId}: ${errorText(err)}`);
    return false;
  }
}
