// Charts where people would rather look than read: every chart is drawn to a given width as
// styled lines, so the Ink screen, `show` and `query --chart` draw them alike.
import type { Chart } from '../../engine/panel.js';
import { linesText, type Line } from '../line.js';
import { drawBars } from './bars.js';
import { drawColumns } from './columns.js';
import { drawSeries } from './series.js';
import type { ChartStyle } from './style.js';

export type { ChartStyle } from './style.js';

export function drawChart(chart: Chart, width: number, style: ChartStyle): Line[] {
  const w = Math.max(10, width);
  switch (chart.kind) {
    case 'bars':
      return drawBars(chart, w, style);
    case 'series':
      return drawSeries(chart, w, style);
    case 'columns':
      return drawColumns(chart, w, style);
  }
}

/** The chart as plain text (no colour): for pipes, `show` and `query --chart`. */
export function chartText(chart: Chart, width: number, style: ChartStyle): string {
  return linesText(drawChart(chart, width, style));
}
