// What a person reads at their own pace: a step's panels as one document (charts drawn, tables
// kept whole), a few pinned summary lines that never scroll away, and a viewport that scrolls
// over the rest. Used by the walk's detail pane (running or paused) and by the review.
import type { Panel } from '../engine/panel.js';
import { drawChart, type ChartStyle } from './charts/index.js';
import { fitLine, type Line } from './line.js';
import type { Glyphs } from './terminal.js';
import { clean, textWidth, wrap } from './text.js';
import type { StepView } from './walk-state.js';

export interface ReadOptions {
  width: number;
  glyphs: Glyphs;
  chartStyle: ChartStyle;
}

/**
 * Running text (explanations, notes, prose in panels) wraps at most this wide: longer lines are
 * hard to follow from end to start. Tables use the whole width, so a wide one is not cut.
 */
export const PROSE_WIDTH = 100;

export function proseWidth(width: number): number {
  return Math.min(width, PROSE_WIDTH);
}

/** Where the viewport is, and how far it may go; the layout fills in `max` and `page`. */
export interface Scroll {
  offset: number;
  max: number;
  page: number;
}

/** Wrapped text as lines, each prefixed (hanging indent) by `indent` spaces after the first. */
export function paragraphLines(text: string, o: ReadOptions, style: Omit<Line[number], 'text'> = {}, indent = 0): Line[] {
  return wrap(clean(text), Math.max(1, proseWidth(o.width) - indent)).map((t) => [{ text: ' '.repeat(indent) }, { ...style, text: t }]);
}

/** The lines every panel wants pinned: its summary, wrapped. */
export function pinnedLines(panels: Panel[], o: ReadOptions): Line[] {
  const lines: Line[] = [];
  for (const p of panels) {
    if (!p.summary?.trim()) continue;
    for (const row of clean(p.summary).split('\n')) {
      const [, key, value] = /^([^:]{1,40}:)( .*)$/.exec(row) ?? [];
      if (key) lines.push(...wrapKeyValue(key, value!, o));
      else lines.push(...paragraphLines(row, o, { bold: true }));
    }
  }
  return lines;
}

/** "Kafka Group Id: value": the name dim, the value bold, wrapped under itself. */
function wrapKeyValue(key: string, value: string, o: ReadOptions): Line[] {
  const rows = wrap(value.trim(), Math.max(8, proseWidth(o.width) - key.length - 1));
  return rows.map((t, i) => fitLine([{ text: i === 0 ? key + ' ' : ' '.repeat(key.length + 1), dim: true }, { text: t, bold: true }], o.width, o.glyphs.ellipsis));
}

/** Panels as one document: a title line each, then the chart (or the text, cut at the width, never wrapped: tables stay tables). */
export function panelLines(panels: Panel[], o: ReadOptions): Line[] {
  const lines: Line[] = [];
  panels.forEach((p, i) => {
    if (i > 0) lines.push([]);
    // Titles wrap: a long one ("... with exactly these values") is a sentence, cut it says less.
    for (const t of wrap(clean(p.title), Math.max(1, proseWidth(o.width)))) lines.push([{ text: t, bold: true, color: 'blue' }]);
    if (p.chart) {
      // A chart is read like text: bars 200 columns long put the counts far from their labels.
      for (const l of drawChart(p.chart, proseWidth(o.width) - 2, o.chartStyle)) lines.push(fitLine([{ text: '  ' }, ...l], o.width, o.glyphs.ellipsis));
      return;
    }
    const body = bodyBelowSummary(p);
    while (body.length && !body[body.length - 1]!.trim()) body.pop();
    for (let at = 0; at < body.length; at++) {
      const table = wideTable(body, at, o);
      if (!table) {
        lines.push(...bodyLines(body[at]!, o));
        continue;
      }
      lines.push(...recordLines(table, o));
      at = table.end - 1;
    }
  });
  return lines;
}

/** A result table (header, a rule of dashes, rows) too wide for the screen, found at `at`. */
interface WideTable {
  names: string[];
  rows: string[][];
  /** The index after its last row. */
  end: number;
}

function wideTable(body: string[], at: number, o: ReadOptions): WideTable | undefined {
  const rule = body[at + 1];
  if (!rule || !/^ *-+( {2}-+)* *$/.test(rule)) return undefined;
  let end = at + 2;
  while (end < body.length && body[end]!.trim() && !/^\s*(…|\.\.\.) /.test(body[end]!)) end++;
  const rows = body.slice(at, end);
  if (rows.every((r) => textWidth('  ' + r.trimEnd()) <= o.width)) return undefined;
  // Columns start where the rule's runs of dashes start (cells are padded to them).
  const starts = [...rule.matchAll(/-+/g)].map((m) => m.index!);
  const cells = (row: string) => starts.map((start, i) => row.slice(start, starts[i + 1]).trim());
  return { names: cells(body[at]!), rows: rows.slice(2).map(cells), end };
}

/**
 * A table too wide for the screen as records, one "NAME  value" row per column, as psql's
 * expanded display does: cut at the width, its last columns were lost behind '…'.
 */
function recordLines(table: WideTable, o: ReadOptions): Line[] {
  const nameWidth = Math.max(...table.names.map(textWidth));
  const lines: Line[] = [];
  table.rows.forEach((row, r) => {
    if (r > 0) lines.push([]);
    table.names.forEach((name, c) => {
      const values = wrap(row[c] ?? '', Math.max(8, proseWidth(o.width) - nameWidth - 4));
      values.forEach((v, i) => lines.push([{ text: '  ' + (i === 0 ? name.padEnd(nameWidth) : ' '.repeat(nameWidth)) + '  ', dim: true }, { text: v }]));
    });
  });
  return lines;
}

