// The statement classifier: account-level statements go to the catalog, table statements and
// queries to DuckDB (rewritten), Snowflake features with no local equivalent fail plainly.

import type { DuckDBValue } from '@duckdb/node-api';
import { Access } from './access.js';
import { resolveObjectName, runAlter, runCreate, runDrop, runDropNeverPresent, runGrant, runUse, type AccountContext } from './account.js';
import { displayName, type Catalog, type QualifiedName } from './catalog.js';
import type { Engine } from './duck/engine.js';
import { convertResult } from './duck/convert.js';
import { mapDuckError } from './duck/errors.js';
import { convertBind, setBasedInsert, type BindColumn } from './duck/array-insert.js';
import { noCurrentDatabase } from './account.js';
import { applyNames, selectListNames } from './sql/names.js';
import { describeType } from './sql/types.js';
import {
  SnowflakeError,
  doesNotExist,
  invalidIdentifier,
  noWarehouse,
  notAvailableInSandbox,
  statementCountMismatch,
  syntaxError,
  unsupported,
} from './errors.js';
import { STATEMENT_TYPE, column, statusResult, type StatementResult } from './result.js';
import type { Session } from './session.js';
import { runDescribe, runShow } from './show.js';
import { OFFSETS_TABLE } from '../connector/offsets.js';
import { isOpenflowStatement, runOpenflowStatement } from './openflow/statements.js';
import { Cursor } from './sql/cursor.js';
import { rewrite, type RewriteContext } from './sql/rewrite.js';
import { TokenizeError, duckString, lineAndPosition, quoteIdent, significant, splitStatements, tokenize, type Token } from './sql/tokenizer.js';

export interface Binding {
  type: string;
  value: unknown;
}

export interface StatementContext {
  catalog: Catalog;
  engine: Engine;
  session: Session;
  account: string;
}

export async function executeStatement(
  sqlText: string,
  bindings: Record<string, Binding> | undefined,
  ctx: StatementContext,
): Promise<StatementResult> {
  let tokens: Token[];
  try {
    tokens = tokenize(sqlText);
  } catch (e) {
    if (e instanceof TokenizeError) {
      const { line, position } = lineAndPosition(sqlText, e.pos);
      throw syntaxError(line, position, sqlText.slice(e.pos, e.pos + 1));
    }
    throw e;
  }
  const statements = splitStatements(tokens);
  if (statements.length === 0) throw new SnowflakeError('000900', '42000', 'Empty SQL statement.');
  if (statements.length > 1) throw statementCountMismatch(statements.length);
  const all = statements[0];
  const sig = significant(all);
  const c = new Cursor(sig, sqlText);
  const actx: AccountContext = { catalog: ctx.catalog, storage: ctx.engine, session: ctx.session };
  const first = sig[0].kind === 'word' ? sig[0].value : sig[0].text;
  if (isOpenflowStatement(sig)) return runOpenflowStatement(c, actx);

  switch (first) {
    case 'USE':
      return runUse(c, actx);
    case 'SHOW':
      return runShow(c, actx);
    case 'DESC':
    case 'DESCRIBE':
      return runDescribe(c, actx);
    case 'GRANT':
      return runGrant(c, actx, false);
    case 'REVOKE':
      return runGrant(c, actx, true);
    case 'CREATE':
      return runCreateStatement(c, all, sqlText, ctx, actx);
    case 'DROP':
      return runDropStatement(c, ctx, actx);
    case 'ALTER':
      return runAlterStatement(c, all, sqlText, ctx, actx);
    case 'CALL':
    case 'EXECUTE':
      if (sig.some((t) => t.kind === 'word' && t.value.startsWith('SYSTEM$'))) throw notAvailableInSandbox('SYSTEM$ procedures (SYSTEM$SEND_EMAIL)');
      if (c.acceptWords('EXECUTE', 'ALERT')) throw notAvailableInSandbox('Alerts');
      throw unsupported(sqlText);
    case 'SELECT':
    case 'WITH':
    case '(':
    case 'VALUES':
      return runQuery(all, sqlText, bindings, ctx, STATEMENT_TYPE.SELECT);
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'MERGE':
    case 'TRUNCATE':
      return runDml(first, c, all, sqlText, bindings, ctx);
    case 'BEGIN':
    case 'START':
    case 'COMMIT':
    case 'ROLLBACK':
      await runDuck(sqlText, all, undefined, ctx);
      return statusResult('Statement executed successfully.', STATEMENT_TYPE.DDL);
    case 'SET':
    case 'UNSET':
      return runSetVariables(c, ctx.session);
    case 'COPY':
      // Snowflake has COPY INTO (stages and files); DuckDB's COPY … TO a file never runs here.
      c.expectWords('COPY', 'INTO');
      throw notAvailableInSandbox('COPY INTO (stages and files)');
    case 'EXPLAIN':
    case 'PUT':
    case 'GET':
    case 'LIST':
    case 'LS':
    case 'REMOVE':
    case 'RM':
    case 'UNDROP':
    case 'COMMENT':
      throw unsupported(sqlText);
    default:
      // Not a Snowflake statement (DuckDB's PRAGMA, INSTALL, LOAD, ATTACH, DETACH, EXPORT, IMPORT,
      // CHECKPOINT, … or a typo): Snowflake's syntax error at the first word.
      throw c.unexpected();
  }
}

