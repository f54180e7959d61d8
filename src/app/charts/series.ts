// Values over time as columns, with the time axis under them: events per minute as columns, and
// a second series (errors) as the marked bottom part of each column.
import type { SeriesChart } from '../../engine/panel.js';
import { fitLine, type Line } from '../line.js';
import { textWidth } from '../text.js';
import { chartGlyphs, numberText, type ChartStyle } from './style.js';

const HEIGHT = 6;

/** "14:05" for an ISO timestamp; other labels as they are. */
function timeLabel(at: string): string {
  const m = /T(\d\d:\d\d)/.exec(at) ?? /\b(\d\d:\d\d)(:\d\d)?\b/.exec(at);
  return m ? m[1]! : at;
}

/** At most `n` points: neighbours summed into one column when there are more. */
function bucket(points: SeriesChart['points'], n: number): SeriesChart['points'] {
  if (points.length <= n) return points;
  const size = Math.ceil(points.length / n);
  const out: SeriesChart['points'] = [];
  for (let i = 0; i < points.length; i += size) {
    const group = points.slice(i, i + size);
    out.push({ at: group[0]!.at, values: group[0]!.values.map((_, k) => group.reduce((s, p) => s + (p.values[k] ?? 0), 0)) });
  }
  return out;
}

export function drawSeries(chart: SeriesChart, width: number, style: ChartStyle): Line[] {
  const g = chartGlyphs(style);
  if (chart.points.length === 0) return [[{ text: '(no rows)', dim: true }]];
  const maxAll = Math.max(1, ...chart.points.map((p) => p.values[0] ?? 0));
  const yWidth = numberText(maxAll).length + 1;
  const room = Math.max(4, width - yWidth - 1);
  const points = bucket(chart.points, room);
  const max = Math.max(1, ...points.map((p) => p.values[0] ?? 0));
  // Wide columns for few points, one cell each for many; a gap between them when there is room.
  const colWidth = Math.max(1, Math.min(6, Math.floor(room / points.length) - 1));
  const gap = Math.floor(room / points.length) > colWidth ? 1 : 0;
  const step = colWidth + gap;
  const lines: Line[] = [];
  for (let row = HEIGHT; row >= 1; row--) {
    const axisLabel = row === HEIGHT ? numberText(max) : row === 1 ? '0' : '';
    const line: Line = [{ text: axisLabel.padStart(yWidth - 1) + ' ', dim: true }];
    for (const p of points) {
      const main = ((p.values[0] ?? 0) / max) * HEIGHT;
      const marked = ((p.values[1] ?? 0) / max) * HEIGHT;
      line.push({ text: cell(main, marked, row, g, 'main').repeat(colWidth), color: 'cyan' });
      if (chart.series.length > 1 && marked >= row - 1 && (p.values[1] ?? 0) > 0) {
        line[line.length - 1] = { text: cell(main, marked, row, g, 'marked').repeat(colWidth), color: 'red' };
      }
      if (gap) line.push({ text: ' ' });
    }
    lines.push(fitLine(line, width, g.ellipsis));
  }
  // The axis, then the first and last time (and the middle one when there is room).
  const axisWidth = points.length * step;
  lines.push(fitLine([{ text: ' '.repeat(yWidth) + g.axis.repeat(Math.max(1, axisWidth - gap)), dim: true }], width, g.ellipsis));
  const labels = ' '.repeat(yWidth).split('');
  const put = (index: number) => {
    const text = timeLabel(points[index]!.at);
    const at = yWidth + index * step;
    if (at + text.length > Math.max(width, yWidth + axisWidth)) return;
    if (labels.slice(at - 1, at + text.length + 1).some((c) => c !== undefined && c !== ' ')) return;
    for (let i = labels.length; i < at; i++) labels.push(' ');
    for (let i = 0; i < text.length; i++) labels[at + i] = text[i]!;
  };
  put(0);
  if (points.length > 2) put(Math.floor((points.length - 1) / 2));
  if (points.length > 1) put(points.length - 1);
  lines.push(fitLine([{ text: labels.join(''), dim: true }], width, g.ellipsis));
  // The legend: what the columns and the marks are, and the totals.
  const total = (k: number) => chart.points.reduce((s, p) => s + (p.values[k] ?? 0), 0);
  const legend: Line = [{ text: ' '.repeat(yWidth) }, { text: g.full, color: 'cyan' }, { text: ` ${chart.series[0] ?? 'values'} (${numberText(total(0))})` }];
  if (chart.series.length > 1) legend.push({ text: '  ' }, { text: g.mark, color: 'red' }, { text: ` ${chart.series[1]} (${numberText(total(1))})` });
  if (points.length < chart.points.length) legend.push({ text: `  ${Math.ceil(chart.points.length / points.length)} per column`, dim: true });
  lines.push(fitLine(legend, width, g.ellipsis));
  return lines.map((l) => (textWidth(l.map((s) => s.text).join('')) > width ? fitLine(l, width, g.ellipsis) : l));
}

/** The glyph of one row of a column `main` rows tall whose bottom `marked` rows are the second series. */
function cell(main: number, marked: number, row: number, g: ReturnType<typeof chartGlyphs>, which: 'main' | 'marked'): string {
  const height = which === 'marked' ? Math.min(main, Math.max(marked, 0.5)) : main;
  const glyph = which === 'marked' ? g.mark : g.full;
  if (height >= row) return glyph;
  const part = height - (row - 1);
  if (part <= 0) return row === 1 && which === 'main' && main > 0 ? (g.rising[0] ?? '.') : ' ';
  if (which === 'marked' || g.rising.length === 0) return part >= 0.5 ? glyph : ' ';
  const eighth = Math.round(part * 8);
  return eighth <= 0 ? ' ' : eighth >= 8 ? g.full : g.rising[eighth - 1]!;
}