/**
 * A panel's body lines without the summary it starts with: headless output prints the body whole,
 * but on a terminal the summary is pinned above it, and the hand-off read twice in a row.
 */
function bodyBelowSummary(p: Panel): string[] {
  const body = clean(p.body.replace(/\r/g, '')).split('\n');
  const summary = p.summary?.trim() ? clean(p.summary).split('\n') : [];
  if (!summary.length || !summary.every((row, i) => body[i]?.trim() === row.trim())) return body;
  const rest = body.slice(summary.length);
  while (rest.length && !rest[0]!.trim()) rest.shift();
  return rest;
}

/**
 * A table row: cells are padded to their column, so a last cell that fits is not cut for its
 * trailing spaces; a last cell that does not fit (a SQL statement, a message) wraps under itself
 * when its column starts early enough, and the row is cut only when an earlier cell is too wide.
 */
function tableRow(text: string, o: ReadOptions): Line[] {
  const row = '  ' + text.trimEnd();
  if (textWidth(row) <= o.width) return [[{ text: row }]];
  const [, lead, last] = /^(.*\S {2,})(\S.*)$/.exec(row) ?? [];
  const start = lead ? textWidth(lead) : o.width;
  if (!lead || !last || start > o.width - 20 || /^-+$/.test(last)) return [fitLine([{ text: row }], o.width, o.glyphs.ellipsis)];
  return wrap(last, o.width - start).map((t, i): Line => [{ text: (i === 0 ? lead : ' '.repeat(start)) + t }]);
}

/** A row of a panel: a table row (two spaces between cells) is cut at the width, prose is wrapped under itself. */
function bodyLines(text: string, o: ReadOptions): Line[] {
  if (/\S {2,}\S/.test(text.trim()) || text.trim() === '') return tableRow(text, o);
  const lead = /^(\s*(?:\d+\.|[-*•])?\s*)/.exec(text)![1]!;
  const indent = 2 + lead.length;
  return wrap(text.slice(lead.length), Math.max(8, proseWidth(o.width) - indent)).map((t, i) => [{ text: (i === 0 ? '  ' + lead : ' '.repeat(indent)) + t }]);
}

/** A note whole: its mark, then the text wrapped under itself (hanging indent), never cut. */
export function noteLines(text: string, mark: Line[number], o: ReadOptions, indent = 0, style: Omit<Line[number], 'text'> = {}): Line[] {
  const lead = indent + textWidth(mark.text) + 1;
  return wrap(clean(text), Math.max(8, proseWidth(o.width) - lead)).map((t, i): Line => [
    { text: ' '.repeat(indent) },
    i === 0 ? mark : { text: ' '.repeat(textWidth(mark.text)) },
    { text: ' ' },
    { ...style, text: t },
  ]);
}

/** A step as the review shows it: what it is, how to do it by hand, what it did, and its panels. */
export function reviewLines(step: StepView, o: ReadOptions): Line[] {
  const lines: Line[] = [...paragraphLines(step.explain, o)];
  if (step.manual.trim()) {
    lines.push([], [{ text: 'Manual equivalent', bold: true }]);
    lines.push(...paragraphLines(step.manual.replace(/\s+/g, ' ').trim(), o, { dim: true }, 2));
  }
  const did = [...step.notes];
  const outcome = step.status === 'failed' ? step.error : step.summary;
  if (did.length || outcome) {
    lines.push([], [{ text: 'What it did', bold: true }]);
    for (const n of did) lines.push(...noteLines(n, { text: o.glyphs.dot }, o, 2));
    const style = { bold: true, color: step.status === 'failed' ? 'red' : undefined };
    if (outcome) lines.push(...noteLines(outcome, { ...style, text: o.glyphs.status[step.status === 'running' ? 'pending' : step.status] }, o, 2, style));
  }
  if (step.shows.length) lines.push([], ...panelLines(step.shows, o));
  if (lines.length === paragraphLines(step.explain, o).length) lines.push([], [{ text: 'Nothing recorded from a run of this step yet.', dim: true }]);
  return lines;
}

/**
 * `rows` rows of `lines` starting at the scroll offset. When not everything fits, the last row
 * says how much is left and which keys scroll; `scroll` gets the limits for the keys.
 */
export function viewport(lines: Line[], rows: number, o: ReadOptions, scroll?: Scroll): Line[] {
  if (rows <= 0) return [];
  if (lines.length <= rows) {
    if (scroll) Object.assign(scroll, { offset: 0, max: 0, page: rows });
    return lines;
  }
  const page = Math.max(1, rows - 1);
  const max = lines.length - page;
  const offset = Math.max(0, Math.min(scroll?.offset ?? 0, max));
  if (scroll) Object.assign(scroll, { offset, max, page });
  const shown = lines.slice(offset, offset + page);
  const below = lines.length - offset - page;
  const up = o.glyphs.ellipsis === '...' ? '^' : '↑';
  const down = o.glyphs.ellipsis === '...' ? 'v' : '↓';
  const where = below > 0 ? `${down} ${below} more line${below === 1 ? '' : 's'}` : 'end';
  const above = offset > 0 ? `  ${up} ${offset} above` : '';
  // Narrow: the page keys, then how far above, give way before the arrows that scroll are cut.
  const sep = `  ${o.glyphs.dot}  `;
  const said = [`${where}${above}${sep}${up}${down} PgUp/PgDn scroll`, `${where}${above}${sep}${up}${down} scroll`, `${where}${sep}${up}${down} scroll`, `${where} ${up}${down}`];
  const indicator = fitLine([{ text: said.find((t) => textWidth(t) <= o.width) ?? said.at(-1)!, color: 'cyan' }], o.width, o.glyphs.ellipsis);
  return [...shown, indicator];
}
