// Preflight: every connection works before anything is changed. It runs on every walk (a
// connection that worked yesterday may not today), so its check never says done.
import type { Step, StepContext, Progress } from '../src/engine/step.js';
import { StepFailure } from '../src/engine/step.js';
import { openflowGeneration } from './shared/openflow.js';
import { errorText, text } from './shared/snowflake.js';

export interface PreflightOut {
  brokers: number;
  clusterId: string | null;
  /** Present when a Snowflake connection is configured. */
  snowflake?: { user: string; accountAdmin: boolean; openflowGen2: boolean };
}

export const preflight: Step<PreflightOut> = {
  id: 'preflight',
  title: 'Check connections',
  explain:
    'Connects to Kafka with your settings and reads the cluster metadata, and logs in to Snowflake, so a wrong address, password or certificate is found before anything is created. It also says whether your Snowflake user can act as ACCOUNTADMIN, which the setup script needs, and which Openflow the account has: gen 2 answers SHOW OPENFLOW DEPLOYMENTS, so the walk creates the deployment and runtime with SQL; otherwise they are made in the Openflow UI.',
  manual: () => 'rpk cluster info; in Snowsight: SELECT CURRENT_USER(), CURRENT_AVAILABLE_ROLES(); SHOW OPENFLOW DEPLOYMENTS;',
  async check() {
    return { state: 'pending', reason: 'runs on every walk', recurring: true };
  },
  async run(ctx, progress) {
    progress.note(`Kafka: ${ctx.kafka.bootstrap.join(', ')} (${ctx.config.kafka.securityProtocol}${ctx.config.kafka.saslMechanism ? ` ${ctx.config.kafka.saslMechanism}` : ''})`);
    const cluster = await ctx.kafka.describeCluster();
    progress.note(`Kafka cluster ${cluster.clusterId ?? '(no id)'}: ${cluster.brokers.length} broker(s)`);
    const snowflake = ctx.warehouse ? await checkSnowflake(ctx, progress) : undefined;
    return { brokers: cluster.brokers.length, clusterId: cluster.clusterId, ...(snowflake ? { snowflake } : {}) };
  },
  summarize: (out) =>
    `Kafka reachable: ${out.brokers} broker(s)${out.clusterId ? `, cluster ${out.clusterId}` : ''}` +
    (out.snowflake
      ? `; Snowflake as ${out.snowflake.user}${out.snowflake.accountAdmin ? '' : ' (no ACCOUNTADMIN)'}; Openflow ${out.snowflake.openflowGen2 ? 'gen 2 (SQL)' : 'gen 1 (UI)'}`
      : ''),
};

/** Logged in (the connection was opened), and which roles the user may use. */
async function checkSnowflake(ctx: StepContext, progress: Progress): Promise<{ user: string; accountAdmin: boolean; openflowGen2: boolean }> {
  let row: Record<string, unknown>;
  try {
    [row = {}] = await ctx.warehouse!.execute('SELECT CURRENT_USER() AS "USER", CURRENT_AVAILABLE_ROLES() AS "ROLES"');
  } catch (err) {
    throw new StepFailure(`Snowflake: ${errorText(err)}`, 'Check the Snowflake account, user and credential (SNOWFLAKE_* or connections.toml).');
  }
  const user = text(row, 'USER');
  const roles = parseRoles(text(row, 'ROLES'));
  const accountAdmin = roles.includes('ACCOUNTADMIN');
  progress.note(`Snowflake: logged in as ${user}; roles ${roles.join(', ') || '(none)'}`);
  if (!accountAdmin) {
    progress.note(
      `Note: ${user} cannot act as ACCOUNTADMIN. The setup script (setup-sql) and cleanup need it: ask an account administrator to run \`openflow-kafka-quickstart sql setup\` in Snowsight, or connect as a user granted ACCOUNTADMIN.`,
    );
  }
  const gen = await openflowGeneration(ctx.warehouse!);
  progress.note(
    gen.gen2
      ? `Openflow gen 2: SHOW OPENFLOW DEPLOYMENTS answers (${gen.deployments.length} deployment${gen.deployments.length === 1 ? '' : 's'} visible), so the walk creates or reuses the deployment and the runtime with SQL and waits until they are ACTIVE.`
      : `Openflow gen 1 only: SHOW OPENFLOW DEPLOYMENTS failed (${gen.reason}), so the deployment and runtime steps show the tutorial's clicks in the Openflow UI and check what SQL can see.`,
  );
  return { user, accountAdmin, openflowGen2: gen.gen2 };
}

function parseRoles(json: string): string[] {
  try {
    const roles: unknown = JSON.parse(json);
    return Array.isArray(roles) ? roles.map(String) : [];
  } catch {
    return [];
  }
}
