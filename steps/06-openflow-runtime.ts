// The tutorial's "Create Openflow Runtime": QUICKSTART_KAFKA_RUNTIME, Small, one node, running as
// QUICKSTART_ROLE with the external access integration that lets it reach the Kafka brokers. With
// gen 2 a runtime is a schema-level SQL object (here in the quickstart database's PUBLIC schema):
// the grants its role needs, CREATE after asking, then the documented wait until ACTIVE. A
// runtime that exists without the integration is drift; adding it (ALTER … ADD
// EXTERNAL_ACCESS_INTEGRATIONS) asks first. Without gen 2, the tutorial's clicks.
import type { Check, Progress, Step, StepContext } from '../src/engine/step.js';
import { StepFailure } from '../src/engine/step.js';
import { ident, literal } from '../src/sql.js';
import { useAccountAdmin, type OpenflowDeploymentOut } from './05-openflow-deployment.js';
import {
  RUNTIME_SCHEMA,
  chooseDeployment,
  clockText,
  describeRuntime,
  failedRuntimeHint,
  integrationsOf,
  isFailedStatus,
  mayCreate,
  openflowGeneration,
  openflowWaitMs,
  runtimeFailureText,
  runtimeSql,
  statusOf,
  waitForStatus,
  type Row,
} from './shared/openflow.js';
import { errorText, isMissingObject, isPrivilegeError, snowflakeSays, sqlNames, text, warehouseOf, type SqlNames } from './shared/snowflake.js';

export interface OpenflowRuntimeOut {
  gen2: boolean;
  runtime: string;
  deployment: string;
  status: string;
  integrations: string[];
  /** The canvas address (DESCRIBE OPENFLOW RUNTIME's server_url); null without gen 2. */
  serverUrl: string | null;
  created: boolean;
}

/** What the runtime role needs (integration, database, warehouse), and what its creator needs in the schema. */
export function runtimeGrants(names: SqlNames): string[] {
  return [
    `GRANT USAGE ON INTEGRATION ${ident(names.INTEGRATION)} TO ROLE ${ident(names.ROLE)}`,
    `GRANT USAGE ON DATABASE ${ident(names.DATABASE)} TO ROLE ${ident(names.ROLE)}`,
    `GRANT USAGE ON WAREHOUSE ${ident(names.WAREHOUSE)} TO ROLE ${ident(names.ROLE)}`,
    `GRANT CREATE OPENFLOW RUNTIME ON SCHEMA ${ident(names.DATABASE)}.${RUNTIME_SCHEMA} TO ROLE ACCOUNTADMIN`,
  ];
}

export function createRuntimeSql(names: SqlNames, deployment: string): string {
  return [
    `CREATE OPENFLOW RUNTIME IF NOT EXISTS ${runtimeSql(names)}`,
    `  IN DEPLOYMENT ${ident(deployment)}`,
    '  NODE_TYPE = SMALL',
    '  MIN_NODES = 1',
    '  MAX_NODES = 1',
    `  EXECUTE_AS_ROLE = ${ident(names.ROLE)}`,
    `  EXTERNAL_ACCESS_INTEGRATIONS = (${ident(names.INTEGRATION)})`,
    `  COMMENT = ${literal('Openflow Kafka connector quickstart')}`,
  ].join('\n');
}

export function addIntegrationSql(names: SqlNames): string {
  return `ALTER OPENFLOW RUNTIME ${runtimeSql(names)} ADD EXTERNAL_ACCESS_INTEGRATIONS = (${ident(names.INTEGRATION)})`;
}

