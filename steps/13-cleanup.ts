// The tutorial's cleanup (script 5, plus the Kafka topic and the Openflow runtime): first the
// runtime in the documented order (SUSPEND, TERMINATE, DROP, waiting on each), then the database
// (all logs), the warehouse and the external access integration, the topic and — when nobody is in
// it any more — the connector's consumer group. Always asks first; headless it only proceeds with
// --yes --cleanup. The deployment is kept unless the person says otherwise (it may host other
// runtimes); QUICKSTART_ROLE is kept, as in the tutorial.
import type { Check, Progress, Step, StepContext } from '../src/engine/step.js';
import { StepFailure } from '../src/engine/step.js';
import { renderTemplate, splitStatements } from '../src/sql.js';
import { clockText, describeDeployment, describeRuntime, openflowGeneration, openflowWaitMs, runtimeSql, statusOf, waitForStatus } from './shared/openflow.js';
import { ident } from '../src/sql.js';
import { useAccountAdmin, type OpenflowDeploymentOut } from './05-openflow-deployment.js';
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
  /** The Openflow runtime was suspended, terminated and dropped. */
  runtimeDropped?: boolean;
  /** The Openflow deployment was terminated and dropped (only when the person said so). */
  deploymentDropped?: boolean;
  /** The Openflow deployment still there after cleanup, and whether it bills (a real account). */
  deploymentKept?: { name: string; costs: boolean };
}

const STOP_CONNECTOR =
  'Stop and disable the connector in the Openflow canvas: right-click the connector process group → Stop, then right-click again → Disable (optionally delete it). The wizard then removes the runtime (SUSPEND, TERMINATE, DROP) if you agree, and keeps the deployment unless you say otherwise.';

/** What still exists of what the walk made, one phrase each. */
async function leftovers(ctx: StepContext): Promise<string[]> {
  const names = sqlNames(ctx.config);
  const left: string[] = [];
  if (ctx.warehouse && (await runtimeThere(ctx))) left.push(`Openflow runtime ${names.RUNTIME}`);
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
    "Removes what the quickstart created — the Openflow runtime (suspend, terminate, drop), the database with all ingested logs, the warehouse, the external access integration — and deletes the Kafka topic and the connector's consumer group. It always asks first, reminds you to stop the connector in Openflow, and keeps the deployment unless you say otherwise.",
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
    // The runtime and deployment belong to ACCOUNTADMIN (it made them): other roles do not see them.
    if (ctx.warehouse) await useAccountAdmin(ctx, progress);
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
      await ctx.state.saveCheckpoint({ confirmed: false });
      // Said the same on a terminal and without one: both ways to agree later, neither assumed.
      progress.note('Kept everything: nothing was dropped. To clean up later, run the walk with --only cleanup (without a terminal, add --yes --cleanup).');
      return { confirmed: false, statementsRun: 0, skipped: [], topicDeleted: false, groupDeleted: false };
    }
    // Stopped from here on, the next walk finishes this cleanup instead of rebuilding (runner.ts).
    await ctx.state.saveCheckpoint({ confirmed: true });

    if (ctx.config.target === 'sandbox' && ctx.connector) {
      progress.note('Sandbox: stopping the local connector.');
      await ctx.connector.stop();
    }

    const runtimeDropped = ctx.warehouse ? await dropRuntime(ctx, progress) : false;
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
    const deployment = ctx.warehouse ? await maybeDropDeployment(ctx, progress) : { dropped: false };
    return {
      confirmed: true,
      statementsRun,
      skipped,
      topicDeleted,
      groupDeleted,
      runtimeDropped,
      deploymentDropped: deployment.dropped,
      ...(deployment.kept ? { deploymentKept: { name: deployment.kept, costs: ctx.config.target === 'real' } } : {}),
    };
  },
  summarize: (out) =>
    out.confirmed
      ? `${out.runtimeDropped ? 'runtime dropped; ' : ''}dropped the Snowflake objects (${out.statementsRun} statements${out.skipped.length ? `, ${out.skipped.length} not in the sandbox` : ''})${out.topicDeleted ? ', topic deleted' : ''}${out.groupDeleted ? ', consumer group deleted' : ''}${out.deploymentDropped ? ', deployment dropped' : ''}${keptText(out.deploymentKept)}`
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

async function runtimeThere(ctx: StepContext): Promise<boolean> {
  const w = ctx.warehouse!;
  if (!(await openflowGeneration(w)).gen2) return false;
  const row = await describeRuntime(w, sqlNames(ctx.config));
  return row !== null;
}

