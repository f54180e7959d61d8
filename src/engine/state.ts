// The state file: one JSON per profile, a cache of what happened (the real systems are the
// truth). Written atomically (temp + fsync + rename), mode 0600. A corrupt or newer-version
// file is never overwritten: the caller gets a StateError naming the backup kept.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { StepId } from './step.js';
import { sweepStaleTemps, writeAtomically } from './files.js';

export { writeAtomically };
import type { Panel } from './panel.js';
import { checkBrokerList } from '../config/brokers.js';
import { checkTopic } from '../config/topic.js';

export const STATE_SCHEMA_VERSION = 1;

export const STEP_STATUSES = ['running', 'done', 'failed', 'interrupted', 'kept'] as const;

export interface StepRecord {
  /** `kept`: the person declined (e.g. cleanup): nothing was changed, and it is not done. */
  status: (typeof STEP_STATUSES)[number];
  startedAt?: string;
  endedAt?: string;
  summary?: string;
  outputs?: unknown;
  checkpoint?: unknown;
  error?: { message: string; hint?: string };
  /** What the step's last run showed, for `show` and the review (absent in files of older versions). */
  review?: StepReview;
}

/** Already redacted when recorded. */
export interface StepReview {
  manual?: string;
  /** The notes the step wrote while running: what it did. */
  notes: string[];
  panels: Panel[];
}

export interface StateFile {
  schemaVersion: number;
  profile: string;
  /** Hash of the non-secret config; a different one means "another setup" and is shown. */
  configFingerprint: string;
  createdAt: string;
  updatedAt: string;
  steps: Partial<Record<StepId, StepRecord>>;
}

export class StateError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    /** The state file cannot be used (not valid, or from a newer version); a copy was kept here. */
    readonly backup?: string,
  ) {
    super(message);
    this.name = 'StateError';
  }
}

/** No '.': a profile's sandbox folder is named after it beside every profile's files (b.json,
 * b.json.lock, b.json.<time>.bak), so profile "b.json" took over profile b's state file. */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function validateProfileName(profile: string): string | null {
  return PROFILE_NAME.test(profile) ? null : `profile ${JSON.stringify(profile)} must be 1-64 letters, digits, '_' or '-', starting with a letter or digit`;
}

export class StateStore {
  private constructor(
    readonly file: string,
    private data: StateFile,
  ) {}

  static fileFor(stateDir: string, profile: string): string {
    return path.join(stateDir, `${profile}.json`);
  }

  /** Opens (or starts) the state of a profile. Throws StateError on a corrupt or newer file. */
  static async open(stateDir: string, profile: string, configFingerprint: string): Promise<StateStore> {
    const file = StateStore.fileFor(stateDir, profile);
    // A process killed between writing its temporary state file and renaming it left that file.
    await sweepStaleTemps(file);
    let text: string | null = null;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new StateError(`cannot read state file ${file}: ${(err as Error).message}`, 'Check the file permissions, or pass --state-dir.');
      }
    }
    const now = new Date().toISOString();
    if (text === null) {
      return new StateStore(file, { schemaVersion: STATE_SCHEMA_VERSION, profile, configFingerprint, createdAt: now, updatedAt: now, steps: {} });
    }
    const parsed = parseState(text);
    if (!parsed.ok) {
      const backup = await keepBackup(file, text);
      throw new StateError(
        `state file ${file} is not valid (${parsed.why}); it was left untouched and a copy kept at ${backup}`,
        `Inspect or delete it, or start over with: openflow-kafka-quickstart reset --profile ${profile} (and the --state-dir, --sandbox or --attendee given here)`,
        backup,
      );
    }
    if (parsed.state.schemaVersion > STATE_SCHEMA_VERSION) {
      const backup = await keepBackup(file, text);
      throw new StateError(
        `state file ${file} was written by a newer version of openflow-kafka-quickstart (schema ${parsed.state.schemaVersion}, this one reads ${STATE_SCHEMA_VERSION}); a copy is kept at ${backup}`,
        'Upgrade openflow-kafka-quickstart, or use another --profile or --state-dir.',
        backup,
      );
    }
    return new StateStore(file, parsed.state);
  }

  get snapshot(): Readonly<StateFile> {
    return this.data;
  }

  record(id: StepId): StepRecord | undefined {
    return this.data.steps[id];
  }

  async update(id: StepId, patch: Partial<StepRecord>): Promise<void> {
    const previous = this.data.steps[id] ?? { status: 'running' };
    this.data.steps[id] = { ...previous, ...patch };
    await this.save();
  }

  /** Forgets one step, or all of them. Touches no external system. */
  async reset(id?: StepId): Promise<void> {
    if (id) delete this.data.steps[id];
    else this.data.steps = {};
    await this.save();
  }

  async save(): Promise<void> {
    this.data.updatedAt = new Date().toISOString();
    await writeAtomically(this.file, JSON.stringify(this.data, null, 2) + '\n');
  }
}

