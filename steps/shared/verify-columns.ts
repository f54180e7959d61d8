// Verifying what Openflow's schema detection made of the logs: poll INFORMATION_SCHEMA.COLUMNS
// (the tutorial's own query) until the expected columns are there and the rows have arrived, or
// a timeout passes; then show the columns with their types — new, missing, extra (a TEST column
// is the tutorial's connection test) and type differences — and the row count against what the
// produce steps sent. Rows the table held before a batch (an earlier run's) are not this walk's:
// the step waits for the batch on top of them and counts them apart.
import type { LogKind, WarehousePort } from '../../src/engine/ports.js';
import type { ColumnsChart } from '../../src/engine/panel.js';
import type { Check, Step, StepContext, StepId } from '../../src/engine/step.js';
import { StepFailure } from '../../src/engine/step.js';
import { expectedColumns } from '../../src/logs/index.js';
import { ident, literal } from '../../src/sql.js';
import type { ProduceLogsOut } from './produce-logs.js';
import { errorText, pause, rowsOrNull, sqlNames, text, type SqlNames } from './snowflake.js';
import { formatTable } from './text-table.js';
import { explainDifferences, finishInterruptedRetype, planRetype } from './retype-columns.js';

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface VerifyColumnsOut {
  columns: ColumnInfo[];
  missing: string[];
  extra: string[];
  rows: number;
  /** Records the produce steps sent (null when they left no record). */
  produced: number | null;
  /** Rows of the table that are not this walk's (there before its first batch). */
  earlier?: number;
}

