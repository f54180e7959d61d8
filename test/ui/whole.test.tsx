/** @jsxRuntime automatic */
// Nothing on screen is cut with "…" at 80 or 120 columns: a step's summary in the list wraps under
// its column, every note is whole, the explanation uses the rows there are (and scrolls), the
// review's numbers reach every step, a wait says its limit once, wide tables use a wide terminal.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEventHub } from '../../src/app/source.js';
import type { Look } from '../../src/app/terminal.js';
import { textWidth } from '../../src/app/text.js';
import { glyphsFor } from '../../src/app/terminal.js';
import { panelLines } from '../../src/app/reading.js';
import { lineText } from '../../src/app/line.js';
import { DIGIT_WAIT_MS } from '../../src/app/App.js';
import type { StepId } from '../../src/engine/step.js';
import { doneUpTo, plan } from './script.js';
import { frameWhere, renderOnTerminal } from './harness.js';

const UNICODE: Look = { unicode: true, color: false };
const ENTER = '\r';
const END = '\u001b[F';

const mounted: Array<{ unmount(): void }> = [];
afterEach(() => {
  for (const s of mounted.splice(0)) s.unmount();
});

function setup(columns: number, rows: number, pace: 'step' | 'none' = 'none') {
  const hub = createEventHub();
  const screen = renderOnTerminal(hub, { columns, rows }, UNICODE, { pace });
  mounted.push(screen);
  const until = (what: string, ok: (f: string) => boolean) => frameWhere(screen.lastFrame, ok, what);
  return { hub, screen, until };
}

/** The frame's text with its line breaks and indents as single spaces: what a person reads across rows. */
const flow = (frame: string) => frame.replace(/\s+/g, ' ');

function assertFits(frame: string, columns: number) {
  for (const l of frame.split('\n')) assert.ok(textWidth(l) <= columns, `wider than ${columns}: "${l}"`);
}

const SETUP_SUMMARY = '25 statements run; network rule allows 127.0.0.1:45261, 127.0.0.1:42505, 127.0.0.1:43231';
const PREFLIGHT_SUMMARY = 'Kafka reachable: 3 broker(s), cluster hWdAocJTJqPX0Q-mSYbrig; Snowflake as QUICKSTART_USER; Openflow gen 2 (SQL)';

