// The bad-input corpus (issue #13): every case in cases.ts through the built CLI, in parallel
// batches. One test reports every case that fails any check, with its output, so a regression
// shows all at once. OQS_CORPUS_FILTER=regex runs a subset; OQS_CORPUS_JOBS sets the parallelism.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, rmSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import { CASES } from './cases.js';
import { runCase, tempRoot, type CaseResult } from './run-case.js';

const filter = process.env.OQS_CORPUS_FILTER ? new RegExp(process.env.OQS_CORPUS_FILTER) : undefined;
const selected = CASES.filter((c) => !filter || filter.test(c.name));
const jobs = Number(process.env.OQS_CORPUS_JOBS ?? Math.max(2, Math.min(8, os.availableParallelism() * 2)));

let root: string;
let emulator: RunningWarehouse | undefined;

before(async () => {
  root = tempRoot();
  chmodSync(root, 0o711); // the unprivileged cases run as nobody inside it
  if (selected.some((c) => c.emulator)) {
    emulator = await startWarehouse({ dataDir: path.join(root, 'emulator'), users: [{ name: 'CORPUS_USER', password: 'the-right-password-1' }] });
  }
});
after(async () => {
  await emulator?.stop();
  rmSync(root, { recursive: true, force: true });
});

test('the corpus has at least 400 cases, unique names, over every input surface', () => {
  assert.ok(CASES.length >= 400, `${CASES.length} cases`);
  assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length, 'duplicate case names');
  const surfaces = new Set(CASES.map((c) => c.surface));
  for (const s of ['flag', 'environment', '.env', 'rpk profile', 'connections.toml', 'state file', 'query text', 'sql name', 'file system']) {
    assert.ok(surfaces.has(s as never), `no case for ${s}`);
  }
});

// One test per input surface, each running its cases in parallel: a regression names its surface
// and every failing case with its output.
const surfaces = [...new Set(selected.map((c) => c.surface))];
for (const surface of surfaces) {
  const cases = selected.filter((c) => c.surface === surface);
  test(`${surface}: ${cases.length} bad inputs — exit code, one clear line naming the source, no trace, nothing written, no secret`, { timeout: 1_800_000 }, async (t) => {
    const port = emulator ? Number(new URL(emulator.accessUrl).port) : 0;
    const results: CaseResult[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        results.push(await runCase(c, root, emulator ? { port, account: emulator.account } : undefined));
      }
    };
    await Promise.all(Array.from({ length: jobs }, worker));
    const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 3);
    t.diagnostic(`slowest: ${slowest.map((r) => `${r.name} ${(r.ms / 1000).toFixed(1)}s`).join(', ')}`);
    const failed = results.filter((r) => r.problems.length > 0);
    const report = failed.map((r) => `✖ ${r.name}: ${r.problems.join('; ')}\n    ${r.output.trim().split('\n').slice(0, 4).join('\n    ')}`).join('\n');
    assert.equal(failed.length, 0, `${failed.length} of ${results.length} cases failed:\n${report}`);
  });
}
