// A plain-text table for terminal output (query results, column listings). No colours, so the
// same text serves the Ink detail pane, headless logs and `query`.

export interface TableOptions {
  /** Longest a cell may be before it is cut with …; default 48. */
  maxCellWidth?: number;
}

/** A value as one line of text: NULL for null, JSON for objects, ISO for dates. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\r?\n/g, '\\n').replace(/\t/g, ' ');
}

export function formatTable(columns: string[], rows: unknown[][], opts: TableOptions = {}): string {
  const max = opts.maxCellWidth ?? 48;
  const cut = (s: string) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  const cells = rows.map((row) => columns.map((_, i) => cut(cellText(row[i]))));
  const header = columns.map(cut);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Rows keyed by column name (what WarehousePort returns) as a table, columns in first-row order. */
export function formatRows(rows: Array<Record<string, unknown>>, opts: TableOptions & { limit?: number } = {}): string {
  if (rows.length === 0) return '(no rows)';
  const columns = Object.keys(rows[0]!);
  const shown = opts.limit !== undefined ? rows.slice(0, opts.limit) : rows;
  const table = formatTable(
    columns,
    shown.map((r) => columns.map((c) => r[c])),
    opts,
  );
  const more = rows.length - shown.length;
  return more > 0 ? `${table}\n… ${more} more row${more === 1 ? '' : 's'}` : table;
}
