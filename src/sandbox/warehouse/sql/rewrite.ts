// Snowflake SQL to DuckDB SQL, token by token: unquoted identifiers fold to upper case (Snowflake's
// rule), string literals are re-quoted in DuckDB's syntax, Snowflake-only functions and type names
// are mapped, session functions become literals and INFORMATION_SCHEMA views become subqueries.
// Snowflake's VARIANT operators (`:` paths, `[]`, `::` casts that unwrap JSON strings), FLATTEN,
// fixed-point division and AVG, and SAMPLE become DuckDB expressions over JSON values.
//
// The emitter keeps one output piece per source token, so a postfix operator can wrap the operand
// already emitted to its left by prefixing that operand's first piece (operandStart finds it).

import { SnowflakeError, notAvailableInSandbox, syntaxError, unknownFunction } from '../errors.js';
import { duckString, lineAndPosition, type Token } from './tokenizer.js';
import { quoteIdent } from './tokenizer.js';
import { duckTypeFor } from './types.js';
import { castMacroFor } from '../duck/macros.js';

export interface RewriteContext {
  /** Values of CURRENT_ROLE() and friends. */
  sessionFunctions: Record<string, string>;
  /** SQL (a parenthesised subquery) for DB.INFORMATION_SCHEMA.<view>; db null means current. */
  informationSchema(db: string | null, view: string): string;
  /** SET variables as SQL literals, by upper-case name. */
  variables?: Record<string, string>;
  /** A parenthesised subquery over a previous result (RESULT_SCAN). */
  resultScan?(queryId: string): string;
  /** Column-definition mode: the paren depth whose items are `name TYPE …` (CREATE TABLE). */
  columnListDepth?: number;
  /** Index (in significant tokens) after which a single `name TYPE` definition follows (ADD COLUMN). */
  columnDefinitionAt?: number;
}

const UNIT_FUNCTIONS = new Set([
  'DATEADD',
  'TIMEADD',
  'TIMESTAMPADD',
  'DATEDIFF',
  'TIMEDIFF',
  'TIMESTAMPDIFF',
  'DATE_TRUNC',
  'TIME_SLICE',
  'DATE_PART',
]);

const RENAMED_FUNCTIONS: Record<string, string> = {
  TO_TIMESTAMP: 'SF_TO_TIMESTAMP_NTZ',
  TO_TIMESTAMP_NTZ: 'SF_TO_TIMESTAMP_NTZ',
  TO_TIMESTAMP_LTZ: 'SF_TO_TIMESTAMP_LTZ',
  TO_TIMESTAMP_TZ: 'SF_TO_TIMESTAMP_LTZ',
  TRY_TO_TIMESTAMP: 'SF_TRY_TO_TIMESTAMP_NTZ',
  DATEADD: 'SF_DATEADD',
  TIMEADD: 'SF_DATEADD',
  TIMESTAMPADD: 'SF_DATEADD',
  TYPEOF: 'SF_TYPEOF',
  ARRAY_SIZE: 'SF_ARRAY_SIZE',
  ARRAY_CONSTRUCT: 'json_array',
  OBJECT_KEYS: 'SF_OBJECT_KEYS',
  STARTSWITH: 'starts_with',
  ENDSWITH: 'ends_with',
  REGEXP_SUBSTR: 'SF_REGEXP_SUBSTR',
  TRY_TO_NUMBER: 'SF_TRY_TO_NUMBER',
  TRY_TO_DECIMAL: 'SF_TRY_TO_NUMBER',
  TRY_TO_NUMERIC: 'SF_TRY_TO_NUMBER',
  TO_NUMBER: 'SF_TO_NUMBER',
  TO_DECIMAL: 'SF_TO_NUMBER',
  TO_NUMERIC: 'SF_TO_NUMBER',
  ARRAYAGG: 'array_agg',
  GET_PATH: 'SF_GET_PATH',
  GET: 'SF_GET_ITEM',
  REGEXP_REPLACE: 'SF_REGEXP_REPLACE',
  DATE_TRUNC: 'SF_DATE_TRUNC',
  IS_NULL_VALUE: 'SF_IS_NULL_VALUE',
  OBJECT_AGG: 'SF_OBJECT_AGG',
  ARRAY_CAT: 'SF_ARRAY_CAT',
  ARRAY_CONTAINS: 'SF_ARRAY_CONTAINS',
  ARRAY_SLICE: 'SF_ARRAY_SLICE',
  ARRAY_POSITION: 'SF_ARRAY_POSITION',
  JSON_EXTRACT_PATH_TEXT: 'SF_JSON_EXTRACT_PATH_TEXT',
  DAYNAME: 'SF_DAYNAME',
  MONTHNAME: 'SF_MONTHNAME',
  OBJECT_CONSTRUCT_KEEP_NULL: 'json_object',
};

/** DuckDB functions Snowflake does not have that reach files, settings or the engine itself. */
const DUCK_ONLY = /^(READ_\w+|PARQUET_\w+|DUCKDB_\w+|PRAGMA_\w+|SQLITE_\w+|POSTGRES_\w+|MYSQL_\w+|ICEBERG_\w+|DELTA_\w+|GLOB|SNIFF_CSV|QUERY|QUERY_TABLE|CURRENT_SETTING|GETENV|GETVARIABLE|JSON_EXECUTE_SERIALIZED_SQL|JSON_SERIALIZE_SQL|JSON_DESERIALIZE_SQL|CHECKPOINT|FORCE_CHECKPOINT|WHICH_SECONDARY|TEST_ALL_TYPES|TEST_VECTOR_TYPES|SUMMARY|ENABLE_LOGGING|DISABLE_LOGGING|TRUNCATE_DUCKDB_LOGS|EXPORT_DATABASE|FROM_CSV_AUTO|CSV_SCAN|ARROW_SCAN|SEQ_SCAN|REPEAT_ROW|RANGE|GENERATE_SERIES|UNNEST|JSON_EACH|JSON_TREE|CAST_TO_TYPE)$/;
/**
 * Snowflake functions the sandbox does not have (DuckDB has none of these names, or one that does
 * something else: DECODE, ARRAY_SORT …). Called, they say so, rather than "Unknown function" as if
 * the user had mistyped.
 */
