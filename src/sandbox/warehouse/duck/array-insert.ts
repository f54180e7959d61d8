// Array binding (snowflake-sdk's bulk insert: one statement, every bind an array with one value
// per row) as ONE set-based DuckDB statement: each bind column travels as a JSON array in a single
// parameter and is UNNESTed, instead of the statement running once per row. A 250-row insert of
// 37 columns is then one parse and 37 parameters, not 250 executions (or 9,250 literals).
//
//   INSERT INTO t (a, v) SELECT ?, PARSE_JSON(?)      (or … VALUES (?, PARSE_JSON(?)))
//   → INSERT INTO t (a, v) SELECT "__rows"."b1", PARSE_JSON("__rows"."b2")
//     FROM (SELECT UNNEST(CAST(CAST($1 AS JSON) AS VARCHAR[])) AS "b1", …) AS "__rows"
import { significant, tokenize, type Token } from '../sql/tokenizer.js';

export interface BindColumn {
  /** Snowflake's bind type as snowflake-sdk sends it (TEXT, FIXED, REAL, BOOLEAN, …). */
  type: string;
  /** One value per row, as sent (strings or null). */
  values: unknown[];
}

/** Words that end a SELECT list: with any of them the statement is not a plain row constructor. */
const CLAUSES = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'QUALIFY', 'ORDER', 'LIMIT', 'UNION', 'EXCEPT', 'INTERSECT', 'MINUS', 'WINDOW', 'RETURNING', 'ON']);

/**
 * The set-based form of an array-bound `INSERT INTO … SELECT <exprs>` (no FROM) or
 * `INSERT INTO … VALUES (<one row>)`, with its parameters; null for any other shape (the caller
 * then runs the statement once per row).
 */
export function setBasedInsert(duckSql: string, columns: BindColumn[]): { sql: string; params: string[] } | null {
  let tokens: Token[];
  try {
    tokens = tokenize(duckSql);
  } catch {
    return null;
  }
  const sig = significant(tokens);
  if (sig[0]?.value !== 'INSERT' || sig[1]?.value !== 'INTO') return null;
  // The body starts at the first top-level SELECT or VALUES after the table name and column list.
  let depth = 0;
  let body = -1;
  for (let k = 2; k < sig.length; k++) {
    const t = sig[k];
    if (t.kind === 'op' && t.text === '(') depth++;
    else if (t.kind === 'op' && t.text === ')') depth--;
    else if (depth === 0 && t.kind === 'word' && (t.value === 'SELECT' || t.value === 'VALUES')) {
      body = k;
      break;
    }
  }
  if (body < 0) return null;
  const isValues = sig[body].value === 'VALUES';
  // VALUES: exactly one parenthesised row to the end. SELECT: no clause after the list.
  let close = -1;
  depth = 0;
  for (let k = body + 1; k < sig.length; k++) {
    const t = sig[k];
    if (t.kind === 'op' && t.text === '(') depth++;
    else if (t.kind === 'op' && t.text === ')' && --depth === 0 && isValues) {
      close = k;
      break;
    } else if (depth === 0 && t.kind === 'word' && CLAUSES.has(t.value)) return null;
    else if (depth === 0 && t.kind === 'op' && t.text === ',' && isValues) return null;
  }
  if (isValues && (sig[body + 1]?.text !== '(' || close !== sig.length - 1)) return null;

  // Parameters: all `?` (numbered in order) or all `$n`; every bind column used, no other.
  const params = sig.filter((t) => t.kind === 'param');
  const positional = params.every((t) => t.text === '?');
  if (!positional && params.some((t) => !/^\$\d+$/.test(t.text))) return null;
  const numberOf = new Map<Token, number>(params.map((t, k) => [t, positional ? k + 1 : Number(t.text.slice(1))]));
  const used = new Set(numberOf.values());
  if (used.size !== columns.length || [...used].some((n) => n < 1 || n > columns.length)) return null;

  let sql = '';
  for (const t of tokens) {
    if (isValues && t === sig[body]) sql += 'SELECT';
    else if (isValues && (t === sig[body + 1] || t === sig[close])) sql += ' ';
    else if (t.kind === 'param') sql += `"__rows"."b${numberOf.get(t)}"`;
    else sql += t.text;
  }
  const lists = columns.map((c) => jsonList(c));
  const unnest = lists.map((l, k) => `UNNEST(CAST(CAST($${k + 1} AS JSON) AS ${l.type}[])) AS "b${k + 1}"`);
  return { sql: `${sql} FROM (SELECT ${unnest.join(', ')}) AS "__rows"`, params: lists.map((l) => l.json) };
}

/**
 * A bind column as a JSON array and the DuckDB type of its elements, converting values as a
 * single-row bind would be (FIXED → integer, REAL → double, BOOLEAN → boolean, else text).
 */
function jsonList(column: BindColumn): { type: string; json: string } {
  const values = column.values.map((v) => convertBind(column.type, v));
  const present = values.filter((v) => v !== null);
  let type = 'VARCHAR';
  if (present.length > 0 && present.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) type = 'BIGINT';
  else if (present.length > 0 && present.every((v) => typeof v === 'number' && Number.isFinite(v))) type = 'DOUBLE';
  else if (present.length > 0 && present.every((v) => typeof v === 'boolean')) type = 'BOOLEAN';
  const json = JSON.stringify(type === 'VARCHAR' ? values.map((v) => (v === null ? null : String(v))) : values);
  return { type, json };
}

/** A bind value as sent (text or null) → the JS value DuckDB gets, by Snowflake bind type. */
export function convertBind(type: string, v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  const s = String(v);
  switch (type) {
    case 'FIXED':
      return Number.isSafeInteger(Number(s)) ? Number(s) : s;
    case 'REAL':
      return Number(s);
    case 'BOOLEAN':
      return s === 'true' || s === '1' || s.toUpperCase() === 'TRUE';
    default:
      return s;
  }
}
