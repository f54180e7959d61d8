/** @jsxRuntime automatic */
// Honest marks and a plain locale: a declined cleanup is kept (not done), and with LANG=C even
// the steps' own text (em dashes, ellipses) reaches the screen in ASCII.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { createEventHub } from '../../src/app/source.js';
import type { Look } from '../../src/app/terminal.js';
import { doneUpTo, plan } from './script.js';
import { reviewView } from '../../src/commands/show.js';
import { frameWhere } from './harness.js';

afterEach(() => cleanup());

function mount(look: Look) {
  const hub = createEventHub();
  const app = render(<App events={hub} onInterrupt={() => {}} look={look} pace="none" />);
  return { hub, ...app, frame: (what: string, ok: (f: string) => boolean) => frameWhere(app.lastFrame, ok, what) };
}

describe('declined cleanup', () => {
  it('is shown as kept with its own mark, and not counted as done', async () => {
    const { hub, frame } = mount({ unicode: true, color: false });
    hub.emit(plan());
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
    hub.emit({ type: 'step-end', id: 'cleanup', status: 'kept', summary: 'kept everything (not confirmed)', durationMs: 10 });
    hub.emit({ type: 'walk-end', status: 'done', durationMs: 5000 });
    const f = await frame('the end', (x) => x.includes('Walk complete'));
    assert.match(f, /◇ Clean up +kept everything/);
    assert.match(f, /✔ 12 done/);
    assert.match(f, /◇ 1 kept/);
    assert.match(f, /Clean up when finished/, 'still offers the cleanup');
  });
});

describe('confirmed cleanup', () => {
  it('says on the end screen what it did, a kept deployment included, not "everything removed"', async () => {
    const { hub, frame } = mount({ unicode: true, color: false });
    hub.emit(plan());
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
    const summary = 'runtime dropped; dropped the Snowflake objects (8 statements), topic deleted; Openflow deployment QUICKSTART_KAFKA_DEPLOYMENT kept (it uses credits while it exists)';
    hub.emit({ type: 'step-end', id: 'cleanup', status: 'done', summary, durationMs: 10 });
    hub.emit({ type: 'walk-end', status: 'done', durationMs: 5000 });
    const f = await frame('the end', (x) => x.includes('Walk complete') && x.includes('Cleaned up:'));
    assert.match(f.replace(/\s+/g, ' '), /Cleaned up: runtime dropped; .* Openflow deployment QUICKSTART_KAFKA_DEPLOYMENT kept \(it uses credits while it exists\)\./);
    assert.doesNotMatch(f, /removed again/);
  });
});

describe('not UTF-8', () => {
  it("spells the steps' own punctuation in ASCII", async () => {
    const { hub, frame } = mount({ unicode: false, color: false });
    hub.emit(plan({}, { preflight: { explain: 'Checks Kafka — and Snowflake… then says “ok” → next.' } }));
    hub.emit({ type: 'step-start', id: 'preflight', at: Date.now() });
    const f = await frame('preflight', (x) => x.includes('Checks Kafka'));
    assert.match(f, /Checks Kafka - and Snowflake\.\.\. then says "ok" -> next\./);
    assert.doesNotMatch(f, /[^\x00-\x7f]/, 'only ASCII on screen');
  });

  it('the end screen says what is next in ASCII too (its own dashes included)', async () => {
    const { hub, frame } = mount({ unicode: false, color: false });
    hub.emit(plan());
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
    hub.emit({ type: 'step-end', id: 'cleanup', status: 'kept', summary: 'kept everything (not confirmed)', durationMs: 10 });
    hub.emit({ type: 'walk-end', status: 'done', durationMs: 5000 });
    const f = await frame('the end', (x) => x.includes('Walk complete') && x.includes('Next: query the table'));
    assert.doesNotMatch(f, /[^\x00-\x7f]/, 'only ASCII on screen');
  });

  it('the review `show` opens from the state file is ASCII too', async () => {
    const view = reviewView({ cleanup: { status: 'kept', summary: 'kept everything' } as never }, 'default', 'sandbox');
    const app = render(<App events={{ subscribe: () => () => {} }} onInterrupt={() => {}} look={{ unicode: false, color: false }} pace="step" initial={view} reviewOnly open="cleanup" />);
    const f = await frameWhere(app.lastFrame, (x) => x.includes('Removes what the quickstart created'), 'the cleanup step');
    assert.doesNotMatch(f, /[^\x00-\x7f]/, 'only ASCII on screen');
  });
});