/** SET name = value (or (a, b) = (1, 2)) and UNSET name: Snowflake's session variables. */
function runSetVariables(c: Cursor, session: Session): StatementResult {
  const vars = (session.variables ??= {});
  if (c.acceptWords('UNSET')) {
    const names = c.acceptOp('(') ? listOf(c, () => c.identifier()) : [c.identifier()];
    c.expectEnd();
    for (const n of names) delete vars[n];
    return statusResult('Statement executed successfully.');
  }
  c.expectWords('SET');
  const names = c.acceptOp('(') ? listOf(c, () => c.identifier()) : [c.identifier()];
  c.expectOp('=');
  const literalOf = (): string => {
    const t = c.peek();
    const negative = c.acceptOp('-');
    const u = c.peek();
    if (!u) throw c.unexpected();
    c.i++;
    if (u.kind === 'string') return duckString(u.value);
    if (u.kind === 'number') return (negative ? '-' : '') + u.text;
    if (u.kind === 'word' && ['TRUE', 'FALSE', 'NULL'].includes(u.value)) return u.value;
    c.i = c.tokens.indexOf(t!);
    throw notAvailableInSandbox('SET with an expression (only literal values)');
  };
  const values = c.acceptOp('(') ? listOf(c, literalOf) : [literalOf()];
  c.expectEnd();
  if (values.length !== names.length) throw c.unexpected();
  names.forEach((n, i) => (vars[n] = values[i]));
  return statusResult('Statement executed successfully.');
}

function listOf<T>(c: Cursor, item: () => T): T[] {
  const out = [item()];
  while (c.acceptOp(',')) out.push(item());
  c.expectOp(')');
  return out;
}

/** Rewrites and runs on the session's DuckDB connection, mapping DuckDB's errors to Snowflake's. */
async function runDuck(
  sqlText: string,
  tokens: Token[],
  bindings: Record<string, Binding> | undefined,
  ctx: StatementContext,
  extra: Partial<RewriteContext> = {},
  rewritten?: string,
) {
  const duckSql = rewritten ?? rewrite(tokens, sqlText, { ...rewriteContext(ctx), ...extra });
  try {
    const columns = arrayBindings(bindings);
    if (columns) {
      // Array binding (bulk insert): one set-based statement when the shape allows it.
      const set = setBasedInsert(duckSql, columns);
      if (set) {
        const r = await ctx.engine.run(ctx.session, set.sql, set.params);
        return { result: null, changed: Number(r.rowsChanged) };
      }
      return { result: null, changed: await runPerRow(duckSql, columns, ctx) };
    }
    const result = await ctx.engine.run(ctx.session, duckSql, bindParams(bindings));
    return { result, changed: Number(result.rowsChanged) };
  } catch (e) {
    const mapped = mapDuckError(e, sqlText);
    // An unqualified name in a session without a current database: Snowflake says so.
    if (unqualifiedMissing(mapped, ctx, sqlText)) throw noCurrentDatabase(firstWordOf(tokens));
    throw mapped;
  }
}

/** A missing table or schema named without a database, in a session that has no current one. */
function unqualifiedMissing(e: Error, ctx: StatementContext, sqlText: string): boolean {
  if (ctx.session.database || !(e instanceof SnowflakeError) || e.code !== '002003' || /^SQL compilation error:\nDatabase /.test(e.message)) return false;
  // Named with its database (DB.SCHEMA.NAME): it is simply missing.
  const name = /'(.*)' does not exist/.exec(e.message)?.[1] ?? '';
  return !new RegExp(`\\.\\s*"?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?`, 'i').test(sqlText);
}

function firstWordOf(tokens: Token[]): string {
  const t = significant(tokens)[0];
  return t?.kind === 'word' ? t.value : 'SELECT';
}

/** Array binding in any other shape: one execution per row, all or nothing. */
async function runPerRow(duckSql: string, columns: BindColumn[], ctx: StatementContext): Promise<number> {
  // Inside the session's own transaction (BEGIN … COMMIT) the rows join it; otherwise they get one.
  const own = !ctx.engine.inTransaction(ctx.session.id);
  if (own) await ctx.engine.run(ctx.session, 'BEGIN TRANSACTION');
  let total = 0;
  try {
    const n = columns[0]?.values.length ?? 0;
    for (let i = 0; i < n; i++) {
      const row = columns.map((c) => convertBind(c.type, c.values[i]));
      total += Number((await ctx.engine.run(ctx.session, duckSql, row)).rowsChanged);
    }
    if (own) await ctx.engine.run(ctx.session, 'COMMIT');
  } catch (e) {
    if (own) await ctx.engine.run(ctx.session, 'ROLLBACK').catch(() => undefined);
    throw e;
  }
  return total;
}

function sortedKeys(bindings: Record<string, Binding>): string[] {
  return Object.keys(bindings).sort((a, b) => Number(a) - Number(b));
}

/** The binds as columns when they are arrays (one value per row), else null. */
function arrayBindings(bindings: Record<string, Binding> | undefined): BindColumn[] | null {
  if (!bindings) return null;
  const keys = sortedKeys(bindings);
  if (!keys.some((k) => Array.isArray(bindings[k].value))) return null;
  return keys.map((k) => ({ type: bindings[k].type, values: bindings[k].value as unknown[] }));
}

function bindParams(bindings: Record<string, Binding> | undefined): DuckDBValue[] {
  if (!bindings) return [];
  return sortedKeys(bindings).map((k) => convertBind(bindings[k].type, bindings[k].value));
}

