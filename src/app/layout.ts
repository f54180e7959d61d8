// The whole screen as a list of lines, each at most `width` columns, together at most `height`
// rows. Computing lines (rather than leaving wrapping to Ink) is what lets the walk promise a
// frame that never overflows an 80×24 terminal and never breaks at 40 columns.
import type { StepStatus } from '../engine/events.js';
import { namesFor, qualifiedTable } from '../names.js';
import { STATUS_COLOR, type Glyphs } from './terminal.js';
import { clean, padEnd, textWidth, truncate, wrap } from './text.js';
import { formatClock, formatCount, formatDuration, formatRate } from './format.js';
import { focusStep, resumePoint, type StepView, type WalkView } from './walk-state.js';
import { fitLine, lineText, type Line, type Seg } from './line.js';
import { commandLines } from './command-lines.js';
import { noteLines, panelLines, paragraphLines, pinnedLines, proseWidth, reviewLines, viewport, type ReadOptions, type Scroll } from './reading.js';
import type { ChartStyle } from './charts/index.js';
import type { StepId } from '../engine/step.js';

export { fitLine, lineText, type Line, type Seg };

export interface LayoutOptions {
  width: number;
  height: number;
  /** Milliseconds since the epoch, for clocks and the spinner. */
  now: number;
  /** When the App started showing the walk. */
  startedAt: number;
  glyphs: Glyphs;
  /** How a person starts the walk again, e.g. "npx openflow-kafka-quickstart". */
  command: string;
  /** How charts are drawn (ASCII under NO_COLOR / LANG=C). */
  chartStyle?: ChartStyle;
  /** The reading viewport's position; the layout writes back its limits. */
  scroll?: Scroll;
  /** Auto pace: seconds until the walk goes on by itself. */
  autoSecondsLeft?: number;
  /** After the walk: the review list's cursor, and the step opened from it. */
  review?: { cursor: number; open?: StepId };
  /** The `show` command: a review of recorded steps, no walk. */
  reviewOnly?: boolean;
}

export const PRODUCT = 'Openflow Kafka Quickstart';

/** The sentence dash: an em dash, or '-' on a terminal without UTF-8 (LANG=C). */
function dash(o: LayoutOptions): string {
  return o.glyphs.ellipsis === '...' ? '-' : '—';
}

function spinnerFrame(o: LayoutOptions): string {
  return o.glyphs.spinner[Math.floor(o.now / 100) % o.glyphs.spinner.length];
}

function markOf(status: StepStatus, o: LayoutOptions): Seg {
  const text = status === 'running' ? spinnerFrame(o) : o.glyphs.status[status];
  return { text, color: STATUS_COLOR[status], bold: status === 'failed' };
}

/** Wrap `text` into at most `max` lines; the last one ends with an ellipsis when text was left out. */
function wrapCapped(text: string, width: number, max: number, ellipsis: string): string[] {
  const all = wrap(clean(text), width);
  if (all.length <= max) return all;
  const kept = all.slice(0, max);
  kept[max - 1] = truncate(kept[max - 1] + ' ' + ellipsis, width, ellipsis);
  if (!kept[max - 1].endsWith(ellipsis)) kept[max - 1] = truncate(kept[max - 1], width, ellipsis);
  return kept;
}

// ── header ────────────────────────────────────────────────────────────────────────────────────

function header(walk: WalkView, o: LayoutOptions): Line {
  const product: Seg = { text: PRODUCT, bold: true };
  const target: Line = walk.target ? [{ text: '  ' }, { text: walk.target, color: walk.target === 'sandbox' ? 'magenta' : 'blue', bold: true }] : [];
  const profile: Line = walk.target ? [{ text: ` ${o.glyphs.dot} profile ${walk.profile ?? 'default'}`, dim: true }] : [];
  const elapsed = o.reviewOnly ? '' : walk.end ? formatDuration(walk.end.durationMs) : formatClock(o.now - o.startedAt);
  const done = walk.steps.filter((s) => s.status === 'done').length;
  const counter = walk.steps.length ? `${done}/${walk.steps.length}${o.reviewOnly ? ' done' : ` ${o.glyphs.dot} `}` : '';
  const candidates: Line[] = walk.stopping && !walk.end
    ? [[{ text: 'stopping…'.replace('…', o.glyphs.ellipsis), color: 'yellow' }]]
    : [
        [{ text: `${counter}${elapsed}`, dim: true }, ...(walk.end || o.reviewOnly ? [] : [{ text: `  Ctrl-C stops`, dim: true }])],
        [{ text: `${counter}${elapsed}`, dim: true }],
        [{ text: elapsed, dim: true }],
      ];
  // Narrow terminals give up, in turn: the key hint, the step counter, the profile, the clock.
  for (const left of [[product, ...target, ...profile], [product, ...target]]) {
    const leftWidth = textWidth(lineText(left));
    for (const right of candidates) {
      const rightWidth = textWidth(lineText(right));
      if (leftWidth + 2 + rightWidth <= o.width) {
        return [...left, { text: ' '.repeat(o.width - leftWidth - rightWidth) }, ...right];
      }
    }
  }
  return fitLine([product, ...target], o.width, o.glyphs.ellipsis);
}

