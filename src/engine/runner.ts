// Plans a walk by checking every step against the real systems, then runs what is pending in
// walk order, recording each outcome. Recorded state is a cache: `check` decides, and once a step
// has run with new outputs, the steps planned done after it are checked again before skipping.
import type { Emit, PlanEntry, StepStatus } from './events.js';
import type { Check, Step, StepContext, StepId, Progress } from './step.js';
import { StepFailure } from './step.js';
import type { StateStore, StepReview } from './state.js';
import { redactPanel } from './panel.js';
import type { Redactor } from './redact.js';

export interface WalkOptions {
  steps: Step[];
  store: StateStore;
  /** Builds the context a step runs with (its state view is bound to the step). */
  contextFor: (step: Step) => StepContext;
  emit: Emit;
  signal: AbortSignal;
  redactor: Redactor;
  target: 'real' | 'sandbox';
  profile: string;
  /** The workshop attendee walking, and the table the walk fills (database.schema."TABLE"), for the closing screen. */
  attendee?: string;
  table?: string;
  from?: StepId;
  only?: StepId;
  /** How long one `check` may take before it counts as blocked. */
  checkTimeoutMs?: number;
  /** Called after a step has run to completion, before the next one starts: pacing waits here. */
  afterStep?: (id: StepId) => Promise<void>;
}

export type WalkOutcome = 'done' | 'failed' | 'interrupted';

export async function planWalk(opts: WalkOptions): Promise<PlanEntry[]> {
  const selected = selection(opts);
  return Promise.all(
    opts.steps.map(async (step) => {
      const ctx = opts.contextFor(step);
      const check = await safeCheck(step, ctx, opts);
      const lost = lostOutputs(step, check, opts);
      if (lost) await opts.store.update(step.id, { status: 'done', endedAt: new Date().toISOString(), ...lost });
      const status = statusOf(check, opts.store.record(step.id)?.status === 'done');
      const runnable = status !== 'done' && selected.has(step.id);
      return {
        id: step.id,
        title: step.title,
        explain: step.explain,
        manual: safeManual(step, ctx, opts),
        check: reconcile(check, opts.store.record(step.id)?.status === 'done'),
        action: runnable ? 'run' : 'skip',
        status: selected.has(step.id) ? status : status === 'done' ? 'done' : 'skipped',
      } satisfies PlanEntry;
    }),
  );
}

export async function walk(opts: WalkOptions): Promise<WalkOutcome> {
  const started = Date.now();
  const entries = await planWalk(opts);
  opts.emit({ type: 'plan', entries, target: opts.target, profile: opts.profile, ...(opts.attendee && { attendee: opts.attendee }), ...(opts.table && { table: opts.table }) });
  const finish = (status: WalkOutcome): WalkOutcome => {
    opts.emit({ type: 'walk-end', status, durationMs: Date.now() - started });
    return status;
  };
  if (opts.signal.aborted) return finish('interrupted');

  const selected = selection(opts);
  // Set once a step that ran this walk recorded other outputs than before (the sandbox's brokers
  // moved to new ports): steps planned done may have been done against the old ones.
  let upstreamChanged = false;
  for (const entry of entries) {
    const step = opts.steps.find((s) => s.id === entry.id)!;
    if (entry.action === 'skip') {
      if (!upstreamChanged || entry.status !== 'done' || !selected.has(entry.id)) continue;
      if ((await safeCheck(step, opts.contextFor(step), opts)).state === 'done') continue;
    }
    const before = JSON.stringify(opts.store.record(step.id)?.outputs);
    const outcome = await runStep(step, opts);
    if (outcome !== 'done') return finish(outcome);
    if (JSON.stringify(opts.store.record(step.id)?.outputs) !== before) upstreamChanged = true;
    await opts.afterStep?.(step.id);
    if (opts.signal.aborted) return finish('interrupted');
  }
  return finish('done');
}

