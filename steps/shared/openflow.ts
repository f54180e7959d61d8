// Openflow gen 2 through SQL, shared by the deployment, runtime, hand-off and cleanup steps:
// which generation the account has, what SHOW/DESCRIBE say, and waiting with the documented
// SYSTEM$WAIT_FOR_* functions in short rounds, so status and elapsed time show while waiting
// and the whole wait stays bounded. Facts and sources: DESIGN.md "Openflow today".
import type { WarehousePort } from '../../src/engine/ports.js';
import type { Progress, StepContext } from '../../src/engine/step.js';
import { StepFailure } from '../../src/engine/step.js';
import { ident, literal } from '../../src/sql.js';
import { errorText, field, isMissingObject, snowflakeSays, sqlErrorOf, sqlNames, text, type SqlNames } from './snowflake.js';

export type Row = Record<string, unknown>;

/** The tutorial's runtime lives with its data: the quickstart database's PUBLIC schema. */
export const RUNTIME_SCHEMA = 'PUBLIC';

export type Generation = { gen2: true; deployments: Row[] } | { gen2: false; reason: string };

/**
 * Gen 2 answers SHOW OPENFLOW DEPLOYMENTS; an account without it fails to compile the statement.
 * Any SQL error Snowflake answers with (it has a SQL state) means no gen 2, whatever its wording,
 * and is shown as Snowflake said it; a lost connection is no answer, so it is not taken for one.
 */
export async function openflowGeneration(w: WarehousePort): Promise<Generation> {
  try {
    return { gen2: true, deployments: await w.execute('SHOW OPENFLOW DEPLOYMENTS') };
  } catch (err) {
    if (!sqlErrorOf(err).sqlState) throw err;
    return { gen2: false, reason: errorText(err) };
  }
}

export function runtimeSql(names: SqlNames): string {
  return `${ident(names.DATABASE)}.${RUNTIME_SCHEMA}.${ident(names.RUNTIME)}`;
}

/** The runtime's name as the wait functions take it: a string, fully qualified. */
function runtimeLiteral(names: SqlNames): string {
  return literal(`${ident(names.DATABASE)}.${RUNTIME_SCHEMA}.${ident(names.RUNTIME)}`);
}

export async function describeDeployment(w: WarehousePort, name: string): Promise<Row | null> {
  try {
    return (await w.execute(`DESCRIBE OPENFLOW DEPLOYMENT ${ident(name)}`))[0] ?? null;
  } catch (err) {
    if (isMissingObject(err)) return null;
    throw err;
  }
}

export async function describeRuntime(w: WarehousePort, names: SqlNames): Promise<Row | null> {
  try {
    return (await w.execute(`DESCRIBE OPENFLOW RUNTIME ${runtimeSql(names)}`))[0] ?? null;
  } catch (err) {
    if (isMissingObject(err)) return null;
    throw err;
  }
}

