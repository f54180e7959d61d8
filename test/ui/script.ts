// A scripted walk for the UI tests: the thirteen steps of the tutorial, and helpers to drive them.
import type { PlanEntry, StepStatus, WalkEvent } from '../../src/engine/events.js';
import { STEP_IDS, type StepId } from '../../src/engine/step.js';

const TITLES: Record<StepId, string> = {
  preflight: 'Preflight checks',
  'create-topic': 'Create topic',
  'extract-brokers': 'Extract broker addresses',
  'setup-sql': 'Set up Snowflake objects',
  'openflow-deployment': 'Openflow deployment',
  'openflow-runtime': 'Openflow runtime',
  'openflow-connector': 'Openflow connector',
  'produce-base-logs': 'Produce base logs',
  'verify-base-columns': 'Verify 11 base columns',
  'produce-evolved-logs': 'Produce evolved logs',
  'verify-evolved-columns': 'Verify 37 columns',
  'analytics-tour': 'Analytics tour',
  cleanup: 'Clean up',
};

export function entry(id: StepId, status: StepStatus = 'pending', extra: Partial<PlanEntry> = {}): PlanEntry {
  return {
    id,
    title: TITLES[id],
    explain: `Explains ${TITLES[id]} in the tutorial's terms: what it does and why a person would want it done, in one paragraph that is long enough to wrap.`,
    manual: id === 'create-topic' ? 'rpk topic create application-logs -p 3 -r 3' : `manual ${id}`,
    // As the real steps: preflight and cleanup run on every walk.
    check: status === 'done' ? { state: 'done', summary: `${id} was done` } : { state: 'pending', ...((id === 'preflight' || id === 'cleanup') && { recurring: true }) },
    action: status === 'skipped' ? 'skip' : 'run',
    status,
    ...extra,
  };
}

export function plan(statuses: Partial<Record<StepId, StepStatus>> = {}, extra: Partial<Record<StepId, Partial<PlanEntry>>> = {}): WalkEvent {
  return {
    type: 'plan',
    target: 'sandbox',
    profile: 'default',
    entries: STEP_IDS.map((id) => entry(id, statuses[id] ?? 'pending', extra[id])),
  };
}

/** Every step before `id` done, with step-start/step-end events as the runner emits them. */
export function doneUpTo(id: StepId): WalkEvent[] {
  const events: WalkEvent[] = [];
  for (const step of STEP_IDS) {
    if (step === id) break;
    events.push({ type: 'step-start', id: step, at: 1000 });
    events.push({ type: 'step-end', id: step, status: 'done', summary: `${step} ok`, durationMs: 400 });
  }
  return events;
}

export const OPENFLOW_TABLES: WalkEvent[] = ['Source', 'Destination', 'Ingestion'].map((context) => ({
  type: 'show',
  id: 'openflow-connector',
  title: `Kafka JSON SASL SCHEMAEV ${context} Parameters`,
  body: [1, 2, 3, 4, 5].map((n) => `${context} parameter ${n}            value-${n}-for-${context.toLowerCase()}-that-is-rather-long`).join('\n'),
}));
