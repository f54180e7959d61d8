// Horizontal bars, one per label: "ERROR  ████████▍  17  34.0%".
import type { BarChart } from '../../engine/panel.js';
import { fitLine, type Line } from '../line.js';
import { padEnd, textWidth } from '../text.js';
import { barText, chartGlyphs, numberText, type ChartStyle } from './style.js';

const COLORS: Record<string, string> = { ERROR: 'red', FATAL: 'red', WARN: 'yellow', WARNING: 'yellow', INFO: 'green', DEBUG: 'gray', TRACE: 'gray' };

export function drawBars(chart: BarChart, width: number, style: ChartStyle): Line[] {
  const g = chartGlyphs(style);
  if (chart.bars.length === 0) return [[{ text: '(no rows)', dim: true }]];
  const total = chart.bars.reduce((sum, b) => sum + Math.max(0, b.value), 0);
  const max = Math.max(...chart.bars.map((b) => b.value));
  const unit = chart.unit ? (chart.unit === '%' ? '%' : ` ${chart.unit}`) : '';
  const valueTexts = chart.bars.map((b) => numberText(b.value) + unit);
  const shareTexts = chart.bars.map((b) => (chart.share && total > 0 ? `${((b.value / total) * 100).toFixed(1)}%` : ''));
  const valueWidth = Math.max(...valueTexts.map(textWidth));
  const shareWidth = Math.max(...shareTexts.map(textWidth));
  const tail = 2 + valueWidth + (shareWidth ? 2 + shareWidth : 0);
  // Labels get up to a third of the width; the bar what is left (at least a few cells).
  const labelWidth = Math.max(1, Math.min(Math.max(...chart.bars.map((b) => textWidth(b.label))), Math.floor(width / 3)));
  const cells = Math.max(3, width - labelWidth - 2 - tail);
  return chart.bars.map((b, i) => {
    const bar = barText(b.value, max, cells, g);
    const color = COLORS[b.label.toUpperCase()] ?? 'cyan';
    const line: Line = [
      { text: padEnd(b.label, labelWidth, g.ellipsis) + '  ' },
      { text: bar, color },
      { text: ' '.repeat(Math.max(0, cells - textWidth(bar))) + '  ' + valueTexts[i]!.padStart(valueWidth), bold: true },
    ];
    if (shareWidth) line.push({ text: '  ' + shareTexts[i]!.padStart(shareWidth), dim: true });
    return fitLine(line, width, g.ellipsis);
  });
}
