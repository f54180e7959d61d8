// `run`: the walk. Ink on a TTY; one plain line per event with --yes or without a TTY.
import isInCi from 'is-in-ci';
import wrapAnsi from 'wrap-ansi';
import type { StepId } from '../engine/step.js';
import { EXIT } from './exit.js';
import { stateDirFlag, type GlobalOptions } from './global-options.js';
import type { WalkSession } from './walk-session.js';
import { prepare } from './prepare.js';
import { createEventHub } from '../app/source.js';
import type { Pace } from '../app/App.js';
import { createPrinter } from './printer.js';
import { qualifiedTable } from '../names.js';
import { sqlNames } from '../../steps/shared/snowflake.js';
import { toAscii } from '../app/ascii.js';
import { detectUnicode } from '../app/terminal.js';
import { requestStop, stopSignal, stopsOnSignal } from './lifecycle.js';
import type { WaitOptions } from './wait-options.js';

export interface RunOptions extends GlobalOptions {
  from?: StepId;
  only?: StepId;
  cleanup: boolean;
  /** On a terminal: wait after each step with something to read (step), for a time sized to it (auto), or never (none). */
  pace?: Pace;
  waits?: WaitOptions;
}

/** How to run this walk again (resume, cleanup): a state folder other than the default must be named, or a new walk starts. */
export function againCommand(opts: Pick<GlobalOptions, 'stateDir'> & Partial<Pick<GlobalOptions, 'kafka' | 'connection'>> & { sandbox?: boolean }, cwd = process.cwd()): string {
  // --sandbox given here is given again: without it a .env's Kafka would make another walk. So are
  // the settings typed as flags (--brokers, --topic, …): without them the command shown would walk
  // whatever the environment holds. No secret is ever a flag.
  const k = opts.kafka ?? {};
  const given: Array<[string, string | undefined]> = [
    ['--brokers', k.brokers],
    ['--topic', k.topic],
    ['--security-protocol', k.securityProtocol],
    ['--sasl-mechanism', k.saslMechanism],
    ['--sasl-username', k.saslUsername],
    ['--ca-file', k.caFile],
    ['--rpk-profile', k.rpkProfile],
    ['--connection', opts.connection],
  ];
  const flags = given.flatMap(([flag, value]) => (value === undefined ? [] : [` ${flag} ${shellWord(value)}`])).join('');
  return `npx openflow-kafka-quickstart${stateDirFlag(opts.stateDir, cwd)}${opts.sandbox ? ' --sandbox' : ''}${flags}`;
}

/** A value as the shell reads it back: bare when safe, else single-quoted. */
function shellWord(value: string): string {
  return /^[\w./:,@=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export async function runCommand(opts: RunOptions): Promise<number> {
  // In CI Ink draws only the last frame, so a question would wait unseen: plain lines there too.
  // TERM=dumb: a terminal that cannot move the cursor, so the full screen would be escape codes.
  const headless = opts.yes || !process.stdout.isTTY || !process.stdin.isTTY || isInCi || process.env.TERM === 'dumb';
  const pace: Pace = headless ? 'none' : (opts.pace ?? 'step');
  // Questions first (prompts own stdin), then the screen, then the heavy clients.
  const prepared = await prepare(opts, { interactive: !headless });
  // A locale that is not UTF-8 (LANG=C) gets ASCII: no em dashes or ellipses turned into mojibake.
  const plain = detectUnicode() ? (text: string) => text : toAscii;
  for (const notice of prepared.notices) process.stdout.write(plain(`${headless ? notice : wrapAnsi(notice, Math.max(20, (process.stdout.columns ?? 80) - 1))}\n`));
  for (const warning of prepared.warnings) process.stderr.write(plain(`warning: ${warning}\n`));
  const hub = createEventHub();
  // Ctrl-C or SIGTERM: stop after the operation in flight (state says where); again: leave now.
  stopsOnSignal();
  const controller = new AbortController();
  if (stopSignal.aborted) controller.abort();
  else stopSignal.addEventListener('abort', () => controller.abort(), { once: true });
  const interrupt = () => requestStop('SIGINT');

  let ink: { waitUntilExit(): Promise<void>; unmount(): void } | undefined;
  if (headless) {
    const print = createPrinter((line) => process.stdout.write(plain(line) + '\n'));
    hub.subscribe((event) => event.type !== 'ask' && event.type !== 'pause' && print(event));
  } else {
    const { renderWalk } = await import('../app/render.js');
    ink = renderWalk(hub, { onInterrupt: interrupt, pace, command: againCommand(opts) });
  }

  let session: WalkSession | undefined;
  let code: number = EXIT.failed;
  let walked = false;
  try {
    // The steps and the runner load after the first frame is drawn (cold start: bench/cold-start.ts).
    const [{ walk }, { openWalkSession }] = await Promise.all([import('../engine/runner.js'), import('./walk-session.js')]);
    session = await openWalkSession(opts, { interactive: !headless, cleanup: opts.cleanup, waits: opts.waits, prepared, hub, controller, walk: true });
    const outcome = await walk({
      steps: session.steps,
      store: session.store,
      contextFor: session.contextFor,
      emit: hub.emit,
      signal: controller.signal,
      redactor: session.prepared.redactor,
      target: session.prepared.target,
      profile: opts.profile,
      ...(opts.attendee && { attendee: opts.attendee, table: qualifiedTable(sqlNames(session.config)) }),
      from: opts.from,
      only: opts.only,
      afterStep: pace === 'none' ? undefined : (id) => hub.pause(id, controller.signal),
    });
    code = outcome === 'done' ? EXIT.done : outcome === 'interrupted' ? EXIT.interrupted : EXIT.failed;
    walked = true;
  } finally {
    if (ink && !walked) {
      // Let the final frame render, then give the terminal back.
      await new Promise((r) => setTimeout(r, 50));
      ink.unmount();
    }
    await (session ? session.close() : prepared.close());
  }
  // The App ends itself: at once with --pace none, after the review (q) otherwise. A SIGTERM
  // comes from another process, not from the person at the screen: nobody would press q.
  if (ink && walked && stopSignal.reason === 'SIGTERM') {
    await new Promise((r) => setTimeout(r, 50)); // the stopped frame, drawn once
    ink.unmount();
  } else if (ink && walked) await ink.waitUntilExit();
  if (session) await removeCleanedSandbox(session);
  return code;
}

/** The sandbox's cleanup drops its objects; once the walk has stopped, its folder goes too. */
async function removeCleanedSandbox(session: WalkSession): Promise<void> {
  const cleanup = session.store.record('cleanup');
  if (!session.prepared.removeSandbox || cleanup?.status !== 'done' || (cleanup.outputs as { confirmed?: boolean } | undefined)?.confirmed !== true) return;
  const dir = await session.prepared.removeSandbox();
  process.stdout.write(dir ? `Sandbox removed: ${dir}\n` : 'The sandbox keeps running, empty, until `openflow-kafka-quickstart sandbox down`.\n');
}
