// `logs`: the tutorial's generate_logs.py, as a command. To Kafka (keyed by service, acks from
// all replicas), or JSONL to a file with --output (no Kafka needed).
import { setTimeout as sleep } from 'node:timers/promises';
import { OutputStopped, generatedJsonl, iterateRecords, writeJsonlFile } from '../logs/index.js';
import { recordBatches } from '../logs/batches.js';
import type { LogKind } from '../engine/ports.js';
import { EXIT, UsageError } from './exit.js';
import { describeFailure } from './failure.js';
import type { GlobalOptions } from './global-options.js';
import { prepare } from './prepare.js';
import { stopSignal, stopsOnSignal } from './lifecycle.js';
import { parsePositiveInt, parsePositiveNumber } from '../config/numbers.js';

export interface LogsOptions extends GlobalOptions {
  count: string;
  evolved: boolean;
  output?: string;
  continuous: boolean;
  rate?: string;
}

/** 1234567 → "1,234,567", as toLocaleString('en-US') writes it without loading ICU's locale
 * data, which cost `logs` 25-30 ms of start-up for this one line. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export async function logsCommand(opts: LogsOptions): Promise<number> {
  const count = parsePositiveInt(opts.count, '--count', { max: 10_000_000 });
  if (!count.ok) throw new UsageError(`${count.problem.source}: ${count.problem.message}`);
  const rate = opts.rate === undefined ? null : parsePositiveNumber(opts.rate, '--rate', { max: 1_000_000 });
  if (rate && !rate.ok) throw new UsageError(`${rate.problem.source}: ${rate.problem.message}`);
  const kind: LogKind = opts.evolved ? 'evolved' : 'base';

  if (opts.output !== undefined) {
    if (opts.output === '') throw new UsageError('--output needs a file name', 'Give a file, or - for standard output.');
    if (opts.continuous) throw new UsageError('--continuous goes to Kafka, not to a file: drop --output or --continuous');
    stopsOnSignal();
    const written = await writeJsonlFile(opts.output, generatedJsonl({ kind, count: count.value, seed: opts.seed }), stopSignal).catch((err: unknown) => {
      if (err instanceof OutputStopped) return err;
      const failure = describeFailure(err);
      throw failure ? new UsageError(`--output: ${failure.message}`, 'Give --output a file in a folder that exists and that you can write to.') : err;
    });
    const where = opts.output === '-' ? 'standard output' : opts.output;
    if (!(written instanceof OutputStopped)) {
      process.stderr.write(`Wrote ${written} ${kind} log events to ${where}\n`);
      return EXIT.done;
    }
    // A pipe's reader that had enough (`| head`) is a quiet end, as for standard output.
    if (written.by === 'reader') process.stderr.write(`Stopped after ${written.written} ${kind} log events: the reader of ${where} closed it\n`);
    else if (written.kept) process.stderr.write(`Stopped after ${written.written} ${kind} log events to ${where}\n`);
    else process.stderr.write(`Stopped: ${opts.output} not written (a file appears whole or not at all; one that was there is as it was)\n`);
    return written.by === 'reader' ? EXIT.done : EXIT.interrupted;
  }

  // Kafka only: Snowflake's settings decide nothing but that these are real accounts.
  const prepared = await prepare(opts, { interactive: !opts.yes && process.stdin.isTTY === true, snowflake: 'presence' });
  stopsOnSignal();
  const controller = { signal: stopSignal };
  try {
    const config = await prepared.start();
    const kafka = await prepared.openKafka();
    const topic = config.kafka.topic;
    if (!(await kafka.describeTopic(topic))) {
      throw new UsageError(`topic "${topic}" does not exist`, 'Run the walk (it creates the topic), or pass --topic.');
    }
    process.stderr.write(`Producing ${count.value} ${kind} log events to "${topic}" at ${kafka.bootstrap.join(',')}${rate ? ` (${rate.value}/s)` : ''}\n`);
    for (let batch = 0; !controller.signal.aborted; batch++) {
      const started = Date.now();
      const seed = opts.seed + batch;
      let sent = 0;
      if (rate) {
        // Paced: small slices on a schedule, so --rate holds over any count.
        const slice = Math.max(1, Math.round(rate.value / 10));
        for (let i = 0; i < count.value && !controller.signal.aborted; i += slice) {
          const n = Math.min(slice, count.value - i);
          await kafka.produce(topic, iterateRecords({ kind, count: n, seed, start: i }), { signal: controller.signal });
          sent = i + n;
          const due = started + (sent / rate.value) * 1000;
          if (due > Date.now()) await sleep(due - Date.now());
        }
      } else {
        // Streamed: events are made straight into record batches as the producer has room, so
        // memory stays flat whatever --count is.
        let lastTenth = -1;
        await kafka.produce(topic, recordBatches({ kind, count: count.value, seed }), {
          signal: controller.signal,
          bulk: true,
          onAck: (n) => {
            sent = n;
            const tenth = Math.floor((n / count.value) * 10);
            if (tenth !== lastTenth) {
              lastTenth = tenth;
              process.stderr.write(`  Sent ${n}/${count.value}\n`);
            }
          },
        });
      }
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(`${controller.signal.aborted ? 'Stopped after' : 'Produced'} ${sent} ${kind} log events in ${seconds.toFixed(2)}s (${thousands(Math.round(sent / Math.max(seconds, 0.001)))} records/s)\n`);
      if (!opts.continuous) break;
      if (!controller.signal.aborted) await sleep(5_000, undefined, { signal: controller.signal }).catch(() => {});
    }
    return controller.signal.aborted ? EXIT.interrupted : EXIT.done;
  } finally {
    await prepared.close();
  }
}
