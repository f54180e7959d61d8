// The step contract (DESIGN.md): `check` observes the real systems, `run` acts.
// A step imports no client library; everything arrives through StepContext.
import type { KafkaPort, LogGeneratorPort, WarehousePort, ConnectorPort } from './ports.js';
import type { WalkConfig } from '../config/types.js';
import type { Panel } from './panel.js';

export const STEP_IDS = [
  'preflight',
  'create-topic',
  'extract-brokers',
  'setup-sql',
  'openflow-deployment',
  'openflow-runtime',
  'openflow-connector',
  'produce-base-logs',
  'verify-base-columns',
  'produce-evolved-logs',
  'verify-evolved-columns',
  'analytics-tour',
  'cleanup',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/** What `check` found on the real systems. */
export type Check =
  /**
   * `outputs`: what run would have returned, rebuilt from what the step saved as it went. The runner
   * records them when the walk was stopped after the step finished but before its outputs were saved.
   */
  | { state: 'done'; summary?: string; outputs?: unknown }
  /** `recurring`: runs on every walk (preflight), so being recorded done is no drift. */
  | { state: 'pending'; reason?: string; recurring?: boolean }
  | { state: 'blocked'; reason: string }
  /** Differs from what the step would make. `diff` lines say what differs, `fix` what to do. */
  | { state: 'drifted'; diff: string[]; fix?: string };

export interface ProgressUpdate {
  done: number;
  total: number;
  /** e.g. "records" */
  unit?: string;
  /** e.g. "p0@12 p1@9 p2@14" */
  detail?: string;
}

export interface Progress {
  report(update: ProgressUpdate): void;
  /** One line a person should read (shown in the detail pane / printed headless). */
  note(line: string): void;
}

/** Recorded data of steps, read and written through the context (never secrets). */
export interface StepStateView {
  /** Outputs recorded by an earlier step's successful run. */
  outputOf<T = unknown>(id: StepId): T | undefined;
  /** This step's own checkpoint (survives interruption), e.g. the run id of a produce batch. */
  checkpoint<T = unknown>(): T | undefined;
  saveCheckpoint<T>(data: T): Promise<void>;
}

export interface Ui {
  /** Ask a yes/no question. Headless: answered by flags (--yes, --cleanup), never blocks. */
  confirm(question: string, opts?: { defaultAnswer?: boolean; headlessAnswer?: boolean }): Promise<boolean>;
  /** Show a panel the person reads or acts on (Openflow parameter tables, results, charts). */
  show(panel: Panel): void;
}

export interface StepContext {
  config: WalkConfig;
  kafka: KafkaPort;
  warehouse?: WarehousePort;
  connector?: ConnectorPort;
  generator: LogGeneratorPort;
  clock: { now(): Date };
  state: StepStateView;
  ui: Ui;
  signal: AbortSignal;
}

export interface Step<Out = unknown> {
  id: StepId;
  title: string;
  explain: string;
  manual(ctx: StepContext): string;
  check(ctx: StepContext): Promise<Check>;
  run(ctx: StepContext, progress: Progress): Promise<Out>;
  /** One line for the step list once done, from what run returned. */
  summarize?(out: Out): string;
  /** True when the person declined what the step offered: it is recorded and shown as kept, not done. */
  kept?(out: Out): boolean;
}

/** A failure a person can act on: a message, and what to do about it. Never a stack trace. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}
