// Test harness for the Snowflake-side steps: the local Snowflake emulator in a temp dir reached
// through the real snowflake-sdk, and a StepContext whose state, UI and progress are recorded
// in memory so a test can look at what the step showed, noted and saved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, type WalkConfig } from '../../src/config/types.js';
import type { KafkaPort, WarehousePort } from '../../src/engine/ports.js';
import type { Progress, ProgressUpdate, Step, StepContext, StepId } from '../../src/engine/step.js';
import { LogGenerator } from '../../src/logs/index.js';
import { startWarehouse, type RunningWarehouse } from '../../src/sandbox/warehouse/index.js';
import type { OpenflowOptions } from '../../src/sandbox/warehouse/openflow/store.js';
import { connectWarehouse } from '../../src/snowflake/connect.js';

export function tempDir(prefix = 'oqs-steps-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface SandboxWarehouse {
  running: RunningWarehouse;
  warehouse: WarehousePort;
  /** Another session of the same user (a second snowflake-sdk connection). */
  connect(): Promise<WarehousePort>;
  /** The emulator stopped and started again on the same data (a new `running` and `warehouse`), e.g. with other Openflow delays. */
  restart(openflow?: OpenflowOptions): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'QUICKSTART_USER';
const PASSWORD = 'sandbox-test-password-1';

export async function startSandboxWarehouse(opts: { openflowAdmin?: boolean; roles?: string[]; openflow?: OpenflowOptions } = {}): Promise<SandboxWarehouse> {
  const dataDir = tempDir('oqs-warehouse-');
  const start = (openflow?: OpenflowOptions) =>
    startWarehouse({
      dataDir,
      users: [{ name: USER, password: PASSWORD, ...(opts.roles ? { roles: opts.roles, defaultRole: opts.roles[0] } : {}) }],
      openflowAdmin: opts.openflowAdmin ?? true,
      // Openflow changes take 300 ms here, not minutes: long enough to be seen CREATING.
      openflow: { transitionMs: 300, ...openflow },
    });
  const sessions: WarehousePort[] = [];
  const sb: SandboxWarehouse = {
    running: await start(opts.openflow),
    warehouse: undefined as unknown as WarehousePort,
    async connect() {
      const w = await connectWarehouse({
        account: sb.running.account,
        user: USER,
        auth: 'password',
        password: new Secret(PASSWORD),
        accessUrl: sb.running.accessUrl,
        ...(opts.roles ? { role: opts.roles[0] } : {}),
        sources: {},
      });
      sessions.push(w);
      return w;
    },
    async restart(openflow) {
      await Promise.allSettled(sessions.splice(0).map((s) => s.close()));
      await sb.running.stop();
      sb.running = await start(openflow ?? opts.openflow);
      sb.warehouse = await sb.connect();
    },
    async stop() {
      await Promise.allSettled(sessions.map((s) => s.close()));
      await sb.running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  sb.warehouse = await sb.connect();
  return sb;
}

/** A KafkaPort for steps that must not touch Kafka: any use fails the test. */
export const kafkaNotUsed: KafkaPort = new Proxy({} as KafkaPort, {
  get(_target, prop) {
    if (prop === 'then') return undefined;
    throw new Error(`this test does not expect Kafka to be used (KafkaPort.${String(prop)})`);
  },
});

export function testConfig(extra: Partial<WalkConfig> & Record<string, unknown> = {}): WalkConfig {
  return {
    profile: 'test',
    stateDir: '/nonexistent',
    seed: 42,
    target: 'sandbox',
    partitions: 3,
    kafka: { brokers: ['127.0.0.1:19092'], topic: 'application-logs', securityProtocol: 'PLAINTEXT', sources: {} },
    ...extra,
  };
}

export interface Recorded {
  ctx: StepContext;
  shown: Array<{ title: string; body: string }>;
  questions: Array<{ question: string; headlessAnswer?: boolean }>;
  notes: string[];
  reports: ProgressUpdate[];
  progress: Progress;
  outputs: Map<StepId, unknown>;
  checkpoint(): unknown;
  /** Runs the step and, like the runner, records its outputs on success. */
  run<T>(step: Step<T>): Promise<T>;
}

/** A context recorded in memory. `confirm` answers as a headless walk does: headlessAnswer, else no. */
export function recordedContext(opts: {
  config?: WalkConfig;
  warehouse?: WarehousePort;
  kafka?: KafkaPort;
  outputs?: Partial<Record<StepId, unknown>>;
  connector?: StepContext['connector'];
  signal?: AbortSignal;
}): Recorded {
  const outputs = new Map<StepId, unknown>(Object.entries(opts.outputs ?? {}) as Array<[StepId, unknown]>);
  const checkpoints = new Map<StepId, unknown>();
  let current: StepId | undefined;
  const shown: Recorded['shown'] = [];
  const questions: Recorded['questions'] = [];
  const notes: string[] = [];
  const reports: ProgressUpdate[] = [];
  const ctx: StepContext = {
    config: opts.config ?? testConfig(),
    kafka: opts.kafka ?? kafkaNotUsed,
    warehouse: opts.warehouse,
    connector: opts.connector,
    generator: new LogGenerator(),
    clock: { now: () => new Date() },
    signal: opts.signal ?? new AbortController().signal,
    ui: {
      confirm: async (question, o = {}) => {
        questions.push({ question, headlessAnswer: o.headlessAnswer });
        return o.headlessAnswer ?? false;
      },
      show: (block) => shown.push(block),
    },
    state: {
      outputOf: <T>(id: StepId) => outputs.get(id) as T | undefined,
      checkpoint: <T>() => (current ? (checkpoints.get(current) as T | undefined) : undefined),
      saveCheckpoint: async (data) => {
        if (current) checkpoints.set(current, JSON.parse(JSON.stringify(data)));
      },
    },
  };
  const progress: Progress = { report: (u) => reports.push(u), note: (line) => notes.push(line) };
  return {
    ctx,
    shown,
    questions,
    notes,
    reports,
    progress,
    outputs,
    checkpoint: () => (current ? checkpoints.get(current) : undefined),
    async run<T>(step: Step<T>) {
      current = step.id;
      const out = await step.run(ctx, progress);
      outputs.set(step.id, JSON.parse(JSON.stringify(out)));
      return out;
    },
  };
}

/** What extract-brokers records, for a given VALUE_LIST. */
export function brokersOutput(valueList: string[]) {
  return { brokers: [], bootstrap: [valueList[0]], valueList, wildcard: null };
}
