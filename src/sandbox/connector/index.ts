// The sandbox's stand-in for Openflow's "Kafka JSON SASL SCHEMAEV" connector: started with the
// very parameter values a person types into Openflow, it consumes the topics in the given group
// and writes each JSON record as a row of the topic's table, creating and evolving the table from
// the data. Exactly once: rows and per-partition offsets commit in one warehouse transaction.
import type { ConnectorPort, WarehousePort } from '../../engine/ports.js';
import type { ConnectorGate } from '../warehouse/openflow/egress.js';
import { createGroupConsumer, type GroupConsumer, type PartitionBatch } from '../../kafka/group-consumer.js';
import { OFFSETS_TABLE, OffsetsTable, offsetKey, type StoredOffset } from './offsets.js';
import { parseConnectorParameters, type ConnectorSettings, type TopicTarget } from './parameters.js';
import { decodeValue, type Row } from './records.js';
import { TableWriter } from './table-writer.js';

export { ConnectorParameterError } from './parameters.js';
export { OFFSETS_TABLE } from './offsets.js';

export interface SandboxConnectorOptions {
  /** The runtime's own Snowflake session (Openflow's SNOWFLAKE_SESSION_TOKEN strategy): a new snowflake-sdk session using this role, database and schema. */
  openWarehouse(target: { role: string; database: string; schema: string }): Promise<WarehousePort>;
  /** One line per notable event (joined, table created, columns added, batch written n rows @offsets). Never secrets. */
  log?: (line: string) => void;
  /** How long a field may stay null-only before it gets a TEXT column (default 1500 ms). */
  nullColumnGraceMs?: number;
  /**
   * The emulated Openflow runtime's say (the runtime in its Destination Database running as its
   * Snowflake Role): asked at start, and every second while it runs. A closed gate refuses the start, or stops the running connector (the runtime was
   * suspended, lost its integration…); its endpoints are all the connector may dial.
   */
  gate?: (target: { database: string; role: string }) => ConnectorGate;
}

/** The runtime does not let the connector run (not ACTIVE, no integration). */
export class ConnectorGateError extends Error {
  override name = 'ConnectorGateError';
}

const GATE_POLL_MS = 1_000;

const RETRY_PAUSE_MS = 1_000;
/** Superseded offset rows are deleted every this many batches (per partition written). */
const COMPACT_EVERY_BATCHES = 100;

export function createSandboxConnector(opts: SandboxConnectorOptions): ConnectorPort {
  const log = opts.log ?? (() => undefined);
  let current: Promise<RunningConnector> | undefined;
  let stopping: Promise<void> | undefined;
  let watch: NodeJS.Timeout | undefined;
  return {
    async start(parameters) {
      if (stopping) throw new Error('the connector was stopped; create a new one to start again');
      const settings = parseConnectorParameters(parameters);
      const gate = opts.gate;
      if (gate) {
        const now = gate(settings);
        if (!now.run) throw new ConnectorGateError(`the connector cannot run: ${now.reason}`);
        settings.kafka.egress = now.endpoints;
      }
      current ??= RunningConnector.start(settings, opts, log).catch((err: unknown) => {
        current = undefined;
        throw err;
      });
      await current;
      if (gate && !watch) {
        // The runtime may be suspended, terminated or lose its integration while the connector runs.
        watch = setInterval(() => {
          const now = gate(settings);
          if (now.run || !current) return;
          log(`stopping: ${now.reason}`);
          const running = current;
          current = undefined;
          void running.then((r) => r.stop()).catch(() => undefined);
        }, GATE_POLL_MS);
        watch.unref();
      }
    },
    stop() {
      clearInterval(watch);
      stopping ??= (async () => {
        const running = await current?.catch(() => undefined);
        await running?.stop();
      })();
      return stopping;
    },
  };
}

class RunningConnector {
  private session: WarehousePort | undefined;
  private readonly positions = new Map<string, bigint>();
  /** Each partition's high watermark as last seen (at start, then with every batch). */
  private readonly highWatermarks = new Map<string, bigint>();
  /** The offset a partition was last sought to: a batch starting past it there is a real gap. */
  private readonly soughtTo = new Map<string, bigint>();
  private readonly writers = new Map<string, TableWriter>();
  private readonly targets = new Map<string, TopicTarget>();
  private readonly offsets: OffsetsTable;
  private consumer!: GroupConsumer;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly batchesSinceCompaction = new Map<string, number>();

