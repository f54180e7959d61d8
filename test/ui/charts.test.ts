// Every chart at 40, 80 and 120 columns: within the width, saying what it shows, and ASCII only
// when the terminal cannot show more (NO_COLOR, LANG=C).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Chart } from '../../src/engine/panel.js';
import { chartText, drawChart } from '../../src/app/charts/index.js';
import { barsFromRows } from '../../src/app/charts/from-rows.js';
import { textWidth } from '../../src/app/text.js';
import { analyticsChart } from '../../steps/shared/analytics-charts.js';

export const LEVELS: Chart = { kind: 'bars', share: true, bars: [{ label: 'INFO', value: 78 }, { label: 'WARN', value: 27 }, { label: 'ERROR', value: 17 }, { label: 'DEBUG', value: 8 }] };
export const ERROR_RATE: Chart = { kind: 'bars', unit: '%', bars: [{ label: 'payment-service', value: 42.86 }, { label: 'web-api', value: 26.67 }, { label: 'auth-service', value: 12.5 }] };
export const PER_MINUTE: Chart = {
  kind: 'series',
  series: ['events per minute', 'errors'],
  points: Array.from({ length: 30 }, (_, i) => ({ at: `2026-11-30T07:${String(10 + i).padStart(2, '0')}:00.000Z`, values: [10 + ((i * 7) % 13), (i * 3) % 5] })),
};
const BASE = ['CORRELATION_ID', 'DURATION_MS', 'ENDPOINT', 'HOST', 'LEVEL', 'MESSAGE', 'REQUEST_ID', 'SERVICE', 'STATUS_CODE', 'TIMESTAMP', 'USER_ID'];
export const EVOLVED: Chart = {
  kind: 'columns',
  before: 11,
  columns: [
    ...BASE.map((name) => ({ name, type: name === 'DURATION_MS' || name === 'STATUS_CODE' ? 'NUMBER' : 'TEXT', mark: 'ok' as const })),
    ...Array.from({ length: 26 }, (_, i) => ({ name: `EVOLVED_FIELD_${String(i).padStart(2, '0')}`, type: i % 3 ? 'NUMBER' : 'VARIANT', mark: 'new' as const })),
  ],
};

const CHARTS: Array<[string, Chart]> = [['log levels', LEVELS], ['error rate', ERROR_RATE], ['per minute', PER_MINUTE], ['11 → 37', EVOLVED]];

describe('charts fit 40, 80 and 120 columns', () => {
  for (const width of [40, 80, 120]) {
    for (const [name, chart] of CHARTS) {
      for (const ascii of [false, true]) {
        it(`${name} at ${width} columns${ascii ? ' in ASCII' : ''}`, () => {
          const text = chartText(chart, width, { ascii });
          for (const line of text.split('\n')) assert.ok(textWidth(line) <= width, `wider than ${width}: "${line}"`);
          if (ascii) assert.doesNotMatch(text, /[^\x00-\x7f]/, 'only ASCII');
          else assert.match(text, /[█▓→]/, 'block glyphs on a UTF-8 terminal');
        });
      }
    }
  }
});

