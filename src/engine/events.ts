// What the runner tells the outside world. The Ink app and the headless printer both consume
// exactly this stream, so a scripted stream is all a UI test needs.
import type { Check, StepId, ProgressUpdate } from './step.js';
import type { Panel } from './panel.js';

export type StepStatus = 'pending' | 'running' | 'done' | 'drifted' | 'failed' | 'skipped' | 'blocked' | 'interrupted' | 'kept';

export interface PlanEntry {
  id: StepId;
  title: string;
  explain: string;
  manual: string;
  check: Check;
  /** What the walk will do with it. */
  action: 'run' | 'skip';
  status: StepStatus;
}

export type WalkEvent =
  | { type: 'plan'; entries: PlanEntry[]; target: 'real' | 'sandbox'; profile: string; attendee?: string; table?: string }
  | { type: 'step-start'; id: StepId; at: number }
  | { type: 'progress'; id: StepId; update: ProgressUpdate; ratePerSec: number | null }
  | { type: 'note'; id: StepId; text: string }
  | ({ type: 'show'; id: StepId } & Panel)
  | { type: 'step-end'; id: StepId; status: StepStatus; summary?: string; error?: string; hint?: string; durationMs: number }
  | { type: 'walk-end'; status: 'done' | 'failed' | 'interrupted'; durationMs: number };

export type Emit = (event: WalkEvent) => void;
