// Is this profile's sandbox running? Its card must name a live process that answers on the
// control endpoint with its own pid: a card whose process is gone (killed, crashed, or its pid
// now someone else's) is stale and blocks nothing.
import { setTimeout as sleep } from 'node:timers/promises';
import { callControl } from './control.js';
import { pidAlive, readRecord, type ServiceRecord } from './record.js';

export type Found = { state: 'running'; record: ServiceRecord } | { state: 'stale'; record: ServiceRecord } | { state: 'none' };

export async function findService(dir: string, opts: { waitMs?: number } = {}): Promise<Found> {
  const deadline = Date.now() + (opts.waitMs ?? 0);
  for (;;) {
    const found = await lookOnce(dir);
    if (found.state === 'running' || Date.now() >= deadline) return found;
    await sleep(100);
  }
}

async function lookOnce(dir: string): Promise<Found> {
  const record = readRecord(dir);
  if (!record) return { state: 'none' };
  if (!pidAlive(record.pid)) return { state: 'stale', record };
  // Twice, with room: on a crowded machine a busy host can take seconds to answer.
  for (const timeoutMs of [3_000, 5_000]) {
    try {
      const { pid } = await callControl<{ pid: number }>(record, 'GET', '/ping', { timeoutMs });
      return pid === record.pid ? { state: 'running', record } : { state: 'stale', record };
    } catch {
      // no answer yet
    }
    if (!pidAlive(record.pid)) break;
  }
  return { state: 'stale', record };
}
