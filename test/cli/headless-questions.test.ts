// Without a terminal, nobody answers: a question whose headless answer is yes (creating or
// resuming an Openflow deployment or runtime, which uses credits) is agreed to only with --yes.
// Before, `run | tee walk.log` created both on a real account without asking anyone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerWithoutTerminal } from '../../src/commands/walk-session.js';
import { StepFailure } from '../../src/engine/step.js';

test('a costly yes needs --yes; a no never does', async () => {
  const question = 'Create Openflow runtime QUICKSTART_KAFKA_RUNTIME (it uses credits while it runs)?';
  assert.equal(await answerWithoutTerminal(question, true, true), true);
  assert.equal(await answerWithoutTerminal('Drop everything?', false, false), false);
  assert.equal(await answerWithoutTerminal('Drop everything?', false, true), false);
  await assert.rejects(answerWithoutTerminal(question, true, false), (err: Error) => {
    assert.ok(err instanceof StepFailure);
    assert.equal(err.message, 'Create Openflow runtime QUICKSTART_KAFKA_RUNTIME (it uses credits while it runs): asked without a terminal, so not done.');
    assert.equal(err.hint, 'Run the walk in a terminal to answer, or pass --yes to agree without one.');
    return true;
  });
});
