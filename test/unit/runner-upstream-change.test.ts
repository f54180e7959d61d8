// A step planned done may have been done against what an earlier step recorded before: the
// sandbox's brokers came back on new ports, extract-brokers ran again with them, and setup-sql,
// planned done against the old list, was skipped, so the walk failed at the hand-off on a
// network rule without the new brokers. Once a step runs with new outputs, the steps planned done
// after it are checked again; when nothing changed, they are not (a resume costs no extra checks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { walk } from '../../src/engine/runner.js';
import type { WalkEvent } from '../../src/engine/events.js';
import { Redactor } from '../../src/engine/redact.js';
import { StateStore } from '../../src/engine/state.js';
import { stateOnlyContext } from '../support/runner-context.js';
import type { Step, StepContext, StepId } from '../../src/engine/step.js';

interface Brokers {
  brokers: string[];
}

/** extract-brokers reads the cluster; setup-sql is done when the rule lists what extract recorded. */
function tutorialPair(cluster: { brokers: string[] }, rule: { brokers: string[] }) {
  const checks = { setup: 0 };
  let setupRuns = 0;
  const extract: Step = {
    id: 'extract-brokers',
    title: 'Extract',
    explain: '',
    manual: () => '',
    async check(ctx) {
      const recorded = ctx.state.outputOf<Brokers>('extract-brokers');
      return recorded && recorded.brokers.join() === cluster.brokers.join() ? { state: 'done' } : { state: 'pending', reason: 'brokers moved' };
    },
    run: async () => ({ brokers: [...cluster.brokers] }),
  };
  const setup: Step = {
    id: 'setup-sql',
    title: 'Setup',
    explain: '',
    manual: () => '',
    async check(ctx) {
      checks.setup++;
      const recorded = ctx.state.outputOf<Brokers>('extract-brokers');
      return recorded && recorded.brokers.join() === rule.brokers.join() ? { state: 'done' } : { state: 'pending', reason: 'rule lacks brokers' };
    },
    async run(ctx) {
      setupRuns++;
      rule.brokers = [...ctx.state.outputOf<Brokers>('extract-brokers')!.brokers];
      return { valueList: rule.brokers };
    },
  };
  return { steps: [extract, setup], checks, setupRuns: () => setupRuns };
}

async function walker(steps: Step[]) {
  const store = await StateStore.open(mkdtempSync(path.join(tmpdir(), 'oqs-upstream-')), 'default', 'test');
  const contextFor = stateOnlyContext(store);
  return async () => {
    const events: WalkEvent[] = [];
    const outcome = await walk({ steps, store, contextFor, emit: (e) => events.push(e), signal: new AbortController().signal, redactor: new Redactor(), target: 'sandbox', profile: 'default' });
    return { outcome, started: events.flatMap((e) => (e.type === 'step-start' ? [e.id] : [])) };
  };
}

test('brokers on new ports: extract-brokers runs again, and setup-sql, planned done, is checked again and runs in the same walk', async () => {
  const cluster = { brokers: ['127.0.0.1:43061', '127.0.0.1:38799'] };
  const rule = { brokers: [] as string[] };
  const pair = tutorialPair(cluster, rule);
  const run = await walker(pair.steps);
  assert.deepEqual(await run(), { outcome: 'done', started: ['extract-brokers', 'setup-sql'] });

  cluster.brokers = ['127.0.0.1:40735', '127.0.0.1:41979'];
  assert.deepEqual(await run(), { outcome: 'done', started: ['extract-brokers', 'setup-sql'] });
  assert.deepEqual(rule.brokers, cluster.brokers, 'the rule lists the brokers as they are now');
  assert.equal(pair.setupRuns(), 2);
});

test('nothing moved: a resumed walk checks each done step once, at planning', async () => {
  const cluster = { brokers: ['127.0.0.1:43061'] };
  const pair = tutorialPair(cluster, { brokers: [] });
  const run = await walker(pair.steps);
  await run();
  pair.checks.setup = 0;
  assert.deepEqual(await run(), { outcome: 'done', started: [] });
  assert.equal(pair.checks.setup, 1);
});
