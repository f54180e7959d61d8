// The least a step needs to run under the runner in a unit test: its recorded state (as the CLI
// reads it: only a step recorded done has outputs), a ui that agrees, and a signal.
import type { StateStore } from '../../src/engine/state.js';
import type { Step, StepContext, StepId } from '../../src/engine/step.js';

export function stateOnlyContext(store: StateStore): (step: Step) => StepContext {
  return (step) =>
    ({
      state: {
        outputOf: <T>(id: StepId) => (store.record(id)?.status === 'done' ? (store.record(id)?.outputs as T) : undefined),
        checkpoint: <T>() => store.record(step.id)?.checkpoint as T,
        saveCheckpoint: (data: unknown) => store.update(step.id, { checkpoint: data }),
      },
      ui: { confirm: async () => true, show: () => {} },
      signal: new AbortController().signal,
    }) as unknown as StepContext;
}