  private constructor(
    private readonly settings: ConnectorSettings,
    private readonly opts: SandboxConnectorOptions,
    private readonly log: (line: string) => void,
  ) {
    this.offsets = new OffsetsTable(settings.database, settings.schema);
    for (const t of settings.targets) {
      this.targets.set(t.topic, t);
      this.writers.set(t.topic, new TableWriter(settings.database, settings.schema, t.table, log, opts.nullColumnGraceMs ?? 1_500));
    }
  }

  static async start(settings: ConnectorSettings, opts: SandboxConnectorOptions, log: (line: string) => void): Promise<RunningConnector> {
    const c = new RunningConnector(settings, opts, log);
    try {
      await c.begin();
      return c;
    } catch (err) {
      await c.stop();
      throw err;
    }
  }

  private async begin(): Promise<void> {
    const s = this.settings;
    const w = await this.warehouse();
    await w.execute(this.offsets.createSql());
    this.consumer = createGroupConsumer({
      kafka: s.kafka,
      groupId: s.groupId,
      topics: s.targets.map((t) => t.topic),
      fromBeginning: s.autoOffsetReset === 'earliest',
      positionOf: (topic, partition) => this.positions.get(this.key(topic, partition))?.toString(),
      onBatch: (batch) => this.serially(() => this.handle(batch)),
      log: this.log,
    });
    await this.pinStartPositions(w);
    await this.consumer.start();
    this.timer = setInterval(() => void this.serially(() => this.settleNullOnly()), 250);
    this.timer.unref();
    this.log(`running: group ${s.groupId}, ${s.targets.map((t) => `${t.topic} → ${s.database}.${s.schema}."${t.table}"`).join(', ')}`);
  }

  /**
   * Every partition starts at its stored offset; one without starts at the high watermark now
   * ('latest') or the low one ('earliest'), stored at once, so records produced right after start
   * resolves are never skipped, even if joining the group takes a while or the connector restarts.
   */
  private async pinStartPositions(w: WarehousePort): Promise<void> {
    const stored = await this.offsets.read(w);
    for (const target of this.settings.targets) {
      const partitions = await this.consumer.partitions(target.topic);
      if (!partitions) {
        throw new Error(`Openflow parameter "Kafka Topics": topic "${target.topic}" does not exist on ${this.settings.kafka.brokers.join(',')}`);
      }
      const pins: StoredOffset[] = [];
      for (const p of partitions) {
        const key = this.key(target.topic, p.partition);
        const low = BigInt(p.low);
        const high = BigInt(p.high);
        this.highWatermarks.set(key, high);
        const have = stored.get(key)?.next;
        if (have !== undefined && have >= low && have <= high) {
          this.positions.set(key, have);
          continue;
        }
        const next = this.settings.autoOffsetReset === 'latest' ? high : low;
        if (have !== undefined) this.log(`${target.topic}[${p.partition}]: stored offset ${have} is outside ${low}..${high}; starting at ${this.settings.autoOffsetReset} ${next}`);
        this.positions.set(key, next);
        pins.push({ table: target.table, topic: target.topic, partition: p.partition, next });
      }
      for (const pin of pins) await w.execute(this.offsets.storeSql(pin));
      for (const [key, o] of stored) if (this.positions.get(key) === o.next) await w.execute(this.offsets.compactSql(o));
      this.log(`${target.topic}: starting at ${partitions.map((p) => `${p.partition}@${this.positions.get(this.key(target.topic, p.partition))}`).join(' ')}`);
    }
  }

  private key(topic: string, partition: number): string {
    return offsetKey(this.targets.get(topic)?.table ?? topic.toUpperCase(), topic, partition);
  }

  /** The consumer and the null-column timer share one session: one thing at a time. */
  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async warehouse(): Promise<WarehousePort> {
    if (!this.session) {
      const { role, database, schema } = this.settings;
      const w = await this.opts.openWarehouse({ role, database, schema });
      this.session = w;
      for (const writer of this.writers.values()) await writer.load(w);
    }
    return this.session;
  }

  /** After a failure: drop the session, reload positions and columns from the warehouse. */
  private async recover(): Promise<void> {
    const old = this.session;
    this.session = undefined;
    await old?.close().catch(() => undefined);
    const w = await this.warehouse();
    const stored = await this.offsets.read(w);
    for (const [key, o] of stored) if (this.positions.has(key)) this.positions.set(key, o.next);
  }