export interface ColumnComparison {
  lines: Array<{ name: string; type: string; expected: string | null; mark: 'ok' | 'new' | 'missing' | 'extra' | 'type' | 'connector' }>;
  missing: string[];
  extra: string[];
  /** The connector's own metadata columns (newer connector versions add one), neither expected nor extra. */
  connector: string[];
  typeDifferences: Array<{ name: string; expected: string; actual: string }>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_POLL_MS = 2000;

/** Columns newer Openflow Kafka connector versions add for Kafka metadata (topic, partition, offset, …). */
export const CONNECTOR_COLUMNS: ReadonlySet<string> = new Set(['KAFKAMETADATA', 'RECORD_METADATA']);
export const CONNECTOR_COLUMN_NOTE = "the connector's own column: Kafka metadata (topic, partition, offset) that newer connector versions add";

export const TEST_COLUMN_NOTE =
  'the tutorial\'s connection test (generate_logs.py --test-connection) wrote {"test": true, …} into the topic; harmless';

/** The comparison as the columns chart draws it: `before` columns, then each one marked (the connector's own as the connector's). */
export function columnsChart(cmp: ColumnComparison, before: number): ColumnsChart {
  return { kind: 'columns', before, columns: cmp.lines.map((l) => ({ name: l.name, type: l.type || l.expected || '', mark: l.mark })) };
}

/** Found columns against expected ones; `previous` names the columns that existed before (for "new"). */
export function compareColumns(found: ColumnInfo[], expected: ColumnInfo[], previous?: ReadonlySet<string>): ColumnComparison {
  const want = new Map(expected.map((c) => [c.name, c.type]));
  const have = new Map(found.map((c) => [c.name, c.type]));
  const lines: ColumnComparison['lines'] = [];
  const typeDifferences: ColumnComparison['typeDifferences'] = [];
  for (const c of found) {
    const exp = want.get(c.name) ?? null;
    if (exp === null && CONNECTOR_COLUMNS.has(c.name)) lines.push({ name: c.name, type: c.type, expected: null, mark: 'connector' });
    else if (exp === null) lines.push({ name: c.name, type: c.type, expected: null, mark: 'extra' });
    else if (exp !== c.type) {
      lines.push({ name: c.name, type: c.type, expected: exp, mark: 'type' });
      typeDifferences.push({ name: c.name, expected: exp, actual: c.type });
    } else lines.push({ name: c.name, type: c.type, expected: exp, mark: previous && !previous.has(c.name) ? 'new' : 'ok' });
  }
  const missing = expected.filter((c) => !have.has(c.name)).map((c) => c.name);
  for (const name of missing) lines.push({ name, type: '', expected: want.get(name)!, mark: 'missing' });
  lines.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const named = (mark: string) => lines.filter((l) => l.mark === mark).map((l) => l.name);
  return { lines, missing, extra: named('extra'), connector: named('connector'), typeDifferences };
}

export function formatComparison(cmp: ColumnComparison): string {
  const remark = (l: ColumnComparison['lines'][number]): string => {
    switch (l.mark) {
      case 'new':
        return 'new';
      case 'missing':
        return `MISSING (expected ${l.expected})`;
      case 'type':
        return `TYPE DIFFERS: expected ${l.expected}`;
      case 'connector':
        return CONNECTOR_COLUMN_NOTE;
      case 'extra':
        return l.name === 'TEST' ? `extra: ${TEST_COLUMN_NOTE}` : 'extra: not in the tutorial\'s listing';
      default:
        return '';
    }
  };
  return formatTable(
    ['COLUMN_NAME', 'DATA_TYPE', ''],
    cmp.lines.map((l) => [l.name, l.type || '-', remark(l)]),
    { maxCellWidth: 140 },
  );
}

export function columnsQuery(names: SqlNames): string {
  return `SELECT COLUMN_NAME, DATA_TYPE FROM ${ident(names.DATABASE)}.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME ILIKE ${literal(names.TABLE)} ORDER BY COLUMN_NAME`;
}

export function countQuery(names: SqlNames): string {
  return `SELECT COUNT(*) AS ROW_COUNT FROM ${ident(names.DATABASE)}.PUBLIC.${ident(names.TABLE)}`;
}

/** What the table looks like now: its columns (empty when absent) and row count (null when absent). */
export async function observeTable(w: WarehousePort, names: SqlNames): Promise<{ columns: ColumnInfo[]; rows: number | null }> {
  const found = (await rowsOrNull(w, columnsQuery(names))) ?? [];
  const columns = found.map((r) => ({ name: text(r, 'COLUMN_NAME'), type: text(r, 'DATA_TYPE').toUpperCase() }));
  if (columns.length === 0) return { columns, rows: null };
  const counted = await rowsOrNull(w, countQuery(names));
  const rows = counted?.[0] ? Number(Object.values(counted[0])[0]) : null;
  return { columns, rows };
}

/** What this phase waits for: the records produced so far, and the table's rows once they all arrived. */
interface Expected {
  /** Records the walk produced up to this phase: base for base; base + evolved for evolved. */
  produced: number;
  /** Rows the table holds once this phase's batch arrived: the rows before it, plus the batch. */
  rows: number;
  /** Rows that were in the table before the walk's first batch (an earlier run's). */
  earlier: number;
  /** Whether `earlier` was counted (state of older versions has no count): only then can extra rows be called duplicates. */
  earlierKnown: boolean;
}

function expectedUpTo(ctx: StepContext, kind: LogKind): Expected | null {
  const base = ctx.state.outputOf<ProduceLogsOut>('produce-base-logs');
  const evolved = ctx.state.outputOf<ProduceLogsOut>('produce-evolved-logs');
  const baseBefore = base?.tableRowsBefore ?? null; // absent in the state of older versions
  if (kind === 'base') {
    if (!base) return null;
    const earlier = baseBefore ?? 0;
    return { produced: base.count, rows: earlier + base.count, earlier, earlierKnown: baseBefore !== null };
  }
  if (!evolved) return null;
  const produced = evolved.count + (base?.count ?? 0);
  const evolvedBefore = evolved.tableRowsBefore ?? null;
  const earlier = baseBefore ?? (evolvedBefore !== null ? Math.max(0, evolvedBefore - (base?.count ?? 0)) : 0);
  return { produced, rows: evolvedBefore !== null ? evolvedBefore + evolved.count : earlier + produced, earlier, earlierKnown: baseBefore !== null || evolvedBefore !== null };
}

/** "50 rows of 50 produced", and the earlier rows apart when there are some. */
function rowsPhrase(rows: number, produced: number, earlier: number): string {
  return `${Math.max(0, rows - earlier)} rows of ${produced} produced${earlier > 0 ? ` (+${earlier} rows from before this walk)` : ''}`;
}

/** More of this walk's rows than records produced: duplicates, never "fine" (a compacted topic made a resumed walk send records again). */
function duplicates(rows: number, want: Expected, producedSoFar: number): { message: string; hint: string } | null {
  const mine = rows - want.earlier;
  if (!want.earlierKnown || mine <= producedSoFar) return null;
  return {
    message: `duplicates: ${mine} rows for ${producedSoFar} produced (${mine - producedSoFar} more than the walk sent)`,
    hint: DUPLICATES_HINT,
  };
}

const DUPLICATES_HINT =
  'Records reached the table twice, or were produced outside the walk (openflow-kafka-quickstart logs). A topic that compacts or expires records makes a resumed walk send them again: ' +
  "see the create-topic step (openflow-kafka-quickstart status). For exact counts, start over on a new topic that keeps its records (--topic NAME; its table is new too) and point the connector's Kafka Topic at it.";

/** The table's rows now, counted as the verify steps count them (their role and warehouse); 0 when it does not exist. */
export async function tableRowsNow(w: WarehousePort, names: SqlNames, note: (line: string) => void): Promise<number> {
  await setContext(w, names, note);
  return (await observeTable(w, names)).rows ?? 0;
}

export function verifyColumnsStep(spec: { id: StepId; kind: LogKind; title: string; explain: string }): Step<VerifyColumnsOut> {
  const expected = expectedColumns(spec.kind);
  return {
    id: spec.id,
    title: spec.title,
    explain: spec.explain,
    manual: (ctx) => `openflow-kafka-quickstart query "${columnsQuery(sqlNames(ctx.config)).replace(/"/g, '\\"')}"`,
    async check(ctx): Promise<Check> {
      if (!ctx.warehouse) return { state: 'blocked', reason: 'no Snowflake connection is configured' };
      const names = sqlNames(ctx.config);
      const seen = await observeTable(ctx.warehouse, names);
      if (seen.columns.length === 0) return { state: 'pending', reason: `table ${names.TABLE} does not exist yet (or is not visible to the current role)` };
      const cmp = compareColumns(seen.columns, expected);
      if (cmp.missing.length) return { state: 'pending', reason: `${cmp.missing.length} of ${expected.length} columns missing: ${cmp.missing.join(', ')}` };
      if (cmp.typeDifferences.length) {
        return { state: 'drifted', diff: cmp.typeDifferences.map((d) => `${d.name} is ${d.actual}, the tutorial shows ${d.expected}`), fix: 'the step explains why and offers to convert them' };
      }
      const want = expectedUpTo(ctx, spec.kind);
      // Before this walk's batch is produced, rows already there are an earlier run's: not done.
      if (!want) return { state: 'pending', reason: `waits for this walk's ${spec.kind} logs (produce-${spec.kind}-logs)` };
      const rows = seen.rows ?? 0;
      if (rows < want.rows) return { state: 'pending', reason: `${Math.max(0, rows - want.earlier)} of ${want.produced} produced records are in the table` };
      // Looked at again after the evolved logs (a second walk), the table holds both batches: counted against both.
      const producedSoFar = spec.kind === 'base' ? (expectedUpTo(ctx, 'evolved')?.produced ?? want.produced) : want.produced;
      const extraRows = duplicates(rows, want, producedSoFar);
      if (extraRows) return { state: 'drifted', diff: [`table ${names.TABLE} holds ${extraRows.message}`], fix: extraRows.hint };
      return { state: 'done', summary: `${expected.length} columns${extraPhrase(spec.kind, cmp.extra)}, ${rowsPhrase(rows, producedSoFar, want.earlier)}` };
    },
    async run(ctx, progress) {
      const w = ctx.warehouse;
      if (!w) throw new StepFailure('No Snowflake connection is configured.', 'Configure Snowflake, or use --sandbox.');
      const names = sqlNames(ctx.config);
      await setContext(w, names, progress.note);
      const want = expectedUpTo(ctx, spec.kind);
      const produced = want?.produced ?? null;
      const earlier = want?.earlier ?? 0;
      const thisWalk = (rows: number | null) => Math.max(0, (rows ?? 0) - earlier);
      const previous =
        spec.kind === 'evolved'
          ? new Set((ctx.state.outputOf<VerifyColumnsOut>('verify-base-columns')?.columns ?? expectedColumns('base')).map((c) => c.name))
          : undefined;
      const timeoutMs = positive(ctx.config.verifyTimeoutMs) ?? DEFAULT_TIMEOUT_MS;
      const pollMs = positive(ctx.config.verifyPollMs) ?? DEFAULT_POLL_MS;
      const deadline = ctx.clock.now().getTime() + timeoutMs;

      let seen = await observeTable(w, names);
      // A walk killed while converting a column type: finish or undo that first (found by test/crash).
      const repaired = await finishInterruptedRetype(w, names, seen.columns.map((c) => c.name));
      if (repaired.length) {
        for (const line of repaired) progress.note(`Column ${line}.`);
        seen = await observeTable(w, names);
      }
      let cmp = compareColumns(seen.columns, expected, previous);
      for (;;) {
        const present = expected.length - cmp.missing.length;
        progress.report({ done: present, total: expected.length, unit: 'columns', detail: `${thisWalk(seen.rows)}${produced !== null ? ` of ${produced}` : ''} rows` });
        const rowsArrived = want === null || (seen.rows ?? 0) >= want.rows;
        if ((seen.columns.length > 0 && cmp.missing.length === 0 && rowsArrived) || ctx.clock.now().getTime() >= deadline || ctx.signal.aborted) break;
        await pause(pollMs, ctx.signal);
        seen = await observeTable(w, names);
        cmp = compareColumns(seen.columns, expected, previous);
      }
      const out: VerifyColumnsOut = { columns: seen.columns, missing: cmp.missing, extra: cmp.extra, rows: seen.rows ?? 0, produced, earlier };
      if (ctx.signal.aborted) return out;

      const showComparison = () => {
        // After the evolved logs, the diff against the base columns is the moment of the tutorial: drawn as a chart.
        const chart = previous ? columnsChart(cmp, previous.size) : undefined;
        ctx.ui.show({ title: `"${names.TABLE}": ${seen.columns.length} columns (expected ${expected.length}), ${seen.rows ?? 0} rows${produced !== null ? ` (${produced} produced${earlier > 0 ? `, ${earlier} from before this walk` : ''})` : ''}`, body: formatComparison(cmp), ...(chart ? { chart } : {}) });
      };
      if (seen.columns.length > 0) showComparison();
      if (cmp.extra.includes('TEST')) progress.note(`Column TEST: ${TEST_COLUMN_NOTE}.`);
      for (const name of cmp.connector) progress.note(`Column ${name}: ${CONNECTOR_COLUMN_NOTE}; not one of the tutorial's columns, and fine.`);
      if (seen.columns.length === 0 || cmp.missing.length) {
        throw new StepFailure(
          seen.columns.length === 0
            ? `No table ${names.TABLE} in ${names.DATABASE} after ${Math.round(timeoutMs / 1000)}s.`
            : `${cmp.missing.length} of ${expected.length} columns still missing after ${Math.round(timeoutMs / 1000)}s: ${cmp.missing.join(', ')}.`,
          WHAT_TO_CHECK,
        );
      }
      if (want && out.rows < want.rows) {
        throw new StepFailure(`Only ${thisWalk(out.rows)} of the ${want.produced} produced records reached the table after ${Math.round(timeoutMs / 1000)}s.`, WHAT_TO_CHECK);
      }
      const extraRows = want && duplicates(out.rows, want, spec.kind === 'base' ? (expectedUpTo(ctx, 'evolved')?.produced ?? want.produced) : want.produced);
      if (extraRows) throw new StepFailure(`Table ${names.TABLE} holds ${extraRows.message}.`, extraRows.hint);
      // Offered, not failed on every resume: convert in place when no value would be lost.
      const plan = cmp.typeDifferences.length ? await planRetype(w, names, cmp.typeDifferences) : undefined;
      if (plan) {
        ctx.ui.show({ title: `${cmp.typeDifferences.length} column type(s) differ from the tutorial's`, body: explainDifferences(plan) });
        const which = plan.convertible.map((d) => `${d.name} to ${d.expected}`).join(', ');
        if (plan.blocked.length === 0 && (await ctx.ui.confirm(`Convert ${which} in place, keeping every value?`, { defaultAnswer: true, headlessAnswer: ctx.config.target === 'sandbox' }))) {
          for (const statement of plan.statements) await w.execute(statement);
          progress.note(`Converted ${which}.`);
          seen = await observeTable(w, names);
          cmp = compareColumns(seen.columns, expected, previous);
          out.columns = seen.columns;
          // The comparison above was drawn before converting: the table as it is now.
          showComparison();
        }
      }
      if (cmp.typeDifferences.length) {
        throw new StepFailure(
          `Column types differ from the tutorial's: ${cmp.typeDifferences.map((d) => `${d.name} is ${d.actual}, expected ${d.expected}`).join('; ')}.`,
          plan?.blocked.length === 0
            ? 'Run the walk on a terminal and answer y to convert them, or run the statements shown above (openflow-kafka-quickstart query -), then run again.'
            : `Values in these columns would not convert. To start over: DROP TABLE ${names.DATABASE}.PUBLIC."${names.TABLE}", then reset produce-base-logs and produce-evolved-logs and run again.`,
        );
      }
      return out;
    },
    summarize: (out) =>
      `${out.columns.length} columns${out.extra.length ? ` (extra: ${out.extra.join(', ')})` : ''}, ${out.produced !== null ? rowsPhrase(out.rows, out.produced, out.earlier ?? 0) : `${out.rows} rows`}`,
  };
}

/** Once the evolved logs landed, the base phase's "extra" columns are the evolved ones: say so, not all 26. */
function extraPhrase(kind: LogKind, extra: string[]): string {
  if (extra.length === 0) return '';
  const evolved = new Set(expectedColumns('evolved').map((c) => c.name));
  const fromEvolved = kind === 'base' ? extra.filter((name) => evolved.has(name)) : [];
  const others = extra.filter((name) => !fromEvolved.includes(name));
  return [
    fromEvolved.length ? ` (+${fromEvolved.length} from the evolved logs)` : '',
    others.length ? ` (+${others.join(', ')})` : '',
  ].join('');
}

const WHAT_TO_CHECK =
  'Check: (1) the connector is running in the Openflow canvas (processors green); ' +
  '(2) Kafka Auto Offset Reset is "latest", so records produced before the connector first consumed are never ingested — produce more (openflow-kafka-quickstart logs --count 50) or reset the group\'s offsets; ' +
  '(3) the network rule lists every broker (the setup-sql step) and the runtime has the external access integration. Then run again: this step waits anew.';

/** The tutorial's "Set context" before its verification queries; a refused USE is reported, not fatal. */
async function setContext(w: WarehousePort, names: SqlNames, note: (line: string) => void): Promise<void> {
  for (const statement of [`USE ROLE ${ident(names.ROLE)}`, `USE WAREHOUSE ${ident(names.WAREHOUSE)}`]) {
    try {
      await w.execute(statement);
    } catch (err) {
      note(`${statement} failed (${errorText(err)}); querying with the session's current role and warehouse.`);
    }
  }
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