async function runStep(step: Step, opts: WalkOptions): Promise<WalkOutcome> {
  const base = opts.contextFor(step);
  // What the run shows and notes is kept with its record, so it can be opened again later.
  const review: StepReview = { manual: safeManual(step, base, opts) || undefined, notes: [], panels: [] };
  const ctx: StepContext = {
    ...base,
    ui: {
      ...base.ui,
      show(panel) {
        review.panels = [...review.panels.filter((p) => p.title !== panel.title), redactPanel(panel, (t) => opts.redactor.redact(t))];
        base.ui.show(panel);
      },
    },
  };
  const began = Date.now();
  const end = (status: StepStatus, extra: { summary?: string; error?: string; hint?: string } = {}) =>
    opts.emit({ type: 'step-end', id: step.id, status, durationMs: Date.now() - began, ...extra });

  // A fresh look right before acting: earlier steps may have changed what this one sees.
  const check = await safeCheck(step, ctx, opts);
  if (opts.signal.aborted) return interrupted(step, opts, end);
  if (check.state === 'done') {
    end('done', { summary: check.summary ?? 'already done' });
    await opts.store.update(step.id, { status: 'done', endedAt: new Date().toISOString(), summary: check.summary, ...lostOutputs(step, check, opts) });
    return 'done';
  }
  if (check.state === 'blocked') {
    const message = opts.redactor.redact(check.reason);
    await opts.store.update(step.id, { status: 'failed', endedAt: new Date().toISOString(), error: { message } });
    end('blocked', { error: message });
    return 'failed';
  }

  opts.emit({ type: 'step-start', id: step.id, at: began });
  await opts.store.update(step.id, { status: 'running', startedAt: new Date(began).toISOString(), endedAt: undefined, error: undefined });
  try {
    const out = await step.run(ctx, progressFor(step.id, began, opts, review.notes));
    if (opts.signal.aborted) return interrupted(step, opts, end, review);
    const summary = step.summarize ? opts.redactor.redact(step.summarize(out)) : undefined;
    const status = step.kept?.(out) ? 'kept' : 'done';
    await opts.store.update(step.id, { status, endedAt: new Date().toISOString(), outputs: out, summary, review });
    end(status, { summary });
    return 'done';
  } catch (err) {
    if (opts.signal.aborted) return interrupted(step, opts, end, review);
    const message = opts.redactor.redact(messageOf(err));
    const hint = err instanceof StepFailure && err.hint ? opts.redactor.redact(err.hint) : undefined;
    await opts.store.update(step.id, { status: 'failed', endedAt: new Date().toISOString(), error: { message, hint }, review });
    end('failed', { error: message, hint });
    return 'failed';
  }
}

/**
 * A step found done whose outputs were never recorded (the walk was killed between its last
 * checkpoint and the runner's record): later steps read those outputs, so keep what check rebuilt.
 */
function lostOutputs(step: Step, check: Check, opts: WalkOptions): { outputs: unknown; summary?: string } | undefined {
  if (check.state !== 'done' || check.outputs === undefined || opts.store.record(step.id)?.outputs !== undefined) return undefined;
  return { outputs: check.outputs, summary: check.summary };
}

async function interrupted(step: Step, opts: WalkOptions, end: (s: StepStatus, e?: { summary?: string }) => void, review?: StepReview): Promise<WalkOutcome> {
  await opts.store.update(step.id, { status: 'interrupted', endedAt: new Date().toISOString(), ...(review ? { review } : {}) });
  end('interrupted', { summary: 'stopped; the next run resumes here' });
  return 'interrupted';
}

function progressFor(id: StepId, began: number, opts: WalkOptions, notes: string[]): Progress {
  return {
    report(update) {
      const seconds = (Date.now() - began) / 1000;
      // A rate means something for records; "columns/s" while waiting for a table does not.
      const ratePerSec = update.unit === 'records' && seconds > 0.05 && update.done > 0 ? update.done / seconds : null;
      opts.emit({ type: 'progress', id, update, ratePerSec });
    },
    note(line) {
      const text = opts.redactor.redact(line);
      notes.push(text);
      opts.emit({ type: 'note', id, text });
    },
  };
}

async function safeCheck(step: Step, ctx: StepContext, opts: WalkOptions): Promise<Check> {
  const timeoutMs = opts.checkTimeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'blocked', reason: `checking took longer than ${timeoutMs / 1000}s` }), timeoutMs);
  });
  try {
    return await Promise.race([step.check(ctx), timeout]);
  } catch (err) {
    const hint = err instanceof StepFailure && err.hint ? ` — ${err.hint}` : '';
    return { state: 'blocked', reason: opts.redactor.redact(messageOf(err) + hint) };
  } finally {
    clearTimeout(timer);
  }
}

function safeManual(step: Step, ctx: StepContext, opts: WalkOptions): string {
  try {
    return opts.redactor.redact(step.manual(ctx));
  } catch {
    return '';
  }
}

/** A step recorded done whose check now says pending has drifted: shown so, and re-run. */
function reconcile(check: Check, recordedDone: boolean): Check {
  if (recordedDone && check.state === 'pending' && !check.recurring) {
    return { state: 'drifted', diff: [`recorded as done, but now: ${check.reason ?? 'not done'}`], fix: 'it will be run again' };
  }
  return check;
}

function statusOf(check: Check, recordedDone: boolean): StepStatus {
  const c = reconcile(check, recordedDone);
  switch (c.state) {
    case 'done':
      return 'done';
    case 'drifted':
      return 'drifted';
    case 'blocked':
      return 'blocked';
    default:
      return 'pending';
  }
}

function selection(opts: WalkOptions): Set<StepId> {
  const ids = opts.steps.map((s) => s.id);
  if (opts.only) return new Set([opts.only]);
  if (opts.from) return new Set(ids.slice(ids.indexOf(opts.from)));
  // A cleanup that was agreed to and stopped midway is what the next walk finishes, alone: the
  // objects it had begun to drop (a runtime SUSPENDING) are not drift to rebuild first.
  const cleanup = opts.store.record('cleanup');
  if (ids.includes('cleanup') && cleanup && cleanup.status !== 'done' && (cleanup.checkpoint as { confirmed?: boolean } | undefined)?.confirmed === true) {
    return new Set<StepId>(['cleanup']);
  }
  return new Set(ids);
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
