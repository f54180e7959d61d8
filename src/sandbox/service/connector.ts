// Where the sandbox's connectors live: in the host, for as long as the sandbox is up — one per
// consumer group, as each attendee of a room has their own connector in their own runtime. The
// walk's hand-off step hands over the Openflow parameter values; the supervisor runs a connector
// with them and keeps them (without the password, made fresh at every start) in connectors.json,
// so a restarted sandbox resumes every one — from its stored offsets, so nothing is ingested twice.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ConnectorPort } from '../../engine/ports.js';
import { parseConnectorParameters, type ConnectorSettings } from '../connector/parameters.js';

export const CONNECTORS_FILE = 'connectors.json';
const PASSWORD = 'Kafka SASL Password';

export type ConnectorState = 'starting' | 'running' | 'failed';

export interface ConnectorView {
  state: ConnectorState;
  /** Why it is not running, when it failed. */
  error?: string;
  settings: ConnectorSettings;
}

export interface SupervisorOptions {
  dir: string;
  /** The sandbox's Kafka password of this run: what a resumed configuration connects with. */
  kafkaPassword: string;
  /** A new connector (one per start: a stopped one cannot start again). */
  create(): ConnectorPort;
  log(line: string): void;
}

interface Entry {
  view: ConnectorView;
  parameters: Record<string, string>;
  port?: ConnectorPort;
}

export class ConnectorSupervisor {
  /** By consumer group ("Kafka Group Id"): a configuration for a group replaces that group's connector. */
  private readonly connectors = new Map<string, Entry>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: SupervisorOptions) {}

  get status(): ConnectorView[] {
    return [...this.connectors.values()].map((e) => e.view);
  }

  /** Runs a connector with these parameters (the same ones again: nothing to do) and keeps them. */
  start(parameters: Record<string, string>): Promise<void> {
    return this.serially(async () => {
      const settings = parseConnectorParameters(parameters);
      const group = settings.groupId;
      const current = this.connectors.get(group);
      if (current?.port && current.view.state === 'running' && keyOf(current.parameters) === keyOf(parameters)) return;
      await this.halt(group);
      const port = this.opts.create();
      const entry: Entry = { view: { state: 'starting', settings }, parameters, port };
      this.connectors.set(group, entry);
      try {
        await port.start(parameters);
      } catch (err) {
        await port.stop().catch(() => undefined);
        entry.port = undefined;
        entry.view = { state: 'failed', error: err instanceof Error ? err.message : String(err), settings };
        throw err;
      }
      entry.view = { state: 'running', settings };
      this.save();
    });
  }

  /** Stops the group's connector and forgets its configuration (the walk's cleanup). */
  stop(group: string): Promise<void> {
    return this.serially(async () => {
      if (!this.connectors.has(group)) return;
      await this.halt(group);
      this.connectors.delete(group);
      this.save();
      this.opts.log(`connector of group ${group} stopped and its configuration removed`);
    });
  }

  /** The configurations kept by an earlier run, started again; a failure is shown in the status. */
  async resume(): Promise<void> {
    const saved = this.load();
    for (const parameters of saved) {
      try {
        // Shown as starting at once, so a status asked meanwhile does not say "none".
        const settings = parseConnectorParameters({ ...parameters, [PASSWORD]: this.opts.kafkaPassword });
        this.connectors.set(settings.groupId, { view: { state: 'starting', settings }, parameters });
      } catch {
        // not valid any more: start() below says why
      }
    }
    for (const parameters of saved) {
      this.opts.log(`resuming the connector of group ${parameters['Kafka Group Id'] ?? '?'} with its saved configuration`);
      await this.start({ ...parameters, [PASSWORD]: this.opts.kafkaPassword }).catch((err: unknown) => {
        // Its topic or table was dropped meanwhile (a cleanup): the configuration is forgotten.
        this.opts.log(`the connector of group ${parameters['Kafka Group Id'] ?? '?'} did not resume, its configuration is removed: ${err instanceof Error ? err.message : String(err)}`);
        return this.serially(async () => {
          const group = (parameters['Kafka Group Id'] ?? '').trim();
          if (this.connectors.get(group)?.view.state === 'failed') this.connectors.delete(group);
          this.save();
        });
      });
    }
  }

  /** Stops every connector for the host's shutdown; their configurations stay for the next start. */
  shutdown(): Promise<void> {
    return this.serially(async () => {
      await Promise.allSettled([...this.connectors.keys()].map((group) => this.halt(group)));
    });
  }

  private async halt(group: string): Promise<void> {
    const entry = this.connectors.get(group);
    const port = entry?.port;
    if (entry) entry.port = undefined;
    await port?.stop();
  }

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private get file(): string {
    return path.join(this.opts.dir, CONNECTORS_FILE);
  }

  /** Every running configuration, without the password: it is this run's and means nothing to the next. */
  private save(): void {
    const kept = [...this.connectors.values()]
      .filter((e) => e.view.state !== 'failed')
      .map(({ parameters }) => Object.fromEntries(Object.entries(parameters).filter(([k]) => k !== PASSWORD)));
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ connectors: kept }, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  private load(): Array<Record<string, string>> {
    try {
      const { connectors } = JSON.parse(readFileSync(this.file, 'utf8')) as { connectors?: unknown };
      if (!Array.isArray(connectors)) return [];
      return connectors.filter((c): c is Record<string, string> => !!c && typeof c === 'object' && Object.values(c).every((v) => typeof v === 'string'));
    } catch {
      return [];
    }
  }
}

/** What makes two configurations the same connector (the password differs per run, so not it). */
function keyOf(parameters: Record<string, string>): string {
  return JSON.stringify(
    Object.entries(parameters)
      .filter(([k]) => k !== PASSWORD)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
