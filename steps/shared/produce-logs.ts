// Producing a batch of the tutorial's log events with exact counts across interruptions.
// Every record carries headers naming its run, batch and sequence. The run id is saved before the
// first record is sent; a resumed run reads the topic, sees which sequences landed, and sends
// only the rest — so 50 means 50, however often the walk is stopped. After `reset` (the state
// forgotten, the records not) a batch of the same kind already in the topic is adopted, not sent again.
// Before its first record, a new batch also counts the rows the table already holds (an earlier
// run's), so the verify steps wait for this batch's rows rather than pass on old ones.
import { randomBytes } from 'node:crypto';
import type { LandedRecord, LogKind, OutgoingRecord, RecordAck } from '../../src/engine/ports.js';
import type { Check, Step, StepContext, StepId } from '../../src/engine/step.js';
import { errorText, sqlNames } from './snowflake.js';
import { tableRowsNow } from './verify-columns.js';

export const HEADER_RUN = 'oqs-run';
export const HEADER_BATCH = 'oqs-batch';
export const HEADER_SEQ = 'oqs-seq';
/** The generator's seed: an adopted batch is finished with the seed it was begun with. */
export const HEADER_SEED = 'oqs-seed';

interface Checkpoint {
  runId: string;
  kind: LogKind;
  count: number;
  seed: number;
  topic: string;
  /** Rows in the table just before the batch's first record (null: unknown — no Snowflake, or an adopted batch). */
  tableRowsBefore?: number | null;
  /** Set once every sequence is acknowledged. */
  lastOffsets?: RecordAck[];
}

export interface ProduceLogsOut {
  runId: string;
  topic: string;
  count: number;
  /** How many this run sent (less than count when resumed). */
  sent: number;
  lastOffsets: RecordAck[];
  recordsPerSecond: number | null;
  /** Rows the table held before this batch: it is complete there at this many plus `count` (null: unknown). */
  tableRowsBefore: number | null;
}

export function produceLogsStep(spec: { id: StepId; kind: LogKind; count: number; title: string; explain: string }): Step<ProduceLogsOut> {
  return {
    id: spec.id,
    title: spec.title,
    explain: spec.explain,
    manual: (ctx) =>
      `rpk topic produce ${ctx.config.kafka.topic} -f '%v{json}\\n' < sample-data/${spec.kind === 'base' ? 'sample_logs.json' : 'sample_logs_evolved.json'}`,
    check: (ctx) => checkBatch(ctx, spec.count),
    async run(ctx, progress) {
      const topic = ctx.config.kafka.topic;
      let cp = ctx.state.checkpoint<Checkpoint>();
      if (cp?.lastOffsets && cp.topic === topic) {
        // Recorded complete but check said otherwise (topic recreated, records gone): a new batch.
        cp = undefined;
      }
      // Every record of ours in the topic, headers only: what landed of this run, or of an
      // earlier one whose state was forgotten (`reset`), which is adopted rather than produced twice.
      const inTopic = (await ctx.kafka.describeTopic(topic)) ? await ctx.kafka.readHeaders(topic, { signal: ctx.signal }) : [];
      if (!cp || cp.topic !== topic) {
        const earlier = earlierBatch(inTopic, spec.kind);
        // An adopted batch's rows may be in the table already: its baseline is unknown.
        const tableRowsBefore = earlier ? null : await tableRowsBeforeBatch(ctx, progress.note);
        // Its missing records are made with its own seed, or the batch would mix two seeds' logs.
        const seed = earlier?.seed ?? ctx.config.seed;
        if (earlier && seed !== ctx.config.seed) {
          progress.note(`"${topic}" already holds ${spec.kind} logs of run ${earlier.runId}, made with seed ${seed}: this walk keeps them, so seed ${ctx.config.seed} is not used. For logs of seed ${ctx.config.seed}, walk with another --topic (or delete this one first).`);
        }
        cp = { runId: earlier?.runId ?? randomBytes(6).toString('hex'), kind: spec.kind, count: spec.count, seed, topic, tableRowsBefore };
        await ctx.state.saveCheckpoint(cp);
      }

      const landed = new Set<number>();
      const landedOffsets = new Map<number, bigint>();
      for (const r of inTopic) {
        if (r.headers[HEADER_RUN] !== cp.runId) continue;
        landed.add(Number(r.headers[HEADER_SEQ]));
        const offset = BigInt(r.offset);
        if ((landedOffsets.get(r.partition) ?? -1n) < offset) landedOffsets.set(r.partition, offset);
      }
      if (landed.size >= cp.count) {
        progress.note(`"${topic}" already holds all ${cp.count} ${cp.kind} logs of run ${cp.runId} (an earlier walk; its state was reset): not producing them again.`);
      } else if (landed.size > 0) {
        progress.note(`Resuming run ${cp.runId}: ${landed.size} of ${cp.count} records already in "${topic}"; sending the other ${cp.count - landed.size}.`);
      }

      const events = ctx.generator.generate({ kind: cp.kind, count: cp.count, seed: cp.seed });
      const records: OutgoingRecord[] = [];
      events.forEach((event, seq) => {
        if (landed.has(seq)) return;
        records.push({
          key: typeof event.service === 'string' ? event.service : null,
          value: JSON.stringify(event),
          headers: { [HEADER_RUN]: cp!.runId, [HEADER_BATCH]: cp!.kind, [HEADER_SEQ]: String(seq), [HEADER_SEED]: String(cp!.seed) },
        });
      });

      const started = Date.now();
      progress.report({ done: landed.size, total: cp.count, unit: 'records' });
      const acked = records.length === 0 ? [] : await ctx.kafka.produce(topic, records, {
        signal: ctx.signal,
        onAck: (sent) => progress.report({ done: landed.size + sent, total: cp!.count, unit: 'records' }),
      });
      const lastOffsets = mergeLastOffsets(acked, landedOffsets);
      const seconds = (Date.now() - started) / 1000;
      const tableRowsBefore = cp.tableRowsBefore ?? null;
      if (ctx.signal.aborted) return { runId: cp.runId, topic, count: cp.count, sent: 0, lastOffsets, recordsPerSecond: null, tableRowsBefore };
      await ctx.state.saveCheckpoint({ ...cp, lastOffsets });
      progress.report({ done: cp.count, total: cp.count, unit: 'records', detail: lastOffsets.map((o) => `p${o.partition}@${o.offset}`).join(' ') });
      return {
        runId: cp.runId,
        topic,
        count: cp.count,
        sent: records.length,
        lastOffsets,
        recordsPerSecond: seconds > 0 && records.length > 0 ? Math.round(records.length / seconds) : null,
        tableRowsBefore,
      };
    },
    summarize: (out) =>
      `${out.count} records in ${out.topic}${out.sent < out.count ? ` (${out.count - out.sent} were already there)` : ''}; last offsets ${out.lastOffsets.map((o) => `p${o.partition}@${o.offset}`).join(' ')}`,
  };
}

