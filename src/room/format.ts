// The room board as lines of plain ASCII text, fitted to the terminal's width (unbounded into a
// pipe or file): one row per attendee, then what could not be read. Shared by the live board and
// `room status --once`.
import wrapAnsi from 'wrap-ansi';
import { EXPECTED, type AttendeeStatus } from './observe.js';

export interface BoardHeader {
  target: 'real' | 'sandbox';
  checkedAt: Date;
  /** Refresh interval of the live board; none for a one-off print. */
  everyMs?: number;
}

const COLUMNS = ['ATTENDEE', 'STAGE', 'RECORDS', 'MEMBERS', 'LAG', 'COLUMNS', 'ROWS'] as const;

export function formatBoard(statuses: AttendeeStatus[], header: BoardHeader, width = 80): string[] {
  const done = statuses.filter((s) => s.stage === 'done').length;
  const time = header.checkedAt.toISOString().slice(11, 19);
  const lines = [
    fit(`Room: ${statuses.length} attendee${statuses.length === 1 ? '' : 's'}, ${done} done (${header.target}) - checked ${time} UTC${header.everyMs ? `, every ${Math.round(header.everyMs / 1000)}s; q quits` : ''}`, width),
  ];
  const num = (v: number | null) => (v === null ? '-' : String(v));
  const rows = statuses.map((s) => [
    s.attendee,
    s.stage,
    s.topic.exists ? num(s.topic.records) : 'no topic',
    num(s.group.members),
    num(s.group.lag),
    s.table.columns ? `${s.table.columns}/${EXPECTED.columns}` : '-',
    num(s.table.rows),
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i]!.length)));
  // The attendee column gives way first when the terminal is narrow.
  const others = widths.slice(1).reduce((a, b) => a + b + 2, 0);
  widths[0] = Math.max(4, Math.min(widths[0]!, width - others - 1));
  const line = (cells: readonly string[]) =>
    fit(cells.map((c, i) => (i === 0 ? cut(c, widths[0]!).padEnd(widths[0]!) : i === 1 ? c.padEnd(widths[1]!) : c.padStart(widths[i]!))).join('  '), width);
  lines.push(line(COLUMNS), ...rows.map(line));
  const problems = statuses.flatMap((s) => s.problems.map((p) => `! ${s.attendee}: ${p}`));
  // What went wrong is read whole: wrapped under itself, never cut like a row of the table.
  if (problems.length > 0) lines.push('', ...problems.flatMap((p) => wrapped(p, width)));
  return lines;
}

/** A line wrapped to the width, its continuation rows indented under it; whole when the width is unbounded. */
export function wrapped(text: string, width: number): string[] {
  if (!Number.isFinite(width)) return [text];
  return wrapAnsi(text, Math.max(10, width - 3), { hard: true, trim: true })
    .split('\n')
    .map((line, i) => (i === 0 ? line : `  ${line}`));
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}~`;
}

function fit(text: string, width: number): string {
  return cut(text, Math.max(10, width - 1));
}
