/** @jsxRuntime automatic */
// The walk as a person sees it, rendered from a scripted event stream with ink-testing-library.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../src/app/App.js';
import { createEventHub } from '../../src/app/source.js';
import type { Look } from '../../src/app/terminal.js';
import { doneUpTo, OPENFLOW_TABLES, plan } from './script.js';
import { frameWhere } from './harness.js';

const UNICODE: Look = { unicode: true, color: false };
const ASCII: Look = { unicode: false, color: false };
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

afterEach(() => cleanup());

function mount(look: Look = UNICODE, onInterrupt = () => {}, onAnswer?: (a: { yes: boolean }) => void) {
  const hub = createEventHub();
  const app = render(<App events={hub} onInterrupt={onInterrupt} onAnswer={onAnswer} look={look} />);
  return { hub, ...app, frame: (what: string, ok: (f: string) => boolean) => frameWhere(app.lastFrame, ok, what) };
}

/** The step list line of a title. */
function lineOf(frame: string, title: string): string {
  const line = frame.split('\n').find((l) => l.includes(title));
  assert.ok(line, `no line for ${title} in:\n${frame}`);
  return line;
}

describe('step list', () => {
  it('shows a mark for every status, and the summary of done steps', async () => {
    const { hub, frame } = mount();
    hub.emit(
      plan(
        {
          preflight: 'done',
          'create-topic': 'drifted',
          'extract-brokers': 'blocked',
          'setup-sql': 'failed',
          'openflow-connector': 'interrupted',
          cleanup: 'skipped',
        },
        {
          'create-topic': { check: { state: 'drifted', diff: ['3 partitions wanted, topic has 6'], fix: 'delete the topic' } },
          'extract-brokers': { check: { state: 'blocked', reason: 'no brokers answered' } },
        },
      ),
    );
    hub.emit({ type: 'step-start', id: 'produce-base-logs', at: Date.now() });
    const f = await frame('with the plan', (x) => x.includes('Produce base logs') && SPINNER.test(lineOf(x, 'Produce base logs')));
    assert.match(lineOf(f, 'Preflight checks'), /^✔ Preflight checks +preflight was done/);
    assert.match(lineOf(f, 'Create topic'), /^≠ Create topic +3 partitions wanted, topic has 6/);
    assert.match(lineOf(f, 'Extract broker addresses'), /^⊘ Extract broker addresses +no brokers answered/);
    assert.match(lineOf(f, 'Set up Snowflake objects'), /^✖ Set up Snowflake objects/);
    assert.match(lineOf(f, 'Openflow connector'), /^‖ Openflow connector/);
    assert.match(lineOf(f, 'Verify 11 base columns'), /^○ Verify 11 base columns/);
    assert.match(lineOf(f, 'Clean up'), /^– Clean up/);
    assert.match(lineOf(f, 'Produce base logs'), /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Produce base logs +running/);
  });

  it('falls back to ASCII marks when the terminal is not UTF-8', async () => {
    const { hub, frame } = mount(ASCII);
    hub.emit(plan({ preflight: 'done', 'create-topic': 'failed', cleanup: 'skipped' }));
    const f = await frame('with the plan', (x) => x.includes('Clean up'));
    assert.match(lineOf(f, 'Preflight checks'), /^\+ Preflight checks/);
    assert.match(lineOf(f, 'Create topic'), /^x Create topic/);
    assert.match(lineOf(f, 'Clean up'), /^- Clean up/);
    assert.match(lineOf(f, 'Extract broker addresses'), /^o Extract/);
    assert.doesNotMatch(f, /[^\x00-\x7f]/, 'only ASCII on screen');
  });

  it('shows the checking spinner before the plan arrives', async () => {
    const { frame } = mount();
    await frame('checking', (x) => /Checking every step against the real systems…/.test(x));
  });
});

