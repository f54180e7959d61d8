// Which analytics results are better looked at than read, and as what chart: known by their
// columns (the tutorial's own aliases), not by position, so a reordered script still charts.
import type { Chart } from '../../src/engine/panel.js';

type Row = Record<string, unknown>;

const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(String(v ?? ''));
  return Number.isFinite(n) ? n : 0;
};
const label = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v ?? 'NULL'));
const has = (rows: Row[], ...columns: string[]) => rows.length > 0 && columns.every((c) => c in rows[0]!);

export function analyticsChart(rows: Row[]): Chart | undefined {
  // Distribution of log levels: bars with counts and shares.
  if (has(rows, 'LOG_LEVEL', 'EVENT_COUNT')) {
    return { kind: 'bars', share: true, bars: rows.map((r) => ({ label: label(r.LOG_LEVEL), value: num(r.EVENT_COUNT) })) };
  }
  // Event count and error rate by service: the error rate as bars.
  if (has(rows, 'SERVICE_NAME', 'ERROR_RATE_PCT')) {
    return { kind: 'bars', unit: '%', bars: rows.map((r) => ({ label: label(r.SERVICE_NAME), value: num(r.ERROR_RATE_PCT) })) };
  }
  // Event volume over time: events and errors per minute, oldest first.
  if (has(rows, 'TIME_BUCKET', 'EVENTS_PER_MINUTE')) {
    const points = rows
      .map((r) => ({ at: label(r.TIME_BUCKET), values: [num(r.EVENTS_PER_MINUTE), num(r.ERRORS_PER_MINUTE)] }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return { kind: 'series', series: ['events per minute', 'errors'], points };
  }
  return undefined;
}
