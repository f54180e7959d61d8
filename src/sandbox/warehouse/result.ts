// Result sets in the shape of Snowflake's JSON query response: a `rowtype` entry per column and
// every value as a string (or null), the way snowflake-sdk decodes them.

export type RowType =
  | 'fixed'
  | 'real'
  | 'text'
  | 'boolean'
  | 'date'
  | 'time'
  | 'timestamp_ntz'
  | 'timestamp_ltz'
  | 'timestamp_tz'
  | 'variant'
  | 'object'
  | 'array'
  | 'binary';

export interface ColumnMeta {
  name: string;
  type: RowType;
  precision: number | null;
  scale: number | null;
  length: number | null;
  byteLength: number | null;
  nullable: boolean;
  database: string;
  schema: string;
  table: string;
  collation: null;
}

export interface StatementResult {
  columns: ColumnMeta[];
  rows: Array<Array<string | null>>;
  /** Snowflake's statement type id (0x1000 select, 0x3100 insert, 0x6000+ DDL, …). */
  statementTypeId: number;
}

export const STATEMENT_TYPE = {
  SELECT: 0x1000,
  INSERT: 0x3100,
  UPDATE: 0x3200,
  DELETE: 0x3300,
  MERGE: 0x3400,
  DDL: 0x6000,
  USE: 0x5000,
  SHOW: 0x4000,
} as const;

export function column(name: string, type: RowType, extra: Partial<ColumnMeta> = {}): ColumnMeta {
  const base: ColumnMeta = {
    name,
    type,
    precision: null,
    scale: null,
    length: null,
    byteLength: null,
    nullable: true,
    database: '',
    schema: '',
    table: '',
    collation: null,
  };
  if (type === 'fixed') Object.assign(base, { precision: 38, scale: 0 });
  if (type === 'text' || type === 'variant' || type === 'object' || type === 'array')
    Object.assign(base, { length: 16777216, byteLength: 16777216 });
  if (type.startsWith('timestamp') || type === 'time') Object.assign(base, { precision: 0, scale: 9 });
  return Object.assign(base, extra);
}

/** The one-column `status` answer of DDL, USE and GRANT statements. */
export function statusResult(message: string, statementTypeId: number = STATEMENT_TYPE.DDL): StatementResult {
  return { columns: [column('status', 'text')], rows: [[message]], statementTypeId };
}

/** A SHOW-style table built from plain objects; every column is text unless typed. */
export function tableResult(
  names: string[],
  rows: Array<Record<string, string | number | boolean | null>>,
  types: Record<string, RowType> = {},
): StatementResult {
  const columns = names.map((n) => column(n, types[n] ?? 'text'));
  return {
    columns,
    rows: rows.map((r) =>
      names.map((n) => {
        const v = r[n];
        if (v === null || v === undefined) return null;
        return typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
      }),
    ),
    statementTypeId: STATEMENT_TYPE.SHOW,
  };
}

/** Snowflake's timestamp_ltz wire form for a JS date: epoch seconds with nine decimals. */
export function epochText(iso: string): string {
  const ms = Date.parse(iso);
  const secs = Math.floor(ms / 1000);
  const frac = String((ms - secs * 1000) * 1_000_000).padStart(9, '0');
  return `${secs}.${frac}`;
}
