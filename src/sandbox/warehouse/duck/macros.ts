// Snowflake functions DuckDB lacks, as per-connection macros, created on a connection the first
// time a statement uses them (33 macros cost ~100 ms per new session if created up front). The rewriter renames calls whose
// names clash with DuckDB built-ins (TO_TIMESTAMP, DATEADD) to the SF_ variants below.

const UNITS: Array<[string[], string]> = [
  [['year', 'years', 'y', 'yy', 'yyy', 'yyyy', 'yr', 'yrs'], 'to_years(CAST(n AS INTEGER))'],
  [['quarter', 'quarters', 'q', 'qtr', 'qtrs'], 'to_months(CAST(n * 3 AS INTEGER))'],
  [['month', 'months', 'mm', 'mon', 'mons'], 'to_months(CAST(n AS INTEGER))'],
  [['week', 'weeks', 'w', 'wk', 'weekofyear', 'woy', 'wy'], 'to_days(CAST(n * 7 AS INTEGER))'],
  [['day', 'days', 'd', 'dd', 'dayofmonth'], 'to_days(CAST(n AS INTEGER))'],
  [['hour', 'hours', 'h', 'hh', 'hr', 'hrs'], 'to_hours(CAST(n AS BIGINT))'],
  [['minute', 'minutes', 'm', 'mi', 'min', 'mins'], 'to_minutes(CAST(n AS BIGINT))'],
  [['second', 'seconds', 's', 'sec', 'secs'], 'to_seconds(CAST(n AS DOUBLE))'],
  [['millisecond', 'milliseconds', 'ms', 'msec'], 'to_milliseconds(CAST(n AS DOUBLE))'],
  [['microsecond', 'microseconds', 'us', 'usec'], 'to_microseconds(CAST(n AS BIGINT))'],
];

const dateaddCases = UNITS.map(
  ([names, expr]) => `WHEN lower(u) IN (${names.map((n) => `'${n}'`).join(', ')}) THEN t + ${expr}`,
).join(' ');

/** Casts that unwrap a VARIANT (JSON) scalar first: '"books"'::string is books, '"12"'::number 12. */
const CAST_MACROS: Record<string, string> = {
  VARCHAR: 'SF_CAST_VARCHAR',
  DOUBLE: 'SF_CAST_DOUBLE',
  BOOLEAN: 'SF_CAST_BOOLEAN',
  DATE: 'SF_CAST_DATE',
  TIME: 'SF_CAST_TIME',
  TIMESTAMP: 'SF_CAST_TIMESTAMP',
  TIMESTAMPTZ: 'SF_CAST_TIMESTAMPTZ',
  'DECIMAL(38,0)': 'SF_CAST_NUMBER',
};

/** The cast macro for a DuckDB type, if it has one. */
export function castMacroFor(duckType: string): string | undefined {
  return CAST_MACROS[duckType];
}

const castMacros = Object.entries(CAST_MACROS).map(
  ([type, name]) =>
    `CREATE OR REPLACE TEMP MACRO ${name}(x) AS CASE WHEN typeof(x) = 'JSON' THEN CAST(json_extract_string(CAST(x AS JSON), '$') AS ${type}) ELSE CAST(x AS ${type}) END`,
);