// ── step list ─────────────────────────────────────────────────────────────────────────────────

function stepSummary(step: StepView, o: LayoutOptions): Seg | undefined {
  if (step.status === 'running') {
    const p = step.progress?.update;
    // A wait in seconds: its limit is in the pane below, once.
    if (p && p.total > 0 && p.unit === 's') return { text: `waiting ${formatClock(p.done * 1000)}`, color: 'cyan' };
    if (p && p.total > 0) return { text: `${formatCount(p.done)}/${formatCount(p.total)} ${p.unit ?? ''}`.trim(), color: 'cyan' };
    return { text: 'running', color: 'cyan' };
  }
  // The pane under the list says why, whole (a failed step is always the one it is about).
  if (step.status === 'failed') return { text: 'failed', color: 'red' };
  if (step.status === 'interrupted') return { text: 'stopped here', color: 'yellow' };
  if (step.status === 'pending' && step.action === 'run') return undefined;
  if (!step.summary) return undefined;
  const color = step.status === 'drifted' ? 'yellow' : step.status === 'blocked' ? 'magenta' : undefined;
  return { text: clean(step.summary).split('\n')[0], dim: !color, color };
}

/** Narrower than this, a summary that does not fit beside its title is left to the pane and the review. */
const SUMMARY_BELOW_MIN_WIDTH = 60;

/**
 * A step's rows in the list: its mark and title, and its summary beside it when it fits there,
 * otherwise whole on rows of its own under the title (never cut: a summary is a sentence, and a
 * column a third of the screen wide would make it five rows).
 */
function stepRows(step: StepView, titleWidth: number, o: LayoutOptions): Line[] {
  const focused = step.status === 'running';
  const summary = stepSummary(step, o);
  const duration = step.durationMs !== undefined && step.status === 'done' && o.width >= 70 ? formatDuration(step.durationMs) : '';
  const room = o.width - (2 + titleWidth + 2) - (duration ? duration.length + 2 : 0);
  const beside = summary !== undefined && textWidth(summary.text) <= room;
  const padded = beside || duration !== '';
  const title = padded ? padEnd(step.title, titleWidth, o.glyphs.ellipsis) : truncate(step.title, titleWidth, o.glyphs.ellipsis);
  const head: Line = [markOf(step.status, o), { text: ' ' }, { text: title, bold: focused, dim: step.status === 'pending' || step.status === 'skipped' }];
  if (beside) head.push({ text: '  ' }, summary);
  if (duration) head.push({ text: ' '.repeat(Math.max(2, o.width - textWidth(lineText(head)) - duration.length)) }, { text: duration, dim: true });
  const rows: Line[] = [fitLine(head, o.width, o.glyphs.ellipsis)];
  if (summary && !beside && o.width >= SUMMARY_BELOW_MIN_WIDTH) {
    rows.push(...wrap(summary.text, o.width - 4).map((t): Line => [{ text: '    ' }, { ...summary, text: t }]));
  }
  return rows;
}

/** "✔ 4 done · – 1 skipped": a collapsed run of steps. */
function collapsedLine(steps: StepView[], label: string, o: LayoutOptions): Line {
  const counts = new Map<StepStatus, number>();
  for (const s of steps) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const line: Line = [];
  for (const [status, n] of counts) {
    if (line.length) line.push({ text: ` ${o.glyphs.dot} `, dim: true });
    line.push(markOf(status, o), { text: ` ${n} ${status === 'pending' ? label : status}`, dim: true });
  }
  return fitLine(line, o.width, o.glyphs.ellipsis);
}

/** "› ✔  5  openflow-connector   Add and start the Openflow connector": the review's numbered list. */
function reviewList(walk: WalkView, rows: number, o: LayoutOptions): Line[] {
  const cursor = o.review?.cursor ?? 0;
  const idWidth = Math.max(...walk.steps.map((s) => s.id.length));
  const numWidth = String(walk.steps.length).length;
  // Too narrow for every title whole: the ids alone (what --from takes; an opened step shows its
  // title), rather than titles cut to a word or two ("Check c…").
  const titled = 4 + numWidth + 2 + idWidth + 2 + Math.max(...walk.steps.map((s) => textWidth(s.title))) <= o.width;
  const lines = walk.steps.map((s, i): Line => {
    const at = i === cursor;
    const line: Line = [
      { text: at ? o.glyphs.arrow : ' ', color: 'cyan', bold: true },
      { text: ' ' },
      markOf(s.status, o),
      { text: ` ${String(i + 1).padStart(numWidth)}  `, bold: at },
      { text: titled ? s.id.padEnd(idWidth) : s.id, color: at ? 'cyan' : undefined, bold: at },
      ...(titled ? [{ text: '  ' + s.title, dim: !at }] : []),
    ];
    return fitLine(line, o.width, o.glyphs.ellipsis);
  });
  if (lines.length <= rows) return lines;
  const first = Math.max(0, Math.min(cursor - Math.floor(rows / 2), lines.length - rows));
  return lines.slice(first, first + rows);
}