/** The runtime's external access integrations (a JSON array string in SHOW and DESCRIBE). */
export function integrationsOf(row: Row): string[] {
  const raw = field(row, 'external_access_integrations');
  try {
    const list: unknown = typeof raw === 'string' ? JSON.parse(raw || '[]') : raw;
    return Array.isArray(list) ? list.map((v) => String(v).replace(/"/g, '').toUpperCase()) : [];
  } catch {
    return String(raw ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  }
}

export const statusOf = (row: Row): string => text(row, 'status').toUpperCase();

/** Failed statuses end in _FAILED (CREATE_FAILED, UPDATE_FAILED, …; docs and the Terraform enum). */
export const isFailedStatus = (status: string): boolean => status.endsWith('_FAILED');

const GONE = new Set(['TERMINATED', 'DELETED', 'TERMINATING', 'DELETING']);
export const isGone = (status: string): boolean => GONE.has(status);

/** Deployments a runtime can be made in: Snowflake-type (integrations attach only there) and not on their way out. */
export function usableDeployments(rows: Row[]): Row[] {
  return rows.filter((r) => text(r, 'type').toUpperCase() === 'SNOWFLAKE' && !isGone(statusOf(r)) && !isFailedStatus(statusOf(r)));
}

/** The deployment the walk uses: the tutorial's if it exists (in any live state), else another ACTIVE one. */
export function chooseDeployment(rows: Row[], names: SqlNames): Row | undefined {
  const usable = usableDeployments(rows);
  return usable.find((r) => text(r, 'name') === names.DEPLOYMENT) ?? usable.find((r) => statusOf(r) === 'ACTIVE');
}

/** Wait limits: the docs' typical times (deployment 5–10 min, runtime 3–5 min) with room to spare. */
export function openflowWaitMs(ctx: Pick<StepContext, 'config'>, kind: 'deployment' | 'runtime'): number {
  const configured = ctx.config.openflowWaitMs;
  if (typeof configured === 'number' && configured > 0) return configured;
  if (ctx.config.target === 'sandbox') return 60_000;
  return kind === 'deployment' ? 20 * 60_000 : 15 * 60_000;
}

export function clockText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** One round of the wait function; the round is short so the walk can show progress and stop on Ctrl-C. */
const ROUND_SECONDS = 10;

export interface WaitSpec {
  kind: 'deployment' | 'runtime';
  /** Another deployment than the tutorial's (an ACTIVE one the account already had). */
  deployment?: string;
  /** Statuses that end the wait. */
  want: string[];
  limitMs: number;
  /** What to do when the limit passes (the operation continues in Snowflake). */
  onTimeout: string;
}

/**
 * Waits with SYSTEM$WAIT_FOR_OPENFLOW_{DEPLOYMENT,RUNTIME}_STATUS until the object reaches one of
 * `want`. The function raises on timeout and on a failed state alike (its error text is not
 * documented), so after an error DESCRIBE tells which: a failed status ends the wait with that
 * status and Snowflake's own words, a transitional one means another round. Ctrl-C ends a round
 * at once (the wait runs on in Snowflake and changes nothing).
 */
export async function waitForStatus(ctx: StepContext, progress: Progress, spec: WaitSpec): Promise<Row> {
  const w = ctx.warehouse!;
  const names = sqlNames(ctx.config);
  const deployment = spec.deployment ?? names.DEPLOYMENT;
  const label = spec.kind === 'deployment' ? `deployment ${deployment}` : `runtime ${names.RUNTIME}`;
  const describe = () => (spec.kind === 'deployment' ? describeDeployment(w, deployment) : describeRuntime(w, names));
  const fn = spec.kind === 'deployment' ? 'SYSTEM$WAIT_FOR_OPENFLOW_DEPLOYMENT_STATUS' : 'SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS';
  const target = spec.kind === 'deployment' ? literal(deployment) : runtimeLiteral(names);
  const started = Date.now();
  const limitS = Math.ceil(spec.limitMs / 1000);
  let lastStatus = '';
  /** What the wait function last raised, as Snowflake worded it. */
  let said = '';
  for (;;) {
    const row = await describe();
    if (!row) throw new StepFailure(`The Openflow ${label} is gone while the walk waited for it.`, 'Someone dropped it meanwhile: run the walk again to create it anew.');
    const status = statusOf(row);
    const elapsed = Date.now() - started;
    if (spec.want.includes(status)) return row;
    if (isFailedStatus(status)) {
      // Failed before any round of ours raised (between the step's first look and this one):
      // one short round still gets Snowflake's reason.
      if (!said) said = await failureText(w, fn, target);
      throw new StepFailure(
        `The Openflow ${label} is ${status}: ${spec.kind === 'runtime' ? 'no connector can run in it' : 'no runtime can be made in it'}.${snowflakeSays(said)}`,
        spec.kind === 'runtime'
          ? failedRuntimeHint(names)
          : 'Look at the deployment in Snowsight (Data » Integrations » Openflow); terminate and drop it (ALTER OPENFLOW DEPLOYMENT … TERMINATE; DROP OPENFLOW DEPLOYMENT …;) and run the walk again, or ask Snowflake support.',
      );
    }
    // The limit is the progress's total (a wait in seconds): the screen states it once, beside the elapsed time.
    progress.report({ done: Math.min(Math.round(elapsed / 1000), limitS), total: limitS, unit: 's', detail: status });
    if (status !== lastStatus) progress.note(`Openflow ${label}: ${status}${elapsed >= 1000 ? ` after ${clockText(elapsed)}` : ''}`);
    lastStatus = status;
    if (elapsed >= spec.limitMs) {
      throw new StepFailure(`The Openflow ${label} is still ${status} after ${clockText(elapsed)}.`, spec.onTimeout);
    }
    if (ctx.signal.aborted) return row;
    const round = Math.max(1, Math.min(ROUND_SECONDS, Math.ceil((spec.limitMs - elapsed) / 1000)));
    try {
      await untilAborted(w.execute(`SELECT ${fn}(${round}, ${literal(spec.want.join(','))}, ${target}) AS "STATUS"`), ctx.signal);
    } catch (err) {
      // A timeout of this round, or a failed state: the next DESCRIBE says which.
      said = errorText(err);
    }
    if (ctx.signal.aborted) return row;
  }
}

/**
 * Why the runtime is in a failed status, in Snowflake's words: DESCRIBE has no column for it, but
 * the wait function raises with it (docs: "raises an error … if an object enters a failed state").
 */
export function runtimeFailureText(w: WarehousePort, names: SqlNames): Promise<string> {
  return failureText(w, 'SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS', runtimeLiteral(names));
}

async function failureText(w: WarehousePort, fn: string, target: string): Promise<string> {
  try {
    await w.execute(`SELECT ${fn}(1, 'ACTIVE', ${target}) AS "STATUS"`);
    return '';
  } catch (err) {
    return errorText(err);
  }
}

/** What to do about a runtime in a failed status: its role's grants, then remove it and walk again. */
export function failedRuntimeHint(names: SqlNames): string {
  return `Check that ${names.ROLE} has USAGE on the integration ${names.INTEGRATION}, the database and the warehouse; then remove the runtime (ALTER OPENFLOW RUNTIME ${runtimeSql(names)} TERMINATE; DROP OPENFLOW RUNTIME ${runtimeSql(names)};) and run the walk again to create it anew. Nothing else is lost: the deployment and the setup stay.`;
}

/** The promise, or nothing once the signal aborts (the promise is left to settle on its own). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const stop = () => resolve(undefined);
    signal.addEventListener('abort', stop, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/**
 * Creating a deployment or runtime costs credits and minutes on Snowflake, so the walk asks first;
 * the sandbox's cost nothing and take seconds, so there it only says so.
 */
export async function mayCreate(ctx: StepContext, progress: Progress, question: string): Promise<boolean> {
  if (ctx.config.target === 'sandbox') {
    progress.note('Sandbox: creating it without asking (no credits, ready in seconds).');
    return true;
  }
  return ctx.ui.confirm(question, { defaultAnswer: true, headlessAnswer: true });
}

/**
 * The part of `sql cleanup` the tutorial's script 5 predates: on Openflow gen 2 the runtime lives
 * in the database as a SQL object, and dropping the database alone leaves it running (and
 * billing). It goes first, in the documented order; the deployment is kept, as the walk's cleanup
 * keeps it unless asked, with its removal written out. `active`: statements, or all commented out
 * when nothing says this setup has a gen 2 runtime (a missing runtime would stop the wait lines).
 */
export function openflowCleanupSql(names: SqlNames, deployment: string, active: boolean): string {
  const runtime = runtimeSql(names);
  const waitFor = (status: string) => `SELECT SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS(600, '${status}', ${runtimeLiteral(names)});`;
  const statements = [
    `ALTER OPENFLOW RUNTIME IF EXISTS ${runtime} SUSPEND;`,
    waitFor('SUSPENDED'),
    `ALTER OPENFLOW RUNTIME IF EXISTS ${runtime} TERMINATE;`,
    waitFor('TERMINATED'),
    `DROP OPENFLOW RUNTIME IF EXISTS ${runtime};`,
  ];
  const lines = [
    '-- Openflow gen 2: the runtime first (SUSPEND, TERMINATE, DROP, waiting on each), or it keeps',
    '-- running, and billing, after its database is dropped. Stop the connector in the canvas before.',
    ...(active ? statements : ['-- No gen 2 runtime is recorded for this setup; if you made one, remove it with:', ...statements.map((s) => `--   ${s}`)]),
    '',
    `-- The Openflow deployment ${deployment} is kept: other runtimes may use it.`,
    '-- It uses credits while it exists; once no runtime is left in it, remove it with:',
    `--   ALTER OPENFLOW DEPLOYMENT ${ident(deployment)} TERMINATE;`,
    `--   SELECT SYSTEM$WAIT_FOR_OPENFLOW_DEPLOYMENT_STATUS(900, 'TERMINATED', ${literal(deployment)});`,
    `--   DROP OPENFLOW DEPLOYMENT ${ident(deployment)};`,
  ];
  return `${lines.join('\n')}\n`;
}
