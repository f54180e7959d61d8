// `query "SQL"` (or `-` to read stdin): runs SQL on the configured Snowflake connection — the
// sandbox's emulator included — one statement at a time, and prints each result as a table, or
// with --json the last statement's rows as a JSON array of objects keyed by column name.
import { StepFailure } from '../engine/step.js';
import type { WarehousePort } from '../engine/ports.js';
import { splitStatements } from '../sql.js';
import { formatRows } from '../../steps/shared/text-table.js';
import { errorText, firstLineOf } from '../../steps/shared/snowflake.js';
import { EXIT, UsageError } from './exit.js';
import type { GlobalOptions } from './global-options.js';
import { prepare } from './prepare.js';
import { barsFromRows } from '../app/charts/from-rows.js';
import { chartText } from '../app/charts/index.js';
import { detectLook } from '../app/terminal.js';

export interface QueryCommandOptions {
  /** The SQL, or '-' to read it from stdin. */
  sql: string;
  json: boolean;
  /** Draw the last result (a label and a number column) as bars instead of a table. */
  chart?: boolean;
  /** Columns the chart may use (the terminal's width; 80 in a pipe). */
  width?: number;
}

export interface QueryIo {
  stdin?: NodeJS.ReadableStream;
  write?: (text: string) => void;
}

export async function queryCommand(opts: QueryCommandOptions, warehouse: WarehousePort, io: QueryIo = {}): Promise<number> {
  const write = io.write ?? ((t: string) => process.stdout.write(t));
  const sqlText = opts.sql === '-' ? await readAll(io.stdin ?? process.stdin) : opts.sql;
  const statements = splitStatements(sqlText);
  if (statements.length === 0) throw new UsageError('no SQL statement given', 'Pass the SQL as an argument, or - to read it from stdin.');

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
      write(`${formatRows(last, { maxCellWidth: 80 })}\n(${last.length} row${last.length === 1 ? '' : 's'})\n`);
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

/** BigInts (large NUMBERs) as strings: JSON has no integer wider than a double. */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** `query` as the CLI runs it: the configured connection (or the sandbox's), then the SQL. */
export async function queryWithConnection(opts: GlobalOptions & QueryCommandOptions): Promise<number> {
  const prepared = await prepare(opts, { interactive: !opts.yes && process.stdin.isTTY === true });
  try {
    await prepared.start();
    const warehouse = await prepared.openWarehouse();
    if (!warehouse) {
      throw new UsageError(
        'No Snowflake connection is configured.',
        'Set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and a credential, or define a Snowflake CLI connection (--connection NAME); --sandbox queries the local sandbox.',
      );
    }
    return await queryCommand(opts, warehouse);
  } finally {
    await prepared.close();
  }
}