describe('whole on screen', () => {
  it("80 columns: a step's summary in the list wraps under its column instead of ending in '…'", async () => {
    const { hub, screen, until } = setup(80, 40);
    hub.emit(plan());
    hub.emit({ type: 'step-start', id: 'preflight', at: Date.now() });
    hub.emit({ type: 'step-end', id: 'preflight', status: 'done', summary: PREFLIGHT_SUMMARY, durationMs: 300 });
    for (const id of ['create-topic', 'extract-brokers'] as const) {
      hub.emit({ type: 'step-start', id, at: Date.now() });
      hub.emit({ type: 'step-end', id, status: 'done', summary: `${id} ok`, durationMs: 100 });
    }
    hub.emit({ type: 'step-start', id: 'setup-sql', at: Date.now() });
    hub.emit({ type: 'step-end', id: 'setup-sql', status: 'done', summary: SETUP_SUMMARY, durationMs: 1300 });
    hub.emit({ type: 'step-start', id: 'openflow-deployment', at: Date.now() });
    const f = await until('the summaries', (x) => x.includes('Openflow deployment') && x.includes('1.3s'));
    assertFits(f, 80);
    const list = f.split('\n').slice(0, 12).join('\n');
    assert.doesNotMatch(list, /…/, list);
    const summaries = flow(list.replace(/ +\d+\.\ds$/gm, ''));
    assert.ok(summaries.includes(SETUP_SUMMARY), list);
    assert.ok(summaries.includes(PREFLIGHT_SUMMARY), list);
    // Too long to sit beside its title, a summary goes whole under it; a short one stays beside.
    const rows = f.split('\n');
    const at = rows.findIndex((l) => l.includes('Set up Snowflake objects'));
    assert.match(rows[at + 1]!, /^ {4}25 statements run; network rule allows/);
    assert.match(f, /✔ Create topic +create-topic ok +0\.1s/);
    screen.unmount();
  });

  it('80x24, paused on a step: its summary is whole in the folded list', async () => {
    const { hub, until } = setup(80, 24, 'step');
    hub.emit(plan());
    for (const e of doneUpTo('setup-sql')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'setup-sql', at: Date.now() });
    hub.emit({ type: 'show', id: 'setup-sql', title: 'Snowflake setup script', body: Array.from({ length: 40 }, (_, i) => `line ${i}  GRANT something`).join('\n') });
    hub.emit({ type: 'step-end', id: 'setup-sql', status: 'done', summary: SETUP_SUMMARY, durationMs: 1300 });
    void hub.pause('setup-sql');
    const f = await until('the pause', (x) => x.includes('continue'));
    assert.ok(flow(f).includes(SETUP_SUMMARY), f);
  });

  it('every note is whole, the older ones too, not only the newest', async () => {
    const { hub, screen, until } = setup(80, 40);
    hub.emit(plan());
    for (const e of doneUpTo('openflow-connector')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'openflow-connector', at: Date.now() });
    const notes = [
      `In the runtime's canvas, add the "Openflow Kafka; JSON + SASL + Schema evolution" connector and fill in its parameters.`,
      'Sandbox: starting the local connector in runtime QUICKSTART_KAFKA_RUNTIME with exactly the values shown below.',
      'Consumer group openflow_qs_kafka_connector is consuming "application-logs" (1 member).',
    ];
    for (const text of notes) hub.emit({ type: 'note', id: 'openflow-connector', text });
    const f = await until('the notes', (x) => flow(x).includes('(1 member)'));
    assertFits(f, 80);
    assert.doesNotMatch(f, /…/, f);
    for (const n of notes) assert.ok(flow(f).includes(n), `whole: ${n}\n${f}`);
    screen.unmount();
  });

  it('paused at 80x24, the notes of the hand-off are whole (a scroll away when the screen is full)', async () => {
    const { hub, screen, until } = setup(80, 24, 'step');
    hub.emit(plan());
    for (const e of doneUpTo('openflow-connector')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'openflow-connector', at: Date.now() });
    hub.emit({ type: 'note', id: 'openflow-connector', text: 'Waiting for the connector: nothing is produced until consumer group openflow_qs_kafka_connector reads "application-logs".' });
    hub.emit({ type: 'note', id: 'openflow-connector', text: 'Consumer group openflow_qs_kafka_connector is consuming "application-logs" (1 member).' });
    hub.emit({ type: 'show', id: 'openflow-connector', title: 'Openflow connector parameters', summary: 'Kafka Group Id: openflow_qs_kafka_connector', body: Array.from({ length: 30 }, (_, i) => `Parameter ${i + 1}    value`).join('\n') });
    hub.emit({ type: 'step-end', id: 'openflow-connector', status: 'done', summary: 'consuming', durationMs: 900 });
    void hub.pause('openflow-connector');
    const f = await until('the pause', (x) => x.includes('continue'));
    assert.doesNotMatch(f, /…/, f);
    assert.ok(flow(f).includes('is consuming "application-logs" (1 member).'), f);
    assert.ok(flow(f).includes('reads "application-logs".'), f);
    screen.unmount();
  });

  it('a tall terminal shows the whole explanation; a short one scrolls it', async () => {
    const explain = Array.from({ length: 9 }, (_, i) => `Sentence ${i + 1} of the explanation says one more thing about the step.`).join(' ');
    const last = 'Sentence 9 of the explanation says one more thing about the step.';
    for (const [rows, scrolls] of [[40, false], [24, true]] as const) {
      const { hub, screen, until } = setup(80, rows, 'step');
      hub.emit(plan({}, { 'verify-base-columns': { explain } }));
      for (const e of doneUpTo('verify-base-columns')) hub.emit(e);
      hub.emit({ type: 'step-start', id: 'verify-base-columns', at: Date.now() });
      const f = await until('the explanation', (x) => x.includes('Sentence 1 '));
      assert.doesNotMatch(f.replace('Working…', ''), /…/, f);
      if (!scrolls) assert.ok(flow(f).includes(last), f);
      else {
        assert.match(f, /↓ \d+ more lines?/);
        screen.press(END);
        await until('its end', (x) => flow(x).includes(last));
      }
      screen.unmount();
    }
  });

  it('a wait states its limit once, as clock times', async () => {
    const { hub, screen, until } = setup(80, 24);
    hub.emit(plan());
    for (const e of doneUpTo('openflow-runtime')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'openflow-runtime', at: Date.now() });
    hub.emit({ type: 'note', id: 'openflow-runtime', text: 'Openflow runtime QUICKSTART_KAFKA_RUNTIME: CREATING' });
    hub.emit({ type: 'progress', id: 'openflow-runtime', update: { done: 12, total: 60, unit: 's', detail: 'CREATING' }, ratePerSec: null });
    const f = await until('the wait', (x) => x.includes('CREATING') && x.includes('0:12'));
    assert.equal(f.match(/1:00|60 s/g)?.length, 1, f);
    assert.match(f, /0:12 of at most 1:00/);
    screen.unmount();
  });

  it('120 columns: a wide table uses the width; running text still wraps at 100', async () => {
    const { hub, screen, until } = setup(120, 40, 'step');
    hub.emit(plan());
    for (const e of doneUpTo('analytics-tour')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'analytics-tour', at: Date.now() });
    const row = `auth-service  ${'req-'.padEnd(20, 'x')}  ${'Upstream payment provider answered 503'.padEnd(44)}  4021  2026-11-30T13:25:00Z`;
    hub.emit({ type: 'show', id: 'analytics-tour', title: 'Slowest requests: 1 row', body: `SERVICE       REQUEST_ID            MESSAGE${' '.repeat(39)}  MS    AT\n${row}` });
    hub.emit({ type: 'note', id: 'analytics-tour', text: 'A note long enough to need more than one hundred columns, so that it has to wrap where running text wraps on a wide screen.' });
    hub.emit({ type: 'step-end', id: 'analytics-tour', status: 'done', durationMs: 5 });
    void hub.pause('analytics-tour');
    const f = await until('the table', (x) => x.includes('continue'));
    assertFits(f, 120);
    assert.ok(f.includes(row.trimEnd()), f);
    const note = f.split('\n').find((l) => l.includes('A note long'))!;
    assert.ok(textWidth(note.trimEnd()) <= 100, note);
    screen.unmount();
  });
});

