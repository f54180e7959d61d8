// `reset [STEP]`: forget recorded state. Asks first; touches no external system.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { StateError, StateStore } from '../engine/state.js';
import { walkHolding } from '../engine/walk-lock.js';
import type { StepId } from '../engine/step.js';
import { EXIT, UsageError } from './exit.js';
import type { GlobalOptions } from './global-options.js';
import { stateDirOf, stateNameFor } from './prepare.js';
import { askYesNo } from './one-key.js';

export async function resetCommand(opts: GlobalOptions & { step?: StepId }): Promise<number> {
  const stateDir = await stateDirOf(opts);
  const stateName = stateNameFor(opts);
  if (!existsSync(StateStore.fileFor(stateDir, stateName))) {
    process.stdout.write(`Nothing is recorded for profile "${opts.profile}" in ${stateDir}; nothing to forget.\n`);
    return EXIT.done;
  }
  const file = StateStore.fileFor(stateDir, stateName);
  // A walk running now would write back what a reset forgets.
  const walking = walkHolding(file);
  if (walking !== null) throw new UsageError(`a walk of profile "${opts.profile}" is running (pid ${walking}): a reset now would be undone by it`, 'Stop that walk first (Ctrl-C in its terminal), then reset.');
  const store = await StateStore.open(stateDir, stateName, '').catch((err: unknown) => {
    // A state file that cannot be used is what a reset of everything starts over from.
    if (err instanceof StateError && err.backup && !opts.step) return { unusable: err.backup };
    if (err instanceof StateError && err.backup) throw new StateError(err.message, 'Reset without a step to start over (the copy stays).', err.backup);
    throw err;
  });
  const what = opts.step ? `the recorded state of step ${opts.step}` : `all recorded state of profile "${opts.profile}"${opts.attendee ? ` for attendee ${opts.attendee}` : ''}`;
  if (!opts.yes) {
    if (!process.stdin.isTTY) throw new UsageError(`reset would forget ${what}`, 'Pass --yes to confirm without a terminal.');
    const ok = await askYesNo(`Forget ${what}? Kafka and Snowflake are not touched.`, { defaultAnswer: false });
    if (!ok) {
      process.stdout.write('Nothing changed.\n');
      return EXIT.done;
    }
  }
  if ('unusable' in store) {
    await rm(file, { force: true });
    process.stdout.write(`Forgot ${what}: ${file} could not be read, and a copy of it stays at ${store.unusable}. Kafka and Snowflake were not touched; the next run checks them again.\n`);
    return EXIT.done;
  }
  await store.reset(opts.step);
  process.stdout.write(`Forgot ${what} (${store.file}). Kafka and Snowflake were not touched; the next run checks them again.\n`);
  return EXIT.done;
}

