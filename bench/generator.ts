// Generator throughput: events/s for base and evolved events, in memory and streamed to a JSONL
// file. Prints figures; asserts nothing. Run: node --import tsx bench/generator.ts [count]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SEED, LogGenerator, iterateEvents, writeJsonlFile } from '../src/logs/index.js';

const count = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'oqs-bench-gen-'));
try {
  for (const kind of ['base', 'evolved'] as const) {
    let t = performance.now();
    new LogGenerator().generate({ kind, count, seed: DEFAULT_SEED });
    const inMemory = performance.now() - t;

    const file = join(dir, `${kind}.jsonl`);
    t = performance.now();
    await writeJsonlFile(file, iterateEvents({ kind, count, seed: DEFAULT_SEED }));
    const toFile = performance.now() - t;
    const mb = statSync(file).size / 1e6;

    const rate = (ms: number) => Math.round(count / (ms / 1000)).toLocaleString('en-US');
    console.log(
      `${kind.padEnd(7)} ${count} events: generate ${rate(inMemory)} ev/s; JSONL file ${rate(toFile)} ev/s, ${mb.toFixed(1)} MB (${(mb / (toFile / 1000)).toFixed(0)} MB/s)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
