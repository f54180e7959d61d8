// The tutorial's script 1 (sql/1.snowflake_setup.sql): role, database, warehouse, network rule
// with every broker, external access integration, grants. Rendered from the brokers Kafka
// reported (data, never SQL), run one statement at a time; a failure names the statement and
// its line. The statements are idempotent, so a re-run simply starts from the top.
import type { Step, StepContext } from '../src/engine/step.js';
import { StepFailure } from '../src/engine/step.js';
import { renderTemplate, splitStatements, type Statement } from '../src/sql.js';
import type { ExtractBrokersOut } from './03-extract-brokers.js';
import { OPENFLOW_ADMIN, inspectSetup, roleExists, valueListDrift } from './shared/setup-objects.js';
import { errorText, firstLineOf, sqlNames, warehouseOf } from './shared/snowflake.js';

export interface SetupSqlOut {
  /** The network rule's VALUE_LIST as run. */
  valueList: string[];
  statements: number;
  ranAt: string;
}

/** Where a failed run stopped (the step's checkpoint). */
export interface SetupSqlCheckpoint {
  stoppedAt?: { statement: number; line: number; firstLine: string; error: string };
}

export function renderSetupScript(ctx: Pick<StepContext, 'config'>, valueList: string[]): string {
  return renderTemplate('setup', { ...sqlNames(ctx.config), BROKERS: valueList });
}

export const setupSql: Step<SetupSqlOut> = {
  id: 'setup-sql',
  title: 'Set up Snowflake objects',
  explain:
    "Runs the tutorial's setup script as ACCOUNTADMIN: the QUICKSTART_ROLE role, the QUICKSTART_KAFKA_CONNECTOR_DB database with its NETWORKS schema, an XSMALL warehouse, a network rule listing every Kafka broker, and the external access integration that lets the Openflow runtime reach Kafka.",
  manual: (ctx) => `openflow-kafka-quickstart sql setup${ctx.config.attendee ? ` --attendee ${ctx.config.attendee}` : ''}   # then paste it into a Snowsight worksheet and Run All`,
  async check(ctx) {
    if (!ctx.warehouse) return { state: 'blocked', reason: 'no Snowflake connection is configured' };
    const names = sqlNames(ctx.config);
    const seen = await inspectSetup(ctx.warehouse, names);
    if (seen.missing.length) return { state: 'pending', reason: `missing: ${seen.missing.join(', ')}` };
    const brokers = ctx.state.outputOf<ExtractBrokersOut>('extract-brokers');
    if (brokers && seen.valueList) {
      const diff = valueListDrift(seen.valueList, brokers.valueList);
      if (diff.length) return { state: 'drifted', diff, fix: 'the setup script will be run again, which replaces the network rule (CREATE OR REPLACE)' };
    }
    return { state: 'done', summary: `${seen.found.length} objects and grants in place; network rule allows ${seen.valueList?.length ?? 0} endpoints` };
  },
  async run(ctx, progress) {
    const w = warehouseOf(ctx);
    const brokers = ctx.state.outputOf<ExtractBrokersOut>('extract-brokers');
    if (!brokers) throw new StepFailure('The broker list is not recorded yet.', 'Run the extract-brokers step first: the network rule must list every broker.');
    const script = renderSetupScript(ctx, brokers.valueList);
    const statements = splitStatements(script);
    ctx.ui.show({ title: 'Snowflake setup script (tutorial script 1)', body: outline(statements, brokers.valueList) });

    const previous = ctx.state.checkpoint<SetupSqlCheckpoint>()?.stoppedAt;
    if (previous) {
      progress.note(`The last run stopped at statement ${previous.statement} (line ${previous.line}: ${previous.firstLine}); every statement is idempotent, so the script runs again from the top.`);
    }

    // Both checks run before anything is changed, so a refusal leaves the account as it was.
    try {
      await w.execute('USE ROLE ACCOUNTADMIN');
    } catch (err) {
      throw new StepFailure(
        `This Snowflake user cannot act as ACCOUNTADMIN (USE ROLE ACCOUNTADMIN: ${errorText(err)}).`,
        'The setup script creates a warehouse and an external access integration, which need ACCOUNTADMIN. Ask an account administrator to run it (`openflow-kafka-quickstart sql setup` prints it for a Snowsight worksheet), or connect as a user granted ACCOUNTADMIN; then run the walk again and this step will find the objects.',
      );
    }
    if (!(await roleExists(w, OPENFLOW_ADMIN))) {
      // Not skipped: without this grant the Openflow runtime cannot run as QUICKSTART_ROLE, and
      // the connector step would fail later in a way that is much harder to read.
      throw new StepFailure(
        `The role ${OPENFLOW_ADMIN} does not exist in this account: Openflow was never set up here. Nothing was run.`,
        `The setup script grants ${sqlNames(ctx.config).ROLE} to ${OPENFLOW_ADMIN} so the Openflow runtime can use it. Set up Openflow first (the tutorial's "Setup Openflow Runtime"; the Openflow SPCS quickstart creates ${OPENFLOW_ADMIN}), or ask an account administrator to; then run the walk again.`,
      );
    }

    for (const [i, statement] of statements.entries()) {
      if (ctx.signal.aborted) break;
      progress.report({ done: i, total: statements.length, unit: 'statements', detail: `line ${statement.line}` });
      try {
        await w.execute(statement.text);
      } catch (err) {
        const stoppedAt = { statement: i + 1, line: statement.line, firstLine: firstLineOf(statement.text), error: errorText(err) };
        await ctx.state.saveCheckpoint<SetupSqlCheckpoint>({ stoppedAt });
        throw new StepFailure(
          `Statement ${i + 1} of ${statements.length} failed (line ${statement.line} of the setup script: ${stoppedAt.firstLine}): ${stoppedAt.error}`,
          'Fix the cause and run again: every statement is idempotent (IF NOT EXISTS / OR REPLACE), so the script starts over from the top safely. `openflow-kafka-quickstart sql setup` prints the script with its line numbers.',
        );
      }
    }
    if (ctx.signal.aborted) return { valueList: brokers.valueList, statements: 0, ranAt: ctx.clock.now().toISOString() };
    progress.report({ done: statements.length, total: statements.length, unit: 'statements' });
    await ctx.state.saveCheckpoint<SetupSqlCheckpoint>({});
    return { valueList: brokers.valueList, statements: statements.length, ranAt: ctx.clock.now().toISOString() };
  },
  summarize: (out) => `${out.statements} statements run; network rule allows ${out.valueList.join(', ')}`,
};

/** A short view of the script: one line per statement, and the VALUE_LIST in full. */
function outline(statements: Statement[], valueList: string[]): string {
  return [
    `${statements.length} statements, run one at a time as ACCOUNTADMIN (full script: openflow-kafka-quickstart sql setup)`,
    // Whole first lines: the terminal wraps a long one under its column, a log keeps it whole.
    ...statements.map((s) => `  line ${String(s.line).padStart(3)}  ${firstLineOf(s.text, Infinity)}`),
    `Network rule VALUE_LIST: ${valueList.join(', ')}`,
  ].join('\n');
}