describe('detail pane', () => {
  it("shows the running step's explanation and its manual equivalent", async () => {
    const { hub, frame } = mount();
    hub.emit(plan());
    for (const e of doneUpTo('create-topic')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'create-topic', at: Date.now() });
    const f = await frame('for create-topic', (x) => x.includes('── Create topic'));
    assert.match(f, /Explains Create topic in the tutorial's terms/);
    assert.match(f, /Manual equivalent: rpk topic create application-logs -p 3 -r 3/);
    assert.match(f, /2\/13/);
  });

  it('draws the progress bar with count, percentage and rate', async () => {
    const { hub, frame } = mount();
    hub.emit(plan());
    for (const e of doneUpTo('produce-base-logs')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'produce-base-logs', at: Date.now() });
    hub.emit({
      type: 'progress',
      id: 'produce-base-logs',
      update: { done: 32, total: 50, unit: 'records', detail: 'p0@12 p1@9 p2@11' },
      ratePerSec: 412.4,
    });
    const f = await frame('with progress', (x) => x.includes('32/50 records'));
    const bar = f.split('\n').find((l) => l.includes('█'));
    assert.ok(bar, f);
    assert.match(bar, /32\/50 records {2}64% {2}412 records\/s/);
    const filled = (bar.match(/█/g) ?? []).length;
    const empty = (bar.match(/░/g) ?? []).length;
    // A bar of n cells shows 64% to within one cell.
    assert.ok(Math.abs(filled - 0.64 * (filled + empty)) <= 1, `${filled} of ${filled + empty} cells filled`);
    assert.match(f, /p0@12 p1@9 p2@11/);
    assert.match(lineOf(f, 'Produce base logs  '), /32\/50 records/);
  });

  it('shows notes and the Openflow parameter tables', async () => {
    const { hub, frame } = mount();
    hub.emit(plan());
    for (const e of doneUpTo('openflow-connector')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'openflow-connector', at: Date.now() });
    for (const e of OPENFLOW_TABLES) hub.emit(e);
    hub.emit({ type: 'note', id: 'openflow-connector', text: 'Waiting for group openflow_qs_kafka_connector' });
    const f = await frame('with tables', (x) => x.includes('Source Parameters') && x.includes('Waiting for group'));
    assert.match(f, /Waiting for group openflow_qs_kafka_connector/);
    // The rest of the tables (Ingestion) is a scroll away; the latest note stays in view under them.
    assert.match(f, /↓ \d+ more lines/);
    assert.ok(f.split('\n').length <= 23, `fits 24 rows:\n${f}`);
  });
});

describe('failure view', () => {
  it('shows the message, what to do, and where the walk resumes', async () => {
    const { hub, frame } = mount();
    hub.emit(plan());
    for (const e of doneUpTo('setup-sql')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'setup-sql', at: Date.now() });
    hub.emit({
      type: 'step-end',
      id: 'setup-sql',
      status: 'failed',
      error: 'Insufficient privileges to operate on account (statement 8, line 23)',
      hint: 'Use a role with CREATE INTEGRATION.',
      durationMs: 1200,
    });
    hub.emit({ type: 'walk-end', status: 'failed', durationMs: 4800 });
    const f = await frame('with the failure', (x) => x.includes('failed ──') && x.includes('4.8s'));
    assert.match(f, /✖ Set up Snowflake objects failed/);
    assert.match(f, /Insufficient privileges to operate on account \(statement 8, line 23\)/);
    assert.match(f, /What to do: Use a role with CREATE INTEGRATION\./);
    assert.match(f, /Fix it and run again — the walk resumes at Set up Snowflake objects\./);
    assert.match(f, /\$ npx openflow-kafka-quickstart/);
    assert.match(f, /✔ 3 done {2}· {2}– 0 skipped {2}· {2}✖ 1 failed {2}· {2}○ 9 not run {2}· {2}4\.8s/);
  });
});

/**
 * Presses a key until `settled` resolves (at most ~3 s): the question can be on screen a moment
 * before Ink's input handler is attached, and a key sent in that moment is lost.
 */