/** The documented order: SUSPEND → SUSPENDED, TERMINATE → TERMINATED, DROP; each wait bounded and shown. */
async function dropRuntime(ctx: StepContext, progress: Progress): Promise<boolean> {
  const w = ctx.warehouse!;
  const names = sqlNames(ctx.config);
  if (!(await openflowGeneration(w)).gen2) return false;
  let row = await describeRuntime(w, names);
  if (!row) return false;
  const limitMs = openflowWaitMs(ctx, 'runtime');
  const onTimeout = `Run cleanup again to continue removing ${names.RUNTIME} (the limit is ${clockText(limitMs)}).`;
  // A transitional status first settles (ALTER is refused meanwhile).
  if (!['ACTIVE', 'SUSPENDED', 'TERMINATED'].includes(statusOf(row)) && !statusOf(row).endsWith('_FAILED')) {
    row = await waitForStatus(ctx, progress, { kind: 'runtime', want: ['ACTIVE', 'SUSPENDED', 'TERMINATED', 'CREATE_FAILED', 'UPDATE_FAILED'], limitMs, onTimeout });
  }
  if (statusOf(row) === 'ACTIVE') {
    progress.note(`Suspending Openflow runtime ${names.RUNTIME}.`);
    await w.execute(`ALTER OPENFLOW RUNTIME ${runtimeSql(names)} SUSPEND`);
    row = await waitForStatus(ctx, progress, { kind: 'runtime', want: ['SUSPENDED'], limitMs, onTimeout });
  }
  if (statusOf(row) !== 'TERMINATED') {
    progress.note(`Terminating Openflow runtime ${names.RUNTIME}.`);
    await w.execute(`ALTER OPENFLOW RUNTIME ${runtimeSql(names)} TERMINATE`);
    await waitForStatus(ctx, progress, { kind: 'runtime', want: ['TERMINATED'], limitMs, onTimeout });
  }
  await w.execute(`DROP OPENFLOW RUNTIME IF EXISTS ${runtimeSql(names)}`);
  progress.note(`Dropped Openflow runtime ${names.RUNTIME}.`);
  return true;
}

/** "; Openflow deployment X kept …": said on the step and on the end screen, so a kept deployment that bills is never missed. */
function keptText(kept: CleanupOut['deploymentKept']): string {
  if (!kept) return '';
  return `; Openflow deployment ${kept.name} kept${kept.costs ? ' (it uses credits while it exists; `openflow-kafka-quickstart sql cleanup` shows how to remove it)' : ''}`;
}

/** Only the tutorial's own deployment, only with nothing else in it, and only when the person says so (never headless). */
async function maybeDropDeployment(ctx: StepContext, progress: Progress): Promise<{ dropped: boolean; kept?: string }> {
  const w = ctx.warehouse!;
  const names = sqlNames(ctx.config);
  if (!(await openflowGeneration(w)).gen2) return { dropped: false };
  const recorded = ctx.state.outputOf<OpenflowDeploymentOut>('openflow-deployment');
  const name = recorded?.gen2 ? recorded.deployment : names.DEPLOYMENT;
  const row = await describeDeployment(w, name);
  if (!row) return { dropped: false };
  const others = (await w.execute('SHOW OPENFLOW RUNTIMES IN ACCOUNT')).filter((r) => String(r.deployment ?? '') === name);
  if (others.length > 0 || name !== names.DEPLOYMENT) {
    progress.note(`Kept Openflow deployment ${name}${others.length ? ` (it still hosts ${others.length} runtime(s))` : ' (it was there before this walk)'}.`);
    return { dropped: false, kept: name };
  }
  const yes = await ctx.ui.confirm(`Also terminate and drop the Openflow deployment ${name}? Keep it if you will run other Openflow connectors.`, { defaultAnswer: false, headlessAnswer: false });
  if (!yes) {
    progress.note(`Kept Openflow deployment ${name} (it may host other runtimes; remove it later with ALTER OPENFLOW DEPLOYMENT ${ident(name)} TERMINATE, then DROP).`);
    return { dropped: false, kept: name };
  }
  const limitMs = openflowWaitMs(ctx, 'deployment');
  if (statusOf(row) !== 'TERMINATED') {
    await w.execute(`ALTER OPENFLOW DEPLOYMENT ${ident(name)} TERMINATE`);
    await waitForStatus(ctx, progress, { kind: 'deployment', deployment: name, want: ['TERMINATED'], limitMs, onTimeout: 'Run cleanup again to finish removing the deployment.' });
  }
  await w.execute(`DROP OPENFLOW DEPLOYMENT IF EXISTS ${ident(name)}`);
  progress.note(`Dropped Openflow deployment ${name}.`);
  return { dropped: true };
}