/** Each step's rows in the list, and the width its titles get. */
function stepEntries(walk: WalkView, o: LayoutOptions): Line[][] {
  const longest = Math.max(...walk.steps.map((s) => textWidth(s.title)));
  // Titles first: summaries get what is left, and only when that is worth reading.
  // Narrower than a summary is ever shown under its title, a title has the whole row: a summary
  // beside it would be cut anyway, and "Add and start the Openflo…" says less than the title.
  const besideRoom = o.width < SUMMARY_BELOW_MIN_WIDTH ? o.width - 2 : Math.max(o.width - 14, Math.floor(o.width * 0.6));
  const titleWidth = Math.max(1, Math.min(longest, besideRoom, o.width - 2));
  return walk.steps.map((s) => stepRows(s, titleWidth, o));
}

function stepList(walk: WalkView, focus: StepView | undefined, rows: number, o: LayoutOptions): Line[] {
  if (o.review) return reviewList(walk, rows, o);
  const steps = walk.steps;
  const entries = stepEntries(walk, o);
  const rowsOf = (a: number, b: number) => entries.slice(a, b + 1).reduce((n, e) => n + e.length, 0);
  if (rowsOf(0, steps.length - 1) <= rows) return entries.flat();

  // Not enough rows: keep a window around the focused step, fold the rest into one line each side.
  const at = Math.max(0, focus ? steps.indexOf(focus) : 0);
  let first = at;
  let last = at;
  const size = (a: number, b: number) => (a > 0 ? 1 : 0) + rowsOf(a, b) + (b < steps.length - 1 ? 1 : 0);
  for (let grew = true; grew; ) {
    grew = false;
    if (last + 1 < steps.length && size(first, last + 1) <= rows) {
      last++;
      grew = true;
    }
    if (first > 0 && size(first - 1, last) <= rows) {
      first--;
      grew = true;
    }
  }
  const lines: Line[] = [];
  if (first > 0) lines.push(collapsedLine(steps.slice(0, first), 'earlier', o));
  lines.push(...entries.slice(first, last + 1).flat());
  if (last < steps.length - 1) lines.push(collapsedLine(steps.slice(last + 1), 'more to go', o));
  return lines.slice(0, rows);
}

// ── detail pane ───────────────────────────────────────────────────────────────────────────────

/** A block of the detail pane that can give up rows when the terminal is short. */
interface Section {
  full: Line[];
  /** The section in `n` rows (n < full.length). */
  shrink(n: number): Line[];
}

function fixed(lines: Line[]): Section {
  return { full: lines, shrink: (n) => lines.slice(0, n) };
}

/** Wrapped text; shrinking re-wraps into fewer rows ending with an ellipsis. */
function paragraph(prefix: Seg | undefined, text: string, style: Omit<Seg, 'text'>, o: LayoutOptions, max = 6): Section {
  const indent = prefix ? textWidth(prefix.text) : 0;
  // A hanging indent reads well, unless the terminal is so narrow that it eats a third of it.
  const hanging = indent <= o.width / 3;
  const make = (rows: number): Line[] => {
    if (!prefix || hanging) {
      return wrapCapped(text, Math.max(1, proseWidth(o.width) - indent), rows, o.glyphs.ellipsis).map((t, i) => [
        ...(prefix ? [i === 0 ? prefix : { text: ' '.repeat(indent) }] : []),
        { ...style, text: t },
      ]);
    }
    return wrapCapped(prefix.text + clean(text), proseWidth(o.width), rows, o.glyphs.ellipsis).map((t, i): Line => {
      if (i > 0 || !t.startsWith(prefix.text.trimEnd())) return [{ ...style, text: t }];
      const head = prefix.text.trimEnd();
      return [{ ...prefix, text: head }, { ...style, text: t.slice(head.length) }];
    });
  };
  return { full: make(max), shrink: make };
}

function rule(title: Line, right: string, o: LayoutOptions): Line {
  const lead: Seg = { text: `${o.glyphs.rule}${o.glyphs.rule} `, dim: true };
  // Narrow: the rule's end, then the step counter (the header counts too) give way before the title is cut.
  const tails = right ? [` ${right} ${o.glyphs.rule}${o.glyphs.rule}`, ` ${right}`, ''] : [''];
  const titleWidth = textWidth(lineText(title));
  const tail = tails.find((t) => 3 + titleWidth + (t ? t.length + 1 : 0) <= o.width) ?? tails[0]!;
  const titleFit = fitLine(title, Math.max(1, o.width - 3 - tail.length - 1), o.glyphs.ellipsis);
  const used = 3 + textWidth(lineText(titleFit));
  const fill = Math.max(0, o.width - used - tail.length);
  const fillText = fill > 0 ? ' ' + o.glyphs.rule.repeat(fill - 1) : '';
  return fitLine([lead, ...titleFit, { text: fillText + tail, dim: true }], o.width, o.glyphs.ellipsis);
}

