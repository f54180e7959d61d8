// A table's columns before → after as a diff: "11 → 37 columns, 26 new", then the kept columns
// and the new ones (marked, with their types), flowed into as many columns as the width allows.
import type { ColumnsChart } from '../../engine/panel.js';
import { fitLine, type Line } from '../line.js';
import { padEnd, textWidth } from '../text.js';
import { chartGlyphs, type ChartStyle } from './style.js';

type Entry = ColumnsChart['columns'][number];

const MARK: Record<Entry['mark'], { sign: string; color?: string; note?: string }> = {
  ok: { sign: ' ' },
  new: { sign: '+', color: 'green' },
  missing: { sign: '-', color: 'red', note: 'missing' },
  extra: { sign: '?', color: 'yellow', note: 'extra' },
  type: { sign: '~', color: 'yellow', note: 'type differs' },
  connector: { sign: '*', color: 'cyan', note: "connector's" },
};

export function drawColumns(chart: ColumnsChart, width: number, style: ChartStyle): Line[] {
  const g = chartGlyphs(style);
  const present = chart.columns.filter((c) => c.mark !== 'missing').length;
  const count = (mark: Entry['mark']) => chart.columns.filter((c) => c.mark === mark).length;
  const head: Line = [
    { text: `${chart.before} ${g.arrow} ${present} columns`, bold: true },
    ...(count('new') ? [{ text: `  ${g.added}${count('new')} new`, color: 'green', bold: true }] : []),
    ...(count('missing') ? [{ text: `  ${count('missing')} missing`, color: 'red', bold: true }] : []),
    ...(count('type') ? [{ text: `  ${count('type')} of another type`, color: 'yellow', bold: true }] : []),
    ...(count('extra') ? [{ text: `  ${count('extra')} extra`, color: 'yellow' }] : []),
    ...(count('connector') ? [{ text: `  ${count('connector')} the connector's`, color: 'cyan' }] : []),
  ];
  const lines: Line[] = [fitLine(head, width, g.ellipsis)];
  const groups: Array<[string, Entry[]]> = [
    ['new', chart.columns.filter((c) => c.mark === 'new')],
    ['differs', chart.columns.filter((c) => !['new', 'ok', 'connector'].includes(c.mark))],
    // Newer connector versions add a metadata column of their own (topic, partition, offset).
    ['connector', chart.columns.filter((c) => c.mark === 'connector')],
    ['kept', chart.columns.filter((c) => c.mark === 'ok')],
  ];
  const TITLES: Record<string, string> = { new: 'New columns', differs: 'Differences', connector: "The connector's own (Kafka metadata)", kept: 'Already there' };
  for (const [label, entries] of groups) {
    if (entries.length === 0) continue;
    lines.push([]);
    lines.push(fitLine([{ text: `${TITLES[label]} (${entries.length})`, dim: label === 'kept', bold: label !== 'kept' }], width, g.ellipsis));
    lines.push(...flow(entries, width, label === 'kept', g.ellipsis));
  }
  return lines;
}

/** Entries in newspaper columns: as many as fit `width`, filled top to bottom. */
function flow(entries: Entry[], width: number, dim: boolean, ellipsis: string): Line[] {
  const nameWidth = Math.max(...entries.map((e) => textWidth(e.name)));
  const typeWidth = Math.max(...entries.map((e) => textWidth(e.type || '-')));
  const noteWidth = Math.max(0, ...entries.map((e) => (MARK[e.mark].note ? textWidth(MARK[e.mark].note!) + 2 : 0)));
  const cellWidth = 2 + nameWidth + 2 + typeWidth + noteWidth;
  const across = Math.max(1, Math.min(3, Math.floor((width + 3) / (cellWidth + 3))));
  const rows = Math.ceil(entries.length / across);
  const lines: Line[] = [];
  for (let r = 0; r < rows; r++) {
    const line: Line = [];
    for (let c = 0; c < across; c++) {
      const e = entries[c * rows + r];
      if (!e) break;
      const m = MARK[e.mark];
      if (c > 0) line.push({ text: '   ' });
      const nameRoom = across === 1 ? Math.min(nameWidth, Math.max(4, width - 4 - typeWidth - noteWidth)) : nameWidth;
      line.push({ text: `${m.sign} `, color: m.color, bold: true });
      line.push({ text: padEnd(e.name, nameRoom, ellipsis) + '  ', dim, color: dim ? undefined : m.color });
      line.push({ text: padEnd(e.type || '-', typeWidth, ellipsis), dim: true });
      if (noteWidth) line.push({ text: m.note ? `  ${m.note}`.padEnd(noteWidth) : ' '.repeat(noteWidth), color: m.color });
    }
    lines.push(fitLine(line, width, ellipsis));
  }
  return lines;
}