export const openflowRuntime: Step<OpenflowRuntimeOut> = {
  id: 'openflow-runtime',
  title: 'Openflow runtime',
  explain:
    'The runtime is where the Kafka connector runs: QUICKSTART_KAFKA_RUNTIME, Small with one node, running as QUICKSTART_ROLE, with the external access integration attached so it may reach your brokers (only the host:port pairs of the network rule). The wizard grants the role what it needs, creates the runtime after asking (it uses credits while it runs; 3–5 minutes), and waits until it is ACTIVE.',
  manual: (ctx) => {
    const names = sqlNames(ctx.config);
    const deployment = ctx.state.outputOf<OpenflowDeploymentOut>('openflow-deployment')?.deployment ?? names.DEPLOYMENT;
    return [
      'USE ROLE ACCOUNTADMIN;',
      ...runtimeGrants(names).map((g) => `${g};`),
      `${createRuntimeSql(names, deployment)};`,
      `SELECT SYSTEM$WAIT_FOR_OPENFLOW_RUNTIME_STATUS(600, 'ACTIVE', ${literal(`${ident(names.DATABASE)}.${RUNTIME_SCHEMA}.${ident(names.RUNTIME)}`)});`,
      `DESCRIBE OPENFLOW RUNTIME ${runtimeSql(names)};   -- server_url is the canvas`,
    ].join('\n');
  },
  async check(ctx): Promise<Check> {
    if (!ctx.warehouse) return { state: 'blocked', reason: 'no Snowflake connection is configured' };
    const names = sqlNames(ctx.config);
    const gen = await openflowGeneration(ctx.warehouse);
    if (!gen.gen2) {
      if (ctx.state.checkpoint<{ confirmed?: boolean }>()?.confirmed) return { state: 'done', summary: `${names.RUNTIME}: confirmed in the Openflow UI (gen 1)` };
      return { state: 'pending', reason: 'no Openflow gen 2 in this account: the runtime is made in the Openflow UI; SQL cannot see it' };
    }
    const row = await describeRuntime(ctx.warehouse, names);
    if (!row) return { state: 'pending', reason: `runtime ${names.RUNTIME} does not exist; this step creates it (asks first)` };
    if (isFailedStatus(statusOf(row))) {
      const f = failedRuntime(statusOf(row), names, await runtimeFailureText(ctx.warehouse, names));
      return { state: 'blocked', reason: `${f.message} ${f.hint}` };
    }
    return runtimeCheck(row, names);
  },
  async run(ctx, progress) {
    const w = warehouseOf(ctx);
    const names = sqlNames(ctx.config);
    // First: what SHOW and DESCRIBE see depends on the role (setup-sql ends as the runtime role).
    await useAccountAdmin(ctx, progress);
    const gen = await openflowGeneration(w);
    if (!gen.gen2) return withoutGen2(ctx, progress);
    for (const grant of runtimeGrants(names)) {
      try {
        await w.execute(grant);
      } catch (err) {
        throw new StepFailure(`${grant} failed: ${errorText(err)}`, 'The grants need ACCOUNTADMIN (or MANAGE GRANTS) and the objects of the setup script: run setup-sql first (`--from setup-sql`), then this step again.');
      }
    }
    progress.note(`${names.ROLE} may use ${names.INTEGRATION}, ${names.DATABASE} and ${names.WAREHOUSE}.`);

    let row = await describeRuntime(w, names);
    let created = false;
    const deployment = row ? text(row, 'deployment') : deploymentFor(ctx, gen.deployments);
    if (!row) {
      const yes = await mayCreate(
        ctx,
        progress,
        `Create the Openflow runtime ${names.RUNTIME} in ${deployment} (Small, 1 node, running as ${names.ROLE}, with ${names.INTEGRATION})? It uses credits while it runs and takes 3–5 minutes to become ACTIVE.`,
      );
      if (!yes) throw new StepFailure(`The runtime ${names.RUNTIME} was not created.`, 'Run the walk again when you want it, or create it yourself with the SQL this step shows.');
      progress.note(`Creating Openflow runtime ${names.RUNTIME} in deployment ${deployment}.`);
      try {
        await w.execute(createRuntimeSql(names, deployment));
      } catch (err) {
        const message = errorText(err);
        const hint = isPrivilegeError(err) || isMissingObject(err)
          ? `Creating a runtime needs USAGE on the database, CREATE OPENFLOW RUNTIME on the schema ${names.DATABASE}.${RUNTIME_SCHEMA} and USAGE (or OWNERSHIP) on the deployment ${deployment}; ask an account administrator, then run the walk again.`
          : 'Fix the cause and run the walk again; the statement is IF NOT EXISTS, so a second run never makes two.';
        throw new StepFailure(`CREATE OPENFLOW RUNTIME ${names.RUNTIME} failed: ${message}`, hint);
      }
      created = true;
      row = await describeRuntime(w, names);
    } else if (statusOf(row) !== 'ACTIVE') {
      progress.note(`Runtime ${names.RUNTIME} is ${statusOf(row)}: waiting on it, not creating another.`);
    }
    if (row && isFailedStatus(statusOf(row))) throw failedRuntime(statusOf(row), names, await runtimeFailureText(w, names));
    if (row && statusOf(row) === 'SUSPENDED') row = await resume(ctx, progress, names);
    row = await waitActive(ctx, progress, names);

    if (!integrationsOf(row).includes(names.INTEGRATION)) {
      const yes = await ctx.ui.confirm(`The runtime ${names.RUNTIME} has no ${names.INTEGRATION}, so it cannot reach Kafka. Add it (${addIntegrationSql(names)})?`, {
        defaultAnswer: true,
        headlessAnswer: true,
      });
      if (!yes) throw new StepFailure(`The runtime ${names.RUNTIME} cannot reach Kafka without ${names.INTEGRATION}.`, `Add it when you are ready: ${addIntegrationSql(names)};`);
      await w.execute(addIntegrationSql(names));
      progress.note(`Added ${names.INTEGRATION} to ${names.RUNTIME}.`);
      row = await waitActive(ctx, progress, names);
    }
    return {
      gen2: true,
      runtime: names.RUNTIME,
      deployment: text(row, 'deployment'),
      status: statusOf(row),
      integrations: integrationsOf(row),
      serverUrl: text(row, 'server_url') || null,
      created,
    };
  },
  summarize: (out) =>
    out.gen2
      ? `runtime ${out.runtime} ${out.status} in ${out.deployment}, with ${out.integrations.join(', ') || 'no integration'}${out.created ? ' (created)' : ''}`
      : `runtime ${out.runtime} made in the Openflow UI (gen 1: SQL cannot see it)`,
};

