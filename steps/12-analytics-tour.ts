// The tutorial's "Log Analytics" queries (script 3), run once against the ingested logs with the
// first rows of each shown. Read-only: it changes nothing, so it is done once it has run.
import type { Step } from '../src/engine/step.js';
import { StepFailure } from '../src/engine/step.js';
import { renderTemplate, splitStatements } from '../src/sql.js';
import { titleOf } from './shared/script-titles.js';
import { errorText, firstLineOf, sqlNames, warehouseOf } from './shared/snowflake.js';
import { formatRows } from './shared/text-table.js';
import { analyticsChart } from './shared/analytics-charts.js';

export interface AnalyticsTourOut {
  queries: Array<{ title: string; rows: number }>;
  ranAt: string;
}

const ROWS_SHOWN = 5;

export const analyticsTour: Step<AnalyticsTourOut> = {
  id: 'analytics-tour',
  title: 'Tour the log analytics',
  explain:
    "Runs the tutorial's analytics queries on the streamed logs — log levels, common errors, error rate by service, events over time, slowest requests, performance by service, correlated errors — and shows the first rows of each.",
  manual: () => 'openflow-kafka-quickstart sql analytics   # then paste it into a Snowsight worksheet',
  async check(ctx) {
    const ran = ctx.state.outputOf<AnalyticsTourOut>('analytics-tour');
    if (ran) return { state: 'done', summary: `${ran.queries.length} queries run at ${ran.ranAt}` };
    return { state: 'pending', reason: 'not run yet' };
  },
  async run(ctx, progress) {
    const w = warehouseOf(ctx);
    const script = renderTemplate('analytics', sqlNames(ctx.config));
    const statements = splitStatements(script);
    const queries: AnalyticsTourOut['queries'] = [];
    for (const [i, statement] of statements.entries()) {
      if (ctx.signal.aborted) break;
      progress.report({ done: i, total: statements.length, unit: 'statements' });
      let rows: Array<Record<string, unknown>>;
      try {
        rows = await w.execute(statement.text);
      } catch (err) {
        throw new StepFailure(
          `Analytics query at line ${statement.line} failed (${firstLineOf(statement.text)}): ${errorText(err)}`,
          'The queries only read "APPLICATION-LOGS"; check that the verify steps passed. `openflow-kafka-quickstart sql analytics` prints the script with its line numbers.',
        );
      }
      if (!/^(SELECT|WITH)\b/i.test(statement.text)) continue;
      const title = titleOf(script, statement) ?? `query at line ${statement.line}`;
      queries.push({ title, rows: rows.length });
      const chart = analyticsChart(rows);
      // "title: 3 rows", not "(3 rows)": some titles end in their own parentheses ("(per minute)").
      ctx.ui.show({ title: `${title}: ${rows.length} row${rows.length === 1 ? '' : 's'}`, body: formatRows(rows, { limit: ROWS_SHOWN, maxCellWidth: 40 }), ...(chart ? { chart } : {}) });
    }
    progress.report({ done: statements.length, total: statements.length, unit: 'statements' });
    return { queries, ranAt: ctx.clock.now().toISOString() };
  },
  summarize: (out) => `${out.queries.length} analytics queries run`,
};