function rewriteContext(ctx: StatementContext): RewriteContext {
  const { session, catalog } = ctx;
  const lit = (v: string | null) => (v === null ? 'CAST(NULL AS VARCHAR)' : duckString(v));
  const access = new Access(catalog, session.role);
  return {
    sessionFunctions: {
      CURRENT_ROLE: lit(session.role),
      CURRENT_USER: lit(session.user),
      CURRENT_DATABASE: lit(session.database),
      CURRENT_SCHEMA: lit(session.schema),
      CURRENT_WAREHOUSE: lit(session.warehouse),
      CURRENT_ACCOUNT: lit(ctx.account),
      CURRENT_ACCOUNT_NAME: lit(ctx.account),
      CURRENT_REGION: lit('SANDBOX'),
      CURRENT_VERSION: lit('9.0.0'),
      CURRENT_SESSION: lit(String(session.id)),
      CURRENT_AVAILABLE_ROLES: `CAST(${duckString(JSON.stringify([...catalog.rolesOfUser(session.user)].sort()))} AS VARCHAR)`,
      CURRENT_SECONDARY_ROLES: duckString('{"roles":"","value":""}'),
      LAST_QUERY_ID: lit(session.lastQueryId ?? null),
    },
    variables: session.variables,
    resultScan: (id) => resultScanSql(session, id),
    informationSchema(dbOrNull, view) {
      const db = dbOrNull ?? session.database;
      if (!db) throw new SnowflakeError('090105', '22000', "Cannot perform SELECT. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.");
      access.requireDatabase(db);
      return informationSchemaSql(ctx, access, db, view);
    },
  };
}

/** A subquery standing for DB.INFORMATION_SCHEMA.<view>, limited to what the role can see. */
function informationSchemaSql(ctx: StatementContext, access: Access, db: string, view: string): string {
  const { catalog } = ctx;
  const visibleTables = () => {
    if (access.isAdmin) return `table_name <> ${duckString(OFFSETS_TABLE)}`;
    const keys = [...catalog.list('TABLE'), ...catalog.list('VIEW')]
      .filter((o) => o.name[0] === db && o.name[2] !== OFFSETS_TABLE && access.sees('SCHEMA', [o.name[0], o.name[1]]) && access.sees(o.kind, o.name))
      .map((o) => duckString(`${o.name[1]}.${o.name[2]}`));
    return keys.length ? `(schema_name || '.' || table_name) IN (${keys.join(', ')})` : 'FALSE';
  };
  const dbLit = duckString(db);
  switch (view) {
    case 'COLUMNS':
      return `(SELECT database_name AS TABLE_CATALOG, schema_name AS TABLE_SCHEMA, table_name AS TABLE_NAME,
        column_name AS COLUMN_NAME, CAST(column_index AS INTEGER) AS ORDINAL_POSITION, column_default AS COLUMN_DEFAULT,
        CASE WHEN is_nullable THEN 'YES' ELSE 'NO' END AS IS_NULLABLE, SF_DATA_TYPE(data_type) AS DATA_TYPE,
        CASE WHEN SF_DATA_TYPE(data_type) = 'TEXT' THEN 16777216 END AS CHARACTER_MAXIMUM_LENGTH,
        CASE WHEN SF_DATA_TYPE(data_type) = 'NUMBER' THEN COALESCE(numeric_precision, 38) END AS NUMERIC_PRECISION,
        CASE WHEN SF_DATA_TYPE(data_type) = 'NUMBER' THEN COALESCE(numeric_scale, 0) END AS NUMERIC_SCALE,
        comment AS COMMENT
        FROM duckdb_columns() WHERE database_name = ${dbLit} AND schema_name <> 'main' AND ${visibleTables()})`;
    case 'TABLES':
    case 'VIEWS': {
      const tables = `SELECT database_name AS TABLE_CATALOG, schema_name AS TABLE_SCHEMA, table_name AS TABLE_NAME,
        'BASE TABLE' AS TABLE_TYPE, estimated_size AS ROW_COUNT, comment AS COMMENT
        FROM duckdb_tables() WHERE database_name = ${dbLit} AND schema_name <> 'main' AND ${visibleTables()}`;
      const views = `SELECT database_name, schema_name, view_name, 'VIEW', NULL, comment
        FROM duckdb_views() WHERE NOT internal AND database_name = ${dbLit} AND schema_name <> 'main' AND ${visibleTables().replace(/table_name/g, 'view_name')}`;
      return view === 'VIEWS' ? `(${views.replace("SELECT database_name, schema_name, view_name, 'VIEW', NULL, comment", 'SELECT database_name AS TABLE_CATALOG, schema_name AS TABLE_SCHEMA, view_name AS TABLE_NAME, comment AS COMMENT')})` : `(${tables} UNION ALL ${views})`;
    }
    case 'SCHEMATA': {
      const rows = catalog
        .list('SCHEMA')
        .filter((o) => o.name[0] === db && access.sees('SCHEMA', o.name))
        .map((o) => `(${duckString(db)}, ${duckString(o.name[1])}, ${duckString(o.owner)})`);
      rows.push(`(${duckString(db)}, 'INFORMATION_SCHEMA', NULL)`);
      return `(SELECT * FROM (VALUES ${rows.join(', ')}) AS S(CATALOG_NAME, SCHEMA_NAME, SCHEMA_OWNER))`;
    }
    default:
      throw unsupported(`INFORMATION_SCHEMA.${view}`);
  }
}