type Parsed = { ok: true; state: StateFile } | { ok: false; why: string };

function parseState(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, why: `not JSON: ${(err as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, why: 'not a JSON object' };
  const v = value as Record<string, unknown>;
  if (typeof v.schemaVersion !== 'number' || !Number.isInteger(v.schemaVersion)) return { ok: false, why: 'no schemaVersion' };
  if (typeof v.steps !== 'object' || v.steps === null || Array.isArray(v.steps)) return { ok: false, why: 'no steps object' };
  if (typeof v.profile !== 'string') return { ok: false, why: 'no profile' };
  const badOutput = checkRecordedOutputs(v.steps as Record<string, unknown>);
  if (badOutput) return { ok: false, why: badOutput };
  return {
    ok: true,
    state: {
      schemaVersion: v.schemaVersion,
      profile: v.profile,
      configFingerprint: typeof v.configFingerprint === 'string' ? v.configFingerprint : '',
      createdAt: typeof v.createdAt === 'string' ? v.createdAt : new Date().toISOString(),
      updatedAt: typeof v.updatedAt === 'string' ? v.updatedAt : new Date().toISOString(),
      steps: v.steps as StateFile['steps'],
    },
  };
}

/**
 * The recorded values that later reach Kafka or rendered SQL (the topic, the network rule's broker
 * list) are checked as strictly as when they were first given: a hand-edited state file is input too.
 */
function checkRecordedOutputs(steps: Record<string, unknown>): string | null {
  for (const [id, record] of Object.entries(steps)) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return `step ${id} is not an object`;
    const r = record as Record<string, unknown>;
    if (!(STEP_STATUSES as readonly unknown[]).includes(r.status)) return `step ${id} has no valid status`;
    const out = r.outputs as Record<string, unknown> | undefined;
    if (out === undefined || out === null) continue;
    if (typeof out !== 'object') return `${id}: outputs is not an object`;
    if ('topic' in out) {
      const topic = typeof out.topic === 'string' ? checkTopic(out.topic) : { errors: ['the topic is not a string'] };
      if (topic.errors.length > 0) return `${id}: recorded topic: ${topic.errors[0]}`;
    }
    if (id === 'extract-brokers') {
      const list = out.valueList;
      if (!Array.isArray(list) || list.length === 0) return `${id}: the recorded broker list is not a list of host:port`;
      for (const entry of list) {
        const checked = typeof entry === 'string' && !entry.includes(',') ? checkBrokerList(entry) : undefined;
        if (!checked || checked.errors.length > 0) return `${id}: recorded broker ${JSON.stringify(entry)} is not host:port${checked ? ` (${checked.errors[0]})` : ''}`;
      }
    }
  }
  return null;
}


async function keepBackup(file: string, text: string): Promise<string> {
  // The same bad file met again (every command meets it) keeps the copy it already has.
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  for (const name of (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(prefix) && n.endsWith('.bak')).sort().reverse()) {
    if ((await fs.readFile(path.join(dir, name), 'utf8').catch(() => null)) === text) return path.join(dir, name);
  }
  const backup = `${file}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
  await fs.writeFile(backup, text, { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return backup;
}
