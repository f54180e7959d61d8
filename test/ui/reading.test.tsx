/** @jsxRuntime automatic */
// Reading at one's own pace: the walk stops after a step with something to read until Enter,
// Space or →; long panels scroll; the clock stands still while the walk waits; after the walk
// the review opens any step again. At 40, 80 and 120 columns, every chart drawn on screen.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEventHub } from '../../src/app/source.js';
import { glyphsFor, type Look } from '../../src/app/terminal.js';
import { panelLines } from '../../src/app/reading.js';
import { lineText } from '../../src/app/line.js';
import type { WalkEvent } from '../../src/engine/events.js';
import type { Panel } from '../../src/engine/panel.js';
import { textWidth } from '../../src/app/text.js';
import { doneUpTo, plan } from './script.js';
import { frameWhere, renderOnTerminal } from './harness.js';
import { ERROR_RATE, EVOLVED, LEVELS, PER_MINUTE } from './charts.test.js';

const UNICODE: Look = { unicode: true, color: false };
const ENTER = '\r';
const DOWN = '\u001b[B';
const RIGHT = '\u001b[C';
const END = '\u001b[F';

const HAND_OFF: Panel = {
  title: 'Openflow connector parameters',
  summary: 'Kafka Group Id: openflow_qs_kafka_connector\nKafka Topics: application-logs\nKafka Auto Offset Reset: latest\nNext: fill in the three parameter contexts (below), then Start the connector on the canvas.',
  body: Array.from({ length: 40 }, (_, i) => `Parameter ${String(i + 1).padStart(2)}            value-${i + 1}`).join('\n'),
};

function setup(columns = 80, rows = 24, props: Parameters<typeof renderOnTerminal>[3] = {}) {
  const hub = createEventHub();
  const screen = renderOnTerminal(hub, { columns, rows }, UNICODE, { pace: 'step', ...props });
  const until = (what: string, ok: (f: string) => boolean) => frameWhere(screen.lastFrame, ok, what);
  return { hub, screen, until };
}

/** The hand-off step runs, shows its panel and ends; the walk then pauses after it. */
function handOff(hub: ReturnType<typeof createEventHub>): Promise<void> {
  hub.emit(plan());
  for (const e of doneUpTo('openflow-connector')) hub.emit(e);
  hub.emit({ type: 'step-start', id: 'openflow-connector', at: Date.now() });
  hub.emit({ type: 'show', id: 'openflow-connector', ...HAND_OFF });
  hub.emit({ type: 'step-end', id: 'openflow-connector', status: 'done', summary: 'consuming', durationMs: 900 });
  return hub.pause('openflow-connector');
}

describe('pacing', () => {
  for (const [name, key] of [['Enter', ENTER], ['Space', ' '], ['→', RIGHT]] as const) {
    it(`stops after a step with a panel until ${name}`, async () => {
      const { hub, screen, until } = setup();
      let resumed = false;
      const paused = handOff(hub).then(() => (resumed = true));
      const f = await until('the pause', (x) => x.includes('Enter/Space/→ continue'));
      // At 80x24 the three values the walk waits on, and the action, without scrolling.
      assert.match(f, /Kafka Group Id: openflow_qs_kafka_connector/);
      assert.match(f, /Kafka Topics: application-logs/);
      assert.match(f, /Kafka Auto Offset Reset: latest/);
      assert.match(f, /Start the connector/);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(resumed, false, 'still waiting');
      screen.press(key);
      await paused;
      await until('the pause gone', (x) => !x.includes('continue'));
      screen.unmount();
    });
  }

  it('does not stop after a step with nothing to read', async () => {
    const { hub, screen } = setup();
    hub.emit(plan());
    hub.emit({ type: 'step-start', id: 'preflight', at: Date.now() });
    hub.emit({ type: 'note', id: 'preflight', text: 'Kafka reachable' });
    hub.emit({ type: 'step-end', id: 'preflight', status: 'done', durationMs: 10 });
    await hub.pause('preflight');
    screen.unmount();
  });

  it('auto pace goes on by itself, saying when', async () => {
    const { hub, screen, until } = setup(80, 24, { pace: 'auto' });
    const paused = handOff(hub);
    await until('the countdown', (x) => /continuing in \d+s/.test(x));
    screen.press(ENTER); // Enter still continues at once
    await paused;
    screen.unmount();
  });

  it('the clock stands still while a question waits', async () => {
    const { hub, screen, until } = setup();
    hub.emit(plan());
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
    void hub.ask('cleanup', 'Drop everything?', { defaultAnswer: false });
    const clock = (f: string) => /(\d+:\d\d)/.exec(f.split('\n')[0]!)?.[1];
    const first = clock(await until('the question', (x) => x.includes('[y/N]')));
    await new Promise((r) => setTimeout(r, 1300));
    const later = screen.lastFrame();
    assert.ok(later.includes('[y/N]'));
    assert.equal(clock(later), first, 'no tick while waiting for the answer');
    screen.unmount();
  });

  it('an Enter right after "n" is swallowed, not taken as the next answer', async () => {
    const { hub, screen, until } = setup();
    hub.emit(plan());
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
    const answer = hub.ask('cleanup', 'Drop everything?', { defaultAnswer: true });
    await until('the question', (x) => x.includes('[Y/n]'));
    screen.press('n');
    assert.equal(await answer, false);
    // The walk would show its next question; the stray Enter must not answer it (default yes).
    const second = hub.ask('cleanup', 'Really keep it?', { defaultAnswer: true });
    screen.press(ENTER);
    let settled = false;
    void second.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(settled, false, 'the Enter after n was swallowed');
    await until('the next question', (x) => x.includes('Really keep it?'));
    screen.press('y');
    assert.equal(await second, true);
    screen.unmount();
  });
});

