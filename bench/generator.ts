// Generator throughput: events/s for base and evolved events, in memory, streamed to a JSONL
// file (as `logs --output` writes it), and made straight into Kafka record batches as `logs` sends them (3 partitions, 256 KB
// batches, sealed with their CRC; no broker). Prints figures; asserts nothing.
// Run: node --import tsx bench/generator.ts [count]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SEED, LogGenerator, generatedJsonl, writeJsonlFile } from '../src/logs/index.js';
import { recordBatches } from '../src/logs/batches.js';

const count = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'oqs-bench-gen-'));
try {
  for (const kind of ['base', 'evolved'] as const) {
    let t = performance.now();
    new LogGenerator().generate({ kind, count, seed: DEFAULT_SEED });
    const inMemory = performance.now() - t;

    const file = join(dir, `${kind}.jsonl`);
    t = performance.now();
    await writeJsonlFile(file, generatedJsonl({ kind, count, seed: DEFAULT_SEED }));
    const toFile = performance.now() - t;
    const mb = statSync(file).size / 1e6;

    t = performance.now();
    let batchBytes = 0;
    for await (const b of recordBatches({ kind, count, seed: DEFAULT_SEED }).batches(3, 256 * 1024)) {
      batchBytes += b.bytes.length;
      b.release();
    }
    const batches = performance.now() - t;

    const rate = (ms: number) => Math.round(count / (ms / 1000)).toLocaleString('en-US');
    console.log(
      `${kind.padEnd(7)} ${count} events: generate ${rate(inMemory)} ev/s; JSONL file ${rate(toFile)} ev/s, ${mb.toFixed(1)} MB (${(mb / (toFile / 1000)).toFixed(0)} MB/s); ` +
        `record batches (logs) ${rate(batches)} ev/s, ${(batchBytes / 1e6).toFixed(1)} MB`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
