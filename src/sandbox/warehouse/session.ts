// One logged-in snowflake-sdk connection: who, with which role, and where (database, schema,
// warehouse). Tokens are random and live only in memory.

export interface Session {
  id: number;
  user: string;
  role: string;
  database: string | null;
  schema: string | null;
  warehouse: string | null;
  sessionToken: string;
  masterToken: string;
  sessionExpiresAt: number;
  masterExpiresAt: number;
  /** ALTER SESSION parameters (kept, reported back; no local effect). */
  params: Record<string, string>;
  /** Runs without a warehouse (Snowpipe Streaming's ingest, which the Openflow runtime uses). */
  serverless?: boolean;
  /** SET variables, by upper-cased name, as SQL literals ready to substitute for $NAME. */
  variables?: Record<string, string>;
  /** The last successful statement's id and result, for LAST_QUERY_ID() and RESULT_SCAN. */
  lastQueryId?: string;
  results?: Map<string, import('./result.js').StatementResult>;
}

/** What the account-statement and query layers need from the table store (DuckDB). */
export interface Storage {
  createDatabase(db: string): Promise<void>;
  dropDatabase(db: string): Promise<void>;
  createSchema(db: string, schema: string): Promise<void>;
  dropSchema(db: string, schema: string): Promise<void>;
  /** Tables and views that exist, optionally in one database. */
  listTables(db?: string): Promise<StoredTable[]>;
  listColumns(db: string, schema?: string, table?: string): Promise<StoredColumn[]>;
  dropTable(name: string[], view: boolean): Promise<void>;
  /** The session's DuckDB connection follows its current database and schema. */
  useContext(session: Session): Promise<void>;
}

export interface StoredTable {
  db: string;
  schema: string;
  name: string;
  kind: 'TABLE' | 'VIEW';
  rows: number;
}

export interface StoredColumn {
  db: string;
  schema: string;
  table: string;
  column: string;
  /** DuckDB's type text, e.g. DECIMAL(38,0), VARCHAR, JSON. */
  duckType: string;
  ordinal: number;
  nullable: boolean;
}