/** What DESCRIBE says of a runtime that is not in a failed status. */
function runtimeCheck(row: Row, names: SqlNames): Check {
  const status = statusOf(row);
  if (status === 'ACTIVE' && integrationsOf(row).includes(names.INTEGRATION)) return { state: 'done', summary: `runtime ${names.RUNTIME} is ACTIVE with ${names.INTEGRATION}` };
  if (status === 'ACTIVE' || status === 'SUSPENDED') {
    const diff = [
      ...(integrationsOf(row).includes(names.INTEGRATION) ? [] : [`integrations: ${integrationsOf(row).join(', ') || 'none'}; the connector needs ${names.INTEGRATION} to reach Kafka`]),
      ...(status === 'SUSPENDED' ? ['status SUSPENDED: connectors run only while it is ACTIVE'] : []),
    ];
    return { state: 'drifted', diff, fix: status === 'SUSPENDED' ? 'resumed (asks first)' : `${addIntegrationSql(names)} (asks first)` };
  }
  return { state: 'pending', reason: `runtime ${names.RUNTIME} is ${status}; this walk waits on it` };
}

/** `said`: Snowflake's reason, shown as it worded it. */
function failedRuntime(status: string, names: SqlNames, said: string): StepFailure {
  return new StepFailure(`The Openflow runtime ${names.RUNTIME} is ${status}: no connector can run in it.${snowflakeSays(said)}`, failedRuntimeHint(names));
}