/** The table's rows now (0 when it does not exist yet); null without Snowflake or when it cannot be counted. */
async function tableRowsBeforeBatch(ctx: StepContext, note: (line: string) => void): Promise<number | null> {
  if (!ctx.warehouse) return null;
  try {
    return await tableRowsNow(ctx.warehouse, sqlNames(ctx.config), note);
  } catch (err) {
    note(`Could not count the rows already in the table (${errorText(err)}); the verify step counts every row.`);
    return null;
  }
}

/** Done when a completed batch's records are still in the topic (the watermarks cover them). */
async function checkBatch(ctx: StepContext, count: number): Promise<Check> {
  const cp = ctx.state.checkpoint<Checkpoint>();
  if (!cp) return { state: 'pending', reason: `${count} records to produce` };
  if (cp.topic !== ctx.config.kafka.topic) return { state: 'pending', reason: `the topic is now "${ctx.config.kafka.topic}"` };
  if (!cp.lastOffsets) return { state: 'pending', reason: `run ${cp.runId} was interrupted; the rest will be sent` };
  if (!(await ctx.kafka.describeTopic(cp.topic))) return { state: 'pending', reason: `topic "${cp.topic}" no longer exists` };
  const marks = await ctx.kafka.watermarks(cp.topic);
  const missing = cp.lastOffsets.filter((o) => {
    const m = marks.find((w) => w.partition === o.partition);
    return !m || BigInt(m.high) <= BigInt(o.offset);
  });
  if (missing.length) return { state: 'pending', reason: `the records of run ${cp.runId} are no longer in "${cp.topic}"` };
  const outputs: ProduceLogsOut = {
    runId: cp.runId,
    topic: cp.topic,
    count: cp.count,
    sent: 0,
    lastOffsets: cp.lastOffsets,
    recordsPerSecond: null,
    tableRowsBefore: cp.tableRowsBefore ?? null,
  };
  return { state: 'done', summary: `${cp.count} records in ${cp.topic} (run ${cp.runId})`, outputs };
}

/**
 * An earlier batch of this kind in the topic (the most complete one), if any: the walk's state
 * was forgotten but the records are still there, and they are what counts. Its seed, when its
 * records carry one (batches from before the seed header have none).
 */
function earlierBatch(records: readonly LandedRecord[], kind: LogKind): { runId: string; seed?: number } | undefined {
  const seqsByRun = new Map<string, Set<string>>();
  const seedOf = new Map<string, number>();
  for (const r of records) {
    const run = r.headers[HEADER_RUN];
    if (!run || r.headers[HEADER_BATCH] !== kind) continue;
    const seqs = seqsByRun.get(run) ?? new Set<string>();
    seqs.add(r.headers[HEADER_SEQ] ?? '');
    seqsByRun.set(run, seqs);
    const seed = Number(r.headers[HEADER_SEED]);
    if (r.headers[HEADER_SEED] !== undefined && Number.isSafeInteger(seed)) seedOf.set(run, seed);
  }
  let best: string | undefined;
  for (const [run, seqs] of seqsByRun) if (!best || seqs.size > seqsByRun.get(best)!.size) best = run;
  return best === undefined ? undefined : { runId: best, ...(seedOf.has(best) ? { seed: seedOf.get(best)! } : {}) };
}

/** Per partition, the last offset of the batch: the acks of what was sent now, or of what had landed before. */
function mergeLastOffsets(acked: readonly RecordAck[], landed: ReadonlyMap<number, bigint>): RecordAck[] {
  const last = new Map(landed);
  for (const a of acked) if ((last.get(a.partition) ?? -1n) < BigInt(a.offset)) last.set(a.partition, BigInt(a.offset));
  return [...last].sort(([a], [b]) => a - b).map(([partition, offset]) => ({ partition, offset: String(offset) }));
}