const NOT_IN_SANDBOX = new Set(
  `ADD_MONTHS APPROX_PERCENTILE APPROX_TOP_K APPROXIMATE_SIMILARITY ARRAY_DISTINCT ARRAY_EXCEPT ARRAY_FLATTEN
  ARRAY_GENERATE_RANGE ARRAY_INSERT ARRAY_INTERSECTION ARRAY_MAX ARRAY_MIN ARRAY_REMOVE ARRAY_REMOVE_AT ARRAY_SORT
  ARRAY_UNION_AGG ARRAY_UNIQUE_AGG ARRAYS_OVERLAP AS_BOOLEAN AS_DATE AS_DOUBLE AS_INTEGER AS_NUMBER AS_VARCHAR
  BASE64_DECODE_STRING BASE64_ENCODE BITAND BITNOT BITOR BITXOR BOOLAND_AGG BOOLOR_AGG BOOLXOR_AGG CHECK_JSON COMPRESS
  CONDITIONAL_CHANGE_EVENT CONDITIONAL_TRUE_EVENT CONVERT_TIMEZONE DATE_FROM_PARTS DECODE DIV0NULL EDITDISTANCE GENERATOR
  GET_IGNORE_CASE HAVERSINE HEX_DECODE_STRING HEX_ENCODE HLL IS_ARRAY IS_BOOLEAN IS_DECIMAL IS_DOUBLE IS_INTEGER
  IS_OBJECT IS_VARCHAR JAROWINKLER_SIMILARITY MINHASH MONTHS_BETWEEN NEXT_DAY NORMAL NVL2 OBJECT_DELETE OBJECT_INSERT
  OBJECT_PICK PARSE_IP PARSE_URL PARSE_XML PREVIOUS_DAY RANDSTR RATIO_TO_REPORT REGEXP_INSTR SEQ1 SEQ2 SEQ4 SEQ8 SHA2
  SHA2_BINARY SKEW SPLIT_TO_TABLE SQUARE STRTOK STRTOK_SPLIT_TO_TABLE TIME_FROM_PARTS TIMESTAMP_FROM_PARTS TO_BOOLEAN
  TO_DOUBLE TO_TIME TO_XML TRY_BASE64_DECODE_STRING TRY_TO_BOOLEAN TRY_TO_DOUBLE TRY_TO_TIME TRY_TO_TIMESTAMP_NTZ
  UNIFORM UUID_STRING WIDTH_BUCKET XMLGET ZIPF`.split(/\s+/),
);
/** DuckDB's own catalogs, never a Snowflake database. */
const DUCK_CATALOGS = new Set(['SYSTEM', 'TEMP', 'MEMORY', 'PG_CATALOG']);

const PAREN_LESS = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIMESTAMP']);
const INFO_VIEWS = new Set(['COLUMNS', 'TABLES', 'SCHEMATA', 'VIEWS']);
const CONSTRAINT_WORDS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK']);
/** Words after which `(` or `[` do not continue an operand. */
const KEYWORDS = new Set([
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'AS', 'ON', 'USING', 'BY', 'THEN', 'ELSE', 'WHEN', 'CASE', 'IS',
  'LIKE', 'ILIKE', 'RLIKE', 'BETWEEN', 'HAVING', 'QUALIFY', 'EXISTS', 'VALUES', 'JOIN', 'LATERAL', 'TABLE', 'OVER',
  'DISTINCT', 'ALL', 'ANY', 'SOME', 'UNION', 'EXCEPT', 'MINUS', 'INTERSECT', 'LIMIT', 'ORDER', 'GROUP', 'WITH', 'INTO',
  'SET', 'RETURN', 'FILTER', 'WITHIN', 'PARTITION', 'ROWS', 'RANGE', 'INTERVAL', 'NULL', 'TRUE', 'FALSE', 'END', 'ESCAPE',
]);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const TYPED_LITERAL = new Set(['DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP_NTZ', 'TIMESTAMP_LTZ', 'TIMESTAMP_TZ', 'INTERVAL']);

/**
 * A string in arithmetic is converted to a number, as Snowflake does ('5' + 1 is 6): a fixed-point
 * number with the literal's decimals; text that is no number fails when the statement runs, as
 * Snowflake's 100038 "Numeric value 'abc' is not recognized".
 */
function numberFromString(text: string): string {
  const decimals = /^\s*[+-]?\d*\.(\d+)\s*$/.exec(text)?.[1].length ?? 0;
  return `CAST(${duckString(text)} AS DECIMAL(38,${Math.min(decimals, 37)}))`;
}

/** Aggregates whose answer is fixed-point for a fixed-point argument, by their DuckDB names. */
const FIXED_POINT_AGGREGATES: Record<string, string> = {
  AVG: 'avg',
  VARIANCE: 'var_samp',
  VARIANCE_SAMP: 'var_samp',
  VAR_SAMP: 'var_samp',
  VARIANCE_POP: 'var_pop',
  VAR_POP: 'var_pop',
};
/** Aggregates whose WITHIN GROUP (ORDER BY …) DuckDB writes inside the call. */
const ORDERED_INSIDE = new Set(['LISTAGG', 'ARRAY_AGG', 'ARRAYAGG', 'STRING_AGG']);

