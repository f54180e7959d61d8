// A walk killed after a step's last checkpoint but before the runner recorded its outputs: the
// next walk finds the step done (its check), and the steps after it still need what it returned.
// The check rebuilds those outputs; the runner records them, so the next step reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { walk } from '../../src/engine/runner.js';
import { Redactor } from '../../src/engine/redact.js';
import { StateStore } from '../../src/engine/state.js';
import { stateOnlyContext } from '../support/runner-context.js';
import type { Step, StepContext, StepId } from '../../src/engine/step.js';

test("a step found done with no recorded outputs: the runner records the ones its check rebuilt, and the next step reads them", async () => {
  const store = await StateStore.open(mkdtempSync(path.join(tmpdir(), 'oqs-lost-outputs-')), 'default', 'test');
  // What the killed walk left: the batch's checkpoint is complete, its record still says running.
  await store.update('produce-base-logs', { status: 'running', checkpoint: { runId: 'r1', count: 50 } });

  let produced = 0;
  let seen: unknown;
  const produce: Step = {
    id: 'produce-base-logs',
    title: 'Produce',
    explain: '',
    manual: () => '',
    async check(ctx) {
      const cp = ctx.state.checkpoint<{ runId: string; count: number }>();
      return cp ? { state: 'done', summary: `${cp.count} records`, outputs: { runId: cp.runId, count: cp.count } } : { state: 'pending' };
    },
    async run() {
      produced++;
      return { runId: 'new', count: 50 };
    },
  };
  const verify: Step = {
    id: 'verify-base-columns',
    title: 'Verify',
    explain: '',
    manual: () => '',
    check: async () => ({ state: 'pending' }),
    async run(ctx) {
      seen = ctx.state.outputOf('produce-base-logs');
      return seen;
    },
  };
  const contextFor = stateOnlyContext(store);

  const outcome = await walk({ steps: [produce, verify], store, contextFor, emit: () => {}, signal: new AbortController().signal, redactor: new Redactor(), target: 'sandbox', profile: 'default' });
  assert.equal(outcome, 'done');
  assert.equal(produced, 0, 'the batch is not produced again');
  assert.deepEqual(seen, { runId: 'r1', count: 50 });
  assert.equal(store.record('produce-base-logs')?.status, 'done');

  // Outputs already recorded (by the run itself) are never replaced by the rebuilt ones.
  await store.update('produce-base-logs', { outputs: { runId: 'r1', count: 50, sent: 50 } });
  await walk({ steps: [produce, verify], store, contextFor, emit: () => {}, signal: new AbortController().signal, redactor: new Redactor(), target: 'sandbox', profile: 'default' });
  assert.deepEqual(seen, { runId: 'r1', count: 50, sent: 50 });
});