export const MACROS: string[] = [
  ...castMacros,
  // VARIANT path access: x:a.b[0] and x['a'] (JSON; NULL when the path is absent).
  `CREATE OR REPLACE TEMP MACRO SF_GET(x, p) AS json_extract(CAST(x AS JSON), p)`,
  `CREATE OR REPLACE TEMP MACRO SF_GET_PATH(x, p) AS json_extract(CAST(x AS JSON), '$.' || p)`,
  `CREATE OR REPLACE TEMP MACRO SF_GET_ITEM(x, k) AS json_extract(CAST(x AS JSON), CASE WHEN typeof(k) = 'VARCHAR' THEN '$."' || k || '"' ELSE '$[' || CAST(k AS VARCHAR) || ']' END)`,
  `CREATE OR REPLACE TEMP MACRO SF_IS_NULL_VALUE(x) AS json_type(CAST(x AS JSON)) = 'NULL'`,
  // Fixed-point division and AVG (Snowflake: scale of the dividend + 6); 0 as divisor is an error.
  `CREATE OR REPLACE TEMP MACRO SF_DIV(a, b) AS cast_to_type(CASE WHEN b = 0 THEN error('Division by zero') ELSE a / b END, a * CAST(1 AS DECIMAL(38,6)) + b * 0)`,
  // No longer emitted (AVG is rewritten inline, see rewrite.ts); kept for views stored with it.
  `CREATE OR REPLACE TEMP MACRO SF_AVG(x) AS cast_to_type(avg(x), first(x) * CAST(1 AS DECIMAL(38,6)))`,
  `CREATE OR REPLACE TEMP MACRO DIV0(a, b) AS cast_to_type(CASE WHEN b = 0 THEN 0 ELSE a / b END, a * CAST(1 AS DECIMAL(38,6)) + b * 0)`,
  // Date-level units keep a DATE a DATE (DuckDB's DATE + INTERVAL is a TIMESTAMP).
  `CREATE OR REPLACE TEMP MACRO SF_DATEADD_DATE(u, n, t) AS cast_to_type(SF_DATEADD(u, n, t), t)`,
  `CREATE OR REPLACE TEMP MACRO SF_DATE_TRUNC(u, t) AS cast_to_type(date_trunc(u, t), t)`,
  `CREATE OR REPLACE TEMP MACRO SF_REGEXP_REPLACE(s, p) AS regexp_replace(s, p, '', 'g'), (s, p, r) AS regexp_replace(s, p, r, 'g')`,
  `CREATE OR REPLACE TEMP MACRO SF_TO_CHAR(x) AS CAST(x AS VARCHAR)`,
  `CREATE OR REPLACE TEMP MACRO SF_TYPEOF(x) AS CASE json_type(CAST(x AS JSON))
     WHEN 'NULL' THEN 'NULL_VALUE' WHEN 'BIGINT' THEN 'INTEGER' WHEN 'UBIGINT' THEN 'INTEGER'
     WHEN 'DOUBLE' THEN CASE WHEN regexp_matches(CAST(x AS VARCHAR), '[eE]') THEN 'DOUBLE' ELSE 'DECIMAL' END
     ELSE json_type(CAST(x AS JSON)) END`,
  `CREATE OR REPLACE TEMP MACRO SF_ARRAY_SIZE(x) AS CASE WHEN json_type(CAST(x AS JSON)) = 'ARRAY' THEN CAST(json_array_length(CAST(x AS JSON)) AS DECIMAL(38,0)) END`,
  // ARRAY functions over JSON arrays, as DuckDB lists of JSON elements (a JSON null is SQL NULL there).
  `CREATE OR REPLACE TEMP MACRO SF_LIST(a) AS CAST(CAST(a AS JSON) AS JSON[])`,
  `CREATE OR REPLACE TEMP MACRO ARRAY_APPEND(a, e) AS to_json(list_append(SF_LIST(a), to_json(e)))`,
  `CREATE OR REPLACE TEMP MACRO ARRAY_PREPEND(a, e) AS to_json(list_prepend(to_json(e), SF_LIST(a)))`,
  `CREATE OR REPLACE TEMP MACRO SF_ARRAY_CAT(a, b) AS to_json(list_concat(SF_LIST(a), SF_LIST(b)))`,
  `CREATE OR REPLACE TEMP MACRO SF_ARRAY_CONTAINS(v, a) AS list_contains(SF_LIST(a), to_json(v))`,
  `CREATE OR REPLACE TEMP MACRO SF_ARRAY_POSITION(v, a) AS list_position(SF_LIST(a), to_json(v)) - 1`,
  `CREATE OR REPLACE TEMP MACRO ARRAY_COMPACT(a) AS to_json(list_filter(SF_LIST(a), x -> x IS NOT NULL AND x <> 'null'))`,
  // 0-based, the end excluded, negative positions from the end (DuckDB's list_slice: 1-based, inclusive).
  `CREATE OR REPLACE TEMP MACRO SF_ARRAY_SLICE(a, f, t) AS to_json(list_slice(SF_LIST(a),
     CASE WHEN f < 0 THEN len(SF_LIST(a)) + f + 1 ELSE f + 1 END, CASE WHEN t < 0 THEN len(SF_LIST(a)) + t ELSE t END))`,
  `CREATE OR REPLACE TEMP MACRO TO_ARRAY(x) AS CASE WHEN x IS NULL THEN NULL WHEN json_type(to_json(x)) = 'ARRAY' THEN to_json(x) ELSE to_json([to_json(x)]) END`,
  `CREATE OR REPLACE TEMP MACRO AS_ARRAY(x) AS CASE WHEN json_type(CAST(x AS JSON)) = 'ARRAY' THEN CAST(x AS JSON) END`,
  `CREATE OR REPLACE TEMP MACRO AS_OBJECT(x) AS CASE WHEN json_type(CAST(x AS JSON)) = 'OBJECT' THEN CAST(x AS JSON) END`,
  // Tokens between any of the delimiter characters (a space by default), empty ones left out.
  `CREATE OR REPLACE TEMP MACRO STRTOK_TO_ARRAY(s) AS to_json(list_filter(string_split(s, ' '), x -> x <> '')),
     (s, d) AS to_json(list_filter(string_split_regex(s, '[' || regexp_replace(d, '([\\]\\\\^-])', '\\\\\\1', 'g') || ']'), x -> x <> ''))`,
  // OBJECT_AGG leaves out pairs whose key or value is NULL, as OBJECT_CONSTRUCT does.
  `CREATE OR REPLACE TEMP MACRO SF_OBJECT_AGG(k, v) AS to_json(map_from_entries(list(struct_pack(key := k, value := v)) FILTER (WHERE k IS NOT NULL AND v IS NOT NULL)))`,
  `CREATE OR REPLACE TEMP MACRO SF_OBJECT_KEYS(x) AS to_json(json_keys(CAST(x AS JSON)))`,
  `CREATE OR REPLACE TEMP MACRO SF_REGEXP_SUBSTR(s, p) AS NULLIF(regexp_extract(s, p), ''),
     (s, p, pos) AS NULLIF(regexp_extract(substr(s, pos), p), ''),
     (s, p, pos, occ) AS NULLIF(regexp_extract_all(substr(s, pos), p)[occ], ''),
     (s, p, pos, occ, params) AS NULLIF(regexp_extract_all(substr(s, pos), p)[occ], ''),
     (s, p, pos, occ, params, grp) AS NULLIF(regexp_extract_all(substr(s, pos), p, grp)[occ], '')`,
  `CREATE OR REPLACE TEMP MACRO INITCAP(s) AS array_to_string(list_transform(string_split(s, ' '), w -> upper(w[1]) || lower(w[2:])), ' ')`,
  `CREATE OR REPLACE TEMP MACRO CHARINDEX(sub, s) AS instr(s, sub), (sub, s, pos) AS CASE WHEN instr(substr(s, pos), sub) = 0 THEN 0 ELSE instr(substr(s, pos), sub) + pos - 1 END`,
  `CREATE OR REPLACE TEMP MACRO EQUAL_NULL(a, b) AS a IS NOT DISTINCT FROM b`,
  `CREATE OR REPLACE TEMP MACRO REGEXP_LIKE(s, p) AS regexp_full_match(s, p)`,
  `CREATE OR REPLACE TEMP MACRO SF_TRY_TO_NUMBER(x) AS TRY_CAST(SF_CAST_VARCHAR(x) AS DECIMAL(38,0))`,
  `CREATE OR REPLACE TEMP MACRO SF_TO_NUMBER(x) AS CAST(SF_CAST_VARCHAR(x) AS DECIMAL(38,0))`,
  `CREATE OR REPLACE TEMP MACRO SF_TO_TIMESTAMP_NTZ(x) AS CAST(x AS TIMESTAMP)`,
  `CREATE OR REPLACE TEMP MACRO SF_TRY_TO_TIMESTAMP_NTZ(x) AS TRY_CAST(x AS TIMESTAMP)`,
  `CREATE OR REPLACE TEMP MACRO SF_TO_TIMESTAMP_LTZ(x) AS CAST(x AS TIMESTAMPTZ)`,
  `CREATE OR REPLACE TEMP MACRO SF_DATEADD(u, n, t) AS CASE ${dateaddCases} ELSE error('Invalid date part ''' || u || ''' for DATEADD') END`,
  // A path of names and [n] without the leading $ (DuckDB's json_extract_path_text wants JSONPath).
  `CREATE OR REPLACE TEMP MACRO SF_JSON_EXTRACT_PATH_TEXT(j, p) AS json_extract_string(CAST(j AS JSON), CASE WHEN starts_with(p, '[') THEN '$' ELSE '$.' END || p)`,
  // Three-letter names (DuckDB's dayname/monthname answer Friday, October).
  `CREATE OR REPLACE TEMP MACRO SF_DAYNAME(d) AS strftime(d, '%a')`,
  `CREATE OR REPLACE TEMP MACRO SF_MONTHNAME(d) AS strftime(d, '%b')`,
  `CREATE OR REPLACE TEMP MACRO NULLIFZERO(x) AS NULLIF(x, 0)`,
  `CREATE OR REPLACE TEMP MACRO TRY_TO_DATE(x) AS TRY_CAST(x AS DATE)`,
  `CREATE OR REPLACE TEMP MACRO REGEXP_COUNT(s, p) AS CAST(len(regexp_extract_all(s, p)) AS DECIMAL(38,0)),
     (s, p, pos) AS CAST(len(regexp_extract_all(substr(s, pos), p)) AS DECIMAL(38,0))`,
  `CREATE OR REPLACE TEMP MACRO IFF(c, a, b) AS CASE WHEN c THEN a ELSE b END`,
  `CREATE OR REPLACE TEMP MACRO NVL(a, b) AS COALESCE(a, b)`,
  `CREATE OR REPLACE TEMP MACRO ZEROIFNULL(a) AS COALESCE(a, 0)`,
  `CREATE OR REPLACE TEMP MACRO PARSE_JSON(x) AS CAST(x AS JSON)`,
  `CREATE OR REPLACE TEMP MACRO TRY_PARSE_JSON(x) AS TRY_CAST(x AS JSON)`,
  `CREATE OR REPLACE TEMP MACRO TO_VARIANT(x) AS to_json(x)`,
  `CREATE OR REPLACE TEMP MACRO TO_DATE(x) AS CAST(x AS DATE)`,
  // DuckDB's column type text to the DATA_TYPE names Snowflake's INFORMATION_SCHEMA reports.
  `CREATE OR REPLACE TEMP MACRO SF_DATA_TYPE(t) AS CASE
     WHEN t LIKE 'DECIMAL%' OR t IN ('TINYINT','SMALLINT','INTEGER','BIGINT','HUGEINT','UTINYINT','USMALLINT','UINTEGER','UBIGINT','UHUGEINT') THEN 'NUMBER'
     WHEN t IN ('DOUBLE','FLOAT') THEN 'FLOAT'
     WHEN t = 'JSON' THEN 'VARIANT'
     WHEN t = 'BOOLEAN' THEN 'BOOLEAN'
     WHEN t = 'DATE' THEN 'DATE'
     WHEN t = 'TIME' THEN 'TIME'
     WHEN t = 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP_LTZ'
     WHEN t LIKE 'TIMESTAMP%' THEN 'TIMESTAMP_NTZ'
     WHEN t = 'BLOB' THEN 'BINARY'
     WHEN t LIKE '%[]' THEN 'ARRAY'
     WHEN t LIKE 'STRUCT%' OR t LIKE 'MAP%' THEN 'OBJECT'
     ELSE 'TEXT' END`,
];