export function rewrite(all: Token[], sql: string, ctx: RewriteContext): string {
  let s: Token[] = [];
  // Whether whitespace separated significant token k-1 and k in the source.
  let spaced: boolean[] = [];
  {
    let gap = false;
    for (const t of all) {
      if (t.kind === 'space' || t.kind === 'comment') gap = true;
      else {
        s.push(t);
        spaced.push(gap);
        gap = false;
      }
    }
  }
  [s, spaced] = moveWithinGroup(s, spaced);

  const out: string[] = [];
  /** Index in `out` of the piece holding significant token k's text. */
  const pieceOf: number[] = [];
  /** Text to append once token k has been emitted (closing a wrapper opened earlier). */
  const closers = new Map<number, string[]>();
  /** Token k ends a wrapped expression that starts at this token (for left-associative chains). */
  const startOverride = new Map<number, number>();
  const emit = (k: number, text: string) => {
    if (out.length > 0 && spaced[k]) out.push(' ');
    pieceOf[k] = out.length;
    out.push(text);
  };
  /** Tokens from..to as DuckDB SQL of their own (spacing as in the source). */
  const sub = (from: number, to: number) =>
    rewrite(all.filter((t) => t.pos >= s[from].pos && t.pos <= s[to].pos), sql, { ...ctx, columnListDepth: undefined, columnDefinitionAt: undefined });
  const prefix = (k: number, text: string) => {
    out[pieceOf[k]] = text + out[pieceOf[k]];
  };
  const closeAfter = (k: number, text: string) => {
    const list = closers.get(k) ?? [];
    list.push(text);
    closers.set(k, list);
  };
  const isOp = (k: number, op: string) => s[k]?.kind === 'op' && s[k].text === op;
  const isWord = (k: number, w?: string) => s[k]?.kind === 'word' && (w === undefined || s[k].value === w);
  const isName = (k: number) => s[k]?.kind === 'word' || s[k]?.kind === 'quoted';
  const where = (k: number) => lineAndPosition(sql, s[k]?.pos ?? sql.length);

  /** Index of the bracket closing the one opened at k. */
  const matching = (k: number): number => {
    const open = s[k].text;
    const close = open === '(' ? ')' : ']';
    let depth = 0;
    for (let i = k; i < s.length; i++) {
      if (isOp(i, open)) depth++;
      if (isOp(i, close) && --depth === 0) return i;
    }
    const { line, position } = where(s.length);
    throw syntaxError(line, position, '');
  };
  const matchingBack = (k: number): number => {
    const close = s[k].text;
    const open = close === ')' ? '(' : '[';
    let depth = 0;
    for (let i = k; i >= 0; i--) {
      if (isOp(i, close)) depth++;
      if (isOp(i, open) && --depth === 0) return i;
    }
    return 0;
  };
  /** Whether token k can end an operand (so a following `[` or `:` applies to it). */
  const endsOperand = (k: number) =>
    s[k] !== undefined &&
    ((s[k].kind === 'word' && !KEYWORDS.has(s[k].value)) || s[k].kind === 'quoted' || isOp(k, ')') || isOp(k, ']') || s[k].kind === 'string');

  /** First token of the operand (primary with its postfix operators) that ends at token k. */
  function operandStart(k: number): number {
    let i = k;
    for (;;) {
      if (startOverride.has(i)) i = startOverride.get(i)!;
      else if (isOp(i, ')')) {
        i = matchingBack(i);
        // OVER (…), WITHIN GROUP (…), FILTER (…) belong to the call before them.
        if (isWord(i - 1, 'OVER') || isWord(i - 1, 'FILTER')) {
          i = i - 2;
          continue;
        }
        if (isWord(i - 1, 'GROUP') && isWord(i - 2, 'WITHIN')) {
          i = i - 3;
          continue;
        }
        if (isName(i - 1) && !(s[i - 1].kind === 'word' && KEYWORDS.has(s[i - 1].value))) i--;
      } else if (isOp(i, ']')) {
        i = matchingBack(i);
        if (endsOperand(i - 1)) {
          i = i - 1;
          continue;
        }
      } else if (isWord(i, 'END')) {
        let depth = 0;
        for (; i >= 0; i--) {
          if (isWord(i, 'END')) depth++;
          if (isWord(i, 'CASE') && --depth === 0) break;
        }
      }
      if (isOp(i - 1, '.') || isOp(i - 1, ':') || isOp(i - 1, '::')) {
        i = i - 2;
        continue;
      }
      return i;
    }
  }

  /** Last token of the operand starting at token k (for the right side of `/`). */
  function operandEnd(k: number): number {
    let i = k;
    while (isOp(i, '-') || isOp(i, '+')) i++;
    if (isWord(i, 'CASE')) {
      let depth = 0;
      for (; i < s.length; i++) {
        if (isWord(i, 'CASE')) depth++;
        if (isWord(i, 'END') && --depth === 0) break;
      }
    } else if (isOp(i, '(')) i = matching(i);
    else if (isName(i) && isOp(i + 1, '(')) {
      i = matching(i + 1);
      for (;;) {
        if ((isWord(i + 1, 'OVER') || isWord(i + 1, 'FILTER')) && isOp(i + 2, '(')) i = matching(i + 2);
        else if (isWord(i + 1, 'WITHIN') && isWord(i + 2, 'GROUP') && isOp(i + 3, '(')) i = matching(i + 3);
        else break;
      }
    }
    for (;;) {
      if ((isOp(i + 1, '.') || isOp(i + 1, ':') || isOp(i + 1, '::')) && s[i + 2]) {
        i += 2;
        if (isOp(i + 1, '(')) i = matching(i + 1);
      } else if (isOp(i + 1, '[')) i = matching(i + 1);
      else return i;
    }
  }

  /** A type name at k (with its arguments): its DuckDB type and last token; null when unknown. */
  function typeAt(k: number): { duck: string; end: number } | null {
    if (!isWord(k)) return null;
    let j = k;
    let name = s[k].value;
    if (name === 'DOUBLE' && isWord(j + 1, 'PRECISION')) j++;
    if ((name === 'CHARACTER' || name === 'CHAR') && isWord(j + 1, 'VARYING')) {
      j++;
      name = 'VARCHAR';
    }
    const args: number[] = [];
    if (isOp(j + 1, '(')) {
      const close = matching(j + 1);
      for (let a = j + 2; a < close; a++) if (s[a].kind === 'number') args.push(Number(s[a].text));
      j = close;
    }
    const duck = duckTypeFor(name, args);
    return duck ? { duck, end: j } : null;
  }

  /** A VARIANT path starting at k (`:name`, `.name`, `[0]`, `['key']`): its JSONPath and last token. */
  function pathAt(k: number): { path: string; end: number } {
    let path = '$';
    let i = k;
    const key = (t: Token) => {
      const name = t.kind === 'word' ? t.text : t.value;
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `."${name.replace(/"/g, '\\"')}"`;
    };
    for (;;) {
      if ((isOp(i, ':') && path === '$') || isOp(i, '.')) {
        if (!isName(i + 1)) break;
        path += key(s[i + 1]);
        i += 2;
      } else if (isOp(i, '[') && isOp(i + 2, ']') && (s[i + 1].kind === 'number' || s[i + 1].kind === 'string')) {
        path += s[i + 1].kind === 'number' ? `[${s[i + 1].text}]` : key(s[i + 1]);
        i += 3;
      } else break;
    }
    return { path, end: i - 1 };
  }

  const parens: Array<'cast' | 'other'> = [];
  let expectType = false;
  /** Token ranges left out of the output (CAST's `AS type` when a macro does the cast). */
  const skipTo = new Map<number, number>();

  for (let j = 0; j < s.length; j++) {
    if (skipTo.has(j)) {
      j = skipTo.get(j)!;
      flush(j);
      continue;
    }
    const t = s[j];

    if (expectType && t.kind === 'word') {
      expectType = false;
      const type = typeAt(j);
      if (type) {
        emit(j, type.duck);
        for (let k = j + 1; k <= type.end; k++) pieceOf[k] = pieceOf[j];
        j = type.end;
        flush(j);
        continue;
      }
    }
    expectType = false;

    switch (t.kind) {
      case 'quoted': {
        if (DUCK_CATALOGS.has(t.value) && isOp(j + 1, '.')) throw unknownDatabase(j);
        const qi = tryInformationSchema(j);
        if (qi !== null) {
          j = qi;
          break;
        }
        emit(j, quoteIdent(t.value));
        maybeColumnDefinition(j);
        break;
      }
      case 'string':
        emit(j, arithmeticOperand(j) ? numberFromString(t.value) : duckString(t.value));
        break;
      case 'param':
        emit(j, t.text === '?' ? '?' : `$${t.text.slice(1)}`);
        break;
      case 'op':
        j = operator(j);
        break;
      case 'word':
        j = word(j);
        break;
      default:
        emit(j, t.text);
    }
    flush(j);
  }
  return out.join('');

  /** Appends the closers registered for tokens up to k. */
  function flush(k: number): void {
    const due = [...closers.keys()].filter((at) => at <= k).sort((a, b) => a - b);
    for (const at of due) {
      out[out.length - 1] += closers.get(at)!.reverse().join('');
      closers.delete(at);
    }
  }

  function operator(j: number): number {
    const t = s[j];
    if (t.text === '::') {
      // expr::TYPE; a VARIANT operand is unwrapped first ('"books"'::string is books).
      const type = typeAt(j + 1);
      if (!type) {
        expectType = true;
        emit(j, t.text);
        return j;
      }
      const start = operandStart(j - 1);
      const { open, close } = castWrapper(type.duck);
      prefix(start, open);
      out[out.length - 1] += close;
      for (let k = j; k <= type.end; k++) pieceOf[k] = out.length - 1;
      startOverride.set(type.end, start);
      return type.end;
    }
    if ((t.text === ':' && isName(j + 1) && endsOperand(j - 1)) || (t.text === '[' && endsOperand(j - 1) && j > 0)) {
      const { path, end } = pathAt(j);
      if (end >= j) {
        const start = operandStart(j - 1);
        // x:a = 'books' compares the VARIANT's text, as Snowflake does for a string operand.
        const textCompare = s[end + 2]?.kind === 'string' && (['=', '<>', '!=', '<', '>', '<=', '>='].includes(s[end + 1]?.text) || isWord(end + 1, 'LIKE') || isWord(end + 1, 'ILIKE') || isWord(end + 1, 'IN'));
        prefix(start, textCompare ? 'SF_CAST_VARCHAR(SF_GET(' : 'SF_GET(');
        out[out.length - 1] += `, ${duckString(path)})${textCompare ? ')' : ''}`;
        for (let k = j; k <= end; k++) pieceOf[k] = out.length - 1;
        startOverride.set(end, start);
        return end;
      }
    }
    if (t.text === '/' && j > 0) {
      // Snowflake divides fixed-point numbers into fixed-point results (scale + 6) and refuses 0.
      const start = operandStart(j - 1);
      const end = operandEnd(j + 1);
      prefix(start, 'SF_DIV(');
      emit(j, ',');
      closeAfter(end, ')');
      startOverride.set(end, start);
      return j;
    }
    if (t.text === '$' && isWord(j + 1) && !spaced[j + 1]) {
      const name = s[j + 1].value;
      const value = ctx.variables?.[name];
      if (value === undefined) throw new SnowflakeError('002211', '02000', `SQL compilation error: error line ${where(j).line} at position ${where(j).position}\nSession variable '$${name}' does not exist`);
      emit(j, value);
      return j + 1;
    }
    if (t.text === '(') parens.push(isWord(j - 1, 'CAST') || isWord(j - 1, 'TRY_CAST') ? 'cast' : 'other');
    if (t.text === ')') parens.pop();
    emit(j, t.text);
    return j;
  }

  function word(j: number): number {
    const t = s[j];
    const w = t.value;
    if (w.startsWith('SYSTEM$')) throw notAvailableInSandbox(w);
    if (w === 'SNOWFLAKE' && isOp(j + 1, '.') && isWord(j + 2, 'CORTEX')) throw notAvailableInSandbox('SNOWFLAKE.CORTEX functions (Cortex Search)');
    if (DUCK_CATALOGS.has(w) && isOp(j + 1, '.') && !isOp(j - 1, '.')) throw unknownDatabase(j);
    const wi = tryInformationSchema(j);
    if (wi !== null) return wi;
    const followedByCall = isOp(j + 1, '(');
    if (followedByCall && !isOp(j - 1, '.') && DUCK_ONLY.test(w)) {
      const { line, position } = where(j);
      throw unknownFunction(w, line, position);
    }
    if (followedByCall && !isOp(j - 1, '.') && NOT_IN_SANDBOX.has(w)) throw notAvailableInSandbox(`the function ${w}`);
    if (followedByCall && isOp(j + 2, ')') && w in ctx.sessionFunctions) {
      emit(j, ctx.sessionFunctions[w]);
      pieceOf[j + 1] = pieceOf[j + 2] = pieceOf[j];
      return j + 2;
    }
    if (followedByCall && isOp(j + 2, ')') && PAREN_LESS.has(w)) {
      emit(j, w);
      pieceOf[j + 1] = pieceOf[j + 2] = pieceOf[j];
      return j + 2;
    }
    if (w === 'AS' && parens[parens.length - 1] === 'cast') {
      emit(j, w);
      expectType = true;
      return j;
    }
    if (followedByCall && UNIT_FUNCTIONS.has(w) && isWord(j + 2) && isOp(j + 3, ',')) {
      const dateUnit = /^(Y|YY|YYY|YYYY|YR|YRS|YEARS?|Q|QTRS?|QUARTERS?|MM|MON|MONS|MONTHS?|W|WK|WY|WOY|WEEKS?|WEEKOFYEAR|D|DD|DAYS?|DAYOFMONTH)$/.test(s[j + 2].value);
      emit(j, RENAMED_FUNCTIONS[w] === 'SF_DATEADD' && dateUnit ? 'SF_DATEADD_DATE' : (RENAMED_FUNCTIONS[w] ?? w));
      emit(j + 1, '(');
      parens.push('other');
      emit(j + 2, duckString(s[j + 2].value.toLowerCase()));
      return j + 2;
    }
    if (followedByCall && w === 'CAST') {
      const castEnd = castWithMacro(j);
      if (castEnd !== null) return castEnd;
    }
    if (w === 'FLATTEN' && followedByCall) return flatten(j, j + 1, matching(j + 1));
    if (w === 'TABLE' && followedByCall && isWord(j + 2, 'FLATTEN') && isOp(j + 3, '(')) {
      const close = matching(j + 1);
      flatten(j, j + 3, matching(j + 3));
      for (let k = j + 1; k <= close; k++) pieceOf[k] ??= out.length - 1;
      return close;
    }
    if (w === 'TABLE' && followedByCall && isWord(j + 2, 'RESULT_SCAN') && isOp(j + 3, '(')) return resultScan(j);
    if ((w === 'SAMPLE' || w === 'TABLESAMPLE') && !isOp(j - 1, '.')) {
      const end = sample(j);
      if (end !== null) return end;
    }
    if (followedByCall && w in FIXED_POINT_AGGREGATES) {
      const end = fixedPointAggregate(j);
      if (end !== null) return end;
    }
    if (followedByCall && (w === 'MEDIAN' || w === 'PERCENTILE_CONT' || w === 'PERCENTILE_DISC')) {
      const end = percentile(j);
      if (end !== null) return end;
    }
    if (followedByCall && (w === 'OBJECT_CONSTRUCT' || w === 'OBJECT_CONSTRUCT_KEEP_NULL') && isOp(j + 2, '*')) throw notAvailableInSandbox(`${w}(*)`);
    if (followedByCall && w === 'ARRAY_CONSTRUCT_COMPACT') {
      emit(j, 'ARRAY_COMPACT(json_array');
      closeAfter(matching(j + 1), ')');
      return j;
    }
    if (followedByCall && w === 'OBJECT_CONSTRUCT') {
      emit(j, `json_merge_patch('{}', json_object`);
      closeAfter(matching(j + 1), ')');
      return j;
    }
    if (followedByCall && (w === 'TO_CHAR' || w === 'TO_VARCHAR')) {
      const end = toChar(j);
      if (end !== null) return end;
      emit(j, 'SF_TO_CHAR');
      return j;
    }
    emit(j, followedByCall ? (RENAMED_FUNCTIONS[w] ?? w) : w);
    maybeColumnDefinition(j);
    return j;
  }

  /**
   * An aggregate (or window) call whose DuckDB answer is DOUBLE, or fixed-point with too few
   * decimals, as Snowflake types it: `inner` (with the call's OVER (…) when it has one) cast to
   * the type of its argument times `factor`, so fixed-point gains the factor's decimals and FLOAT
   * stays FLOAT. Emits the whole call at token j; returns its last token.
   */
  function typedAggregate(j: number, close: number, inner: string, arg: [number, number], factor: string): number {
    const over = isWord(close + 1, 'OVER') && isOp(close + 2, '(');
    const end = over ? matching(close + 2) : close;
    const window = over ? ` ${sub(close + 1, end)}` : '';
    emit(j, `cast_to_type(${inner}${window}, any_value(${sub(arg[0], arg[1])})${window} * ${factor})`);
    for (let k = j + 1; k <= end; k++) pieceOf[k] = pieceOf[j];
    return end;
  }

  /**
   * AVG and the variances of fixed-point numbers are fixed-point with 6 more decimals (DuckDB
   * answers DOUBLE). Null (left as it is) for a call with FILTER or no argument.
   */
  function fixedPointAggregate(j: number): number | null {
    const close = matching(j + 1);
    if (isWord(close + 1, 'FILTER') || isOp(j + 2, ')')) return null;
    const distinct = isWord(j + 2, 'DISTINCT');
    const arg: [number, number] = [distinct ? j + 3 : j + 2, close - 1];
    const inner = `${FIXED_POINT_AGGREGATES[s[j].value]}(${distinct ? 'DISTINCT ' : ''}${sub(arg[0], arg[1])})`;
    return typedAggregate(j, close, inner, arg, 'CAST(1 AS DECIMAL(38,6))');
  }

  /**
   * MEDIAN(x) and PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x): Snowflake interpolates fixed-point
   * numbers with 3 more decimals. DuckDB keeps the argument's scale, truncating (MEDIAN of 1 and 2
   * was 1, and 2134 came out 2133.999), so x gains 6 decimals before and is rounded to 3 after.
   * PERCENTILE_DISC keeps x's type. Both become quantile_cont/disc(x, p), which DuckDB also takes
   * as window functions (its WITHIN GROUP form is no window function). Null: left as it is.
   */
  function percentile(j: number): number | null {
    const close = matching(j + 1);
    if (s[j].value === 'MEDIAN') {
      if (isWord(j + 2, 'DISTINCT') || close === j + 2) return null;
      return typedAggregate(j, close, `median((${sub(j + 2, close - 1)}) * 1.000000)`, [j + 2, close - 1], '1.000');
    }
    if (!(isWord(close + 1, 'WITHIN') && isWord(close + 2, 'GROUP') && isOp(close + 3, '(') && isWord(close + 4, 'ORDER') && isWord(close + 5, 'BY'))) return null;
    const groupClose = matching(close + 3);
    let last = groupClose - 1;
    if (isWord(last, 'FIRST') || isWord(last, 'LAST')) last -= 2;
    const desc = isWord(last, 'DESC');
    if (desc || isWord(last, 'ASC')) last--;
    if (last < close + 6 || close === j + 2) return null;
    const x = sub(close + 6, last);
    const p = desc ? `1 - (${sub(j + 2, close - 1)})` : sub(j + 2, close - 1);
    const over = isWord(groupClose + 1, 'OVER') && isOp(groupClose + 2, '(');
    if (s[j].value === 'PERCENTILE_DISC') {
      if (!over) return null;
      // The DESC order's discrete percentile is no ascending one at 1 - p.
      if (desc) throw notAvailableInSandbox('PERCENTILE_DISC … WITHIN GROUP (ORDER BY … DESC) as a window function');
      emit(j, `quantile_disc(${x}, ${p})`);
      for (let k = j + 1; k <= groupClose; k++) pieceOf[k] = pieceOf[j];
      return groupClose;
    }
    return typedAggregate(j, groupClose, `quantile_cont((${x}) * 1.000000, ${p})`, [close + 6, last], '1.000');
  }

  /** Whether the string literal at k is an operand of + - * / % (not a typed literal like DATE '…' nor cast). */
  function arithmeticOperand(k: number): boolean {
    if ((isWord(k - 1) && TYPED_LITERAL.has(s[k - 1].value)) || isOp(k + 1, '::')) return false;
    const arithmetic = (i: number) => s[i]?.kind === 'op' && ARITHMETIC.has(s[i].text);
    return arithmetic(k - 1) || arithmetic(k + 1);
  }

  /** CAST(x AS type) through the VARIANT-aware cast macros; null when the type has none. */
  function castWithMacro(j: number): number | null {
    const close = matching(j + 1);
    let depth = 0;
    let as = -1;
    for (let k = j + 1; k < close; k++) {
      if (isOp(k, '(')) depth++;
      if (isOp(k, ')')) depth--;
      if (depth === 1 && isWord(k, 'AS')) as = k;
    }
    if (as < 0) return null;
    const type = typeAt(as + 1);
    if (!type || type.end !== close - 1) return null;
    const { open, close: tail } = castWrapper(type.duck);
    emit(j, open.slice(0, -1));
    parens.push('other');
    emit(j + 1, '(');
    // Leave out `AS type`, and close as the wrapper needs.
    skipTo.set(as, close);
    closeAfter(close, tail);
    parens.pop();
    return j + 1;
  }

  /** Text around an operand cast to a DuckDB type: open + operand + close. */
  function castWrapper(duck: string): { open: string; close: string } {
    const macro = castMacroFor(duck);
    if (macro) return { open: `${macro}(`, close: ')' };
    if (duck === 'JSON') return { open: 'to_json(', close: ')' };
    return { open: 'CAST(SF_CAST_VARCHAR(', close: `) AS ${duck})` };
  }

  /**
   * FLATTEN(INPUT => … [, PATH => '…'] [, OUTER => TRUE|FALSE] [, RECURSIVE => TRUE|FALSE]
   * [, MODE => 'OBJECT'|'ARRAY'|'BOTH']) as a subquery with Snowflake's columns SEQ, KEY, PATH,
   * INDEX, VALUE, THIS, over DuckDB's json_each (json_tree when recursive, in the same pre-order).
   */
  function flatten(start: number, open: number, close: number): number {
    const args = new Map<string, [number, number]>();
    let depth = 0;
    let from = open + 1;
    for (let k = open + 1; k <= close; k++) {
      if (isOp(k, '(') || isOp(k, '[')) depth++;
      if (isOp(k, ')') || isOp(k, ']')) depth--;
      if ((isOp(k, ',') && depth === 0) || k === close) {
        if (isWord(from) && isOp(from + 1, '=>')) args.set(s[from].value, [from + 2, k - 1]);
        else args.set(args.size === 0 ? 'INPUT' : `#${args.size}`, [from, k - 1]);
        from = k + 1;
      }
    }
    for (const name of args.keys()) {
      if (!['INPUT', 'PATH', 'OUTER', 'RECURSIVE', 'MODE'].includes(name)) throw notAvailableInSandbox(`FLATTEN's ${name.toLowerCase()} argument`);
    }
    const input = args.get('INPUT');
    if (!input) throw syntaxError(where(close).line, where(close).position, ')');
    /** A constant argument: its one token, which must be of the kind given. */
    const constant = (name: string, kind: 'string' | 'word'): string | undefined => {
      const range = args.get(name);
      if (!range) return undefined;
      const t = s[range[0]];
      if (range[1] !== range[0] || t.kind !== kind) throw notAvailableInSandbox(`FLATTEN's ${name.toLowerCase()} argument other than a constant`);
      return t.value;
    };
    /** An argument that must be one of a few values; anything else is refused where it stands. */
    const oneOf = <T extends string>(name: string, kind: 'string' | 'word', allowed: T[], otherwise: T): T => {
      const v = constant(name, kind)?.toUpperCase() ?? otherwise;
      if (!allowed.includes(v as T)) {
        const { line, position } = where(args.get(name)![0]);
        throw syntaxError(line, position, s[args.get(name)![0]].value);
      }
      return v as T;
    };
    const path = constant('PATH', 'string') ?? '';
    const outer = oneOf('OUTER', 'word', ['TRUE', 'FALSE'], 'FALSE') === 'TRUE';
    const recursive = oneOf('RECURSIVE', 'word', ['TRUE', 'FALSE'], 'FALSE') === 'TRUE';
    const mode = oneOf('MODE', 'string', ['OBJECT', 'ARRAY', 'BOTH'], 'BOTH');

    let value = `CAST(${sub(input[0], input[1])} AS JSON)`;
    if (path) value = `json_extract(${value}, ${duckString(path.startsWith('[') ? `$${path}` : `$.${path}`)})`;
    // Rows of the expansion: never the root itself (json_tree lists it, json_each of a scalar
    // answers it); MODE keeps paths through objects only (no '[') or arrays only (no '.').
    const keep = [`fullkey <> '$'`, `json_type(F__.IN__) IN ('ARRAY', 'OBJECT')`];
    if (mode === 'OBJECT') keep.push(`fullkey NOT LIKE '%[%'`);
    if (mode === 'ARRAY') keep.push(`fullkey NOT LIKE '%.%'`);
    const element = `E__.fullkey LIKE '%]'`;
    const self = recursive ? `json_extract(F__.IN__, E__.path)` : 'F__.IN__';
    emit(
      start,
      `(SELECT CAST(1 AS DECIMAL(38,0)) AS SEQ, CASE WHEN ${element} THEN NULL ELSE E__.key END AS "KEY", ` +
        `regexp_replace(${duckString(path)} || substr(E__.fullkey, 2), '^\\.', '') AS PATH, ` +
        `CASE WHEN ${element} THEN CAST(E__.key AS DECIMAL(38,0)) END AS "INDEX", CAST(E__.value AS JSON) AS "VALUE", ` +
        `CASE WHEN E__.fullkey IS NULL THEN F__.IN__ ELSE ${self} END AS THIS ` +
        `FROM (SELECT ${value} AS IN__) F__ ${outer ? 'LEFT ' : ''}JOIN LATERAL ` +
        `(SELECT * FROM ${recursive ? 'json_tree' : 'json_each'}(F__.IN__) WHERE ${keep.join(' AND ')}) E__ ON TRUE ORDER BY E__.id)`,
    );
    for (let k = start; k <= close; k++) pieceOf[k] ??= out.length - 1;
    return close;
  }

  /** TABLE(RESULT_SCAN(LAST_QUERY_ID()) or RESULT_SCAN('id')). */
  function resultScan(j: number): number {
    const close = matching(j + 1);
    const arg = s[j + 4];
    let id: string | undefined;
    if (arg?.kind === 'string') id = arg.value;
    else if (isWord(j + 4, 'LAST_QUERY_ID') && isOp(j + 5, '(') && isOp(j + 6, ')')) id = ctx.sessionFunctions.LAST_QUERY_ID === 'NULL' ? '' : ctx.sessionFunctions.LAST_QUERY_ID.slice(1, -1);
    if (id === undefined || !ctx.resultScan) throw notAvailableInSandbox('RESULT_SCAN of anything but LAST_QUERY_ID() or a query id');
    emit(j, ctx.resultScan(id));
    for (let k = j; k <= close; k++) pieceOf[k] ??= out.length - 1;
    return close;
  }

  /** SAMPLE / TABLESAMPLE [BERNOULLI|ROW|SYSTEM|BLOCK] (n [ROWS]) [SEED|REPEATABLE (n)]. */
  function sample(j: number): number | null {
    let k = j + 1;
    let method = 'bernoulli';
    if (isWord(k, 'BERNOULLI') || isWord(k, 'ROW')) k++;
    else if (isWord(k, 'SYSTEM') || isWord(k, 'BLOCK')) {
      method = 'system';
      k++;
    }
    if (!isOp(k, '(') || s[k + 1]?.kind !== 'number') return null;
    const n = s[k + 1].text;
    let end: number;
    let text: string;
    if (isWord(k + 2, 'ROWS') && isOp(k + 3, ')')) {
      text = `TABLESAMPLE reservoir(${n} ROWS)`;
      end = k + 3;
    } else if (isOp(k + 2, ')')) {
      text = `TABLESAMPLE ${method}(${n}%)`;
      end = k + 2;
    } else return null;
    if ((isWord(end + 1, 'SEED') || isWord(end + 1, 'REPEATABLE')) && isOp(end + 2, '(') && s[end + 3]?.kind === 'number' && isOp(end + 4, ')')) {
      text += ` REPEATABLE (${s[end + 3].text})`;
      end += 4;
    }
    emit(j, text);
    for (let i = j; i <= end; i++) pieceOf[i] ??= out.length - 1;
    return end;
  }

  /** TO_CHAR(datetime, 'format literal') as strftime with the format translated. */
  function toChar(j: number): number | null {
    const close = matching(j + 1);
    const fmt = s[close - 1];
    if (fmt?.kind !== 'string' || !isOp(close - 2, ',')) return null;
    const translated = strftimeFormat(fmt.value);
    if (translated === null) throw notAvailableInSandbox(`TO_CHAR format '${fmt.value}'`);
    emit(j, 'strftime');
    const saved = s[close - 1];
    s[close - 1] = { ...saved, value: translated };
    return j;
  }

  function unknownDatabase(k: number): SnowflakeError {
    return new SnowflakeError('002003', '42S02', `SQL compilation error:\nDatabase '${s[k].value}' does not exist or not authorized.`);
  }

  /** DB.INFORMATION_SCHEMA.VIEW or INFORMATION_SCHEMA.VIEW starting at k. */
  function tryInformationSchema(k: number): number | null {
    if (isName(k) && isOp(k + 1, '.') && isWord(k + 2, 'INFORMATION_SCHEMA') && isOp(k + 3, '.') && isWord(k + 4) && s[k].value !== 'INFORMATION_SCHEMA') {
      const view = s[k + 4].value;
      if (!INFO_VIEWS.has(view)) throw unknownView(k + 4);
      emit(k, ctx.informationSchema(s[k].value, view));
      for (let i = k + 1; i <= k + 4; i++) pieceOf[i] = pieceOf[k];
      return k + 4;
    }
    if (isWord(k, 'INFORMATION_SCHEMA') && isOp(k + 1, '.') && isWord(k + 2) && !isOp(k - 1, '.')) {
      const view = s[k + 2].value;
      if (!INFO_VIEWS.has(view)) throw unknownView(k + 2);
      emit(k, ctx.informationSchema(null, view));
      for (let i = k + 1; i <= k + 2; i++) pieceOf[i] = pieceOf[k];
      return k + 2;
    }
    return null;
  }

  function unknownView(k: number): Error {
    const { line, position } = where(k);
    return syntaxError(line, position, s[k].text);
  }

  /** In a column list, the name at the start of an item is followed by its type. */
  function maybeColumnDefinition(k: number): void {
    if (ctx.columnDefinitionAt !== undefined && k === ctx.columnDefinitionAt) {
      expectType = true;
      return;
    }
    if (ctx.columnListDepth === undefined || parens.length !== ctx.columnListDepth) return;
    if (!(isOp(k - 1, '(') || isOp(k - 1, ','))) return;
    if (s[k].kind === 'word' && CONSTRAINT_WORDS.has(s[k].value)) return;
    expectType = true;
  }
}

