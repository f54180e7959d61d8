// A rehearsal: N attendees walk the whole quickstart headless, at once, against one sandbox.
// Each walk is the real one — its own names, state file, seed and connector — sharing the
// sandbox's brokers and emulator, as attendees share a cluster and an account.
//
// The walks run in this process, as clients of one sandbox (the running `sandbox up`, or one this
// process hosts): N walk processes would each load the CLI and their clients for no gain.
import { walk } from '../engine/runner.js';
import type { StepId } from '../engine/step.js';
import type { Sandbox } from '../sandbox/index.js';
import { prepareOnSandbox } from '../commands/prepare.js';
import { openWalkSession } from '../commands/walk-session.js';
import type { GlobalOptions } from '../commands/global-options.js';
import type { Roster } from './roster.js';

export interface DemoWalk {
  attendee: string;
  /** The step it is in, or how it ended. */
  state: 'waiting' | 'walking' | 'done' | 'failed' | 'interrupted';
  step?: StepId;
  error?: string;
}

/**
 * Walks every attendee of the roster on `sandbox`, concurrently; `onEvent` hears each step's end.
 * Resolves when every walk has ended, with how each did.
 */
export async function walkRoom(
  roster: Roster,
  sandbox: Sandbox,
  base: GlobalOptions,
  opts: { signal: AbortSignal; walks: Map<string, DemoWalk>; onLine?(line: string): void },
): Promise<DemoWalk[]> {
  for (const a of roster.attendees) opts.walks.set(a.id, { attendee: a.id, state: 'waiting' });
  const one = async (id: string, seed: number): Promise<DemoWalk> => {
    const w = opts.walks.get(id)!;
    const options: GlobalOptions = { ...base, sandbox: true, yes: true, attendee: id, seed };
    const controller = new AbortController();
    const abort = () => controller.abort();
    opts.signal.addEventListener('abort', abort, { once: true });
    try {
      const session = await openWalkSession(options, { interactive: false, cleanup: false, prepared: prepareOnSandbox(options, sandbox), controller, walk: true });
      try {
        w.state = 'walking';
        const outcome = await walk({
          steps: session.steps,
          store: session.store,
          contextFor: session.contextFor,
          emit: (event) => {
            if (event.type === 'step-start') w.step = event.id;
            if (event.type === 'step-end') {
              opts.onLine?.(`${id.padEnd(8)} ${event.status === 'done' ? 'ok  ' : event.status.padEnd(4)} ${event.id}${event.summary ? `: ${event.summary}` : ''}${event.error ? `: ${event.error}` : ''}`);
              if (event.error) w.error = event.error;
            }
          },
          signal: controller.signal,
          redactor: session.prepared.redactor,
          target: 'sandbox',
          profile: options.profile,
        });
        w.state = outcome === 'done' ? 'done' : outcome === 'interrupted' ? 'interrupted' : 'failed';
      } finally {
        await session.close();
      }
    } catch (err) {
      w.state = 'failed';
      w.error = err instanceof Error ? err.message : String(err);
      opts.onLine?.(`${id.padEnd(8)} fail ${w.error}`);
    } finally {
      opts.signal.removeEventListener('abort', abort);
    }
    return w;
  };
  return Promise.all(roster.attendees.map((a) => one(a.id, a.seed)));
}

/** One line per walk, for under the board. */
export function walkLines(walks: Map<string, DemoWalk>): string[] {
  const counts = new Map<string, number>();
  for (const w of walks.values()) counts.set(w.state, (counts.get(w.state) ?? 0) + 1);
  const summary = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
  const failed = [...walks.values()].filter((w) => w.state === 'failed').map((w) => `! ${w.attendee} failed${w.step ? ` at ${w.step}` : ''}: ${w.error ?? ''}`);
  const walking = [...walks.values()].filter((w) => w.state === 'walking').map((w) => `${w.attendee} ${w.step ?? ''}`);
  return ['', `Walks: ${summary}${walking.length ? ` - ${walking.slice(0, 6).join(', ')}${walking.length > 6 ? ', ...' : ''}` : ''}`, ...failed];
}
