// `query --chart`: a result of a label column and a number column, as bars.
import type { BarChart } from '../../engine/panel.js';

const isNumber = (v: unknown): boolean =>
  typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));

/** Bars from the first non-numeric column (labels) and the first numeric one (values); a reason when there are none. */
export function barsFromRows(rows: Array<Record<string, unknown>>): { chart: BarChart } | { problem: string } {
  if (rows.length === 0) return { problem: 'the query returned no rows' };
  const columns = Object.keys(rows[0]!);
  const numeric = columns.filter((c) => rows.every((r) => r[c] === null || isNumber(r[c])) && rows.some((r) => r[c] !== null));
  const value = numeric[0];
  const labelColumn = columns.find((c) => !numeric.includes(c)) ?? (numeric.length > 1 ? numeric[0] : undefined);
  const valueColumn = labelColumn === value ? numeric[1] : value;
  if (!labelColumn || !valueColumn) {
    return { problem: `a chart needs a label column and a number column; the result has ${columns.map((c) => `${c} (${numeric.includes(c) ? 'number' : 'text'})`).join(', ')}` };
  }
  return {
    chart: {
      kind: 'bars',
      bars: rows.map((r) => ({ label: r[labelColumn] === null ? 'NULL' : String(r[labelColumn]), value: Number(r[valueColumn] ?? 0) })),
      unit: undefined,
    },
  };
}
