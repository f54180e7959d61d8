// The walk's wait limits from flags: every wait is bounded, and these move the bounds.
import { parsePositiveInt } from '../config/numbers.js';
import { UsageError } from './exit.js';

export interface WaitOptions {
  /** The hand-off's wait for the connector's consumer group (config.connectorWaitMs). */
  connectorWaitMs?: number;
  /** Each wait for an Openflow deployment or runtime status (config.openflowWaitMs). */
  openflowWaitMs?: number;
}

export function readWaitOptions(raw: Record<string, unknown>): WaitOptions {
  const seconds = (flag: string, value: unknown): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = parsePositiveInt(String(value), flag);
    if (!parsed.ok) throw new UsageError(`${parsed.problem.source}: ${parsed.problem.message}`);
    return parsed.value * 1000;
  };
  const out: WaitOptions = {};
  const connector = seconds('--connector-timeout', raw.connectorTimeout);
  const openflow = seconds('--openflow-timeout', raw.openflowTimeout);
  if (connector) out.connectorWaitMs = connector;
  if (openflow) out.openflowWaitMs = openflow;
  return out;
}