describe('what each chart says', () => {
  it('log levels: a bar per level, longest for the most, with counts and shares', () => {
    const lines = chartText(LEVELS, 80, { ascii: true }).split('\n');
    assert.match(lines[0]!, /^INFO +#+ +78 +60\.0%$/);
    assert.match(lines[2]!, /^ERROR +#+ +17 +13\.1%$/);
    const bar = (l: string) => (l.match(/#/g) ?? []).length;
    assert.ok(bar(lines[0]!) > bar(lines[1]!) && bar(lines[1]!) > bar(lines[2]!) && bar(lines[2]!) > bar(lines[3]!));
  });

  it('error rate per service: percentages after the bars', () => {
    assert.match(chartText(ERROR_RATE, 80, { ascii: true }), /payment-service +#+ +42\.86%/);
  });

  it('events per minute: columns over a time axis, errors marked, totals in the legend', () => {
    const text = chartText(PER_MINUTE, 120, { ascii: true });
    assert.match(text, /07:10/);
    assert.match(text, /07:39/);
    assert.match(text, /# events per minute \(\d+\) +x errors \(\d+\)/);
    assert.match(text, /x/);
    // 40 columns: thirty minutes still fit (a column each), first and last time on the axis.
    const narrow = chartText(PER_MINUTE, 40, { ascii: true });
    assert.match(narrow, /07:10/);
  });

  it('11 → 37: the 26 new columns marked with their types, then the ones already there', () => {
    const text = chartText(EVOLVED, 80, { ascii: false });
    assert.match(text.split('\n')[0]!, /^11 → 37 columns {2}\+26 new$/);
    assert.match(text, /New columns \(26\)/);
    assert.equal((text.match(/\+ EVOLVED_FIELD_\d\d +(NUMBER|VARIANT)/g) ?? []).length, 26);
    assert.match(text, /Already there \(11\)/);
    assert.match(text, / {2}CORRELATION_ID +TEXT/);
    // Wider terminals flow the list into more columns: fewer lines.
    assert.ok(chartText(EVOLVED, 120, { ascii: false }).split('\n').length < chartText(EVOLVED, 40, { ascii: false }).split('\n').length);
  });

  it('styles: new columns green, ERROR bars red', () => {
    const evolved = drawChart(EVOLVED, 80, { ascii: false }).flat();
    assert.ok(evolved.some((s) => s.text.startsWith('EVOLVED_FIELD') && s.color === 'green'));
    const levels = drawChart(LEVELS, 80, { ascii: false });
    assert.equal(levels[2]!.find((s) => s.text.includes('█'))?.color, 'red');
  });
});

describe('charts from results', () => {
  it("the analytics tour's log levels, error rate and per-minute results become charts", () => {
    const levels = analyticsChart([{ LOG_LEVEL: 'INFO', EVENT_COUNT: 78, PERCENTAGE: 60 }, { LOG_LEVEL: 'ERROR', EVENT_COUNT: '17', PERCENTAGE: 13.1 }]);
    assert.deepEqual(levels, { kind: 'bars', share: true, bars: [{ label: 'INFO', value: 78 }, { label: 'ERROR', value: 17 }] });
    const rate = analyticsChart([{ SERVICE_NAME: 'web-api', TOTAL_EVENTS: 15, ERROR_COUNT: 4, WARN_COUNT: 1, ERROR_RATE_PCT: 26.67 }]);
    assert.equal(rate?.kind, 'bars');
    const series = analyticsChart([
      { TIME_BUCKET: new Date('2026-11-30T07:11:00Z'), EVENTS_PER_MINUTE: 5, ERRORS_PER_MINUTE: 1 },
      { TIME_BUCKET: new Date('2026-11-30T07:10:00Z'), EVENTS_PER_MINUTE: 9, ERRORS_PER_MINUTE: 0 },
    ]);
    assert.equal(series?.kind, 'series');
    assert.equal(series?.kind === 'series' && series.points[0]!.at, '2026-11-30T07:10:00.000Z', 'oldest first');
    assert.equal(analyticsChart([{ SERVICE: 'x', REQUEST_ID: 'y', DURATION_MS: 3 }]), undefined);
  });

  it('query --chart: a label and a number column, or a reason', () => {
    const ok = barsFromRows([{ LEVEL: 'INFO', EVENTS: 3 }, { LEVEL: 'WARN', EVENTS: '2' }]);
    assert.ok('chart' in ok);
    assert.deepEqual(ok.chart.bars, [{ label: 'INFO', value: 3 }, { label: 'WARN', value: 2 }]);
    const bad = barsFromRows([{ A: 'x', B: 'y' }]);
    assert.ok('problem' in bad);
    assert.match(bad.problem, /label column and a number column; the result has A \(text\), B \(text\)/);
  });
});
