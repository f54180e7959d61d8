// The DuckDB side: one in-memory DuckDB instance with one attached DuckDB file per Snowflake
// database (so DATABASE.SCHEMA.TABLE resolves natively and data survives restarts), and one DuckDB
// connection per session, following the session's current database and schema.

import './allocator.js'; // before DuckDB loads
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { Session, Storage, StoredColumn, StoredTable } from '../session.js';
import { duckString, quoteIdent } from '../sql/tokenizer.js';
import { allMacros, isMissingMacro, macrosFor } from './macros.js';

/** Snowflake's default TIMEZONE parameter. */
export const DEFAULT_TIMEZONE = 'America/Los_Angeles';

export class Engine implements Storage {
  private readonly connections = new Map<number, Promise<DuckDBConnection>>();
  private readonly contexts = new Map<number, string>();
  private readonly timeZones = new Map<number, string>();
  /** Macros created on each session's connection. */
  private readonly macros = new Map<number, Set<string>>();
  /** Sessions with an open explicit transaction (BEGIN … COMMIT/ROLLBACK). */
  private readonly transactions = new Set<number>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly admin: DuckDBConnection,
    private readonly dataDir: string,
  ) {}

  static async open(dataDir: string, databases: string[]): Promise<Engine> {
    const instance = await DuckDBInstance.create(':memory:', {
      threads: '2',
      // The emulator shares the process with the broker and the connector. Left to its defaults
      // DuckDB caches every table block it wrote (80% of RAM allowed): 1M connector rows grew the
      // process by ~200 MB more than with this limit (bench/million-records.ts). Bigger work
      // spills. Checkpoints at DuckDB's default 16 MB of WAL: each one briefly takes ~40 MB
      // more, and at 4 or 8 MB they came that much more often for only ~12 MB less held between
      // them (300k connector-shaped rows in DuckDB alone: peak 170 MB at 16 MB, 195 at 4 or 8;
      // the whole 1M pipeline: 293 and 308 MB at 16, 304 and 318 at 4).
      memory_limit: '64MB',
      checkpoint_threshold: '16MB',
      temp_directory: join(dataDir, 'duckdb-spill'),
    });
    const admin = await instance.connect();
    // Snowflake SQL reaches DuckDB: none of DuckDB's own file readers and writers (read_text,
    // read_csv, glob, COPY … TO, INSTALL, ATTACH of other files) may touch anything outside the
    // emulator's data directory. Once off, external access cannot be switched back on.
    await admin.run(`SET allowed_directories = [${duckString(dataDir)}]`);
    await admin.run('SET enable_external_access = false');
    const engine = new Engine(instance, admin, dataDir);
    for (const db of databases) await engine.attach(db);
    return engine;
  }

  fileOf(db: string): string {
    const safe = db.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 60);
    const hash = createHash('sha256').update(db).digest('hex').slice(0, 8);
    return join(this.dataDir, `${safe}-${hash}.duckdb`);
  }

  private async attach(db: string): Promise<void> {
    await this.admin.run(`ATTACH IF NOT EXISTS ${duckString(this.fileOf(db))} AS ${quoteIdent(db)}`);
  }

  async connectionFor(session: Session): Promise<DuckDBConnection> {
    let opening = this.connections.get(session.id);
    if (!opening) {
      // One connection per session even when its first statements arrive together.
      opening = this.instance.connect().then(async (c) => {
        // Snowflake sorts NULL as the largest value (last ascending, first descending) and
        // converts a string compared with a number to a number.
        await c.run(`SET default_null_order = 'nulls_last_on_asc_first_on_desc'`);
        await c.run('SET old_implicit_casting = true');
        return c;
      });
      this.connections.set(session.id, opening);
    }
    const conn = await opening;
    const timeZone = session.params.TIMEZONE ?? DEFAULT_TIMEZONE;
    if (this.timeZones.get(session.id) !== timeZone) {
      await conn.run(`SET TimeZone = ${duckString(timeZone)}`);
      this.timeZones.set(session.id, timeZone);
    }
    const wanted = this.contextOf(session);
    if (this.contexts.get(session.id) !== wanted) {
      await conn.run(`USE ${wanted}`);
      this.contexts.set(session.id, wanted);
    }
    return conn;
  }

  private contextOf(session: Session): string {
    if (!session.database) return 'memory.main';
    return `${quoteIdent(session.database)}.${quoteIdent(session.schema ?? 'main')}`;
  }

  async useContext(session: Session): Promise<void> {
    await this.connectionFor(session);
  }

  closeSession(sessionId: number): void {
    void this.connections.get(sessionId)?.then((conn) => conn.closeSync());
    this.connections.delete(sessionId);
    this.contexts.delete(sessionId);
    this.timeZones.delete(sessionId);
    this.macros.delete(sessionId);
    this.transactions.delete(sessionId);
  }

  /** Whether the session is inside BEGIN … COMMIT/ROLLBACK (a failed COMMIT ends it too). */
  inTransaction(sessionId: number): boolean {
    return this.transactions.has(sessionId);
  }

  interrupt(sessionId: number): void {
    void this.connections.get(sessionId)?.then((conn) => conn.interrupt());
  }

  private async withMacros(session: Session, conn: DuckDBConnection, sql: string): Promise<void> {
    let have = this.macros.get(session.id);
    if (!have) this.macros.set(session.id, (have = new Set()));
    for (const m of macrosFor(sql, have)) await conn.run(m);
  }

  private async withAllMacros(session: Session, conn: DuckDBConnection): Promise<void> {
    const made = new Set<string>();
    for (const m of allMacros(made)) await conn.run(m);
    this.macros.set(session.id, made);
  }

  async run(session: Session, sql: string, params: DuckDBValue[] = []) {
    const conn = await this.connectionFor(session);
    await this.withMacros(session, conn, sql);
    const control = /^\s*(BEGIN|START|COMMIT|ROLLBACK|ABORT|END)\b/i.exec(sql)?.[1]?.toUpperCase();
    if (control && control !== 'BEGIN' && control !== 'START') this.transactions.delete(session.id);
    const execute = () => (params.length ? conn.runAndReadAll(sql, params) : conn.runAndReadAll(sql));
    const result = await execute().catch(async (err: unknown) => {
      // Nothing ran (binding failed): make every macro on this connection and run it once more.
      if (control || !isMissingMacro(err)) throw err;
      await this.withAllMacros(session, conn);
      return execute();
    });
    if (control === 'BEGIN' || control === 'START') this.transactions.add(session.id);
    return result;
  }

  /** Parses and binds a statement without running it (Snowflake compiles before it needs a warehouse). */
  async compile(session: Session, sql: string): Promise<void> {
    const conn = await this.connectionFor(session);
    await this.withMacros(session, conn, sql);
    const prepared = await conn.prepare(sql).catch(async (err: unknown) => {
      if (!isMissingMacro(err)) throw err;
      await this.withAllMacros(session, conn);
      return conn.prepare(sql);
    });
    prepared.destroySync();
  }

  async createDatabase(db: string): Promise<void> {
    this.removeFiles(db);
    await this.attach(db);
    await this.admin.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(db)}.${quoteIdent('PUBLIC')}`);
  }

  async dropDatabase(db: string): Promise<void> {
    // No connection may stand in the database being detached.
    for (const [id, ctx] of this.contexts) {
      if (ctx.startsWith(`${quoteIdent(db)}.`)) {
        await (await this.connections.get(id)!).run('USE memory.main');
        this.contexts.set(id, 'memory.main');
      }
    }
    await this.admin.run(`DETACH DATABASE IF EXISTS ${quoteIdent(db)}`);
    this.removeFiles(db);
  }

  private removeFiles(db: string): void {
    const file = this.fileOf(db);
    rmSync(file, { force: true });
    rmSync(`${file}.wal`, { force: true });
  }

  async createSchema(db: string, schema: string): Promise<void> {
    await this.admin.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(db)}.${quoteIdent(schema)}`);
  }

  async dropSchema(db: string, schema: string): Promise<void> {
    for (const [id, ctx] of this.contexts) {
      if (ctx === `${quoteIdent(db)}.${quoteIdent(schema)}`) {
        await (await this.connections.get(id)!).run('USE memory.main');
        this.contexts.set(id, 'memory.main');
      }
    }
    await this.admin.run(`DROP SCHEMA IF EXISTS ${quoteIdent(db)}.${quoteIdent(schema)} CASCADE`);
  }

  async dropTable(name: string[], view: boolean): Promise<void> {
    await this.admin.run(`DROP ${view ? 'VIEW' : 'TABLE'} IF EXISTS ${name.map(quoteIdent).join('.')}`);
  }

  async listTables(db?: string): Promise<StoredTable[]> {
    const where = db ? `AND database_name = ${duckString(db)}` : `AND database_name NOT IN ('memory', 'system', 'temp')`;
    const tables = await this.admin.runAndReadAll(
      `SELECT database_name, schema_name, table_name, estimated_size FROM duckdb_tables() WHERE NOT internal AND schema_name <> 'main' ${where}`,
    );
    const views = await this.admin.runAndReadAll(
      `SELECT database_name, schema_name, view_name FROM duckdb_views() WHERE NOT internal AND schema_name <> 'main' ${where}`,
    );
    const out: StoredTable[] = [];
    for (const [d, s, n, size] of tables.getRows()) out.push({ db: String(d), schema: String(s), name: String(n), kind: 'TABLE', rows: Number(size) });
    for (const [d, s, n] of views.getRows()) out.push({ db: String(d), schema: String(s), name: String(n), kind: 'VIEW', rows: 0 });
    return out;
  }

  async listColumns(db: string, schema?: string, table?: string): Promise<StoredColumn[]> {
    const conds = [`database_name = ${duckString(db)}`, `schema_name <> 'main'`];
    if (schema) conds.push(`schema_name = ${duckString(schema)}`);
    if (table) conds.push(`table_name = ${duckString(table)}`);
    const r = await this.admin.runAndReadAll(
      `SELECT database_name, schema_name, table_name, column_name, data_type, column_index, is_nullable
       FROM duckdb_columns() WHERE ${conds.join(' AND ')} ORDER BY schema_name, table_name, column_index`,
    );
    return r.getRows().map(([d, s, t, c, type, idx, nullable]) => ({
      db: String(d),
      schema: String(s),
      table: String(t),
      column: String(c),
      duckType: String(type),
      ordinal: Number(idx),
      nullable: Boolean(nullable),
    }));
  }

  /** Exact row count of a table (for SHOW TABLES after inserts, estimated_size can lag). */
  async rowCount(name: string[]): Promise<number> {
    const r = await this.admin.runAndReadAll(`SELECT COUNT(*) FROM ${name.map(quoteIdent).join('.')}`);
    return Number(r.getRows()[0][0]);
  }

  async close(): Promise<void> {
    for (const id of [...this.connections.keys()]) this.closeSession(id);
    await this.admin.run('CHECKPOINT').catch(() => undefined);
    for (const r of (await this.admin.runAndReadAll(`SELECT database_name FROM duckdb_databases() WHERE NOT internal AND database_name <> 'memory'`)).getRows()) {
      await this.admin.run(`DETACH DATABASE IF EXISTS ${quoteIdent(String(r[0]))}`).catch(() => undefined);
    }
    this.admin.closeSync();
    this.instance.closeSync();
  }
}
