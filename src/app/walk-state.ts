// The walk as the screen sees it, folded from the event stream. Pure: (state, event) → state.
import type { Check, ProgressUpdate, StepId } from '../engine/step.js';
import type { PlanEntry, StepStatus } from '../engine/events.js';
import type { AskEvent, PauseEvent, UiEvent } from './source.js';
import type { Panel } from '../engine/panel.js';

export interface StepView {
  id: StepId;
  title: string;
  explain: string;
  manual: string;
  check: Check;
  action: PlanEntry['action'];
  status: StepStatus;
  /** One line for the step list: the outcome, or why it is blocked / skipped / drifted. */
  summary?: string;
  error?: string;
  hint?: string;
  durationMs?: number;
  progress?: { update: ProgressUpdate; ratePerSec: number | null };
  notes: string[];
  shows: Panel[];
}

export interface WalkView {
  target?: 'real' | 'sandbox';
  profile?: string;
  attendee?: string;
  /** The table the walk fills, qualified (database.schema."TABLE"). */
  table?: string;
  steps: StepView[];
  runningId?: StepId;
  /** A question waiting for y/n. */
  ask?: AskEvent;
  /** The walk waits after this step until the person (or the auto pace) continues. */
  pause?: PauseEvent;
  end?: { status: 'done' | 'failed' | 'interrupted'; durationMs: number };
  /** Ctrl-C was pressed: the runner is finishing the current operation. */
  stopping: boolean;
  /** Steps found done at the start (an earlier run), and the first step this run goes on at. */
  resumed?: { done: number; at?: StepId };
}

/** Events the App itself adds to the stream. */
export type LocalEvent = { type: 'answered' } | { type: 'stopping' } | { type: 'resumed' };

export const initialWalk: WalkView = { steps: [], stopping: false };

function summaryOfCheck(check: Check): string | undefined {
  switch (check.state) {
    case 'done':
      return check.summary;
    case 'pending':
      return check.reason;
    case 'blocked':
      return check.reason;
    case 'drifted':
      return check.diff[0];
  }
}

function updateStep(walk: WalkView, id: StepId, change: (step: StepView) => StepView): WalkView {
  return { ...walk, steps: walk.steps.map((step) => (step.id === id ? change(step) : step)) };
}

export function reduceWalk(walk: WalkView, event: UiEvent | LocalEvent): WalkView {
  switch (event.type) {
    case 'plan':
      return {
        ...walk,
        resumed: resumedFrom(event.entries),
        target: event.target,
        profile: event.profile,
        attendee: event.attendee,
        table: event.table,
        steps: event.entries.map((entry) => ({
          id: entry.id,
          title: entry.title,
          explain: entry.explain,
          manual: entry.manual,
          check: entry.check,
          action: entry.action,
          status: entry.status,
          summary: summaryOfCheck(entry.check),
          notes: [],
          shows: [],
        })),
      };
    case 'step-start':
      return {
        ...updateStep(walk, event.id, (step) => ({
          ...step,
          status: 'running',
          error: undefined,
          hint: undefined,
          progress: undefined,
          notes: [],
          shows: [],
        })),
        runningId: event.id,
        pause: undefined,
      };
    case 'progress':
      return updateStep(walk, event.id, (step) => ({ ...step, progress: { update: event.update, ratePerSec: event.ratePerSec } }));
    case 'note':
      return updateStep(walk, event.id, (step) => ({ ...step, notes: [...step.notes, event.text] }));
    case 'show':
      // A step may show the same block again (e.g. after a retry): keep the newest, in place.
      return updateStep(walk, event.id, (step) => {
        const shown = step.shows.some((s) => s.title === event.title);
        const { type: _type, id: _id, ...block } = event;
        return { ...step, shows: shown ? step.shows.map((s) => (s.title === event.title ? block : s)) : [...step.shows, block] };
      });
    case 'step-end': {
      const next = updateStep(walk, event.id, (step) => ({
        ...step,
        status: event.status,
        summary: event.summary ?? step.summary,
        error: event.error,
        hint: event.hint,
        durationMs: event.durationMs,
      }));
      return {
        ...next,
        runningId: walk.runningId === event.id ? undefined : walk.runningId,
        ask: walk.ask?.id === event.id ? undefined : walk.ask,
      };
    }
    case 'walk-end':
      return { ...walk, end: { status: event.status, durationMs: event.durationMs }, runningId: undefined, ask: undefined, pause: undefined };
    case 'ask':
      return { ...walk, ask: event };
    case 'answered':
      return { ...walk, ask: undefined };
    case 'pause':
      return { ...walk, pause: event };
    case 'resumed':
      return { ...walk, pause: undefined };
    case 'stopping':
      return { ...walk, stopping: true };
  }
}

/** A walk that finds steps already done goes on after the first of them, at the first left to run. */
function resumedFrom(entries: PlanEntry[]): WalkView['resumed'] {
  const first = entries.findIndex((e) => e.status === 'done');
  if (first < 0) return undefined;
  const done = entries.filter((e) => e.status === 'done').length;
  // The first step with work to do, wherever it is (a later step may be done while an earlier one
  // is not); a step that runs on every walk (preflight) is not where a walk "goes on".
  const runs = entries.filter((e) => e.action === 'run' && e.status !== 'done');
  const at = runs.find((e) => !(e.check.state === 'pending' && e.check.recurring)) ?? runs[0];
  return at ? { done, at: at.id } : { done };
}

/** The step the detail pane is about: the one running, asking, failed, or next to run. */
export function focusStep(walk: WalkView): StepView | undefined {
  const byId = (id?: StepId) => walk.steps.find((s) => s.id === id);
  return (
    byId(walk.runningId) ??
    byId(walk.ask?.id) ??
    byId(walk.pause?.id) ??
    walk.steps.find((s) => s.status === 'failed') ??
    walk.steps.find((s) => s.status === 'interrupted') ??
    walk.steps.find((s) => s.action === 'run' && (s.status === 'pending' || s.status === 'drifted')) ??
    walk.steps.find((s) => s.status === 'blocked')
  );
}

/** Where a new run would start: the first step not done or skipped. */
export function resumePoint(walk: WalkView): StepView | undefined {
  return walk.steps.find((s) => s.status !== 'done' && s.status !== 'skipped');
}