const NAME = /^CREATE OR REPLACE TEMP MACRO (\w+)/;
const byName = new Map(MACROS.map((sql) => [NAME.exec(sql)![1].toUpperCase(), sql]));
const mention = new RegExp(`\\b(${[...byName.keys()].join('|')})\\s*\\(`, 'gi');

/** Every CREATE MACRO statement, dependencies first; their names are added to `made`. */
export function allMacros(made: Set<string>): string[] {
  return macrosFor([...byName.keys()].map((name) => `${name}(`).join(' '), made);
}

/**
 * Whether DuckDB refused a statement because one of our macros is missing on its connection:
 * created inside a transaction that rolled back, or used by a stored view rather than named in
 * the statement's text.
 */
export function isMissingMacro(err: unknown): boolean {
  const m = /with name "?(\w+)"? does not exist/i.exec(err instanceof Error ? err.message : String(err));
  return m !== null && byName.has(m[1]!.toUpperCase());
}

/** The CREATE MACRO statements a statement needs (dependencies first), leaving out those in `have`. */
export function macrosFor(sql: string, have: Set<string>): string[] {
  const out: string[] = [];
  const visit = (text: string) => {
    for (const m of text.matchAll(mention)) {
      const name = m[1].toUpperCase();
      if (have.has(name)) continue;
      have.add(name);
      const def = byName.get(name)!;
      visit(def.replace(NAME, ''));
      out.push(def);
    }
  };
  visit(sql);
  return out;
}
