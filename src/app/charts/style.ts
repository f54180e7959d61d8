// How charts are drawn: block glyphs on a UTF-8 terminal with colour, plain ASCII otherwise
// (NO_COLOR or a non-UTF-8 locale such as LANG=C).
export interface ChartStyle {
  ascii: boolean;
}

export interface ChartGlyphs {
  full: string;
  /** Horizontal partial blocks, 1/8 to 7/8 of a cell (empty in ASCII: rounded to whole cells). */
  eighths: string[];
  /** Vertical partial blocks, 1/8 to 7/8 of a row. */
  rising: string[];
  /** A second series drawn over the first (errors over events). */
  mark: string;
  axis: string;
  tick: string;
  ellipsis: string;
  arrow: string;
  added: string;
}

export function chartGlyphs(style: ChartStyle): ChartGlyphs {
  return style.ascii
    ? { full: '#', eighths: [], rising: [], mark: 'x', axis: '-', tick: '+', ellipsis: '...', arrow: '->', added: '+' }
    : { full: '█', eighths: ['▏', '▎', '▍', '▌', '▋', '▊', '▉'], rising: ['▁', '▂', '▃', '▄', '▅', '▆', '▇'], mark: '▓', axis: '─', tick: '┴', ellipsis: '…', arrow: '→', added: '+' };
}

/** A bar of `value / max` of `cells` cells, to an eighth of a cell where glyphs allow. */
export function barText(value: number, max: number, cells: number, g: ChartGlyphs): string {
  if (max <= 0 || value <= 0 || cells <= 0) return '';
  const exact = (value / max) * cells;
  if (g.eighths.length === 0) return g.full.repeat(Math.max(1, Math.round(exact)));
  const whole = Math.floor(exact);
  const part = Math.round((exact - whole) * 8);
  const tail = part === 0 ? '' : part === 8 ? g.full : g.eighths[part - 1]!;
  const text = g.full.repeat(whole) + tail;
  return text || g.eighths[0]!;
}

/** A number as a person reads it in a chart: 1,234 or 12.5. */
export function numberText(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return (Math.round(n * 100) / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });
}