describe('scrolling', () => {
  it('a panel longer than the screen scrolls with ↓, j, End and back with k and Home', async () => {
    const { hub, screen, until } = setup();
    void handOff(hub);
    const f = await until('the pause', (x) => x.includes('continue'));
    assert.match(f, /Parameter {2}1 /);
    assert.doesNotMatch(f, /Parameter 40/);
    assert.match(f, /↓ \d+ more lines/);
    screen.press(DOWN);
    await until('one down', (x) => !x.includes('Openflow connector parameters') && /Parameter {2}1 /.test(x));
    screen.press('j');
    await until('two down', (x) => !/Parameter {2}1 /.test(x) && /Parameter {2}2 /.test(x));
    screen.press(END);
    const end = await until('the end', (x) => x.includes('Parameter 40'));
    assert.match(end, /Kafka Group Id/, 'the summary stays pinned');
    screen.press('k');
    await until('one up', (x) => !x.includes('Parameter 40'));
    screen.press('\u001b[H');
    await until('the top', (x) => /Parameter {2}1 /.test(x));
    for (const frame of screen.frames.slice(-5)) {
      const lines = frame.split('\n');
      assert.ok(lines.length <= 23, `fits 24 rows (${lines.length})`);
      for (const l of lines) assert.ok(textWidth(l) <= 80, `fits 80 columns: ${l}`);
    }
    screen.unmount();
  });
  it('keys that arrive in one burst (a held key, a paste, tmux send-keys) each count', async () => {
    const { hub, screen, until } = setup();
    void handOff(hub);
    await until('the pause', (x) => x.includes('continue'));
    screen.press(DOWN.repeat(10));
    await until('ten down', (x) => /^.*Parameter 1[01] .*$/m.test(x) && !/Parameter {2}9 /.test(x));
    screen.press('k'.repeat(3));
    await until('three up', (x) => /Parameter {2}7 /.test(x) && !/Parameter {2}6 /.test(x));
    screen.unmount();
  });
});

describe('review', () => {
  it("after the walk: a numbered list with ids; Enter opens the hand-off's panel again, Esc goes back, q quits", async () => {
    const { hub, screen, until } = setup();
    const paused = handOff(hub);
    await until('the pause', (x) => x.includes('continue'));
    screen.press(ENTER);
    await paused;
    for (const id of ['produce-base-logs', 'verify-base-columns', 'produce-evolved-logs', 'verify-evolved-columns', 'analytics-tour', 'cleanup'] as const) {
      hub.emit({ type: 'step-start', id, at: Date.now() });
      hub.emit({ type: 'step-end', id, status: 'done', summary: `${id} ok`, durationMs: 5 });
    }
    hub.emit({ type: 'walk-end', status: 'done', durationMs: 9000 });
    const list = await until('the review list', (x) => x.includes('Enter opens it'));
    assert.match(list, /› ✔ {2}1 {2}preflight +Check|› ✔ +1 +preflight/);
    assert.match(list, /✔ {2}7 {2}openflow-connector/);
    assert.match(list, /13 {2}cleanup/);
    screen.press('7');
    const opened = await until('the hand-off review', (x) => x.includes('Manual equivalent'));
    assert.match(opened, /openflow-connector/);
    assert.match(opened, /Kafka Group Id: openflow_qs_kafka_connector/);
    assert.match(opened, /Explains Openflow connector/);
    screen.press('\u001b');
    await until('back to the list', (x) => x.includes('Enter opens it'));
    screen.press(DOWN + DOWN + 'k'); // one burst: 7 → 9 → 8
    await until('the cursor on step 8', (x) => /› ✔ {2}8 {2}produce-base-logs/.test(x));
    screen.press(ENTER);
    await until('step 8 opened', (x) => /Produce base logs +produce-base-logs/.test(x));
    screen.press('q');
    await screen.exited;
  });
});