  private async handle(batch: PartitionBatch): Promise<string | null> {
    if (this.stopped) return null;
    const target = this.targets.get(batch.topic);
    if (!target || batch.records.length === 0) return null;
    const key = this.key(batch.topic, batch.partition);
    this.highWatermarks.set(key, BigInt(batch.highWatermark));
    const first = BigInt(batch.records[0]!.offset);
    let position = this.positions.get(key);
    if (position === undefined) {
      // A partition added after start: it begins where the group put it.
      position = first;
      this.positions.set(key, position);
    }
    if (first > position && this.soughtTo.get(key) !== position) {
      // Records before this batch are not ingested yet: read from the stored position.
      this.soughtTo.set(key, position);
      this.consumer.seek(batch.topic, batch.partition, position.toString());
      return null;
    }
    this.soughtTo.delete(key);
    const fresh = batch.records.filter((r) => BigInt(r.offset) >= position);
    if (fresh.length === 0) return position.toString();

    const rows: Row[] = [];
    for (const r of fresh) {
      const decoded = decodeValue(r.value);
      if ('problem' in decoded) this.log(`skipped ${batch.topic}[${batch.partition}]@${r.offset}: ${decoded.problem}`);
      else for (const row of decoded.rows) rows.push(row);
    }
    const next = BigInt(fresh[fresh.length - 1]!.offset) + 1n;
    try {
      await this.write(target, batch, rows, next);
    } catch (err) {
      this.log(`writing ${batch.topic}[${batch.partition}]@${fresh[0]!.offset}..${next - 1n} failed, will retry: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
      try {
        await this.recover();
      } catch (e) {
        this.log(`reconnecting to the warehouse failed: ${(e as Error).message}`);
      }
      this.consumer.seek(batch.topic, batch.partition, (this.positions.get(key) ?? position).toString());
      return null;
    }
    this.positions.set(key, next);
    this.log(`wrote ${rows.length} rows to ${target.table} from ${batch.topic}[${batch.partition}]@${fresh[0]!.offset}..${next - 1n}`);
    return next.toString();
  }

  private async write(target: TopicTarget, batch: PartitionBatch, rows: Row[], next: bigint): Promise<void> {
    const w = await this.warehouse();
    const writer = this.writers.get(target.topic)!;
    // Adding the evolved logs' 26 columns is 26 statements: heartbeat between them as between
    // inserts, or on a loaded machine the group drops this member mid-evolution.
    const beating: WarehousePort = {
      execute: async (sql, binds) => {
        const result = await w.execute(sql, binds);
        await batch.heartbeat();
        return result;
      },
      close: () => w.close(),
    };
    if (rows.length > 0) await writer.evolve(beating, rows);
    const { statements, lost } = rows.length > 0 ? writer.insertStatements(rows) : { statements: [], lost: [] };
    const offset: StoredOffset = { table: target.table, topic: target.topic, partition: batch.partition, next };
    await w.execute('BEGIN');
    try {
      for (const { sql, binds } of statements) {
        await w.execute(sql, binds);
        await batch.heartbeat();
      }
      await w.execute(this.offsets.storeSql(offset));
      await w.execute('COMMIT');
    } catch (err) {
      await w.execute('ROLLBACK').catch(() => undefined);
      throw err;
    }
    const key = offsetKey(offset.table, offset.topic, offset.partition);
    const batches = (this.batchesSinceCompaction.get(key) ?? 0) + 1;
    this.batchesSinceCompaction.set(key, batches % COMPACT_EVERY_BATCHES);
    if (batches >= COMPACT_EVERY_BATCHES) {
      await w.execute(this.offsets.compactSql(offset)).catch((e: Error) => this.log(`compacting ${OFFSETS_TABLE} failed: ${e.message}`));
    }
    for (const l of lost) this.log(`${l.count} value(s) of ${l.column} could not be held by its ${l.type} column; stored NULL`);
  }

  /** Every partition read up to its high watermark as last seen. */
  private caughtUp(): boolean {
    for (const [key, high] of this.highWatermarks) if ((this.positions.get(key) ?? 0n) < high) return false;
    return true;
  }

  /**
   * Null-only fields get their TEXT column only once the connector has read everything there was
   * (and the grace period passed): while it is behind, a value may still be waiting in the backlog.
   */
  private async settleNullOnly(): Promise<void> {
    if (this.stopped || !this.caughtUp()) return;
    for (const writer of this.writers.values()) {
      if (!writer.hasPendingNullOnly()) continue;
      try {
        await writer.settleNullOnly(await this.warehouse());
      } catch (err) {
        this.log(`adding null-only columns to ${writer.qualified} failed: ${(err as Error).message}`);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.consumer?.stop();
    // Let a batch in flight finish its transaction before the session closes.
    await this.queue;
    await this.session?.close().catch(() => undefined);
    this.session = undefined;
    this.log('stopped');
  }
}
