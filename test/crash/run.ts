// `npx tsx test/crash/run.ts [KILLS] [CONCURRENCY]`: the crash harness with 100 kills by default,
// one line per run and the tally at the end. Needs the built CLI (npm run build). On 2 crowded
// cores, 100 kills at concurrency 3 take about 11 minutes.
import { crashRuns } from './harness.js';

const kills = Number(process.argv[2] ?? 100);
const concurrency = Number(process.argv[3] ?? 2);
const started = Date.now();
const tally = await crashRuns({ kills, concurrency, log: (line) => console.log(line) });
console.log(`\ncrash harness: ${tally.kills} kill -9 over ${tally.runs} runs in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`  runs that ended exact (${130} rows, 37 columns, 130 records, nothing left over): ${tally.passed} of ${tally.runs}`);
console.log(`  kills by phase: ${Object.entries(tally.phases).sort((a, b) => b[1] - a[1]).map(([p, n]) => `${p} ${n}`).join(', ')}`);
for (const f of tally.failed) console.log(`  run ${f.run + 1} FAILED (folder kept: ${f.dir}): ${f.problems.join('; ')}`);
process.exit(tally.failed.length === 0 ? 0 : 1);