function progressSection(step: StepView, o: LayoutOptions): Section | undefined {
  if (!step.progress) return undefined;
  const { update, ratePerSec } = step.progress;
  const unit = update.unit ?? 'items';
  const ratio = update.total > 0 ? Math.min(1, update.done / update.total) : 0;
  const percent = `${Math.floor(ratio * 100)}%`;
  // A wait in seconds reads as clock times against its limit, said once on screen.
  const stats = unit === 's' ? [`${formatClock(update.done * 1000)} of at most ${formatClock(update.total * 1000)}`] : [`${formatCount(update.done)}/${formatCount(update.total)} ${unit}`, percent];
  if (ratePerSec !== null && unit !== 's') stats.push(`${formatRate(ratePerSec)} ${unit}/s`);
  const statsText = stats.join(`  `);
  const sameLine = o.width - textWidth(statsText) - 2 >= 10;
  const barWidth = sameLine ? Math.min(40, o.width - textWidth(statsText) - 2) : Math.min(40, o.width);
  const filled = Math.round(ratio * barWidth);
  const bar: Line = [
    { text: o.glyphs.barFull.repeat(filled), color: 'cyan' },
    { text: o.glyphs.barEmpty.repeat(barWidth - filled), dim: true },
  ];
  const lines: Line[] = sameLine ? [[...bar, { text: '  ' }, { text: statsText, bold: true }]] : [bar, [{ text: statsText, bold: true }]];
  if (update.detail) lines.push([{ text: update.detail, dim: true }]);
  const fitted = lines.map((l) => fitLine(l, o.width, o.glyphs.ellipsis));
  return { full: fitted, shrink: (n) => fitted.slice(0, Math.max(n, 1)) };
}

/** Each note whole, wrapped under itself; the latest (what is happening now) with the spinner. */
function notesLines(step: StepView, running: boolean, o: LayoutOptions): Line[][] {
  return step.notes.map((text, i) => {
    const latest = i === step.notes.length - 1;
    const mark: Seg = running && latest && !step.progress ? { text: spinnerFrame(o), color: 'cyan' } : { text: o.glyphs.dot, dim: true };
    return noteLines(text, mark, readOptions(o), 0, latest ? {} : { dim: true });
  });
}

function notesSection(step: StepView, asking: boolean, o: LayoutOptions): Section {
  // A question on screen is the activity: no spinner competes with it.
  const running = step.status === 'running' && !asking;
  const notes = notesLines(step, running, o);
  const lines: Line[] = notes.flat();
  if (running && !step.progress && notes.length === 0) {
    lines.push([{ text: spinnerFrame(o), color: 'cyan' }, { text: ` Working${o.glyphs.ellipsis}`, dim: true }]);
  }
  // Short of rows, the oldest notes give way, each whole (the review keeps them all); only a
  // terminal too short for the latest one alone cuts it.
  const shrink = (n: number): Line[] => {
    if (n <= 0) return [];
    const kept: Line[] = [];
    for (const note of [...notes].reverse()) {
      if (kept.length + note.length > n) break;
      kept.unshift(...note);
    }
    if (kept.length || !notes.length) return kept.length ? kept : lines.slice(-n);
    const mark = notes[notes.length - 1]![0]![1]!;
    const cut = wrapCapped(step.notes[step.notes.length - 1]!, Math.max(1, o.width - 2), n, o.glyphs.ellipsis);
    return cut.map((t, r): Line => [r === 0 ? mark : { text: ' ' }, { text: ' ' }, { text: t }]);
  };
  return { full: lines, shrink };
}

function readOptions(o: LayoutOptions): ReadOptions {
  return { width: o.width, glyphs: o.glyphs, chartStyle: o.chartStyle ?? { ascii: o.glyphs.ellipsis === '...' } };
}

/**
 * The pinned summary: whole above the document when there is room. Too short a pane for it (the
 * document has given way already) scrolls it together with the document, so no value of the
 * hand-off is cut off where no key reaches it.
 */
function pinnedSection(pinned: Line[], doc: Line[], o: LayoutOptions): Section {
  return { full: pinned, shrink: (n) => (n < 2 ? pinned.slice(0, n) : viewport([...pinned, ...doc], n, readOptions(o), o.scroll)) };
}

/** What there is to read of a step as one document: whole when there is room, a viewport that scrolls otherwise. */
function docSection(lines: Line[], o: LayoutOptions): Section {
  if (o.scroll) Object.assign(o.scroll, { max: 0, page: lines.length });
  // A viewport needs a row to show and one to say what is left: in one row, nothing.
  return { full: lines, shrink: (n) => (n < 2 ? [] : viewport(lines, n, readOptions(o), o.scroll)) };
}

/** The keys that do something now, e.g. "Enter/Space/→ continue · ↑↓ scroll". */
function keysLines(parts: string[], o: LayoutOptions): Line[] {
  const ascii = o.glyphs.ellipsis === '...';
  const spelled = parts.map((p) => (ascii ? p.replace(/→/g, 'Right').replace(/←/g, 'Left').replace(/↑↓/g, 'Up/Down') : p));
  // Flowed onto more rows when narrow: a key cut off is a key nobody learns about.
  const rows: string[] = [];
  for (const part of spelled) {
    const last = rows.length ? `${rows[rows.length - 1]}  ${o.glyphs.dot}  ${part}` : part;
    if (rows.length && textWidth(last) <= o.width) rows[rows.length - 1] = last;
    else rows.push(part);
  }
  return rows.map((t) => fitLine([{ text: t, color: 'cyan', bold: true }], o.width, o.glyphs.ellipsis));
}

