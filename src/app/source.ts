// How the walk's events reach the Ink app. The runner emits WalkEvents; the Ink front end also
// needs yes/no questions answered (Ui.confirm), which travel the same way as AskEvents.
import type { WalkEvent } from '../engine/events.js';
import type { StepId } from '../engine/step.js';

/** A yes/no question from a step. The App shows it inline and calls `reply` once (y/n keys). */
export type AskEvent = {
  type: 'ask';
  id: StepId;
  question: string;
  /** What Enter means; without it only y or n answer. */
  defaultAnswer?: boolean;
  reply(yes: boolean): void;
};

/** The walk waits after a step with something to read; the App calls `resume` once (a key, or the auto pace). */
export type PauseEvent = { type: 'pause'; id: StepId; resume(): void };

export type UiEvent = WalkEvent | AskEvent | PauseEvent;

/** A stream of events. Replaying past events on subscribe is the source's job, so a late App sees the whole walk. */
export interface WalkEventSource {
  subscribe(listener: (event: UiEvent) => void): () => void;
}

export interface EventHub extends WalkEventSource {
  /** Pass this to the runner as its Emit. */
  emit(event: WalkEvent): void;
  /** Ui.confirm for the Ink front end: resolves when the person answers; false when `signal` aborts. */
  ask(id: StepId, question: string, opts?: { defaultAnswer?: boolean; signal?: AbortSignal }): Promise<boolean>;
  /** Pacing: resolves when the person continues; at once when the step showed nothing to read, or when `signal` aborts. */
  pause(id: StepId, signal?: AbortSignal): Promise<void>;
}

/**
 * An in-memory hub: remembers every walk event (replayed to late subscribers) and every question
 * still waiting for an answer (answered ones are not replayed).
 */
export function createEventHub(): EventHub {
  const history: WalkEvent[] = [];
  const openQuestions = new Set<AskEvent | PauseEvent>();
  /** Steps that showed a panel in their latest run. */
  const showed = new Set<StepId>();
  const listeners = new Set<(event: UiEvent) => void>();

  return {
    subscribe(listener) {
      listeners.add(listener);
      for (const event of history) listener(event);
      for (const question of openQuestions) listener(question);
      return () => listeners.delete(listener);
    },
    emit(event) {
      if (event.type === 'step-start') showed.delete(event.id);
      if (event.type === 'show') showed.add(event.id);
      history.push(event);
      for (const listener of [...listeners]) listener(event);
    },
    ask(id, question, opts = {}) {
      return new Promise<boolean>((resolve) => {
        const settle = (yes: boolean) => {
          if (!openQuestions.delete(event)) return; // answered already
          opts.signal?.removeEventListener('abort', onAbort);
          resolve(yes);
        };
        const onAbort = () => settle(false);
        const event: AskEvent = { type: 'ask', id, question, defaultAnswer: opts.defaultAnswer, reply: settle };
        if (opts.signal?.aborted) return resolve(false);
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        openQuestions.add(event);
        for (const listener of [...listeners]) listener(event);
      });
    },
    pause(id, signal) {
      return new Promise<void>((resolve) => {
        if (!showed.has(id) || signal?.aborted) return resolve();
        const settle = () => {
          if (!openQuestions.delete(event)) return;
          signal?.removeEventListener('abort', settle);
          resolve();
        };
        const event: PauseEvent = { type: 'pause', id, resume: settle };
        signal?.addEventListener('abort', settle, { once: true });
        openQuestions.add(event);
        for (const listener of [...listeners]) listener(event);
      });
    },
  };
}