/** LISTAGG(x, ',') WITHIN GROUP (ORDER BY y) → LISTAGG(x, ',' ORDER BY y), as DuckDB writes it. */
function moveWithinGroup(s: Token[], spaced: boolean[]): [Token[], boolean[]] {
  const isOp = (k: number, op: string) => s[k]?.kind === 'op' && s[k].text === op;
  for (let k = 0; k < s.length; k++) {
    if (!(s[k].kind === 'word' && s[k].value === 'WITHIN' && s[k + 1]?.value === 'GROUP' && isOp(k + 2, '(') && isOp(k - 1, ')'))) continue;
    // The call this WITHIN GROUP follows.
    let depth = 0;
    let open = k - 1;
    for (; open >= 0; open--) {
      if (isOp(open, ')')) depth++;
      if (isOp(open, '(') && --depth === 0) break;
    }
    if (!(s[open - 1]?.kind === 'word' && ORDERED_INSIDE.has(s[open - 1].value))) continue;
    depth = 0;
    let close = k + 2;
    for (; close < s.length; close++) {
      if (isOp(close, '(')) depth++;
      if (isOp(close, ')') && --depth === 0) break;
    }
    const order = s.slice(k + 3, close);
    const orderSpaced = [true, ...spaced.slice(k + 4, close)];
    s = [...s.slice(0, k - 1), ...order, s[k - 1], ...s.slice(close + 1)];
    spaced = [...spaced.slice(0, k - 1), ...orderSpaced, false, ...spaced.slice(close + 1)];
  }
  return [s, spaced];
}

