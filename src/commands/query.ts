// `query "SQL"` (or `-` to read stdin): runs SQL on the configured Snowflake connection — the
// sandbox's emulator included — one statement at a time, and prints each result as a table, or
// with --json the last statement's rows as a JSON array of objects keyed by column name.
import { StepFailure } from '../engine/step.js';
import type { WarehousePort } from '../engine/ports.js';
import { SqlTemplateError, splitStatements, type Statement } from '../sql.js';
import { formatRows } from '../../steps/shared/text-table.js';
import { errorText, firstLineOf } from '../../steps/shared/snowflake.js';
import { EXIT, UsageError } from './exit.js';
import type { GlobalOptions } from './global-options.js';
import { prepareWarehouse } from './prepare.js';
import { barsFromRows } from '../app/charts/from-rows.js';
import { chartText } from '../app/charts/index.js';
import { detectLook } from '../app/terminal.js';
import { formatRecords, widestLine } from './query-records.js';

export interface QueryCommandOptions {
  /** The SQL, or '-' to read it from stdin. */
  sql: string;
  json: boolean;
  /** Draw the last result (a label and a number column) as bars instead of a table. */
  chart?: boolean;
  /** Columns the chart may use (the terminal's width; 80 in a pipe). */
  width?: number;
  /** The terminal's width, when stdout is one: a table wider than it is printed as records. A pipe gets the table. */
  screenWidth?: number;
}

export interface QueryIo {
  stdin?: NodeJS.ReadableStream;
  write?: (text: string) => void;
}

/** The statements of the SQL given (or read from stdin): checked before any connection is made. */
export async function statementsOf(sql: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<Statement[]> {
  const from = sql === '-' ? 'read from stdin' : 'given';
  const sqlText = sql === '-' ? await readAll(stdin) : sql;
  if (sqlText === null) throw new UsageError(`the SQL ${from} is not valid UTF-8 text`);
  if (sqlText.includes('\0')) throw new UsageError(`the SQL ${from} contains a NUL character`);
  let statements: Statement[];
  try {
    statements = splitStatements(sqlText);
  } catch (err) {
    if (err instanceof SqlTemplateError) throw new UsageError(`the SQL ${from} has an ${err.message}`, 'Close the quote, identifier, comment or $$ body, and run again.');
    throw err;
  }
  if (statements.length === 0) throw new UsageError('no SQL statement given', 'Pass the SQL as an argument, or - to read it from stdin.');
  return statements;
}

export async function queryCommand(opts: QueryCommandOptions, warehouse: WarehousePort, io: QueryIo = {}, parsed?: Statement[]): Promise<number> {
  const write = io.write ?? ((t: string) => process.stdout.write(t));
  const statements = parsed ?? (await statementsOf(opts.sql, io.stdin));

  let last: Array<Record<string, unknown>> = [];
  for (const statement of statements) {
    try {
      last = await warehouse.execute(statement.text);
    } catch (err) {
      const where = statements.length > 1 ? ` (statement at line ${statement.line}: ${firstLineOf(statement.text)})` : '';
      throw new StepFailure(`${errorText(err)}${where}`);
    }
    if (!opts.json && !opts.chart) {
      if (statements.length > 1) write(`-- line ${statement.line}: ${firstLineOf(statement.text)}\n`);
      // An empty result is said once: "(0 rows)", not "(no rows)" above it too.
      write(`${last.length > 0 ? `${resultText(last, opts.screenWidth)}\n` : ''}(${last.length} row${last.length === 1 ? '' : 's'})\n`);
    }
  }
  if (opts.json) write(`${JSON.stringify(last, jsonValue, 2)}\n`);
  if (opts.chart) {
    const bars = barsFromRows(last);
    if ('problem' in bars) throw new UsageError(`--chart: ${bars.problem}`, 'For example: query --chart "SELECT LEVEL, COUNT(*) AS EVENTS FROM ... GROUP BY 1"');
    const look = detectLook();
    write(`${chartText(bars.chart, Math.min(opts.width ?? 80, 100) - 1, { ascii: !look.unicode || !look.color })}\n`);
  }
  return EXIT.done;
}

/** A result as a table; on a terminal too narrow for it, as records (the terminal would fold the table's lines into a wall of text). */
function resultText(rows: Array<Record<string, unknown>>, screenWidth: number | undefined): string {
  const table = formatRows(rows, { maxCellWidth: 80 });
  return screenWidth !== undefined && widestLine(table) > screenWidth - 1 ? formatRecords(rows, screenWidth) : table;
}

/** BigInts (large NUMBERs) as strings: JSON has no integer wider than a double. */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** All of stdin as text; null when it is not UTF-8 (decoding would silently change the SQL). */
async function readAll(stream: NodeJS.ReadableStream): Promise<string | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return null;
  }
}

/** `query` as the CLI runs it: the configured connection (or the sandbox's), then the SQL. */
export async function queryWithConnection(opts: GlobalOptions & QueryCommandOptions): Promise<number> {
  const statements = await statementsOf(opts.sql); // bad SQL text fails before anything is started
  const prepared = await prepareWarehouse(opts, { interactive: !opts.yes && process.stdin.isTTY === true });
  try {
    const warehouse = await prepared.openWarehouse();
    if (!warehouse) {
      throw new UsageError(
        'No Snowflake connection is configured.',
        'Set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and a credential, or define a Snowflake CLI connection (--connection NAME); --sandbox queries the local sandbox.',
      );
    }
    return await queryCommand(opts, warehouse, {}, statements);
  } finally {
    await prepared.close();
  }
}