describe('review: numbers reach every step', () => {
  async function review() {
    const { hub, screen, until } = setup(80, 24, 'step');
    hub.emit(plan());
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
    hub.emit({ type: 'step-end', id: 'cleanup', status: 'kept', summary: 'kept', durationMs: 5 });
    hub.emit({ type: 'walk-end', status: 'done', durationMs: 9000 });
    const list = await until('the review list', (x) => x.includes('Enter opens it'));
    return { screen, until, list };
  }
  const opened = (id: StepId) => (x: string) => new RegExp(`── .* ${id} ─`).test(x) && x.includes('Esc/← back');

  it('the hint names every number, 1-13', async () => {
    const { screen, list } = await review();
    assert.match(list, /↑↓ or 1-13 pick a step/);
    screen.unmount();
  });

  it('"1" then "2" opens step 12', async () => {
    const { screen, until } = await review();
    screen.press('1');
    await until('the cursor on 1', (x) => /› ✔ +1 {2}preflight/.test(x));
    screen.press('2');
    await until('step 12 open', opened('analytics-tour'));
    screen.unmount();
  });

  it('"12" in one burst opens step 12; "13" step 13', async () => {
    const { screen, until } = await review();
    screen.press('12');
    await until('step 12 open', opened('analytics-tour'));
    screen.press('\u001b');
    await until('the list', (x) => x.includes('Enter opens it'));
    screen.press('13');
    await until('step 13 open', opened('cleanup'));
    screen.unmount();
  });

  it('"1" alone opens step 1 after a moment; "1" then Enter at once; "7" at once', async () => {
    const { screen, until } = await review();
    const pressed = Date.now();
    screen.press('1');
    await until('step 1 open', opened('preflight'));
    assert.ok(Date.now() - pressed >= DIGIT_WAIT_MS - 50, 'waited for a second digit');
    screen.press('\u001b');
    await until('the list', (x) => x.includes('Enter opens it'));
    screen.press('1');
    screen.press(ENTER);
    await until('step 1 open', opened('preflight'));
    screen.press('\u001b');
    await until('the list', (x) => x.includes('Enter opens it'));
    screen.press('7');
    await until('step 7 open', opened('openflow-connector'));
    screen.unmount();
  });
});