function deploymentFor(ctx: StepContext, deployments: Row[]): string {
  const recorded = ctx.state.outputOf<OpenflowDeploymentOut>('openflow-deployment');
  if (recorded?.gen2) return recorded.deployment;
  const chosen = chooseDeployment(deployments, sqlNames(ctx.config));
  if (chosen && statusOf(chosen) === 'ACTIVE') return text(chosen, 'name');
  throw new StepFailure('No ACTIVE Openflow deployment to create the runtime in.', 'Run the openflow-deployment step first (`--from openflow-deployment`).');
}

async function resume(ctx: StepContext, progress: Progress, names: SqlNames): Promise<Row> {
  const yes = await ctx.ui.confirm(`The runtime ${names.RUNTIME} is SUSPENDED. Resume it (it uses credits while it runs)?`, { defaultAnswer: true, headlessAnswer: true });
  if (!yes) throw new StepFailure(`The runtime ${names.RUNTIME} is SUSPENDED: no connector runs in it.`, `Resume it when you are ready: ALTER OPENFLOW RUNTIME ${runtimeSql(names)} RESUME;`);
  await warehouseOf(ctx).execute(`ALTER OPENFLOW RUNTIME ${runtimeSql(names)} RESUME`);
  progress.note(`Resuming ${names.RUNTIME}.`);
  return waitActive(ctx, progress, names);
}

function waitActive(ctx: StepContext, progress: Progress, names: SqlNames): Promise<Row> {
  const limitMs = openflowWaitMs(ctx, 'runtime');
  return waitForStatus(ctx, progress, {
    kind: 'runtime',
    want: ['ACTIVE'],
    limitMs,
    onTimeout: `The runtime keeps provisioning in Snowflake. Run the walk again to keep waiting on it (it never creates a second); the limit is ${clockText(limitMs)}.`,
  });
}

async function withoutGen2(ctx: StepContext, progress: Progress): Promise<OpenflowRuntimeOut> {
  const names = sqlNames(ctx.config);
  ctx.ui.show({
    title: 'Create the Openflow runtime (Openflow UI)',
    body: [
      `1. In Snowsight: Data » Integrations » Openflow » your deployment (${names.DEPLOYMENT})`,
      '2. Click + Runtime',
      `3. Name: ${names.RUNTIME}   Size: Small   Runtime role: ${names.ROLE}`,
      `   External access integrations: ${names.INTEGRATION}  (required: it lets the runtime reach Kafka)`,
      '4. Click Create Runtime; wait until it shows Active (2–5 minutes)',
    ].join('\n'),
  });
  const w = warehouseOf(ctx);
  const grants = await w.execute(`SHOW GRANTS ON INTEGRATION ${ident(names.INTEGRATION)}`).catch(() => [] as Row[]);
  const usable = grants.some((g) => text(g, 'privilege') === 'USAGE' && text(g, 'grantee_name').replace(/"/g, '') === names.ROLE);
  progress.note(
    usable
      ? `SQL sees that ${names.ROLE} may use ${names.INTEGRATION}: the runtime can attach it.`
      : `SQL does not see USAGE on ${names.INTEGRATION} for ${names.ROLE}: run setup-sql first, or the runtime cannot attach it.`,
  );
  const yes = await ctx.ui.confirm(`Is ${names.RUNTIME} Active in the Openflow UI, with ${names.INTEGRATION} attached?`, { defaultAnswer: true, headlessAnswer: true });
  if (!yes) throw new StepFailure('The Openflow runtime is not active yet.', 'Create it in the Openflow UI as shown, then run the walk again.');
  await ctx.state.saveCheckpoint({ confirmed: true });
  return { gen2: false, runtime: names.RUNTIME, deployment: names.DEPLOYMENT, status: 'ACTIVE (confirmed)', integrations: [names.INTEGRATION], serverUrl: null, created: false };
}