/** The question, wrapped; however short the terminal, its last row ends with the keys to press. */
function askSection(question: string, defaultAnswer: boolean | undefined, o: LayoutOptions): Section {
  const keys = defaultAnswer === undefined ? '[y/n]' : defaultAnswer ? '[Y/n]' : '[y/N]';
  const mark: Seg = { text: '? ', color: 'yellow', bold: true };
  const make = (rows: number): Line[] => {
    const n = Math.max(1, rows);
    const room = Math.max(1, proseWidth(o.width) - 2);
    const lines = wrapCapped(`${question} ${keys}`, room, n, o.glyphs.ellipsis);
    const last = lines[lines.length - 1];
    if (!last.endsWith(keys)) lines[lines.length - 1] = truncate(last, Math.max(1, room - keys.length - 1), o.glyphs.ellipsis) + ' ' + keys;
    return lines.map((t, i) => fitLine([i === 0 ? mark : { text: '  ' }, { text: t, bold: true }], o.width, o.glyphs.ellipsis));
  };
  const full = make(Infinity);
  // Whole when there is room: the question is what the walk waits on. A screen too short for it
  // even alone scrolls it (↑/↓), and its last row is always the keys to answer with.
  const shrink = (rows: number): Line[] => {
    if (rows < 3) return make(rows);
    const answer: Line = [{ text: '  ' }, { text: keys, color: 'yellow', bold: true }];
    return [...viewport(full, rows - 1, readOptions(o), o.scroll), answer];
  };
  return { full, shrink };
}

/** The command to copy, whole: split into ' \\'-continued lines on a narrow terminal, never cut. */
function commandSection(command: string, o: LayoutOptions): Line[] {
  return commandLines(command, o.width).map((t, i) => (i === 0 ? [{ text: '  $ ', dim: true }, { text: t.slice(4) }] : [{ text: t }]));
}

/** `npx openflow-kafka-quickstart --state-dir x` → `npx openflow-kafka-quickstart query … --state-dir x`:
 * options before a command word would be the walk's. */
function withSubcommand(command: string, words: string): string {
  const at = command.indexOf(' --');
  return at < 0 ? `${command} ${words}` : `${command.slice(0, at)} ${words}${command.slice(at)}`;
}

function resumeCommand(walk: WalkView, o: LayoutOptions): string {
  const profile = walk.profile && walk.profile !== 'default' ? ` --profile ${walk.profile}` : '';
  return `${o.command}${profile}${walk.attendee ? ` --attendee ${walk.attendee}` : ''}`;
}

/** "✔ 10 done · – 1 skipped · ✖ 0 failed · 30s", flowed onto more lines when narrow. */
function countsLines(walk: WalkView, o: LayoutOptions): Line[] {
  const count = (st: StepStatus) => walk.steps.filter((s) => s.status === st).length;
  const groups: Line[] = [];
  const add = (status: StepStatus, label: string, always: boolean) => {
    const n = count(status);
    if (n || always) groups.push([markOf(status, o), { text: ` ${n} ${label}` }]);
  };
  // A finished or failed walk always accounts for skipped and failed; a stopped one only lists what happened.
  const full = walk.end?.status !== 'interrupted';
  add('done', 'done', true);
  add('skipped', 'skipped', full);
  add('failed', 'failed', full);
  add('kept', 'kept', false);
  add('interrupted', 'interrupted', false);
  add('blocked', 'blocked', false);
  const notRun = walk.steps.filter((s) => s.status === 'pending' || s.status === 'drifted').length;
  if (notRun) groups.push([markOf('pending', o), { text: ` ${notRun} not run` }]);
  if (walk.end) groups.push([{ text: formatDuration(walk.end.durationMs), bold: true }]);
  const sep: Seg = { text: `  ${o.glyphs.dot}  `, dim: true };
  const lines: Line[] = [[]];
  for (const group of groups) {
    const current = lines[lines.length - 1];
    const extra = textWidth(lineText(group)) + (current.length ? textWidth(sep.text) : 0);
    if (current.length && textWidth(lineText(current)) + extra > o.width) lines.push([...group]);
    else current.push(...(current.length ? [sep] : []), ...group);
  }
  return lines.map((l) => fitLine(l, o.width, o.glyphs.ellipsis));
}

