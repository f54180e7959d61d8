// `show [STEP]`: open what a step did again, in any later process: the numbered list of steps
// with their ids (what --from and --only take), and for one step its explanation, the manual
// equivalent, what it did, and the panels it showed, all read from the state file.
import { StateStore, type StepRecord } from '../engine/state.js';
import type { StepStatus } from '../engine/events.js';
import { STEP_IDS, type StepId } from '../engine/step.js';
import { walkFor } from '../../steps/index.js';
import type { StepView, WalkView } from '../app/walk-state.js';
import { chartText } from '../app/charts/index.js';
import { toAscii } from '../app/ascii.js';
import { detectLook } from '../app/terminal.js';
import { EXIT, UsageError } from './exit.js';
import type { GlobalOptions } from './global-options.js';
import { stateDirOf, stateNameFor } from './prepare.js';
import { attendeeTopic, namesFor, type Names } from '../names.js';
import { DEFAULT_TOPIC } from '../config/topic.js';

const STATUS: Record<StepRecord['status'], StepStatus> = { done: 'done', failed: 'failed', interrupted: 'interrupted', running: 'interrupted', kept: 'kept' };

/** The state file as the review sees it: every step of the walk, with what its last run recorded. */
export function reviewView(records: Partial<Record<StepId, StepRecord>>, profile: string, target: 'real' | 'sandbox', names?: Names): WalkView {
  const steps: StepView[] = walkFor({ snowflake: true }, names).map((step) => {
    const rec = records[step.id];
    return {
      id: step.id,
      title: step.title,
      explain: step.explain,
      manual: rec?.review?.manual ?? '',
      check: { state: 'pending' },
      action: 'skip',
      status: rec ? STATUS[rec.status] ?? 'pending' : 'pending',
      summary: rec ? rec.summary ?? (rec.status === 'done' ? 'done' : undefined) : 'never run',
      error: rec?.error?.message,
      hint: rec?.error?.hint,
      notes: rec?.review?.notes ?? [],
      shows: rec?.review?.panels ?? [],
    };
  });
  return { target, profile, steps, stopping: false };
}

/** "5", "openflow-connector": the step meant, or a usage error naming the choices. */
export function stepOf(arg: string, view: WalkView): StepId {
  const n = /^\d+$/.test(arg) ? Number(arg) : NaN;
  if (n >= 1 && n <= view.steps.length) return view.steps[n - 1]!.id;
  if ((STEP_IDS as readonly string[]).includes(arg)) return arg as StepId;
  throw new UsageError(`unknown step "${arg}"`, `Steps: 1-${view.steps.length} or ${STEP_IDS.join(', ')}`);
}

export async function showCommand(opts: GlobalOptions & { step?: string }): Promise<number> {
  const stateDir = await stateDirOf(opts);
  const store = await StateStore.open(stateDir, stateNameFor(opts), '');
  // The walk's names (an attendee's, the recorded topic's) in the steps' explanations.
  const topic = (store.record('create-topic')?.outputs as { topic?: string } | undefined)?.topic;
  const names = namesFor({ topic: topic ?? attendeeTopic(DEFAULT_TOPIC, opts.attendee), attendee: opts.attendee });
  const view = reviewView(store.snapshot.steps, opts.profile, stateDir.includes(`${'/'}sandbox`) ? 'sandbox' : 'real', names);
  const open = opts.step !== undefined ? stepOf(opts.step, view) : undefined;
  if (!opts.yes && process.stdout.isTTY && process.stdin.isTTY) {
    const [{ renderWalk }] = await Promise.all([import('../app/render.js')]);
    let interrupted = false;
    const screen = renderWalk({ subscribe: () => () => {} }, { onInterrupt: () => (interrupted = true), initial: view, reviewOnly: true, open, pace: 'step' });
    await screen.waitUntilExit();
    // q leaves the review (0); Ctrl-C interrupts it, 130 as for every other command.
    return interrupted ? EXIT.interrupted : EXIT.done;
  }
  const look = detectLook();
  const text = open ? stepText(view.steps.find((s) => s.id === open)!, 80, !look.unicode || !look.color) : listText(view);
  process.stdout.write(look.unicode ? text : toAscii(text));
  return EXIT.done;
}

function listText(view: WalkView): string {
  const idWidth = Math.max(...view.steps.map((s) => s.id.length));
  const lines = view.steps.map((s, i) => `${String(i + 1).padStart(2)}  ${s.id.padEnd(idWidth)}  ${s.status.padEnd(11)}  ${s.title}`);
  return `${lines.join('\n')}\n\nOpen one: openflow-kafka-quickstart show <number or id>\n`;
}

function stepText(step: StepView, width: number, ascii: boolean): string {
  const out: string[] = [`${step.title} (${step.id}): ${step.status}`, '', step.explain];
  if (step.manual) out.push('', 'Manual equivalent:', `  ${step.manual}`);
  if (step.notes.length || step.summary || step.error) {
    out.push('', 'What it did:');
    for (const n of step.notes) out.push(`  - ${n}`);
    if (step.error) out.push(`  ${step.error}`);
    else if (step.summary) out.push(`  ${step.summary}`);
  }
  for (const p of step.shows) {
    out.push('', p.title);
    if (p.summary) out.push(...p.summary.split('\n').map((l) => `  ${l}`));
    const body = p.chart ? chartText(p.chart, width - 2, { ascii }) : p.body;
    out.push(...body.split('\n').map((l) => `  ${l}`));
  }
  if (!step.shows.length && !step.notes.length && step.status === 'pending') out.push('', 'Nothing recorded: this step has not run (or ran before this version kept what steps show).');
  return out.join('\n') + '\n';
}
