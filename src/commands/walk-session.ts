// One walk's wiring: state store, ports, per-step contexts, the event hub, Ctrl-C. Shared by
// `run` (acting) and `status` (checking only).
import { StateStore } from '../engine/state.js';
import { StepFailure } from '../engine/step.js';
import { lockWalk, type WalkLock } from '../engine/walk-lock.js';
import { ensureDir } from '../engine/files.js';
import path from 'node:path';
import type { Step, StepContext, StepId, Ui } from '../engine/step.js';
import type { ConnectorPort, KafkaPort, WarehousePort } from '../engine/ports.js';
import type { WalkConfig } from '../config/types.js';
import { LogGenerator } from '../logs/index.js';
import { redactPanel } from '../engine/panel.js';
import { createEventHub, type EventHub } from '../app/source.js';
import { walkFor } from '../../steps/index.js';
import { namesFor } from '../names.js';
import { describeFailure } from './failure.js';
import { prepare, fingerprintOf, stateNameFor, type Prepared } from './prepare.js';
import type { GlobalOptions } from './global-options.js';
import type { WaitOptions } from './wait-options.js';

export interface WalkSession {
  prepared: Prepared;
  config: WalkConfig;
  store: StateStore;
  kafka: KafkaPort;
  warehouse?: WarehousePort;
  /** Why the configured Snowflake could not be opened, and the exit code that says so (only with `tolerateUnreachableSnowflake`). */
  snowflakeProblem?: { message: string; code: number };
  hub: EventHub;
  steps: Step[];
  controller: AbortController;
  contextFor(step: Step): StepContext;
  close(): Promise<void>;
}

/**
 * A question asked with no terminal to answer it: its headless answer, but a yes (an Openflow
 * deployment or runtime created or resumed, which uses credits) only with --yes: `run | tee
 * walk.log` or a script must not agree by itself. Without it the step stops and says so.
 */
export function answerWithoutTerminal(question: string, headlessAnswer: boolean, yes: boolean): Promise<boolean> {
  if (headlessAnswer && !yes) {
    return Promise.reject(new StepFailure(`${question.replace(/\?$/, '')}: asked without a terminal, so not done.`, 'Run the walk in a terminal to answer, or pass --yes to agree without one.'));
  }
  return Promise.resolve(headlessAnswer);
}

/**
 * `prepared` and `hub` may be made by the caller first: `run` resolves the config (prompts) and
 * mounts Ink before the heavy clients load, so the first frame is not kept waiting.
 */
export async function openWalkSession(
  opts: GlobalOptions,
  how: { interactive: boolean; cleanup?: boolean; waits?: WaitOptions; prepared?: Prepared; hub?: EventHub; controller?: AbortController; /** A walk (not a status): one at a time per state file. */ walk?: boolean; /** `status`: a Snowflake that cannot be reached leaves its steps unchecked instead of ending the command. */ tolerateUnreachableSnowflake?: boolean },
): Promise<WalkSession> {
  const prepared = how.prepared ?? (await prepare(opts, { interactive: how.interactive }));
  let lock: WalkLock | null = null;
  try {
    const config = await prepared.start();
    const store = await StateStore.open(prepared.stateDir, stateNameFor(opts), fingerprintOf(config));
    if (how.walk) {
      await ensureDir(path.dirname(store.file)); // a first walk's state folder is not made yet
      lock = lockWalk(store.file, opts.profile);
    }
    const kafka = await prepared.openKafka();
    let warehouse: WarehousePort | undefined;
    let snowflakeProblem: WalkSession['snowflakeProblem'];
    try {
      warehouse = await prepared.openWarehouse();
    } catch (err) {
      // Only out of reach (network, VPN, a silent host): refused credentials stay one line to fix.
      const failure = how.tolerateUnreachableSnowflake ? describeFailure(err) : undefined;
      if (!failure || !/^(Cannot reach Snowflake|Snowflake at .* did not answer within)/.test(failure.message)) throw err;
      snowflakeProblem = { message: prepared.redactor.redact(failure.message), code: failure.code };
    }
    const connector: ConnectorPort | undefined = await prepared.openConnector();
    const hub = how.hub ?? createEventHub();
    const controller = how.controller ?? new AbortController();
    const generator = new LogGenerator();

    const uiFor = (id: StepId): Ui => ({
      confirm: (question, o = {}) => {
        if (how.interactive) return hub.ask(id, question, { defaultAnswer: o.defaultAnswer, signal: controller.signal });
        return answerWithoutTerminal(question, o.headlessAnswer ?? false, opts.yes);
      },
      show: (panel) => hub.emit({ type: 'show', id, ...redactPanel(panel, (t) => prepared.redactor.redact(t)) }),
    });

    return {
      prepared,
      config,
      store,
      kafka,
      warehouse,
      hub,
      snowflakeProblem,
      steps: walkFor({ snowflake: warehouse !== undefined || snowflakeProblem !== undefined }, namesFor({ topic: config.kafka.topic, attendee: config.attendee })),
      controller,
      contextFor: (step) => ({
        config: { ...config, ...how.waits, cleanup: how.cleanup === true },
        kafka,
        warehouse,
        connector,
        generator,
        clock: { now: () => new Date() },
        ui: uiFor(step.id),
        signal: controller.signal,
        state: {
          outputOf: <T>(id: StepId) => (store.record(id)?.status === 'done' ? (store.record(id)?.outputs as T) : undefined),
          checkpoint: <T>() => store.record(step.id)?.checkpoint as T | undefined,
          saveCheckpoint: (data) => store.update(step.id, { checkpoint: data }),
        },
      }),
      close: async () => {
        try {
          await prepared.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    await prepared.close();
    throw err;
  }
}