/** Sections of the pane for a step that is running, asking, failed or next. */
function stepSections(walk: WalkView, step: StepView, o: LayoutOptions): { title: Line; right: string; sections: Array<[string, Section]> } {
  const index = walk.steps.indexOf(step) + 1;
  const right = `${index}/${walk.steps.length}`;
  const failed = step.status === 'failed';
  const title: Line = failed
    ? [{ text: `${o.glyphs.status.failed} ${step.title} failed`, color: 'red', bold: true }]
    : [{ text: step.title, bold: true }];
  const sections: Array<[string, Section]> = [];

  if (walk.stopping && !walk.end) {
    sections.push(['stopping', fixed([[{ text: `${o.glyphs.status.interrupted} Stopping after the current operation${o.glyphs.ellipsis}`, color: 'yellow', bold: true }]])]);
  }
  if (failed) {
    sections.push(['error', paragraph(undefined, step.error ?? 'The step failed.', { color: 'red' }, o, 4)]);
    if (step.hint) sections.push(['hint', paragraph({ text: 'What to do: ', bold: true }, step.hint, {}, o, 4)]);
    sections.push(['resume', paragraph(undefined, `Fix it and run again ${dash(o)} the walk resumes at ${step.title}.`, { bold: true }, o, 2)]);
    sections.push(['command', fixed(commandSection(resumeCommand(walk, o), o))]);
    return { title, right, sections };
  }
  if (step.check.state === 'drifted' && (step.status === 'drifted' || step.status === 'running')) {
    const lines: Line[] = step.check.diff.map((d) => fitLine([{ text: `${o.glyphs.status.drifted} ${d}`, color: 'yellow' }], o.width, o.glyphs.ellipsis));
    sections.push(['drift', fixed(lines)]);
    if (step.check.fix) sections.push(['fix', paragraph({ text: 'What to do: ', bold: true }, step.check.fix, {}, o, 2)]);
  }
  if (step.status === 'blocked' && step.check.state === 'blocked') {
    sections.push(['blocked', paragraph({ text: `${o.glyphs.status.blocked} Blocked: `, color: 'magenta', bold: true }, step.check.reason, {}, o, 3)]);
  }
  const paused = walk.pause?.id === step.id;
  // Until the walk reaches where it resumes, say so: a second run re-checks before it goes on.
  const resumeAt = walk.resumed?.at ? walk.steps.findIndex((s) => s.id === walk.resumed!.at) : walk.steps.length;
  if (walk.resumed && !paused && index - 1 <= resumeAt) {
    const { done, at } = walk.resumed;
    const goesOn = at ? `; this run goes on at ${walk.steps[resumeAt]!.title} (${resumeAt + 1}/${walk.steps.length})` : '';
    sections.push(['resumed', paragraph(undefined, `Resuming: ${done} step${done === 1 ? '' : 's'} done in an earlier run ${done === 1 ? 'is' : 'are'} still in place${goesOn}.`, { color: 'cyan' }, o, 2)]);
  }
  const read = readOptions(o);
  const pinned = pinnedLines(step.shows, read);
  // One document scrolls: while the step runs, what it is and how to do it by hand, then what it
  // shows; paused after it, what it did and its result (the explanation was read while it ran).
  const doc: Line[] = [];
  if (!paused) {
    doc.push(...paragraphLines(step.explain, read));
    const manual = step.manual.replace(/\s+/g, ' ').trim();
    if (manual) doc.push(...paragraph({ text: 'Manual equivalent: ', dim: true }, manual, { dim: true }, o, Infinity).full);
  } else doc.push(...notesLines(step, false, o).flat());
  if (step.shows.length) doc.push(...(doc.length ? [[]] : []), ...panelLines(step.shows, read));
  // A blank row between the pinned summary and the document, so scrolled text never reads as part of it.
  if (pinned.length) sections.push(['pinned', pinnedSection(doc.length ? [...pinned, []] : pinned, doc, o)]);
  if (doc.length) sections.push(['doc', docSection(doc, o)]);
  // While it runs, what is happening now stays in view under the document.
  const notes = paused ? undefined : notesSection(step, walk.ask?.id === step.id, o);
  if (notes?.full.length) sections.push(['notes', notes]);
  const progress = paused ? undefined : progressSection(step, o);
  if (progress) sections.push(['progress', progress]);
  if (walk.ask && walk.ask.id === step.id) {
    sections.push(['ask', askSection(walk.ask.question, walk.ask.defaultAnswer, o)]);
  }
  if (paused) sections.push(['keys', fixed(keysLines(o.autoSecondsLeft !== undefined ? [`continuing in ${o.autoSecondsLeft}s`, 'Enter/Space/→ now'] : ['Enter/Space/→ continue'], o))]);
  return { title, right, sections };
}

/** The `show` command's pane under the list: what it is and the keys. */
function reviewOnlySections(walk: WalkView, o: LayoutOptions): { title: Line; right: string; sections: Array<[string, Section]> } {
  const recorded = walk.steps.filter((s) => s.status !== 'pending').length;
  return {
    title: [{ text: 'Review', bold: true }],
    right: '',
    sections: [
      ['explain', paragraph(undefined, `${recorded} of ${walk.steps.length} steps have a record. Open one to see its explanation, the manual equivalent, what it did and what it showed. The ids are what --from and --only take.`, { dim: true }, o, 3)],
      ['keys', fixed(keysLines(reviewKeysText(walk), o))],
    ],
  };
}

