// `status`: every step's recorded state next to what a live check says now. Changes nothing.
import { planWalk } from '../engine/runner.js';
import { EXIT } from './exit.js';
import type { GlobalOptions } from './global-options.js';
import { openWalkSession } from './walk-session.js';

export async function statusCommand(opts: GlobalOptions & { json: boolean }): Promise<number> {
  const session = await openWalkSession(opts, { interactive: false });
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
    const rows = entries.map((e) => {
      const rec = session.store.record(e.id);
      const live = e.check.state === 'done' ? e.check.summary ?? '' : e.check.state === 'drifted' ? e.check.diff.join('; ') : e.check.state === 'blocked' ? e.check.reason : e.check.reason ?? '';
      return { step: e.id, title: e.title, recorded: rec?.status ?? 'never run', live: e.check.state, detail: live, endedAt: rec?.endedAt ?? null };
    });
    if (opts.json) {
      process.stdout.write(JSON.stringify({ profile: opts.profile, target: session.prepared.target, stateFile: session.store.file, steps: rows }, null, 2) + '\n');
    } else {
      process.stdout.write(`profile "${opts.profile}" (${session.prepared.target}), state ${session.store.file}\n`);
      process.stdout.write(`${'STEP'.padEnd(24)}${'RECORDED'.padEnd(13)}${'LIVE'.padEnd(9)}DETAIL\n`);
      for (const r of rows) process.stdout.write(`${r.step.padEnd(24)}${r.recorded.padEnd(13)}${r.live.padEnd(9)}${r.detail}\n`);
    }
    return EXIT.done;
  } finally {
    await session.close();
  }
}
