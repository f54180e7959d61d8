// A query result too wide for the terminal, as records: one block per row, one "NAME  value" line
// per column, values wrapped at words under themselves — psql's expanded display (\x), which
// a person reads down a column of names instead of across a table the terminal has folded.
import { cellText } from '../../steps/shared/text-table.js';
import { textWidth, wrap } from '../app/text.js';

/** The widest line of `text`, in terminal columns. */
export function widestLine(text: string): number {
  return Math.max(0, ...text.split('\n').map(textWidth));
}

/**
 * `rows` as records for a terminal `width` columns wide. Names share one column when it leaves
 * the values room (16 columns); otherwise each value goes on the lines under its name.
 */
export function formatRecords(rows: Array<Record<string, unknown>>, width: number): string {
  if (rows.length === 0) return '(no rows)';
  const columns = Object.keys(rows[0]!);
  const usable = Math.max(20, width - 1);
  const nameWidth = Math.max(...columns.map(textWidth));
  const beside = usable - nameWidth - 2 >= 16;
  const out: string[] = [];
  rows.forEach((row, r) => {
    const title = `-[ row ${r + 1} of ${rows.length} ]`;
    out.push(title + '-'.repeat(Math.max(0, Math.min(usable, 40) - title.length)));
    for (const name of columns) {
      const value = cellText(row[name]);
      if (beside) {
        const lines = wrap(value, usable - nameWidth - 2);
        lines.forEach((line, i) => out.push(`${i === 0 ? name.padEnd(nameWidth) : ' '.repeat(nameWidth)}  ${line}`.trimEnd()));
      } else {
        out.push(...wrap(name, usable));
        out.push(...wrap(value, usable - 4).map((line) => `    ${line}`));
      }
    }
  });
  return out.join('\n');
}
