// `status`: every step's recorded state next to what a live check says now. Changes nothing.
import { planWalk } from '../engine/runner.js';
import { EXIT } from './exit.js';
import type { GlobalOptions } from './global-options.js';
import { openWalkSession } from './walk-session.js';
import { prepare } from './prepare.js';
import { wrap } from '../app/text.js';
import { toAscii } from '../app/ascii.js';
import { detectUnicode } from '../app/terminal.js';

const STEP = 24;
const RECORDED = 13;
const LIVE = 9;

/**
 * The status table. With a `width` (a terminal), DETAIL is word-wrapped under its own column, or,
 * when that column would be too narrow, on indented lines of its own: the terminal never cuts a word.
 * Narrower than the three first columns, each step is a block of its own (see stackedStatus).
 */
export function formatStatus(rows: Array<{ step: string; recorded: string; live: string; detail: string }>, width?: number): string {
  const lead = STEP + RECORDED + LIVE;
  if (width !== undefined && width - 1 < lead) return stackedStatus(rows, width);
  const head = (r: { step: string; recorded: string; live: string }) => `${r.step.padEnd(STEP)}${r.recorded.padEnd(RECORDED)}${r.live.padEnd(LIVE)}`;
  const out = [`${head({ step: 'STEP', recorded: 'RECORDED', live: 'LIVE' })}DETAIL`];
  for (const r of rows) {
    if (width === undefined) {
      out.push(`${head(r)}${r.detail}`.trimEnd());
      continue;
    }
    const beside = width - 1 - lead >= 24;
    const room = beside ? width - 1 - lead : width - 5;
    const lines = r.detail ? wrap(r.detail, room) : [];
    if (beside) lines.forEach((line, i) => out.push(`${i === 0 ? head(r) : ' '.repeat(lead)}${line}`));
    else out.push(head(r).trimEnd(), ...lines.map((line) => `    ${line}`));
    if (beside && lines.length === 0) out.push(head(r).trimEnd());
  }
  return out.join('\n') + '\n';
}

/**
 * A terminal too narrow for the columns (40): the table's row was cut by the terminal mid-word
 * ("don" / "e"). Each step instead: its id, then what is recorded and what the check says now,
 * then the detail, all wrapped at words under it.
 */
function stackedStatus(rows: Array<{ step: string; recorded: string; live: string; detail: string }>, width: number): string {
  const room = Math.max(8, width - 3);
  const out: string[] = [];
  for (const r of rows) {
    out.push(...wrap(r.step, width - 1));
    out.push(...wrap(`recorded: ${r.recorded}, live: ${r.live}`, room).map((line) => `  ${line}`));
    if (r.detail) out.push(...wrap(r.detail, room).map((line) => `  ${line}`));
  }
  return out.join('\n') + '\n';
}

export async function statusCommand(opts: GlobalOptions & { json: boolean }): Promise<number> {
  // Status needs Snowflake's live answers: a missing password is asked for on a terminal, as the walk asks.
  const prepared = await prepare(opts, { interactive: !opts.yes && process.stdin.isTTY === true && process.stdout.isTTY === true });
  // A person back with the VPN down still sees what is recorded, and Kafka's live answers.
  const session = await openWalkSession(opts, { interactive: false, prepared, tolerateUnreachableSnowflake: true });
  try {
    const entries = await planWalk({
      steps: session.steps,
      store: session.store,
      contextFor: session.contextFor,
      emit: () => {},
      signal: session.controller.signal,
      redactor: session.prepared.redactor,
      target: session.prepared.target,
      profile: opts.profile,
    });
    const unchecked = session.snowflakeProblem;
    const rows = entries.map((e) => {
      const rec = session.store.record(e.id);
      const row = (live: string, detail: string) => ({ step: e.id, title: e.title, recorded: rec?.status ?? 'never run', live, detail, endedAt: rec?.endedAt ?? null });
      const live = e.check.state === 'done' ? e.check.summary ?? '' : e.check.state === 'drifted' ? e.check.diff.join('; ') : e.check.state === 'blocked' ? e.check.reason : e.check.reason ?? '';
      // Without the session, a Snowflake step's check says none is configured: untrue here.
      if (unchecked && e.check.state === 'blocked' && /no Snowflake connection is configured/i.test(live)) {
        return row('unknown', 'not checked: Snowflake cannot be reached (above)');
      }
      return row(e.check.state, live);
    });
    if (opts.json) {
      process.stdout.write(JSON.stringify({ profile: opts.profile, target: session.prepared.target, stateFile: session.store.file, ...(unchecked ? { snowflakeProblem: unchecked.message } : {}), steps: rows }, null, 2) + '\n');
    } else {
      const width = process.stdout.isTTY ? process.stdout.columns || 80 : undefined;
      const about = [`profile "${opts.profile}" (${session.prepared.target}), state ${session.store.file}`];
      if (unchecked) about.push(`Snowflake: ${unchecked.message.replace(/\.$/, '')}; its steps show what is recorded, not checked now.`);
      const head = about.map((line) => (width === undefined ? line : wrap(line, width - 1).join('\n'))).join('\n');
      const text = `${head}\n${formatStatus(rows, width)}`;
      process.stdout.write(detectUnicode() ? text : toAscii(text));
    }
    // Not everything could be checked: the code that problem has anywhere (2: the connection's settings), after all that could be shown.
    return unchecked ? unchecked.code : EXIT.done;
  } finally {
    await session.close();
  }
}
