// What a step shows a person: a titled panel of text, optionally with a short summary that must
// stay on screen (pinned above the scrolling body) and a chart the terminal UI draws instead of
// the body. Panels are plain data: they travel in events and are kept in the state file, so a
// later `show` can open them again. Never a secret (they pass through the Redactor).

/** Horizontal bars: one per label (log levels, error rate per service, `query --chart`). */
export interface BarChart {
  kind: 'bars';
  bars: Array<{ label: string; value: number }>;
  /** Shown after each value, e.g. "%" or "events". */
  unit?: string;
  /** Also show each bar's share of the total (log levels). */
  share?: boolean;
}

/** Values over time, one column per point (events and errors per minute). */
export interface SeriesChart {
  kind: 'series';
  /** ISO timestamps (or any label), in time order. */
  points: Array<{ at: string; values: number[] }>;
  /** Names of `values`, e.g. ["events", "errors"]; the first is drawn as columns, the rest marked. */
  series: string[];
}

/**
 * A table's columns before and after (11 → 37): the new ones marked, with their types.
 * 'connector': the Openflow connector's own metadata column (KAFKAMETADATA, RECORD_METADATA),
 * which newer connector versions add: neither the tutorial's nor extra.
 */
export interface ColumnsChart {
  kind: 'columns';
  before: number;
  columns: Array<{ name: string; type: string; mark: 'ok' | 'new' | 'missing' | 'extra' | 'type' | 'connector' }>;
}

export type Chart = BarChart | SeriesChart | ColumnsChart;

export interface Panel {
  title: string;
  /** The whole text: what headless output prints, and what scrolls on a terminal. */
  body: string;
  /** A few lines that must stay visible without scrolling (e.g. the values the walk waits on). */
  summary?: string;
  /** Drawn at the terminal's width in place of `body` (which stays the plain-text fallback). */
  chart?: Chart;
}

/** Every string of a panel through `redact` (titles, text and chart labels alike). */
export function redactPanel(panel: Panel, redact: (text: string) => string): Panel {
  const out: Panel = { title: redact(panel.title), body: redact(panel.body) };
  if (panel.summary !== undefined) out.summary = redact(panel.summary);
  if (panel.chart) out.chart = redactChart(panel.chart, redact);
  return out;
}

function redactChart(chart: Chart, redact: (text: string) => string): Chart {
  switch (chart.kind) {
    case 'bars':
      return { ...chart, bars: chart.bars.map((b) => ({ label: redact(b.label), value: b.value })), unit: chart.unit && redact(chart.unit) };
    case 'series':
      return { ...chart, points: chart.points.map((p) => ({ at: redact(p.at), values: [...p.values] })), series: chart.series.map(redact) };
    case 'columns':
      return { ...chart, columns: chart.columns.map((c) => ({ name: redact(c.name), type: redact(c.type), mark: c.mark })) };
  }
}
