// The emulated Openflow gen 2 objects: deployments (account-level) and runtimes (schema-level),
// kept as one JSON file next to the catalog so a restarted sandbox sees the same account. A
// status change that takes time on the real service (CREATING → ACTIVE, SUSPENDING → SUSPENDED…)
// is stored as "becomes <to>, begun at <time>" and settled whenever the object is read, so a walk
// that stops while a runtime is CREATING finds it ACTIVE (or still CREATING) in the next process.
// The change takes the store's transitionMs as it is when read: a sandbox restarted with a shorter
// OQS_SANDBOX_OPENFLOW_MS finishes what an earlier one began just as soon as a new one.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Catalog, QualifiedName } from '../catalog.js';
import { readJsonSync, writeAtomicallySync } from '../../../engine/files.js';

/** A status on its way to another one, like the real service's asynchronous operations. */
export interface Transition {
  to: string;
  /** epoch ms: when the change began (absent in files of older sandboxes) */
  since?: number;
  /** epoch ms: when it ends with the delay it began with */
  at: number;
  /** Why the object ends in a failed state (shown by the wait functions). */
  reason?: string;
}

export interface Lifecycle {
  status: string;
  transition?: Transition;
  /** Set with a failed status. */
  failure?: string;
  owner: string;
  key: string;
  displayName: string | null;
  comment: string | null;
  createdOn: string;
  updatedOn: string;
}

export interface Deployment extends Lifecycle {
  name: string;
  type: 'SNOWFLAKE' | 'BYOC';
  vpcType: string | null;
  usePrivateLink: boolean;
  useUserAuthOverPrivateLink: boolean;
  customIngressHostname: string | null;
}

export interface Runtime extends Lifecycle {
  /** [database, schema, name] */
  name: QualifiedName;
  deployment: string;
  nodeType: 'SMALL' | 'MEDIUM' | 'LARGE';
  nodeTypeTier: string;
  minNodes: number;
  maxNodes: number;
  executeAsRole: string;
  externalAccessIntegrations: string[];
}

interface OpenflowFile {
  version: 1;
  deployments: Deployment[];
  runtimes: Runtime[];
}

export interface OpenflowOptions {
  /** How long CREATING, UPDATING, SUSPENDING, TERMINATING… last (default 1500 ms). */
  transitionMs?: number;
  /** false: an account without Openflow gen 2 (the statements fail to compile). Default true. */
  gen2?: boolean;
}

/** Statuses an object only passes through. */
export const TRANSITIONAL = new Set(['CREATING', 'UPDATING', 'SUSPENDING', 'RESUMING', 'ACTIVATING', 'TERMINATING', 'DELETING', 'RESTARTING', 'UPGRADING', 'PROVISIONING']);

export function isFailed(status: string): boolean {
  return status.endsWith('_FAILED');
}

export class OpenflowStore {
  readonly deployments = new Map<string, Deployment>();
  private readonly runtimes = new Map<string, Runtime>();
  private readonly file: string;
  transitionMs: number;
  gen2: boolean;

  constructor(dir: string, opts: OpenflowOptions = {}) {
    this.file = join(dir, 'openflow.json');
    this.transitionMs = opts.transitionMs ?? 1_500;
    this.gen2 = opts.gen2 ?? true;
    if (existsSync(this.file)) {
      const data = readJsonSync<OpenflowFile>(this.file);
      for (const d of data.deployments) this.deployments.set(d.name, d);
      for (const r of data.runtimes) this.runtimes.set(r.name.join('.'), r);
    }
  }

  deployment(name: string): Deployment | undefined {
    const d = this.deployments.get(name);
    if (d) this.settle(d);
    return d;
  }

  allDeployments(): Deployment[] {
    const all = [...this.deployments.values()];
    all.forEach((d) => this.settle(d));
    return all;
  }

  runtime(name: QualifiedName): Runtime | undefined {
    const r = this.runtimes.get(name.join('.'));
    if (r) this.settle(r);
    return r;
  }

  allRuntimes(): Runtime[] {
    const all = [...this.runtimes.values()];
    all.forEach((r) => this.settle(r));
    return all;
  }

  putDeployment(d: Deployment): void {
    this.deployments.set(d.name, d);
    this.save();
  }

  putRuntime(r: Runtime): void {
    this.runtimes.set(r.name.join('.'), r);
    this.save();
  }

  removeDeployment(name: string): void {
    this.deployments.delete(name);
    this.save();
  }

  removeRuntime(name: QualifiedName): void {
    this.runtimes.delete(name.join('.'));
    this.save();
  }

  /** Starts an asynchronous change: `now` in `during`, then `to` (or a failed status with a reason). */
  begin(o: Lifecycle, during: string, to: string, reason?: string): void {
    o.status = during;
    const now = Date.now();
    o.transition = { to, since: now, at: now + this.transitionMs, ...(reason ? { reason } : {}) };
    o.failure = undefined;
    o.updatedOn = new Date().toISOString();
    this.save();
  }

  private settle(o: Lifecycle): void {
    const t = o.transition;
    if (!t || Date.now() < (t.since === undefined ? t.at : t.since + this.transitionMs)) return;
    o.status = t.to;
    o.failure = t.reason;
    o.transition = undefined;
    o.updatedOn = new Date().toISOString();
    this.save();
  }

  save(): void {
    const data: OpenflowFile = { version: 1, deployments: [...this.deployments.values()], runtimes: [...this.runtimes.values()] };
    writeAtomicallySync(this.file, JSON.stringify(data, null, 1));
  }
}

export function newKey(): string {
  return randomBytes(6).toString('hex');
}

// One store per emulated account, found from its catalog: the statement layer reaches it without
// another field in every context, and the sandbox's connector host reads the same one.
const stores = new WeakMap<Catalog, OpenflowStore>();

export function openflowOf(catalog: Catalog): OpenflowStore {
  let store = stores.get(catalog);
  if (!store) {
    store = new OpenflowStore(dirname(catalog.file));
    stores.set(catalog, store);
  }
  return store;
}

/** Called once by startWarehouse with the emulator's options. */
export function configureOpenflow(catalog: Catalog, opts: OpenflowOptions): OpenflowStore {
  const store = openflowOf(catalog);
  if (opts.transitionMs !== undefined) store.transitionMs = opts.transitionMs;
  if (opts.gen2 !== undefined) store.gen2 = opts.gen2;
  return store;
}
