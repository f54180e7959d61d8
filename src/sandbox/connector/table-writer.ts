// One destination table: what columns it has, which new ones a batch of rows needs (schema
// detection and evolution), and the INSERT statements that write the rows.
//
// A field seen so far only as null gets no column yet: its type cannot come from the data, and a
// later value decides it (the rows written meanwhile read NULL there either way). Once a field has
// stayed null-only for `nullGraceMs`, it gets a TEXT column so that it shows up as a column — a
// placeholder, never its final type: a TEXT column that holds only NULLs is retyped (dropped and
// added again, nothing in it to lose) by the first value of another type, in this process or a
// later one. So a pause in the middle of a produce cannot fix a column's type from nulls alone.
import type { WarehousePort } from '../../engine/ports.js';
import { ident, literal } from '../../sql.js';
import type { Row } from './records.js';
import { bindText, columnTypeFromInformationSchema, columnTypeOf, ddlType, type ColumnType } from './values.js';

/** Rows per INSERT statement, and a cap on the text of its bound values. */
export const ROWS_PER_INSERT = 1000;
const MAX_INSERT_CHARS = 1024 * 1024;
const MAX_BINDS_PER_INSERT = 100_000;

/** One array-bound INSERT: `binds` holds one array of column values per row. */
export interface InsertStatement {
  sql: string;
  binds: Array<Array<string | null>>;
}

export interface Lost {
  column: string;
  type: ColumnType;
  count: number;
}

export class TableWriter {
  readonly qualified: string;
  /** Column name (upper case) → type, as in the warehouse. */
  private columns = new Map<string, ColumnType>();
  private exists = false;
  /** Null-only fields without a column yet → when first seen (ms). */
  private nullOnly = new Map<string, number>();
  /** TEXT columns known to hold a value: never placeholders again. */
  private textWithValues = new Set<string>();

  constructor(
    readonly database: string,
    readonly schema: string,
    readonly table: string,
    private readonly log: (line: string) => void,
    private readonly nullGraceMs: number,
  ) {
    this.qualified = `${ident(database)}.${ident(schema)}.${ident(table)}`;
  }

  /** Reads the table's columns from INFORMATION_SCHEMA (after a reconnect or any DDL). */
  async load(w: WarehousePort): Promise<void> {
    const rows = await w.execute(
      `SELECT COLUMN_NAME, DATA_TYPE FROM ${ident(this.database)}.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ${literal(this.schema)} AND TABLE_NAME = ${literal(this.table)}`,
    );
    this.columns = new Map(rows.map((r) => [String(r.COLUMN_NAME), columnTypeFromInformationSchema(String(r.DATA_TYPE))]));
    this.exists = this.columns.size > 0;
    for (const name of this.columns.keys()) this.nullOnly.delete(name);
  }

  /**
   * Creates the table or adds the columns these rows bring (DDL commits on its own in Snowflake,
   * so this runs before the data transaction). Returns the columns added.
   */
  async evolve(w: WarehousePort, rows: Row[], now = Date.now()): Promise<Array<[string, ColumnType]>> {
    const added = new Map<string, ColumnType>();
    const retyped = new Map<string, ColumnType>();
    for (const row of rows) {
      for (const field in row) {
        const value = row[field];
        const name = upper(field);
        if (name === '' || added.has(name) || retyped.has(name)) continue;
        if (this.columns.has(name)) {
          const type = columnTypeOf(value);
          if (type && type !== 'TEXT' && this.columns.get(name) === 'TEXT' && !this.textWithValues.has(name)) {
            if (await this.onlyNulls(w, name)) retyped.set(name, type);
            else this.textWithValues.add(name);
          }
          continue;
        }
        const type = columnTypeOf(value);
        if (type) {
          added.set(name, type);
          this.nullOnly.delete(name);
        } else if (!this.nullOnly.has(name)) this.nullOnly.set(name, now);
      }
    }
    // A table needs a column to exist: rows that are null throughout make their fields TEXT now.
    if (!this.exists && added.size === 0 && rows.length > 0) for (const name of this.takeNullOnly(Infinity, now)) added.set(name, 'TEXT');
    await this.retype(w, [...retyped]);
    await this.addColumns(w, [...added]);
    return [...added, ...retyped];
  }

  /** A placeholder TEXT column (only NULLs in it) gets the type of the first value that arrived. */
  private async retype(w: WarehousePort, columns: Array<[string, ColumnType]>): Promise<void> {
    if (columns.length === 0) return;
    for (const [name, type] of columns) {
      await w.execute(`ALTER TABLE ${this.qualified} DROP COLUMN ${ident(name)}`);
      await w.execute(`ALTER TABLE ${this.qualified} ADD COLUMN ${ident(name)} ${ddlType(type)}`);
    }
    this.log(`retyped ${columns.length} column(s) of ${this.qualified} that had only NULLs: ${columns.map(([n, t]) => `${n} TEXT → ${t}`).join(', ')}`);
    await this.load(w);
  }

  private async onlyNulls(w: WarehousePort, column: string): Promise<boolean> {
    const [row] = await w.execute(`SELECT COUNT(${ident(column)}) AS N FROM ${this.qualified}`);
    return Number(row?.N ?? 1) === 0;
  }

