// Where the sandbox's connector lives: in the host, for as long as the sandbox is up. The walk's
// hand-off step hands over the Openflow parameter values; the supervisor runs the connector with
// them and keeps them (without the password, made fresh at every start) in connector.json, so a
// restarted sandbox resumes it — from the offsets it stored, so nothing is ingested twice.
import { readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { ConnectorPort } from '../../engine/ports.js';
import { parseConnectorParameters, type ConnectorSettings } from '../connector/parameters.js';

export const CONNECTOR_FILE = 'connector.json';
const PASSWORD = 'Kafka SASL Password';

export type ConnectorState = 'off' | 'starting' | 'running' | 'failed';

export interface ConnectorView {
  state: ConnectorState;
  /** Why it is not running, when it failed. */
  error?: string;
  settings?: ConnectorSettings;
}

export interface SupervisorOptions {
  dir: string;
  /** The sandbox's Kafka password of this run: what a resumed configuration connects with. */
  kafkaPassword: string;
  /** A new connector (one per start: a stopped one cannot start again). */
  create(): ConnectorPort;
  log(line: string): void;
}

export class ConnectorSupervisor implements ConnectorPort {
  private running: { port: ConnectorPort; key: string } | undefined;
  private view: ConnectorView = { state: 'off' };
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: SupervisorOptions) {}

  get status(): ConnectorView {
    return this.view;
  }

  /** Runs the connector with these parameters (the same ones again: nothing to do) and keeps them. */
  start(parameters: Record<string, string>): Promise<void> {
    return this.serially(async () => {
      const key = keyOf(parameters);
      if (this.running?.key === key && this.view.state === 'running') return;
      await this.halt();
      const settings = parseConnectorParameters(parameters);
      const port = this.opts.create();
      this.view = { state: 'starting', settings };
      try {
        await port.start(parameters);
      } catch (err) {
        await port.stop().catch(() => undefined);
        this.view = { state: 'failed', error: err instanceof Error ? err.message : String(err), settings };
        throw err;
      }
      this.running = { port, key };
      this.view = { state: 'running', settings };
      this.save(parameters);
    });
  }

  /** Stops the connector and forgets its configuration (the walk's cleanup). */
  stop(): Promise<void> {
    return this.serially(async () => {
      await this.halt();
      rmSync(this.file, { force: true });
      this.view = { state: 'off' };
      this.opts.log('connector stopped and its configuration removed');
    });
  }

  /** The configuration kept by an earlier run, started again; a failure is shown in the status. */
  async resume(): Promise<void> {
    const saved = this.load();
    if (!saved) return;
    this.view = { state: 'starting' };
    this.opts.log('resuming the connector with its saved configuration');
    await this.start({ ...saved, [PASSWORD]: this.opts.kafkaPassword }).catch((err: unknown) => {
      this.opts.log(`the connector did not resume: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  /** Stops the connector for the host's shutdown; its configuration stays for the next start. */
  shutdown(): Promise<void> {
    return this.serially(() => this.halt());
  }

  private async halt(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (running) await running.port.stop();
    if (this.view.state !== 'failed') this.view = { state: 'off' };
  }

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private get file(): string {
    return path.join(this.opts.dir, CONNECTOR_FILE);
  }

  /** Everything but the password, which is this run's and means nothing to the next one. */
  private save(parameters: Record<string, string>): void {
    const { [PASSWORD]: _password, ...kept } = parameters;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ parameters: kept }, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  private load(): Record<string, string> | undefined {
    try {
      const { parameters } = JSON.parse(readFileSync(this.file, 'utf8')) as { parameters?: Record<string, unknown> };
      if (!parameters || typeof parameters !== 'object') return undefined;
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(parameters)) if (typeof v === 'string') out[k] = v;
      return out;
    } catch {
      return undefined;
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
