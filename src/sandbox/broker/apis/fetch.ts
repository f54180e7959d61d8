// Fetch (key 1): whole record batches from partition leaders' logs, long-polling until
// min_bytes are available or max_wait_ms has passed. No fetch sessions (session id 0).
import { Writer } from '../../../kafka/protocol/codec.js';
import { ErrorCode, type ErrorCodeValue } from '../../../kafka/protocol/errors.js';
import { leaderPartition } from './partitionAccess.js';
import type { ApiHandler, RequestContext } from './types.js';

interface FetchPartition { index: number; fetchOffset: number; maxBytes: number }
interface PartitionData { index: number; errorCode: ErrorCodeValue; highWatermark: number; logStartOffset: number; records: Buffer }

function readOnce(ctx: RequestContext, topics: { name: string; partitions: FetchPartition[] }[], maxBytes: number) {
  let total = 0;
  let failed = false;
  const out = topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p): PartitionData => {
      const found = leaderPartition(ctx.cluster, ctx.nodeId, t.name, p.index);
      if ('error' in found) {
        failed = true;
        return { index: p.index, errorCode: found.error, highWatermark: -1, logStartOffset: -1, records: Buffer.alloc(0) };
      }
      const log = found.partition.log;
      if (p.fetchOffset > log.nextOffset || p.fetchOffset < log.logStartOffset) {
        failed = true;
        return { index: p.index, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, highWatermark: log.nextOffset, logStartOffset: log.logStartOffset, records: Buffer.alloc(0) };
      }
      // The response limit may be exceeded by the first batch only, so a consumer always progresses.
      const budget = total === 0 ? Math.min(p.maxBytes, maxBytes) : Math.min(p.maxBytes, maxBytes - total);
      const records = budget > 0 || total === 0 ? log.read(p.fetchOffset, Math.max(budget, 1)) : Buffer.alloc(0);
      total += records.length;
      return { index: p.index, errorCode: ErrorCode.NONE, highWatermark: log.nextOffset, logStartOffset: log.logStartOffset, records };
    }),
  }));
  return { out, total, failed };
}

function waitForAppend(ctx: RequestContext, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => { clearTimeout(timer); unsubscribe(); resolve(); };
    const timer = setTimeout(done, ms);
    const unsubscribe = ctx.cluster.onAppend(done);
  });
}

export const fetch: ApiHandler = {
  key: 1,
  name: 'Fetch',
  minVersion: 4,
  maxVersion: 11,
  flexibleFrom: Infinity,
  async handle(ctx, r, version) {
    r.int32(); // replica id
    const maxWaitMs = r.int32();
    const minBytes = r.int32();
    const maxBytes = r.int32();
    r.int8(); // isolation level: no transactions, so both levels read the same
    if (version >= 7) { r.int32(); r.int32(); } // session id / epoch: we never open sessions
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.array((r): FetchPartition => {
        const index = r.int32();
        if (version >= 9) r.int32(); // current leader epoch
        const fetchOffset = r.int64n();
        if (version >= 5) r.int64(); // follower log start offset
        return { index, fetchOffset, maxBytes: r.int32() };
      }) ?? [],
    })) ?? [];
    if (version >= 7) r.array((r) => { r.string(); r.array((r) => r.int32()); });
    if (version >= 11) r.string(); // rack id

    const deadline = Date.now() + maxWaitMs;
    let result = readOnce(ctx, topics, maxBytes);
    while (!result.failed && result.total < minBytes && !ctx.conn.closed) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await waitForAppend(ctx, left);
      result = readOnce(ctx, topics, maxBytes);
    }

    const w = new Writer(1024 + result.total);
    w.int32(0);
    if (version >= 7) w.int16(ErrorCode.NONE).int32(0);
    w.array(result.out, (w, t) => {
      w.string(t.name);
      w.array(t.partitions, (w, p) => {
        w.int32(p.index).int16(p.errorCode).int64(p.highWatermark).int64(p.highWatermark);
        if (version >= 5) w.int64(p.logStartOffset);
        w.nullableArray(null, () => {}); // aborted transactions
        if (version >= 11) w.int32(-1);
        w.bytes(p.records);
      });
    });
    return w;
  },
};
