/** @jsxRuntime automatic */
// The connector's own metadata column (KAFKAMETADATA or RECORD_METADATA, added by newer Openflow
// Kafka connector versions) in the 11 → 37 columns chart: shown as the connector's, never as
// "extra", drawn by the chart and on the walk's screen (ink-testing-library).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { chartText } from '../../src/app/charts/index.js';
import { createEventHub } from '../../src/app/source.js';
import type { ColumnsChart } from '../../src/engine/panel.js';
import { columnsChart, compareColumns } from '../../steps/shared/verify-columns.js';
import { expectedColumns } from '../../src/logs/index.js';
import { frameWhere } from './harness.js';
import { doneUpTo, plan } from './script.js';

afterEach(() => cleanup());

/** The chart the evolved-columns step draws for a table that also has the connector's column. */
function evolvedWith(metadata: string): ColumnsChart {
  const expected = expectedColumns('evolved');
  const seen = [...expected, { name: metadata, type: 'VARIANT' }];
  return columnsChart(compareColumns(seen, expected, new Set([...expectedColumns('base').map((c) => c.name), metadata])), 12);
}

describe("the connector's own column in the columns chart", () => {
  for (const metadata of ['KAFKAMETADATA', 'RECORD_METADATA']) {
    it(`${metadata}: its own group, marked the connector's, not extra`, () => {
      const text = chartText(evolvedWith(metadata), 80, { ascii: false });
      assert.doesNotMatch(text, /extra/);
      assert.match(text.split('\n')[0]!, /^12 → 38 columns {2}\+26 new {2}1 the connector's$/);
      assert.match(chartText(evolvedWith(metadata), 80, { ascii: true }), new RegExp(String.raw`^12 -> 38 columns[^]*\n\* ${metadata} +VARIANT +connector's`));
      assert.match(text, new RegExp(String.raw`The connector's own \(Kafka metadata\) \(1\)\n\* ${metadata} +VARIANT +connector's`));
      assert.doesNotMatch(text, /Differences/);
    });
  }

  it("on the walk's screen: counted in the chart's first line, listed under its own heading", async () => {
    const hub = createEventHub();
    const app = render(<App events={hub} onInterrupt={() => {}} look={{ unicode: true, color: false }} />);
    hub.emit(plan());
    for (const e of doneUpTo('verify-evolved-columns')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'verify-evolved-columns', at: Date.now() });
    hub.emit({ type: 'show', id: 'verify-evolved-columns', title: '"APPLICATION-LOGS": 38 columns (expected 37), 130 rows', body: 'table', chart: evolvedWith('KAFKAMETADATA') });
    const top = await frameWhere(app.lastFrame, (x) => x.includes('38 columns  +26 new'), 'the chart');
    assert.match(top, /12 -> 38 columns {2}\+26 new {2}1 the connector's/);
    // Below the 26 new columns: scroll down to it.
    const PAGE_DOWN = '\u001b[6~';
    app.stdin.write(PAGE_DOWN);
    const f = await frameWhere(app.lastFrame, (x) => x.includes('KAFKAMETADATA'), 'the connector column');
    assert.match(f, /The connector's own \(Kafka metadata\) \(1\)\n *\* KAFKAMETADATA +VARIANT +connector's/);
    assert.doesNotMatch(`${top}\n${f}`, /extra/);
  });
});
