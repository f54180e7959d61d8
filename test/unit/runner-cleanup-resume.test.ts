// A cleanup that was agreed to and then stopped midway (its runtime SUSPENDING, half the objects
// dropped) is finished by the next walk, alone: the earlier steps it had begun to undo are not
// drift to rebuild first (that waited 15 minutes for a TERMINATED runtime to become ACTIVE, or
// made the whole quickstart again). A cleanup declined leaves the next walk as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { walk } from '../../src/engine/runner.js';
import { Redactor } from '../../src/engine/redact.js';
import { StateStore } from '../../src/engine/state.js';
import type { Step, StepContext, StepId } from '../../src/engine/step.js';

function steps(ran: StepId[]): Step[] {
  const step = (id: StepId, state: 'drifted' | 'pending'): Step => ({
    id,
    title: id,
    explain: '',
    manual: () => '',
    check: async () => (state === 'drifted' ? { state, diff: ['status SUSPENDING'], fix: 'resume' } : { state }),
    async run() {
      ran.push(id);
      return {};
    },
  });
  return [step('openflow-runtime', 'drifted'), step('cleanup', 'pending')];
}

async function walkAfter(cleanup: { status: 'interrupted' | 'kept'; confirmed: boolean }): Promise<StepId[]> {
  const store = await StateStore.open(mkdtempSync(path.join(tmpdir(), 'oqs-cleanup-resume-')), 'default', 'test');
  await store.update('openflow-runtime', { status: 'done', outputs: {} });
  await store.update('cleanup', { status: cleanup.status, checkpoint: { confirmed: cleanup.confirmed } });
  const ran: StepId[] = [];
  const contextFor = (step: Step) =>
    ({
      state: {
        outputOf: <T>(id: StepId) => store.record(id)?.outputs as T,
        checkpoint: <T>() => store.record(step.id)?.checkpoint as T,
        saveCheckpoint: (data: unknown) => store.update(step.id, { checkpoint: data }),
      },
      ui: { confirm: async () => true, show: () => {} },
      signal: new AbortController().signal,
    }) as unknown as StepContext;
  const outcome = await walk({ steps: steps(ran), store, contextFor, emit: () => {}, signal: new AbortController().signal, redactor: new Redactor(), target: 'sandbox', profile: 'default' });
  assert.equal(outcome, 'done');
  return ran;
}

test('a confirmed cleanup stopped midway: the next walk runs the cleanup alone', async () => {
  assert.deepEqual(await walkAfter({ status: 'interrupted', confirmed: true }), ['cleanup']);
});

test('a declined cleanup: the next walk repairs the drift, then asks about the cleanup again', async () => {
  assert.deepEqual(await walkAfter({ status: 'kept', confirmed: false }), ['openflow-runtime', 'cleanup']);
});