/** Snowflake's date/time format elements as strftime's; null when an element has no equivalent. */
export function strftimeFormat(format: string): string | null {
  const elements: Array<[RegExp, string]> = [
    [/^YYYY/i, '%Y'],
    [/^YY/i, '%y'],
    [/^MMMM/i, '%B'],
    [/^MON/i, '%b'],
    [/^MM/i, '%m'],
    [/^DD/i, '%d'],
    [/^DY/i, '%a'],
    [/^HH24/i, '%H'],
    [/^HH12/i, '%I'],
    [/^HH/i, '%H'],
    [/^MI/i, '%M'],
    [/^SS/i, '%S'],
    [/^FF[1-3]/i, '%g'],
    [/^FF[4-9]?/i, '%f'],
    [/^AM|^PM/i, '%p'],
    [/^TZH:TZM/i, '%z'],
  ];
  let out = '';
  let rest = format;
  while (rest) {
    if (rest[0] === '"') {
      const end = rest.indexOf('"', 1);
      out += (end < 0 ? rest.slice(1) : rest.slice(1, end)).replace(/%/g, '%%');
      rest = end < 0 ? '' : rest.slice(end + 1);
      continue;
    }
    const hit = elements.find(([re]) => re.test(rest));
    if (hit) {
      out += hit[1];
      rest = rest.replace(hit[0], '');
      continue;
    }
    if (/^[A-Za-z0-9]/.test(rest)) return null;
    out += rest[0] === '%' ? '%%' : rest[0];
    rest = rest.slice(1);
  }
  return out;
}