/** Table names a SELECT reads, via DuckDB's own parser (json_serialize_sql). */
async function tablesRead(duckSql: string, ctx: StatementContext): Promise<string[][]> {
  const r = await ctx.engine.run(ctx.session, `SELECT json_serialize_sql(${duckString(duckSql)})`);
  const json = JSON.parse(String(r.getRows()[0][0])) as { error?: boolean; statements?: unknown[] };
  if (json.error) return [];
  const out: string[][] = [];
  const ctes = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const cteMap = o.cte_map as { map?: Array<{ key: string }> } | undefined;
    for (const e of cteMap?.map ?? []) ctes.add(e.key.toUpperCase());
    if (o.type === 'BASE_TABLE' && typeof o.table_name === 'string') {
      const parts = [o.catalog_name, o.schema_name, o.table_name].filter((p): p is string => typeof p === 'string' && p !== '');
      out.push(parts);
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(json.statements);
  return out.filter((p) => !(p.length === 1 && ctes.has(p[0].toUpperCase())));
}

async function checkReads(duckSql: string, ctx: StatementContext): Promise<void> {
  const access = new Access(ctx.catalog, ctx.session.role);
  if (access.isAdmin) return;
  for (const parts of await tablesRead(duckSql, ctx)) {
    if (parts[0]?.toLowerCase() === 'memory' || parts[0]?.toLowerCase() === 'system') continue;
    const name = resolveObjectName(parts, ctx.session, 'SELECT');
    if (!ctx.catalog.get('TABLE', name) && !ctx.catalog.get('VIEW', name)) continue; // DuckDB reports it missing
    access.requireOnTable(name, ['SELECT']);
  }
}

async function runQuery(
  tokens: Token[],
  sqlText: string,
  bindings: Record<string, Binding> | undefined,
  ctx: StatementContext,
  statementTypeId: number,
): Promise<StatementResult> {
  const names = selectListNames(tokens);
  tokens = await substituteGetDdl(tokens, sqlText, ctx);
  let readsInformationSchema = false;
  const rctx = rewriteContext(ctx);
  const duckSql = rewrite(tokens, sqlText, {
    ...rctx,
    informationSchema: (db, view) => {
      readsInformationSchema = true;
      return rctx.informationSchema(db, view);
    },
  });
  await checkQuotedNames(tokens, sqlText, ctx);
  await checkReads(duckSql, ctx);
  if (!ctx.session.warehouse && !ctx.session.serverless && (readsInformationSchema || (await tablesRead(duckSql, ctx)).length > 0)) {
    await compileOnly(sqlText, duckSql, ctx);
    throw noWarehouse();
  }
  const { result } = await runDuck(sqlText, tokens, bindings, ctx, {}, duckSql);
  const converted = convertResult(result!, statementTypeId);
  applyNames(converted.columns, names);
  return converted;
}

/** Compiles a statement for its errors only (missing objects come before a missing warehouse). */
async function compileOnly(sqlText: string, duckSql: string, ctx: StatementContext): Promise<void> {
  try {
    await ctx.engine.compile(ctx.session, duckSql);
  } catch (e) {
    const mapped = mapDuckError(e, sqlText);
    if (unqualifiedMissing(mapped, ctx, sqlText)) throw noCurrentDatabase('SELECT');
    throw mapped;
  }
}

/**
 * Quoted identifiers are case-sensitive in Snowflake ("level" is not LEVEL) but not in DuckDB: a
 * quoted name with lower-case letters must name something that exists with exactly that spelling.
 */
async function checkQuotedNames(tokens: Token[], sqlText: string, ctx: StatementContext): Promise<void> {
  const s = significant(tokens);
  const suspects = s.map((t, k) => [t, k] as const).filter(([t]) => t.kind === 'quoted' && t.value !== t.value.toUpperCase());
  if (suspects.length === 0) return;
  const known = new Set<string>();
  // Names the statement itself defines: aliases (after AS or after an operand) and CTE names.
  s.forEach((t, k) => {
    if (t.kind !== 'quoted') return;
    const prev = s[k - 1];
    const next = s[k + 1];
    const aliasPosition =
      prev && ((prev.kind === 'word' && (prev.value === 'AS' || !NOT_BEFORE_ALIAS.has(prev.value))) || prev.kind === 'quoted' || (prev.kind === 'op' && prev.text === ')'));
    const cte = next?.kind === 'word' && next.value === 'AS';
    if (aliasPosition || cte) known.add(t.value);
  });
  // A previous result's columns (SHOW PARAMETERS has "level") are names only through RESULT_SCAN.
  if (s.some((t) => t.kind === 'word' && t.value === 'RESULT_SCAN')) for (const r of ctx.session.results?.values() ?? []) for (const c of r.columns) known.add(c.name);
  const dbs = new Set<string>(ctx.session.database ? [ctx.session.database] : []);
  for (const [, k] of suspects) if (s[k + 1]?.text === '.' && s[k + 3]?.text === '.') dbs.add(s[k].value);
  for (const db of dbs) {
    for (const c of await ctx.engine.listColumns(db).catch(() => [])) {
      known.add(c.column);
      known.add(c.table);
      known.add(c.schema);
    }
  }
  for (const db of ctx.catalog.list('DATABASE')) known.add(db.name[0]);
  for (const [t, k] of suspects) {
    if (known.has(t.value)) continue;
    const prev = s[k - 1];
    const objectPosition =
      (s[k + 1]?.kind === 'op' && s[k + 1].text === '.' && s[k + 3]?.text !== undefined && s[k + 2]?.kind !== 'op') ||
      (prev?.kind === 'word' && ['FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE'].includes(prev.value)) ||
      (prev?.kind === 'op' && prev.text === '.' && s[k - 3]?.text === '.');
    if (objectPosition) throw doesNotExist('Object', displayName([t.value]));
    const { line, position } = lineAndPosition(sqlText, t.pos);
    throw invalidIdentifier(`"${t.value}"`, line, position);
  }
}

const NOT_BEFORE_ALIAS = new Set(['SELECT', 'FROM', 'JOIN', 'WHERE', 'AND', 'OR', 'NOT', 'BY', 'ON', 'INTO', 'UPDATE', 'TABLE', 'DISTINCT', 'WHEN', 'THEN', 'ELSE', 'IN', 'IS', 'SET', 'CASE', 'WITH', 'LATERAL', 'USING', 'HAVING', 'QUALIFY', 'RECURSIVE', 'VIEW', 'EXISTS', 'LIKE', 'ILIKE']);

/** GET_DDL('TABLE'|'VIEW', 'name') becomes the DDL text, built from the stored columns. */
async function substituteGetDdl(tokens: Token[], sqlText: string, ctx: StatementContext): Promise<Token[]> {
  const s = significant(tokens);
  const at = s.findIndex((t, k) => t.kind === 'word' && t.value === 'GET_DDL' && s[k + 1]?.text === '(');
  if (at < 0) return tokens;
  const [kindTok, comma, nameTok] = [s[at + 2], s[at + 3], s[at + 4]];
  let close = at + 5;
  while (close < s.length && s[close].text !== ')') close++;
  if (kindTok?.kind !== 'string' || comma?.text !== ',' || nameTok?.kind !== 'string') throw notAvailableInSandbox('GET_DDL with other than literal arguments');
  const kind = kindTok.value.toUpperCase();
  if (kind !== 'TABLE' && kind !== 'VIEW') throw notAvailableInSandbox(`GET_DDL of a ${kindTok.value}`);
  const nameTokens = tokenize(nameTok.value);
  const name = resolveObjectName(new Cursor(significant(nameTokens), nameTok.value).qualifiedName(), ctx.session, 'GET_DDL');
  const access = new Access(ctx.catalog, ctx.session.role);
  const object = ctx.catalog.get(kind, name);
  const cols = await ctx.engine.listColumns(name[0], name[1], name[2]);
  if (cols.length === 0 || (object && !access.sees(kind, name)) || (kind === 'VIEW' && !object)) throw doesNotExist(kind === 'TABLE' ? 'Table' : 'View', displayName(name));
  const ddl =
    kind === 'VIEW' && typeof object?.props.text === 'string'
      ? `${object.props.text};`
      : `create or replace TABLE ${displayName([name[2]])} (\n${cols.map((c) => `\t${displayName([c.column])} ${describeType(c.duckType)}`).join(',\n')}\n);`;
  const replacement: Token = { kind: 'string', text: duckString(ddl), value: ddl, pos: s[at].pos };
  const from = s[at].pos;
  const to = s[close].pos;
  void sqlText;
  return [...tokens.filter((t) => t.pos < from), replacement, ...tokens.filter((t) => t.pos > to)];
}

/** A previous result of this session as a subquery (RESULT_SCAN). */
function resultScanSql(session: Session, id: string): string {
  const result = session.results?.get(id);
  if (!result) throw new SnowflakeError('000709', '02000', `Statement ${id} not found`, 'EXECUTION');
  const types = result.columns.map((c) => {
    switch (c.type) {
      case 'fixed':
        return `DECIMAL(${Math.min(c.precision ?? 38, 38)},${c.scale ?? 0})`;
      case 'real':
        return 'DOUBLE';
      case 'boolean':
        return 'BOOLEAN';
      case 'date':
        return 'DATE';
      case 'time':
        return 'TIME';
      case 'timestamp_ntz':
        return 'TIMESTAMP';
      case 'timestamp_ltz':
      case 'timestamp_tz':
        return 'TIMESTAMPTZ';
      case 'variant':
      case 'object':
      case 'array':
        return 'JSON';
      case 'binary':
        return 'BLOB';
      default:
        return 'VARCHAR';
    }
  });
  const value = (v: string | null, i: number): string => {
    if (v === null) return `CAST(NULL AS ${types[i]})`;
    switch (types[i]) {
      case 'DATE':
        return `CAST(DATE '1970-01-01' + ${Number(v)} AS DATE)`;
      case 'TIMESTAMP':
        return `make_timestamp(CAST(round(${Number(v)} * 1000000) AS BIGINT))`;
      case 'TIMESTAMPTZ':
        return `to_timestamp(${Number(v)})`;
      case 'TIME':
        return `CAST(make_timestamp(CAST(round(${Number(v)} * 1000000) AS BIGINT)) AS TIME)`;
      case 'BLOB':
        return `from_hex(${duckString(v)})`;
      default:
        return `CAST(${duckString(v)} AS ${types[i]})`;
    }
  };
  const names = result.columns.map((c) => quoteIdent(c.name)).join(', ');
  if (result.rows.length === 0) {
    return `(SELECT ${result.columns.map((c, i) => `CAST(NULL AS ${types[i]}) AS ${quoteIdent(c.name)}`).join(', ')} WHERE FALSE)`;
  }
  return `(SELECT * FROM (VALUES ${result.rows.map((r) => `(${r.map(value).join(', ')})`).join(', ')}) AS RESULT_SCAN__(${names}))`;
}

async function runDml(
  first: string,
  c: Cursor,
  tokens: Token[],
  sqlText: string,
  bindings: Record<string, Binding> | undefined,
  ctx: StatementContext,
): Promise<StatementResult> {
  c.i = 1;
  if (first === 'INSERT') {
    c.acceptWords('OVERWRITE');
    c.expectWords('INTO');
  } else if (first === 'DELETE') c.expectWords('FROM');
  else if (first === 'MERGE') c.expectWords('INTO');
  else if (first === 'TRUNCATE') c.acceptWords('TABLE') && c.acceptWords('IF', 'EXISTS');
  const name = resolveObjectName(c.qualifiedName(), ctx.session, first);
  const privilege = first === 'TRUNCATE' ? 'TRUNCATE' : first;
  const access = new Access(ctx.catalog, ctx.session.role);
  if (ctx.catalog.get('TABLE', name) || ctx.catalog.get('VIEW', name)) access.requireOnTable(name, [privilege]);
  else if (!access.isAdmin) throw doesNotExist('Table', displayName(name));
  if (!ctx.session.warehouse && !ctx.session.serverless) {
    await compileOnly(sqlText, rewrite(tokens, sqlText, rewriteContext(ctx)), ctx);
    throw noWarehouse();
  }
  const { changed } = await runDuck(sqlText, tokens, bindings, ctx);
  const label: Record<string, [string, number]> = {
    INSERT: ['number of rows inserted', STATEMENT_TYPE.INSERT],
    UPDATE: ['number of rows updated', STATEMENT_TYPE.UPDATE],
    DELETE: ['number of rows deleted', STATEMENT_TYPE.DELETE],
    MERGE: ['number of rows merged', STATEMENT_TYPE.MERGE],
  };
  if (first === 'TRUNCATE') return statusResult('Statement executed successfully.');
  const [col, type] = label[first];
  return { columns: [column(col, 'fixed')], rows: [[String(changed)]], statementTypeId: type };
}

async function runCreateStatement(
  c: Cursor,
  tokens: Token[],
  sqlText: string,
  ctx: StatementContext,
  actx: AccountContext,
): Promise<StatementResult> {
  c.expectWords('CREATE');
  const orReplace = c.acceptWords('OR', 'REPLACE');
  const transient = c.acceptWords('TRANSIENT');
  if (c.isWord('TEMPORARY', 'TEMP', 'VOLATILE', 'LOCAL', 'GLOBAL')) throw unsupported('temporary tables');
  const kindOf = (): string | null => {
    if (c.acceptWords('ROLE')) return 'ROLE';
    if (c.acceptWords('DATABASE')) return 'DATABASE';
    if (c.acceptWords('SCHEMA')) return 'SCHEMA';
    if (c.acceptWords('WAREHOUSE')) return 'WAREHOUSE';
    if (c.acceptWords('NETWORK', 'RULE')) return 'NETWORK RULE';
    if (c.acceptWords('EXTERNAL', 'ACCESS', 'INTEGRATION')) return 'INTEGRATION';
    if (c.acceptWords('TABLE')) return 'TABLE';
    if (c.acceptWords('VIEW') || c.acceptWords('SECURE', 'VIEW')) return 'VIEW';
    if (c.acceptWords('CORTEX', 'SEARCH', 'SERVICE')) throw notAvailableInSandbox('Cortex Search');
    if (c.acceptWords('ALERT')) throw notAvailableInSandbox('Alerts');
    if (c.acceptWords('NOTIFICATION', 'INTEGRATION')) throw notAvailableInSandbox('Notification integrations');
    return null;
  };
  const kind = kindOf();
  if (!kind) throw unsupported(sqlText);
  void transient;
  const ifNotExists = c.acceptWords('IF', 'NOT', 'EXISTS');
  if (kind === 'TABLE' || kind === 'VIEW') return createTableOrView(kind, orReplace, ifNotExists, c, tokens, sqlText, ctx);
  return runCreate(kind as 'ROLE', { orReplace, ifNotExists }, c, actx);
}

async function createTableOrView(
  kind: 'TABLE' | 'VIEW',
  orReplace: boolean,
  ifNotExists: boolean,
  c: Cursor,
  tokens: Token[],
  sqlText: string,
  ctx: StatementContext,
): Promise<StatementResult> {
  const { catalog, session } = ctx;
  const access = new Access(catalog, session.role);
  const name = resolveObjectName(c.qualifiedName(), session, `CREATE ${kind}`);
  access.requireCreateIn(name[0], name[1], `CREATE ${kind}`);
  let existing = catalog.get(kind, name);
  const exists = (await ctx.engine.listTables(name[0])).some((t) => t.schema === name[1] && t.name === name[2]);
  // DuckDB commits the table before the catalog file is saved: a process killed in between
  // leaves one without the other. What DuckDB holds decides; the catalog follows it (below).
  if (existing && !exists) {
    catalog.remove(kind, name);
    existing = undefined;
  }
  if (exists && !ifNotExists && !orReplace) throw new SnowflakeError('002002', '42710', `SQL compilation error:\nObject '${displayName(name)}' already exists.`);
  if (exists && existing && !ifNotExists) access.requireOwnership(kind, name);

  // Table properties after the column list (ENABLE_SCHEMA_EVOLUTION = TRUE, COMMENT = '…') are
  // kept in the catalog and left out of the DuckDB statement.
  let statementTokens = tokens;
  const props: Record<string, string> = {};
  const extra: Partial<RewriteContext> = {};
  if (kind === 'TABLE' && c.peek()?.kind === 'op' && c.peek()!.text === '(') {
    extra.columnListDepth = 1;
    let depth = 0;
    let k = c.i;
    for (; k < c.tokens.length; k++) {
      const t = c.tokens[k];
      if (t.kind === 'op' && t.text === '(') depth++;
      if (t.kind === 'op' && t.text === ')' && --depth === 0) break;
    }
    const close = c.tokens[k];
    const tail = new Cursor(c.tokens.slice(k + 1), sqlText);
    while (!tail.atEnd() && !tail.isWord('AS')) {
      const key = tail.identifier();
      tail.expectOp('=');
      props[key] = tail.value();
      tail.acceptOp(',');
    }
    if (tail.atEnd() && close) statementTokens = tokens.filter((t) => t.pos <= close.pos);
    for (const key of Object.keys(props)) {
      if (!['ENABLE_SCHEMA_EVOLUTION', 'COMMENT', 'DATA_RETENTION_TIME_IN_DAYS', 'CHANGE_TRACKING', 'MAX_DATA_EXTENSION_TIME_IN_DAYS'].includes(key))
        throw new SnowflakeError('001003', '42000', `SQL compilation error:\ninvalid property '${key}' for 'TABLE'.`);
    }
  }
  const entry = {
    kind,
    name,
    owner: session.role,
    comment: props.COMMENT ?? null,
    props: {
      enableSchemaEvolution: (props.ENABLE_SCHEMA_EVOLUTION ?? 'FALSE').toUpperCase() === 'TRUE',
      // A view's definition as written (SHOW VIEWS' text, GET_DDL).
      ...(kind === 'VIEW' ? { text: sqlText.trim().replace(/;$/, '') } : {}),
    },
  };
  if (exists && ifNotExists) {
    // A table DuckDB holds that the catalog lost (see above) is adopted as this statement would
    // have made it, so that it shows in INFORMATION_SCHEMA again (the sandbox connector, killed
    // at that moment, otherwise created it again and again, never seeing it).
    if (!existing) {
      catalog.put(entry);
      catalog.save();
    }
    return statusResult(`${name[2]} already exists, statement succeeded.`);
  }
  // DuckDB gets the statement with the name fully qualified and without Snowflake-only words.
  const duckTokens = statementTokens.filter((t) => !(t.kind === 'word' && t.value === 'TRANSIENT'));
  if (kind === 'TABLE' && statementTokens.some((t) => t.kind === 'word' && (t.value === 'CLUSTER' || t.value === 'COPY'))) throw unsupported('CLUSTER BY / COPY GRANTS');
  await runDuck(sqlText, duckTokens, undefined, { ...ctx, session: { ...session, database: name[0], schema: name[1] } }, extra).catch(
    (e) => {
      throw e;
    },
  );
  await ctx.engine.useContext(session);
  catalog.remove(kind, name);
  catalog.put(entry);
  catalog.save();
  return statusResult(`${kind === 'TABLE' ? 'Table' : 'View'} ${name[2]} successfully created.`);
}

async function runDropStatement(c: Cursor, ctx: StatementContext, actx: AccountContext): Promise<StatementResult> {
  c.expectWords('DROP');
  if (c.acceptWords('ROLE')) return runDrop('ROLE', c, actx);
  if (c.acceptWords('DATABASE')) return runDrop('DATABASE', c, actx);
  if (c.acceptWords('SCHEMA')) return runDrop('SCHEMA', c, actx);
  if (c.acceptWords('WAREHOUSE')) return runDrop('WAREHOUSE', c, actx);
  if (c.acceptWords('NETWORK', 'RULE')) return runDrop('NETWORK RULE', c, actx);
  if (c.acceptWords('EXTERNAL', 'ACCESS', 'INTEGRATION') || c.acceptWords('INTEGRATION')) return runDrop('INTEGRATION', c, actx);
  if (c.acceptWords('CORTEX', 'SEARCH', 'SERVICE')) return runDropNeverPresent('Cortex Search Service', c);
  if (c.acceptWords('ALERT')) return runDropNeverPresent('Alert', c);
  const kind = c.acceptWords('TABLE') ? 'TABLE' : c.acceptWords('VIEW') ? 'VIEW' : null;
  if (!kind) throw unsupported(c.sql);
  const { catalog, session } = ctx;
  const access = new Access(catalog, session.role);
  const ifExists = c.acceptWords('IF', 'EXISTS');
  const name: QualifiedName = resolveObjectName(c.qualifiedName(), session, `DROP ${kind}`);
  c.acceptWords('CASCADE') || c.acceptWords('RESTRICT');
  c.expectEnd();
  const stored = (await ctx.engine.listTables(name[0])).some((t) => t.schema === name[1] && t.name === name[2] && t.kind === kind);
  const visible = stored && catalog.get('SCHEMA', [name[0], name[1]]) && access.sees('SCHEMA', [name[0], name[1]]) && access.sees(kind, name);
  if (!visible) {
    if (ifExists) return statusResult(`Drop statement executed successfully (${name[2]} already dropped).`);
    throw doesNotExist(kind === 'TABLE' ? 'Table' : 'View', displayName(name));
  }
  access.requireOwnership(kind, name);
  await ctx.engine.dropTable(name, kind === 'VIEW');
  catalog.remove(kind, name);
  catalog.save();
  return statusResult(`${name[2]} successfully dropped.`);
}

async function runAlterStatement(
  c: Cursor,
  tokens: Token[],
  sqlText: string,
  ctx: StatementContext,
  actx: AccountContext,
): Promise<StatementResult> {
  c.expectWords('ALTER');
  if (c.acceptWords('SESSION')) return runAlter('SESSION', c, actx);
  if (c.acceptWords('WAREHOUSE')) return runAlter('WAREHOUSE', c, actx);
  if (c.acceptWords('NETWORK', 'RULE')) return runAlter('NETWORK RULE', c, actx);
  if (c.acceptWords('EXTERNAL', 'ACCESS', 'INTEGRATION') || c.acceptWords('INTEGRATION')) return runAlter('INTEGRATION', c, actx);
  if (c.acceptWords('ALERT')) throw notAvailableInSandbox('Alerts');
  if (!c.acceptWords('TABLE')) throw unsupported(sqlText);
  const { catalog, session } = ctx;
  const access = new Access(catalog, session.role);
  const ifExists = c.acceptWords('IF', 'EXISTS');
  const name = resolveObjectName(c.qualifiedName(), session, 'ALTER TABLE');
  if (!catalog.get('TABLE', name)) {
    const stored = (await ctx.engine.listTables(name[0])).some((t) => t.schema === name[1] && t.name === name[2]);
    if (!stored) {
      if (ifExists) return statusResult('Statement executed successfully.');
      throw doesNotExist('Table', displayName(name));
    }
  }
  access.requireSchema(name[0], name[1]);
  access.requireOwnership('TABLE', name);
  const head = `ALTER TABLE ${name.map((p) => `"${p.replace(/"/g, '""')}"`).join('.')}`;
  if (c.acceptWords('ADD')) {
    // Snowflake adds several columns in one statement; DuckDB one per statement.
    c.acceptWords('COLUMN');
    const ifNotExists = c.acceptWords('IF', 'NOT', 'EXISTS');
    const rest = c.tokens.slice(c.i);
    const defs: Token[][] = [[]];
    let depth = 0;
    for (const t of rest) {
      if (t.kind === 'op' && t.text === '(') depth++;
      if (t.kind === 'op' && t.text === ')') depth--;
      if (t.kind === 'op' && t.text === ',' && depth === 0) defs.push([]);
      else defs[defs.length - 1].push(t);
    }
    for (const def of defs) {
      if (def.length < 2) throw c.unexpected();
      const last = def[def.length - 1];
      const prefix = `${head} ADD COLUMN ${ifNotExists ? 'IF NOT EXISTS ' : ''}`;
      const text = prefix + sqlText.slice(def[0].pos, last.pos + last.text.length);
      const defTokens = tokenize(text);
      const sigIndex = significant(defTokens).findIndex((t) => t.pos >= prefix.length);
      await runDuck(text, defTokens, undefined, ctx, { columnDefinitionAt: sigIndex });
    }
    return statusResult('Statement executed successfully.');
  }
  if (c.acceptWords('RENAME', 'TO')) {
    // Snowflake takes a qualified new name; DuckDB renames within the schema only.
    const to = resolveObjectName(c.qualifiedName(), session, 'ALTER TABLE');
    c.expectEnd();
    if (to[0] !== name[0] || to[1] !== name[1]) throw unsupported('ALTER TABLE … RENAME TO another schema');
    const rename = `${head} RENAME TO ${quoteIdent(to[2])}`;
    await runDuck(rename, tokenize(rename), undefined, ctx);
    const o = catalog.get('TABLE', name);
    if (o) {
      catalog.remove('TABLE', name);
      catalog.put({ ...o, name: to });
      catalog.save();
    }
    return statusResult('Statement executed successfully.');
  }
  if (c.isWord('DROP', 'RENAME', 'ALTER', 'MODIFY')) {
    const rest = sqlText.slice(c.peek()!.pos);
    const text = `${head} ${rest}`;
    await runDuck(text, tokenize(text), undefined, ctx);
    return statusResult('Statement executed successfully.');
  }
  if (c.acceptWords('SET')) {
    const o = catalog.get('TABLE', name);
    while (!c.atEnd()) {
      const key = c.identifier();
      c.expectOp('=');
      const v = c.value();
      if (o && key === 'ENABLE_SCHEMA_EVOLUTION') o.props.enableSchemaEvolution = v.toUpperCase() === 'TRUE';
      else if (o && key === 'COMMENT') o.comment = v;
      else if (key !== 'CHANGE_TRACKING' && key !== 'DATA_RETENTION_TIME_IN_DAYS') throw c.unexpected();
      c.acceptOp(',');
    }
    catalog.save();
    return statusResult('Statement executed successfully.');
  }
  void tokens;
  throw unsupported(sqlText);
}