describe('charts on screen at 40, 80 and 120 columns', () => {
  const panels: Array<[string, Panel]> = [
    ['log levels', { title: 'Distribution of log levels (4 rows)', body: 'table', chart: LEVELS }],
    ['error rate', { title: 'Event count and error rate by service (3 rows)', body: 'table', chart: ERROR_RATE }],
    ['per minute', { title: 'Event volume over time (30 rows)', body: 'table', chart: PER_MINUTE }],
    ['11 → 37', { title: '"APPLICATION-LOGS": 37 columns', body: 'table', chart: EVOLVED }],
  ];
  for (const columns of [40, 80, 120]) {
    for (const [name, panel] of panels) {
      it(`${name} at ${columns} columns`, async () => {
        const { hub, screen, until } = setup(columns, 40);
        hub.emit(plan());
        for (const e of doneUpTo('analytics-tour')) hub.emit(e);
        hub.emit({ type: 'step-start', id: 'analytics-tour', at: Date.now() });
        hub.emit({ type: 'show', id: 'analytics-tour', ...panel } as WalkEvent);
        hub.emit({ type: 'step-end', id: 'analytics-tour', status: 'done', durationMs: 5 });
        void hub.pause('analytics-tour');
        // NO_COLOR (this look has no colour): the charts are drawn in ASCII.
        const f = await until('the chart', (x) => x.includes('continue') && /#|\+26 new/.test(x));
        for (const l of f.split('\n')) assert.ok(textWidth(l) <= columns, `fits ${columns}: ${l}`);
        if (name === 'log levels') assert.match(f, /INFO +#+ +78 +60\.0%/);
        if (name === '11 → 37') assert.match(f, /11 -> 37 columns {2}\+26 new/);
        if (name === 'per minute') assert.match(f, /07:10/);
        if (name === 'error rate') assert.match(f, /42\.86%/);
        screen.unmount();
      });
    }
  }
});

describe('panel text on a terminal', () => {
  const read = { width: 80, glyphs: glyphsFor(UNICODE), chartStyle: { ascii: false } };
  const text = (p: Panel) => panelLines([p], read).map(lineText);

  it('a body that starts with its summary (the hand-off) does not repeat the pinned summary under it', () => {
    const summary = 'Kafka Group Id: openflow_qs_kafka_connector\nKafka Topics: application-logs';
    const lines = text({ title: 'Openflow connector', summary, body: `${summary}\n\nLeft to do in the canvas:\n1. Add the connector.` });
    assert.deepEqual(lines, ['Openflow connector', '  Left to do in the canvas:', '  1. Add the connector.']);
    // A body that merely mentions the summary keeps every line.
    assert.equal(text({ title: 't', summary: 'Rows: 3', body: 'Before\nRows: 3' }).length, 3);
  });

  it("a table's last cell too long for the row wraps under its column; a row cut earlier keeps the '…'", () => {
    const sql = '    line  25  GRANT OWNERSHIP ON DATABASE QUICKSTART_KAFKA_CONNECTOR_DB TO ROLE QUICKSTART_ROLE COPY CURRENT GRANTS';
    const lines = text({ title: 'Setup', body: sql }).slice(1);
    assert.deepEqual(lines, [
      '      line  25  GRANT OWNERSHIP ON DATABASE QUICKSTART_KAFKA_CONNECTOR_DB TO',
      '                ROLE QUICKSTART_ROLE COPY CURRENT GRANTS',
    ]);
    const wide = text({ title: 'Metrics', body: `SERVICE${' '.repeat(70)}MAX_DURATION_MS  P95\n${'-'.repeat(20)}  ${'-'.repeat(70)}` }).slice(1);
    assert.ok(wide.every((l) => l.endsWith('…') && textWidth(l) <= 80), wide.join('\n'));
  });

  it('a long panel title wraps rather than being cut', () => {
    const title = 'Openflow connector (the sandbox starts its local connector with exactly these values)';
    const lines = text({ title, body: 'x' });
    assert.equal(lines.slice(0, -1).join(' '), title);
    assert.ok(lines.every((l) => textWidth(l) <= 80));
  });

  it("a table's last cell that fits is shown whole, not cut for its column's padding", () => {
    const row = 'db-service  req-b2f418ae  Internal server error' + ' '.repeat(60);
    const [, line] = text({ title: 'Slowest requests', body: row });
    assert.equal(line, '  db-service  req-b2f418ae  Internal server error');
  });
});