async function pressUntil(stdin: { write(data: string): void }, key: string, settled: Promise<unknown>): Promise<void> {
  let done = false;
  void settled.finally(() => (done = true));
  for (let i = 0; i < 150 && !done; i++) {
    stdin.write(key);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('questions', () => {
  it('asks inline and answers yes with y', async () => {
    const answers: boolean[] = [];
    const { hub, frame, stdin } = mount(UNICODE, () => {}, (a) => answers.push(a.yes));
    hub.emit(plan());
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
    const answer = hub.ask('cleanup', 'Remove everything the walk created?', { defaultAnswer: false });
    await frame('with the question', (x) => x.includes('? Remove everything the walk created? [y/N]'));
    await pressUntil(stdin, 'y', answer);
    assert.equal(await answer, true);
    assert.deepEqual(answers, [true]);
    await frame('without the question', (x) => !x.includes('Remove everything the walk created?'));
  });

  it('takes the default on Enter and ignores other keys', async () => {
    const { hub, frame, stdin } = mount();
    hub.emit(plan());
    hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
    let settled = false;
    const answer = hub.ask('cleanup', 'Remove it all?', { defaultAnswer: false }).finally(() => (settled = true));
    await frame('with the question', (x) => x.includes('Remove it all? [y/N]'));
    for (let i = 0; i < 10; i++) {
      stdin.write('x');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(settled, false);
    await pressUntil(stdin, '\r', answer);
    assert.equal(await answer, false);
  });
});

describe('end of the walk', () => {
  it('shows the summary: done, skipped, failed, duration and what next', async () => {
    const { hub, frame } = mount();
    hub.emit(plan({ cleanup: 'skipped' }, { cleanup: { check: { state: 'pending', reason: 'asks first' } } }));
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'walk-end', status: 'done', durationMs: 12_400 });
    const f = await frame('with the summary', (x) => x.includes('Walk complete'));
    assert.match(f, /── ✔ Walk complete/);
    assert.match(f, /✔ 12 done {2}· {2}– 1 skipped {2}· {2}✖ 0 failed {2}· {2}12s/);
    assert.match(f, /Clean up when finished: npx openflow-kafka-quickstart --only cleanup/);
  });

  it('the commands it offers keep the options the walk was given, after the command word', async () => {
    const hub = createEventHub();
    const app = render(<App events={hub} onInterrupt={() => {}} look={UNICODE} command="npx openflow-kafka-quickstart --state-dir st1 --sandbox" />);
    hub.emit(plan({ cleanup: 'skipped' }, { cleanup: { check: { state: 'pending', reason: 'asks first' } } }));
    for (const e of doneUpTo('cleanup')) hub.emit(e);
    hub.emit({ type: 'walk-end', status: 'done', durationMs: 12_400 });
    const f = (await frameWhere(app.lastFrame, (x) => x.includes('Walk complete'), 'with the summary')).replace(/\s*\n\s*/g, ' ');
    assert.match(f, /npx openflow-kafka-quickstart query 'SELECT LEVEL, COUNT\(\*\) AS EVENTS FROM .* GROUP BY 1' --state-dir st1 --sandbox/);
    assert.match(f, /Clean up when finished: npx openflow-kafka-quickstart --state-dir st1 --sandbox --only cleanup/);
    app.unmount();
  });

  it('Ctrl-C asks the runner to stop and says so; an interrupted walk says where it resumes', async () => {
    let interrupts = 0;
    const { hub, frame, stdin } = mount(UNICODE, () => interrupts++);
    hub.emit(plan());
    for (const e of doneUpTo('produce-base-logs')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'produce-base-logs', at: Date.now() });
    await frame('running', (x) => x.includes('── Produce base logs'));
    stdin.write('\x03');
    const stopping = await frame('stopping', (x) => x.includes('Stopping after the current operation…'));
    assert.equal(interrupts, 1);
    assert.match(stopping, /stopping…/);
    hub.emit({ type: 'step-end', id: 'produce-base-logs', status: 'interrupted', durationMs: 300 });
    hub.emit({ type: 'walk-end', status: 'interrupted', durationMs: 3000 });
    const f = await frame('stopped', (x) => x.includes('Walk stopped'));
    assert.match(lineOf(f, 'Produce base logs  '), /^‖ Produce base logs/);
    assert.match(f, /Run again to resume at Produce base logs:/);
  });

  it('Ctrl-C while reading a paused step says the walk stopped after it, not during the next', async () => {
    const { hub, frame } = mount();
    hub.emit(plan());
    for (const e of doneUpTo('openflow-deployment')) hub.emit(e);
    hub.emit({ type: 'walk-end', status: 'interrupted', durationMs: 3000 });
    const f = await frame('stopped', (x) => x.includes('Walk stopped'));
    assert.match(f, /Stopped after Set up Snowflake objects\. Where it got to is saved\./);
    assert.doesNotMatch(f, /Stopped during/);
    assert.match(f, /Run again to resume at Openflow deployment:/);
  });

  it('a second run says what it resumes: steps still in place, and where this run goes on', async () => {
    const { hub, frame } = mount();
    const done = { 'create-topic': 'done', 'extract-brokers': 'done', 'setup-sql': 'done' } as const;
    hub.emit(plan(done, { 'create-topic': { action: 'skip' }, 'extract-brokers': { action: 'skip' }, 'setup-sql': { action: 'skip' } }));
    hub.emit({ type: 'step-start', id: 'preflight', at: Date.now() });
    const f = await frame('preflight', (x) => x.includes('── Preflight checks'));
    assert.match(f, /Resuming: 3 steps done in an earlier run are still in place; this run goes on at\s+Openflow deployment\s+\(5\/13\)\./);
    hub.emit({ type: 'step-end', id: 'preflight', status: 'done', summary: 'ok', durationMs: 10 });
    hub.emit({ type: 'step-start', id: 'openflow-deployment', at: Date.now() });
    await frame('deployment', (x) => x.includes('── Openflow deployment') && x.includes('Resuming: 3 steps'));
    hub.emit({ type: 'step-end', id: 'openflow-deployment', status: 'done', summary: 'ok', durationMs: 10 });
    hub.emit({ type: 'step-start', id: 'openflow-runtime', at: Date.now() });
    const later = await frame('runtime', (x) => x.includes('── Openflow runtime'));
    assert.doesNotMatch(later, /Resuming/, 'said once the walk is past where it resumed');
  });

  it('a step done while earlier ones still need running: the walk goes on at the first of those, not after the done one', async () => {
    const { hub, frame } = mount();
    hub.emit(plan({ 'openflow-deployment': 'done' }, { 'openflow-deployment': { action: 'skip' } }));
    hub.emit({ type: 'step-start', id: 'preflight', at: Date.now() });
    const f = await frame('preflight', (x) => x.includes('── Preflight checks'));
    assert.match(f, /Resuming: 1 step done in an earlier run is still in place; this run goes on at\s+Create\s/);
    assert.doesNotMatch(f, /goes on at\s+Openflow runtime/);
  });

  it('the latest note wraps onto a second row instead of being cut; earlier ones stay one row', async () => {
    const { hub, frame } = mount();
    hub.emit(plan());
    for (const e of doneUpTo('openflow-connector')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'openflow-connector', at: Date.now() });
    const note = 'Consumer group openflow_qs_kafka_connector is consuming "application-logs" (1 member, 3 partitions assigned) and has read to the end';
    hub.emit({ type: 'note', id: 'openflow-connector', text: note });
    const f = await frame('the note', (x) => x.includes('read to the end'));
    assert.match(f.replace(/\s+/g, ' '), /Consumer group openflow_qs_kafka_connector is consuming "application-logs" \(1 member, 3 partitions assigned\) and has read to the end/);
  });

  it('replays what happened before it was mounted', async () => {
    const hub = createEventHub();
    hub.emit(plan());
    for (const e of doneUpTo('setup-sql')) hub.emit(e);
    const app = render(<App events={hub} onInterrupt={() => {}} look={UNICODE} />);
    const f = await frameWhere(app.lastFrame, (x) => x.includes('Extract broker addresses'), 'replayed');
    assert.match(lineOf(f, 'Extract broker addresses'), /^✔ Extract broker addresses +extract-brokers ok/);
  });
});