function endSections(walk: WalkView, o: LayoutOptions): { title: Line; right: string; sections: Array<[string, Section]> } {
  const end = walk.end!;
  const sections: Array<[string, Section]> = [];
  if (end.status === 'failed') {
    const failed = walk.steps.find((s) => s.status === 'failed');
    if (failed) {
      const inner = stepSections(walk, failed, o);
      return { ...inner, sections: [...inner.sections, ['counts', fixed(countsLines(walk, o))], ...reviewKeys(walk, o)] };
    }
  }
  const resume = resumePoint(walk);
  if (end.status === 'interrupted') {
    // Ctrl-C between steps (e.g. while reading a paused one) stopped after the last done, not during the next.
    const during = walk.steps.find((s) => s.status === 'interrupted');
    const after = resume ? walk.steps.slice(0, walk.steps.indexOf(resume)).reverse().find((s) => s.status === 'done') : undefined;
    const where = during ? ` during ${during.title}` : after ? ` after ${after.title}` : '';
    sections.push(['counts', fixed(countsLines(walk, o))]);
    sections.push(['stopped', paragraph(undefined, `Stopped${where}. Where it got to is saved.`, {}, o, 2)]);
    sections.push(['resume', paragraph(undefined, `Run again to resume${resume ? ` at ${resume.title}` : ''}:`, { bold: true }, o, 2)]);
    sections.push(['command', fixed(commandSection(resumeCommand(walk, o), o))]);
    sections.push(...reviewKeys(walk, o));
    return { title: [{ text: `${o.glyphs.status.interrupted} Walk stopped`, color: 'yellow', bold: true }], right: '', sections };
  }
  sections.push(['counts', fixed(countsLines(walk, o))]);
  const cleanup = walk.steps.find((s) => s.id === 'cleanup');
  // Cleanup is done only when confirmed; a "no" leaves it kept.
  const cleaned = cleanup?.status === 'done';
  const next: string[] = [];
  const hasSnowflakeSteps = walk.steps.some((s) => s.id === 'verify-base-columns');
  // What cleanup did, in its own words: "everything removed" was untrue when a deployment that bills was kept.
  if (cleaned) next.push(`Cleaned up: ${cleanup.summary ?? 'everything the walk created is removed'}.`);
  else if (!cleanup || !hasSnowflakeSteps) {
    // A Kafka-only walk: nothing in Snowflake to look at or clean up yet.
    next.push('Next: produce more logs any time with `openflow-kafka-quickstart logs --count 100` (add --evolved for the 37-field shape).');
  } else {
    const table = walk.table ?? qualifiedTable(namesFor());
    next.push(
      walk.target === 'real'
        ? `Next: open Snowsight and query ${table} ${dash(o)} keep producing logs and watch new columns appear.`
        : `Next: query the table ${dash(o)} ${withSubcommand(resumeCommand(walk, o), `query 'SELECT LEVEL, COUNT(*) AS EVENTS FROM ${table} GROUP BY 1'`)} ${dash(o)} or walk your own Kafka and Snowflake (README).`,
    );
    next.push(`Clean up when finished: ${resumeCommand(walk, o)} --only cleanup`);
  }
  next.forEach((text, i) => sections.push([`next${i}`, paragraph(undefined, text, i === 0 ? {} : { dim: true }, o, Infinity)]));
  sections.push(...reviewKeys(walk, o));
  const allDone = end.status === 'done';
  return {
    title: [{ text: allDone ? `${o.glyphs.status.done} Walk complete` : 'Walk ended', color: allDone ? 'green' : 'yellow', bold: true }],
    right: '',
    sections,
  };
}

/** The review list's keys; numbers reach every step (two digits: the App waits a moment for the second). */
function reviewKeysText(walk: WalkView): string[] {
  return [`↑↓ or 1-${walk.steps.length} pick a step`, 'Enter opens it', 'q quits'];
}

function reviewKeys(walk: WalkView, o: LayoutOptions): Array<[string, Section]> {
  return o.review ? [['keys', fixed(keysLines(reviewKeysText(walk), o))]] : [];
}

/** The review of one step: what it is, the manual equivalent, what it did, its panels; pinned summary on top. */
function layoutReview(walk: WalkView, step: StepView, o: LayoutOptions, rows: number): Line[] {
  const read = readOptions(o);
  const index = walk.steps.indexOf(step) + 1;
  const lines: Line[] = [header(walk, o), []];
  lines.push(rule([{ text: step.title, bold: true }, { text: `  ${step.id}`, dim: true }], `${index}/${walk.steps.length}`, o));
  const pinned = pinnedLines(step.shows, read);
  // The scroll keys are on the viewport's own last row when there is anything to scroll.
  const keys = keysLines(['Esc/← back to the list', 'q quits'], o);
  const room = rows - lines.length - keys.length;
  const pinnedShown = pinned.slice(0, Math.max(0, Math.min(pinned.length, room - 3)));
  if (pinnedShown.length) lines.push(...pinnedShown, []);
  lines.push(...viewport(reviewLines(step, read), rows - lines.length - keys.length, read, o.scroll));
  while (lines.length < rows - keys.length) lines.push([]);
  lines.push(...keys);
  return lines.slice(0, rows);
}

/** What a person must see to go on: the question, and the keys that do something now. */
const MUST_SHOW = new Set(['ask', 'keys']);

/** Rows the sections a person must see take, whole. */
function mustShowRows(sections: Array<[string, Section]>): number {
  return sections.reduce((n, [key, s]) => n + (MUST_SHOW.has(key) ? s.full.length : 0), 0);
}

