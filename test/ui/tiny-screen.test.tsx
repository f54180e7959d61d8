/** @jsxRuntime automatic */
// A terminal as small as 40×12 (or 24×12): what a person must see to go on — the question, and
// the keys that do something now — is always on screen, whole, wrapped, never cut with an
// ellipsis; the step list, the pane's title and the pinned summary give way to it (the summary
// then scrolls with the document, so none of its values is out of reach).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEventHub } from '../../src/app/source.js';
import type { Look } from '../../src/app/terminal.js';
import { doneUpTo, plan } from './script.js';
import { frameWhere, renderOnTerminal } from './harness.js';

const LOOK: Look = { unicode: true, color: false };
const QUESTION =
  'Permanently drop Openflow runtime QUICKSTART_KAFKA_RUNTIME, database QUICKSTART_KAFKA_CONNECTOR_DB, warehouse QUICKSTART_KAFKA_CONNECTOR_WH, integration QUICKSTART_KAFKA_CONNECTOR_ACCESS, topic application-logs (all ingested logs), and consumer group openflow_qs_kafka_connector?';
const HANDOFF_SUMMARY = [
  'Canvas: https://of--sandbox.sandbox.invalid/a9222569df73/nifi/',
  'Kafka Group Id: openflow_qs_kafka_connector',
  'Kafka Topics: application-logs',
  'Kafka Auto Offset Reset: latest',
].join('\n');

let unmount = () => {};
afterEach(() => unmount());

function mount(columns: number, rows: number) {
  const hub = createEventHub();
  const screen = renderOnTerminal(hub, { columns, rows }, LOOK, { pace: 'step' });
  unmount = screen.unmount;
  return { hub, screen, until: (what: string, ok: (f: string) => boolean) => frameWhere(screen.lastFrame, ok, what) };
}

/** The frame's text as words, whatever the wrapping. */
const words = (frame: string) => frame.replace(/\s+/g, ' ');

describe('a tiny terminal', () => {
  for (const [columns, rows] of [[40, 12], [80, 8]] as const) {
    it(`${columns}×${rows}: the cleanup question is on screen whole, ending with its keys`, async () => {
      const { hub, until } = mount(columns, rows);
      hub.emit(plan());
      for (const e of doneUpTo('cleanup')) hub.emit(e);
      hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
      void hub.ask('cleanup', QUESTION, { defaultAnswer: false });
      const f = await until('the question', (x) => x.includes('[y/N]'));
      assert.doesNotMatch(f, /…/, `nothing of the question cut:\n${f}`);
      assert.ok(words(f).includes(`${QUESTION} [y/N]`), `the whole question, in order:\n${f}`);
      assert.ok(f.trimEnd().split('\n').length <= rows - 1, f);
    });
  }

  it('24×12: a question longer than the screen scrolls, its keys stay on its last row', async () => {
    const { hub, screen, until } = mount(24, 12);
    hub.emit(plan());
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
    void hub.ask('cleanup', QUESTION, { defaultAnswer: false });
    const first = await until('the question', (x) => x.includes('[y/N]'));
    assert.match(first, /Permanently drop/);
    assert.match(first, /more lines/);
    assert.match(first.trimEnd().split('\n').at(-1)!, /\[y\/N\]/);
    for (let i = 0; i < 20; i++) screen.press('j');
    const last = await until('the end of the question', (x) => x.includes('connector?'));
    assert.match(last.trimEnd().split('\n').at(-1)!, /\[y\/N\]/);
  });

  it('40×12: the hand-off pause keeps its continue key, and every pinned value can be scrolled to', async () => {
    const { hub, screen, until } = mount(40, 12);
    hub.emit(plan());
    for (const e of doneUpTo('openflow-connector')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'openflow-connector', at: Date.now() });
    hub.emit({ type: 'show', id: 'openflow-connector', title: 'Openflow connector: the values to set', summary: HANDOFF_SUMMARY, body: `${HANDOFF_SUMMARY}\n\n${'Source parameter   value\n'.repeat(20)}` });
    hub.emit({ type: 'step-end', id: 'openflow-connector', status: 'done', summary: 'group consuming', durationMs: 10 });
    void hub.pause('openflow-connector');
    const f = await until('the pause', (x) => x.includes('Canvas:'));
    assert.match(f, /Enter\/Space\/→ continue/, `the continue key is on screen:\n${f}`);
    let scrolled = f;
    for (let i = 1; i <= 6 && !scrolled.includes('Kafka Auto Offset Reset: latest'); i++) {
      screen.press('j');
      scrolled = await until(`scrolled ${i}`, (x) => x.includes(`↑ ${i} above`));
    }
    assert.match(scrolled, /Kafka Auto Offset Reset: latest/, 'the last pinned value, a few rows down');
    assert.match(scrolled, /Enter\/Space\/→ continue/);
  });

  it('40 columns: a long step title is whole in the list and in the pane title (the counter gives way)', async () => {
    const title = 'Add and start the Openflow connector';
    const { hub, until } = mount(40, 24);
    hub.emit(plan({}, { 'openflow-connector': { title } }));
    for (const e of doneUpTo('openflow-connector')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'openflow-connector', at: Date.now() });
    const f = await until('the hand-off running', (x) => x.includes('Explains'));
    assert.equal(f.split(title).length - 1, 2, `the title whole, twice:\n${f}`);
    assert.doesNotMatch(f.replace('Working…', ''), /…/, f);
  });

  it('40 columns: the review lists the ids whole, without titles cut to a word', async () => {
    const hub = createEventHub();
    const screen = renderOnTerminal(hub, { columns: 40, rows: 24 }, LOOK, { pace: 'step' });
    unmount = screen.unmount;
    hub.emit(plan({}, { preflight: { title: 'Check connections' } }));
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'step-end', id: 'cleanup', status: 'kept', summary: 'kept', durationMs: 1 });
    hub.emit({ type: 'walk-end', status: 'done', durationMs: 5000 });
    const f = await frameWhere(screen.lastFrame, (x) => x.includes('q quits'), 'the review');
    assert.match(f, /› ✔ +1 +preflight\n/);
    assert.match(f, / 9 +verify-base-columns\n/);
    assert.doesNotMatch(f.slice(0, f.indexOf('──')), /…/, f);
  });

  it('40 columns: the command to resume is whole, continued with a backslash, never cut', async () => {
    const hub = createEventHub();
    const command = 'npx openflow-kafka-quickstart --state-dir /tmp/a-rather-long/state-folder-name';
    const screen = renderOnTerminal(hub, { columns: 40, rows: 30 }, LOOK, { pace: 'none', command });
    unmount = screen.unmount;
    hub.emit(plan());
    for (const e of doneUpTo('openflow-deployment')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'openflow-deployment', at: Date.now() });
    hub.emit({ type: 'step-end', id: 'openflow-deployment', status: 'interrupted', durationMs: 5 });
    hub.emit({ type: 'walk-end', status: 'interrupted', durationMs: 3000 });
    const f = await frameWhere(screen.lastFrame, (x) => x.includes('Walk stopped'), 'the stopped walk');
    const shown = f.slice(f.indexOf('  $ '));
    assert.doesNotMatch(shown, /…/, f);
    assert.equal(shown.replace(/^ *\$ /, '').replace(/ \\\n */g, ' ').replace(/\\\n/g, '').trim(), command, f);
  });
});