describe('a result table wider than the screen', () => {
  const body = [
    'SERVICE         REQUEST_ID    DURATION_MS  MESSAGE                           TIMESTAMP',
    '--------------  ------------  -----------  --------------------------------  ------------------------',
    'db-service      req-b2f418ae  9938         Internal server error             2026-11-30T13:53:10.123Z',
    'search-service  req-687b4c63  9363         Failed to update inventory count  2026-11-30T13:54:01.456Z',
    '… 18 more rows',
  ].join('\n');
  const text = (width: number) => panelLines([{ title: 'Slowest requests: 20 rows', body }], { width, glyphs: glyphsFor(UNICODE), chartStyle: { ascii: false } }).map(lineText);

  it('at 80 columns: each row as a record, every column and value whole', () => {
    const lines = text(80);
    assert.ok(lines.every((l) => textWidth(l) <= 80 && !l.includes('…') || l.includes('more rows')), lines.join('\n'));
    assert.deepEqual(lines.slice(1, 7).map((l) => l.trimEnd()), [
      '  SERVICE      db-service',
      '  REQUEST_ID   req-b2f418ae',
      '  DURATION_MS  9938',
      '  MESSAGE      Internal server error',
      '  TIMESTAMP    2026-11-30T13:53:10.123Z',
      '',
    ]);
    assert.ok(lines.includes('  … 18 more rows'), lines.join('\n'));
  });

  it('at 120 columns, where it fits, it stays a table', () => {
    const lines = text(120);
    assert.equal(lines[1]!.trim(), body.split('\n')[0]);
    assert.equal(lines.length, 6);
  });
});

describe('40x24', () => {
  it('the cleanup question is whole, and the review keys flow onto a second row instead of being cut', async () => {
    const { hub, until } = setup(40, 24, 'step');
    hub.emit(plan());
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
    const question = 'Permanently drop Openflow runtime QUICKSTART_KAFKA_RUNTIME, database QUICKSTART_KAFKA_CONNECTOR_DB, warehouse QUICKSTART_KAFKA_CONNECTOR_WH, integration QUICKSTART_KAFKA_CONNECTOR_ACCESS, topic application-logs (all ingested logs), and consumer group openflow_qs_kafka_connector?';
    void hub.ask('cleanup', question, { defaultAnswer: false });
    const asked = await until('the question', (x) => x.includes('[y/N]'));
    assertFits(asked, 40);
    assert.ok(flow(asked).includes(`${question} [y/N]`), asked);
    hub.emit({ type: 'step-end', id: 'cleanup', status: 'kept', summary: 'kept', durationMs: 5 });
    hub.emit({ type: 'walk-end', status: 'done', durationMs: 9000 });
    const end = await until('the review list', (x) => x.includes('Enter opens it'));
    assertFits(end, 40);
    assert.match(end, /q quits/, end);
    assert.match(flow(end), /FROM QUICKSTART_KAFKA_CONNECTOR_DB\.PUBLIC\. ?"APPLICATION-LOGS" GROUP BY 1'/, end);
  });
});