/** Fit sections into `rows` rows, giving up the least important lines first. */
function allocate(sections: Array<[string, Section]>, rows: number): Line[] {
  const size = new Map(sections.map(([key, s]) => [key, s.full.length]));
  const total = () => [...size.values()].reduce((a, b) => a + b, 0);
  const plan: Array<[string, number]> = [
    // Blocks a person must act on (Openflow parameters) outrank the explanation of the step.
    ['notes', 2], ['resumed', 1], ['explain', 2],
    ['doc', 6], ['doc', 3], ['notes', 1],
    ['resumed', 0], ['explain', 0], ['progress', 1], ['next1', 1],
    ['error', 2], ['hint', 2], ['fix', 1], ['drift', 1], ['blocked', 1], ['error', 1], ['hint', 1], ['command', 0],
    // A tiny terminal: only the question, the failure and how to go on are left.
    ['progress', 0], ['doc', 0], ['notes', 0], ['pinned', 2],
    ['drift', 0], ['fix', 0], ['blocked', 0], ['hint', 0], ['counts', 1], ['next0', 1], ['next1', 0], ['resume', 1],
  ];
  const giveWay = (key: string, target: number) => {
    const current = size.get(key);
    if (current === undefined || current <= target || total() <= rows) return;
    size.set(key, Math.max(target, current - (total() - rows)));
  };
  for (const [key, target] of plan) giveWay(key, target);
  // Still too tall: everything else gives way before the question and the keys to press (a cut
  // frame would lose them first, at its bottom); then the question scrolls; the keys go last.
  for (const [key] of sections) if (!MUST_SHOW.has(key)) giveWay(key, 0);
  giveWay('ask', 3);
  for (const key of MUST_SHOW) giveWay(key, 0);
  const lines: Line[] = [];
  for (const [key, section] of sections) {
    const n = size.get(key)!;
    lines.push(...(n >= section.full.length ? section.full : section.shrink(n)));
  }
  return lines.slice(0, Math.max(0, rows));
}

/**
 * How many rows the pane would like: notes 3, a running step's explanation 6 unless it shows
 * panels (the step list folds for those); the rest whole.
 */
function comfortableRows(sections: Array<[string, Section]>, reading: boolean): number {
  const comfortable = (key: string, n: number) => (key === 'notes' ? Math.min(3, n) : key === 'doc' && !reading ? Math.min(6, n) : n);
  return sections.reduce((sum, [key, s]) => sum + comfortable(key, s.full.length), 0);
}

// ── the frame ─────────────────────────────────────────────────────────────────────────────────

// The frame, the step list and tables use the terminal's whole width (a wide table is not cut);
// running text wraps at PROSE_WIDTH (reading.ts).
export function layoutWalk(walk: WalkView, o: LayoutOptions): Line[] {
  const width = Math.max(1, o.width);
  const opts = { ...o, width };
  // Ink redraws from scratch (and flickers) when a frame reaches the terminal's last row.
  const rows = Math.max(3, o.height - 1);
  const lines: Line[] = [header(walk, opts), []];

  if (!walk.steps.length) {
    const text = walk.end ? 'The walk ended before any step was planned.' : `Checking every step against the real systems${o.glyphs.ellipsis}`;
    lines.push(fitLine([{ text: walk.end ? o.glyphs.status.failed : spinnerFrame(opts), color: 'cyan' }, { text: ' ' + text }], width, o.glyphs.ellipsis));
    return lines.slice(0, rows);
  }

  const opened = o.review?.open ? walk.steps.find((s) => s.id === o.review!.open) : undefined;
  if (opened) return layoutReview(walk, opened, opts, rows);
  const focus = focusStep(walk);
  const pane = o.reviewOnly ? reviewOnlySections(walk, opts) : walk.end ? endSections(walk, opts) : focus ? stepSections(walk, focus, opts) : undefined;
  const reading = focus !== undefined && (walk.pause?.id === focus.id || focus.shows.length > 0);
  const paneWants = pane ? 1 + comfortableRows(pane.sections, reading || !!walk.end) : 0;
  const entries = o.review ? walk.steps.map((): Line[] => [[]]) : stepEntries(walk, opts);
  const listWants = entries.reduce((n, e) => n + e.length, 0);
  // The blank line under the header is the first thing a short terminal gives up.
  if (rows - lines.length - listWants - paneWants < 0) lines.pop();
  const available = rows - lines.length;
  // At least the focused step whole, between the folded steps before and after it.
  const at = Math.max(0, focus ? walk.steps.indexOf(focus) : 0);
  // ...unless the question or the keys would not fit under it: the list is the first to give way to them.
  const mustShow = pane ? mustShowRows(pane.sections) : 0;
  const minList = Math.min(listWants, (at > 0 ? 1 : 0) + entries[at]!.length + (at < walk.steps.length - 1 ? 1 : 0), Math.max(0, available - 1 - mustShow));
  const listRows = Math.max(minList, Math.min(listWants, available - paneWants));
  if (listRows > 0) lines.push(...stepList(walk, focus, Math.min(listRows, available), opts));
  if (rows - lines.length > paneWants) lines.push([]);
  const paneRows = rows - lines.length;
  if (pane && paneRows >= 2) {
    // The pane's title rule goes before the question or the keys do.
    const ruled = paneRows - 1 >= mustShow;
    if (ruled) lines.push(rule(pane.title, pane.right, opts));
    lines.push(...allocate(pane.sections, ruled ? paneRows - 1 : paneRows));
  }
  return lines.slice(0, rows);
}
