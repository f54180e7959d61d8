// The tutorial's "Create Openflow Deployment". With Openflow gen 2 (every deployment made since
// 2026-09-09) a deployment is a SQL object: use an ACTIVE one the account already has, or create
// QUICKSTART_KAFKA_DEPLOYMENT after asking (it costs credits and takes minutes) and wait with the
// documented wait function. A walk stopped while it is CREATING finds it by name and waits on it
// again: never a second one. Without gen 2 the tutorial's clicks in the Openflow UI remain.
import type { Check, Progress, Step, StepContext } from '../src/engine/step.js';
import { StepFailure } from '../src/engine/step.js';
import { ident, literal } from '../src/sql.js';
import { chooseDeployment, clockText, mayCreate, openflowGeneration, openflowWaitMs, statusOf, usableDeployments, waitForStatus, type Row } from './shared/openflow.js';
import { existsLike } from './shared/setup-objects.js';
import { errorText, isPrivilegeError, sqlNames, text, warehouseOf } from './shared/snowflake.js';

export interface OpenflowDeploymentOut {
  /** False: the account has no Openflow gen 2; the person made the deployment in the Openflow UI. */
  gen2: boolean;
  deployment: string;
  status: string;
  created: boolean;
}

const LIMIT = 3;

export function createDeploymentSql(name: string): string {
  return `CREATE OPENFLOW DEPLOYMENT IF NOT EXISTS ${ident(name)}\n  DEPLOYMENT_TYPE = SNOWFLAKE\n  COMMENT = ${literal('Openflow Kafka connector quickstart')}`;
}

export const openflowDeployment: Step<OpenflowDeploymentOut> = {
  id: 'openflow-deployment',
  title: 'Openflow deployment',
  explain:
    'Openflow runs connectors in a runtime, and runtimes live in a deployment. With Openflow gen 2 both are Snowflake objects: the wizard uses an ACTIVE deployment you already have, or creates QUICKSTART_KAFKA_DEPLOYMENT (Snowflake-managed; it uses credits while it exists and takes 5–10 minutes to provision) after asking, and waits until it is ACTIVE.',
  manual: (ctx) => {
    const name = sqlNames(ctx.config).DEPLOYMENT;
    return `${createDeploymentSql(name)};\nSELECT SYSTEM$WAIT_FOR_OPENFLOW_DEPLOYMENT_STATUS(600, 'ACTIVE', ${literal(name)});\n-- without gen 2: Snowsight » Data » Integrations » Openflow » + Deployment`;
  },
  async check(ctx): Promise<Check> {
    if (!ctx.warehouse) return { state: 'blocked', reason: 'no Snowflake connection is configured' };
    const names = sqlNames(ctx.config);
    const gen = await openflowGeneration(ctx.warehouse);
    if (!gen.gen2) return confirmedInUi(ctx, names.DEPLOYMENT);
    const chosen = chooseDeployment(gen.deployments, names);
    if (!chosen) return { state: 'pending', reason: `no usable Openflow deployment yet; this step creates ${names.DEPLOYMENT} (asks first)` };
    const status = statusOf(chosen);
    if (status === 'ACTIVE') return { state: 'done', summary: `deployment ${text(chosen, 'name')} is ACTIVE` };
    return { state: 'pending', reason: `deployment ${text(chosen, 'name')} is ${status}; this walk waits on it (never creates a second)` };
  },
  async run(ctx, progress) {
    const w = warehouseOf(ctx);
    const names = sqlNames(ctx.config);
    // First: what SHOW lists depends on the role, and an earlier step may have left another one active.
    await useAccountAdmin(ctx, progress);
    const gen = await openflowGeneration(w);
    if (!gen.gen2) return withoutGen2(ctx, progress, gen.reason);

    const chosen = chooseDeployment(gen.deployments, names);
    if (chosen && statusOf(chosen) === 'ACTIVE') {
      progress.note(`Using the ACTIVE Openflow deployment ${text(chosen, 'name')}.`);
      return { gen2: true, deployment: text(chosen, 'name'), status: 'ACTIVE', created: false };
    }
    let created = false;
    if (chosen) {
      progress.note(`Deployment ${text(chosen, 'name')} is ${statusOf(chosen)} (made by an earlier walk or by hand): waiting on it, not creating another.`);
    } else {
      await create(ctx, progress, gen.deployments);
      created = true;
    }
    const deployment = chosen ? text(chosen, 'name') : names.DEPLOYMENT;
    const limitMs = openflowWaitMs(ctx, 'deployment');
    const row = await waitForStatus(ctx, progress, {
      kind: 'deployment',
      deployment,
      want: ['ACTIVE'],
      limitMs,
      onTimeout: `Provisioning continues in Snowflake. Run the walk again to keep waiting on the same deployment (it never creates a second); the limit is ${clockText(limitMs)}.`,
    });
    return { gen2: true, deployment, status: statusOf(row), created };
  },
  summarize: (out) =>
    out.gen2 ? `deployment ${out.deployment} ${out.status}${out.created ? ' (created)' : ''}` : `deployment ${out.deployment} made in the Openflow UI (gen 1: SQL cannot see it)`,
};

