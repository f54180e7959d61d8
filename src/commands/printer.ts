// Headless output: one plain line per event, for CI logs, pipes and `--yes`. No colour, no
// cursor tricks; progress is printed at most every 10% (and at the end) to keep logs short.
import type { WalkEvent, PlanEntry } from '../engine/events.js';
import type { StepId } from '../engine/step.js';

const MARK: Record<string, string> = {
  done: 'ok  ',
  failed: 'FAIL',
  blocked: 'FAIL',
  interrupted: 'STOP',
  skipped: 'skip',
  drifted: 'drft',
  pending: '    ',
  running: '... ',
  kept: 'kept',
};

export function createPrinter(write: (line: string) => void) {
  const titles = new Map<StepId, string>();
  const lastDecile = new Map<StepId, number>();
  let failedAt: StepId | undefined;

  return (event: WalkEvent): void => {
    switch (event.type) {
      case 'plan': {
        for (const e of event.entries) titles.set(e.id, e.title);
        const toRun = event.entries.filter((e) => e.action === 'run');
        write(`plan: ${event.target} target, profile "${event.profile}"${event.attendee ? `, attendee ${event.attendee}` : ''}: ${toRun.length} of ${event.entries.length} steps to run`);
        for (const e of event.entries) write(`  ${planLine(e)}`);
        break;
      }
      case 'step-start':
        write(`${MARK.running} ${event.id}: ${titles.get(event.id) ?? ''}`);
        break;
      case 'progress': {
        const { done, total, unit = '', detail } = event.update;
        const decile = total > 0 ? Math.floor((done / total) * 10) : 0;
        if (decile === (lastDecile.get(event.id) ?? -1)) break;
        lastDecile.set(event.id, decile);
        const rate = event.ratePerSec ? `, ${Math.round(event.ratePerSec).toLocaleString('en-US')} ${unit}/s` : '';
        write(`     ${event.id}: ${done}/${total} ${unit} (${total ? Math.round((done / total) * 100) : 0}%${rate})${detail ? ` ${detail}` : ''}`);
        break;
      }
      case 'note':
        write(`     ${event.id}: ${event.text}`);
        break;
      case 'show':
        write(`     ${event.id}: ${event.title}`);
        // A summary the body already opens with (the hand-off's) is printed once, in the body.
        if (event.summary && !event.body.startsWith(event.summary)) for (const line of event.summary.split('\n')) write(`       ${line}`);
        for (const line of event.body.split('\n')) write(`       ${line}`);
        break;
      case 'step-end': {
        const secs = (event.durationMs / 1000).toFixed(1);
        write(`${MARK[event.status] ?? event.status} ${event.id}: ${event.summary ?? event.error ?? event.status} (${secs}s)`);
        if (event.error && event.summary) write(`     ${event.error}`);
        if (event.hint) write(`     what to do: ${event.hint}`);
        if (event.status === 'failed' || event.status === 'blocked') failedAt = event.id;
        break;
      }
      case 'walk-end': {
        const secs = (event.durationMs / 1000).toFixed(1);
        if (event.status === 'done') write(`done: every step is complete (${secs}s)`);
        else if (event.status === 'interrupted') write(`stopped: run the same command again to resume (${secs}s)`);
        else write(`failed at ${failedAt ?? 'a step'}: fix the cause above and run the same command again; the walk resumes at ${failedAt ?? 'that step'} (${secs}s)`);
        break;
      }
    }
  };
}

function planLine(e: PlanEntry): string {
  const what = e.action === 'run' ? (e.status === 'drifted' ? 'run (drifted)' : 'run') : e.status === 'done' ? 'done' : e.status;
  const why =
    e.check.state === 'done'
      ? e.check.summary ?? ''
      : e.check.state === 'drifted'
        ? e.check.diff.join('; ')
        : e.check.state === 'blocked'
          ? e.check.reason
          : e.check.reason ?? '';
  return `${e.id.padEnd(22)} ${what.padEnd(13)} ${why}`.trimEnd();
}