  /** Gives the fields that stayed null-only for the grace period a TEXT column. */
  async settleNullOnly(w: WarehousePort, now = Date.now()): Promise<Array<[string, ColumnType]>> {
    const due = this.takeNullOnly(this.nullGraceMs, now).map((name): [string, ColumnType] => [name, 'TEXT']);
    await this.addColumns(w, due);
    return due;
  }

  hasPendingNullOnly(): boolean {
    return this.nullOnly.size > 0;
  }

  private takeNullOnly(graceMs: number, now: number): string[] {
    const due = [...this.nullOnly].filter(([, since]) => graceMs === Infinity || now - since >= graceMs).map(([name]) => name);
    for (const name of due) this.nullOnly.delete(name);
    return due;
  }

  private async addColumns(w: WarehousePort, columns: Array<[string, ColumnType]>): Promise<void> {
    if (columns.length === 0) return;
    const defs = columns.map(([name, type]) => `${ident(name)} ${ddlType(type)}`);
    if (!this.exists) {
      await w.execute(`CREATE TABLE IF NOT EXISTS ${this.qualified} (${defs.join(', ')})`);
      this.log(`created table ${this.qualified} with ${columns.length} columns: ${columns.map(([n, t]) => `${n} ${t}`).join(', ')}`);
      // Another writer may have created it first: add whatever it lacks.
      await this.load(w);
      const missing = columns.filter(([name]) => !this.columns.has(name));
      if (missing.length > 0) await this.addColumns(w, missing);
      return;
    }
    for (const def of defs) await w.execute(`ALTER TABLE ${this.qualified} ADD COLUMN IF NOT EXISTS ${def}`);
    this.log(`added ${columns.length} column(s) to ${this.qualified}: ${columns.map(([n, t]) => `${n} ${t}`).join(', ')}`);
    await this.load(w);
  }

  /**
   * Array-bound `INSERT INTO t (…) SELECT ?, PARSE_JSON(?), …` statements for the rows: Snowflake's
   * bulk insert (one bind array per column), and PARSE_JSON for VARIANT columns, which Snowflake
   * refuses inside INSERT … VALUES. Every value is bound as text (Snowflake casts it to the column's
   * type). Fields without a column (null-only so far) are left out; values a column cannot hold are
   * written as NULL and counted in `lost`.
   */
  insertStatements(rows: Row[]): { statements: InsertStatement[]; lost: Lost[] } {
    const statements: InsertStatement[] = [];
    const lost = new Map<string, Lost>();
    let start = 0;
    while (start < rows.length) {
      const { statement, end } = this.insertChunk(rows, start, lost);
      statements.push(statement);
      start = end;
    }
    return { statements, lost: [...lost.values()] };
  }

  private insertChunk(rows: Row[], start: number, lost: Map<string, Lost>): { statement: InsertStatement; end: number } {
    // Columns that carry a value in this chunk; the first column when none does (a row of NULLs).
    const used = new Set<string>();
    for (let i = start; i < Math.min(rows.length, start + ROWS_PER_INSERT); i++) {
      const row = rows[i]!;
      for (const field in row) {
        const value = row[field];
        const name = upper(field);
        if (value !== null && value !== undefined && this.columns.has(name)) used.add(name);
      }
    }
    const names = used.size > 0 ? [...used] : [this.columns.keys().next().value!];
    const index = new Map(names.map((n, i) => [n, i]));
    // snowflake-sdk uploads binds to a stage above 100,000 values per statement: stay inline.
    const limit = Math.min(rows.length, start + ROWS_PER_INSERT, start + Math.floor(MAX_BINDS_PER_INSERT / names.length));
    const binds: Array<Array<string | null>> = [];
    let chars = 0;
    let i = start;
    for (; i < limit; i++) {
      const cells: Array<string | null> = new Array(names.length).fill(null);
      let rowChars = 0;
      const row = rows[i]!;
      for (const field in row) {
        const value = row[field];
        const name = upper(field);
        const at = index.get(name);
        if (at === undefined || cells[at] !== null || value === null || value === undefined) continue; // no column, null, or "a" and "A" both: the first wins
        const type = this.columns.get(name)!;
        const text = bindText(value, type);
        if (text === null) {
          const l = lost.get(name) ?? { column: name, type, count: 0 };
          l.count++;
          lost.set(name, l);
        } else {
          cells[at] = text;
          rowChars += text.length;
        }
      }
      if (binds.length > 0 && chars + rowChars > MAX_INSERT_CHARS) break;
      binds.push(cells);
      chars += rowChars;
    }
    const select = names.map((n) => (this.columns.get(n) === 'VARIANT' ? 'PARSE_JSON(?)' : '?'));
    const sql = `INSERT INTO ${this.qualified} (${names.map(ident).join(', ')}) SELECT ${select.join(', ')}`;
    return { statement: { sql, binds }, end: i };
  }
}

/**
 * A field's column name. Cached: every row repeats the same few dozen field names, and per-row
 * Object.entries/toUpperCase garbage was the connector's largest allocation (kilobytes per row).
 */
const upperNames = new Map<string, string>();
function upper(field: string): string {
  let name = upperNames.get(field);
  if (name === undefined) {
    name = field.toUpperCase();
    if (upperNames.size < 10_000) upperNames.set(field, name);
  }
  return name;
}