async function create(ctx: StepContext, progress: Progress, deployments: Row[]): Promise<void> {
  const w = warehouseOf(ctx);
  const names = sqlNames(ctx.config);
  const snowflakeType = usableDeployments(deployments);
  if (snowflakeType.length >= LIMIT) throw limitReached(snowflakeType.map((d) => `${text(d, 'name')} (${statusOf(d)})`));
  const yes = await mayCreate(
    ctx,
    progress,
    `Create the Openflow deployment ${names.DEPLOYMENT}? It runs on Snowpark Container Services, uses credits while it exists, and takes 5–10 minutes to become ACTIVE.`,
  );
  if (!yes) {
    throw new StepFailure(
      `No Openflow deployment: ${names.DEPLOYMENT} was not created.`,
      'Create one when you are ready (this step shows the SQL; or Snowsight » Data » Integrations » Openflow » + Deployment) and run the walk again: an ACTIVE deployment is used as it is.',
    );
  }
  progress.note(`Creating Openflow deployment ${names.DEPLOYMENT} (DEPLOYMENT_TYPE = SNOWFLAKE).`);
  try {
    await w.execute(createDeploymentSql(names.DEPLOYMENT));
  } catch (err) {
    // Decided on Snowflake's error code and on what SHOW sees afterwards, not on the wording
    // (Openflow's error texts are not documented); Snowflake's own message is always shown.
    const message = errorText(err);
    if (isPrivilegeError(err)) {
      throw new StepFailure(
        `Your role may not create an Openflow deployment (${message}).`,
        'Creating one needs CREATE OPENFLOW DEPLOYMENT and CREATE COMPUTE POOL on the account: as ACCOUNTADMIN, GRANT CREATE OPENFLOW DEPLOYMENT ON ACCOUNT TO ROLE <your role>; GRANT CREATE COMPUTE POOL ON ACCOUNT TO ROLE <your role>; or ask an account administrator to create it. Then run the walk again.',
      );
    }
    const now = await openflowGeneration(w).catch(() => null);
    const live = now?.gen2 ? usableDeployments(now.deployments) : [];
    if (live.length >= LIMIT) throw limitReached([...live.map((d) => `${text(d, 'name')} (${statusOf(d)})`), `Snowflake: ${message}`]);
    throw new StepFailure(`CREATE OPENFLOW DEPLOYMENT ${names.DEPLOYMENT} failed: ${message}`, 'Fix the cause and run the walk again; the statement is IF NOT EXISTS, so a second run never makes two.');
  }
}

function limitReached(existing: string[]): StepFailure {
  return new StepFailure(
    `This account already has ${LIMIT} Snowflake-managed Openflow deployments, the most it may have (gen 1 and gen 2 count together): ${existing.join(', ')}.`,
    'Reuse one: once one of them is ACTIVE the walk uses it. Or remove one you no longer need (its runtimes first): ALTER OPENFLOW DEPLOYMENT <name> TERMINATE; then DROP OPENFLOW DEPLOYMENT <name>; and run the walk again.',
  );
}

/** Deployments and runtimes are made as ACCOUNTADMIN, like the setup script; a refusal is only noted. */
export async function useAccountAdmin(ctx: StepContext, progress: Progress): Promise<void> {
  try {
    await warehouseOf(ctx).execute('USE ROLE ACCOUNTADMIN');
  } catch (err) {
    progress.note(`USE ROLE ACCOUNTADMIN failed (${errorText(err)}); continuing with the session's role.`);
  }
}

/** Gen 1: SQL cannot see a deployment, so the step records what the person confirmed. */
function confirmedInUi(ctx: StepContext, name: string): Check {
  if (ctx.state.checkpoint<{ confirmed?: boolean }>()?.confirmed) return { state: 'done', summary: `${name}: confirmed in the Openflow UI (gen 1; SQL cannot see it)` };
  return { state: 'pending', reason: 'no Openflow gen 2 in this account: the deployment is made in the Openflow UI; SQL cannot see it' };
}

/** The tutorial's UI steps, what SQL can see (OPENFLOW_ADMIN exists once Openflow is set up), and the person's word. */
async function withoutGen2(ctx: StepContext, progress: Progress, reason: string): Promise<OpenflowDeploymentOut> {
  const names = sqlNames(ctx.config);
  progress.note(`SHOW OPENFLOW DEPLOYMENTS failed (${reason}): this account has no Openflow gen 2, so the deployment is made in the Openflow UI, as in the tutorial.`);
  ctx.ui.show({
    title: 'Create the Openflow deployment (Openflow UI)',
    body: [
      '1. In Snowsight: Data » Integrations » Openflow',
      '2. Click + Deployment',
      `3. Deployment name: ${names.DEPLOYMENT}`,
      '4. Region: the one of your account',
      '5. Click Create Deployment; wait until it shows Active (2–3 minutes)',
    ].join('\n'),
  });
  const openflowAdmin = await existsLike(warehouseOf(ctx), 'SHOW ROLES', 'OPENFLOW_ADMIN').catch(() => false);
  progress.note(
    openflowAdmin
      ? 'SQL sees the OPENFLOW_ADMIN role: Openflow has been set up in this account.'
      : 'SQL does not see the OPENFLOW_ADMIN role: Openflow has not been set up in this account yet (the Openflow UI does that on first use).',
  );
  const yes = await ctx.ui.confirm(`Is the deployment ${names.DEPLOYMENT} (or another one you will use) Active in the Openflow UI?`, { defaultAnswer: true, headlessAnswer: true });
  if (!yes) throw new StepFailure('The Openflow deployment is not active yet.', 'Create it in the Openflow UI as shown, then run the walk again.');
  await ctx.state.saveCheckpoint({ confirmed: true });
  return { gen2: false, deployment: names.DEPLOYMENT, status: 'ACTIVE (confirmed)', created: false };
}
