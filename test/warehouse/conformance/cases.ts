// The emulator's conformance corpus: one case per behaviour, each with the answer Snowflake's
// documentation gives (result column names, types with precision/scale where the page states them,
// rows, or error code + sqlState + message) and the page it comes from. conformance.test.ts runs
// every case through the real snowflake-sdk against the emulator, on the tutorial's database with
// the sample logs loaded ("APPLICATION-LOGS": 130 rows, 90 INFO / 26 WARN / 14 ERROR).
//
// Types: 'NUMBER(38,6)' asserts precision and scale, 'NUMBER(*,6)' the scale alone, 'NUMBER' the
// type alone.

export interface Case {
  doc: string;
  sql: string;
  /** Statements run first in the same session. */
  setup?: string[];
  /** Run in a session of its own: 'context' with the tutorial's role/database/warehouse, 'bare' with none. */
  session?: 'context' | 'bare';
  columns?: Array<[string, string]>;
  rows?: unknown[][];
  error?: { code: string; sqlState: string; message: RegExp };
}

const DOCS = 'https://docs.snowflake.com/en/sql-reference';
const fn = (name: string) => `${DOCS}/functions/${name}`;
const T = '"APPLICATION-LOGS"';

const ok = (doc: string, sql: string, columns: Array<[string, string]>, rows?: unknown[][], more: Partial<Case> = {}): Case => ({ doc, sql, columns, rows, ...more });
const err = (doc: string, sql: string, code: string, sqlState: string, message: RegExp, more: Partial<Case> = {}): Case => ({ doc, sql, error: { code, sqlState, message }, ...more });

/** A one-column, one-row answer. */
const one = (doc: string, sql: string, name: string, type: string, value: unknown, more: Partial<Case> = {}) => ok(doc, sql, [[name, type]], [[value]], more);

const IDENTIFIERS = `${DOCS}/identifiers-syntax`;
const SELECT = `${DOCS}/sql/select`;
const ORDER_BY = `${DOCS}/constructs/order-by`;
const ARITHMETIC = `${DOCS}/operators-arithmetic`;
const QUERYING_SEMI = 'https://docs.snowflake.com/en/user-guide/querying-semistructured';
const FLATTEN = fn('flatten');
const ERRORS = 'https://docs.snowflake.com/en/developer-guide/sql-api/handling-errors';
const SYNTAX_ERROR = 'https://docs.snowflake.com/en/user-guide/troubleshooting-errors';
const SHOW_TABLES = `${DOCS}/sql/show-tables`;
const SHOW_VIEWS = `${DOCS}/sql/show-views`;
const INFO_COLUMNS = `${DOCS}/info-schema/columns`;
const INFO_TABLES = `${DOCS}/info-schema/tables`;
const PARAMETERS = `${DOCS}/parameters`;
const NOT_A_FUNCTION = `${DOCS}/functions-all`;
const SQL_ALL = `${DOCS}/sql-all`;
const CONVERSION = `${DOCS}/data-type-conversion`;
/** A function's page in the Snowpark Python reference, whose examples show SQL answers' types. */
const SNOWPARK = (name: string) => `https://docs.snowflake.com/en/developer-guide/snowpark/reference/python/1.8.0/api/snowflake.snowpark.functions.${name}`;
/** The tables of the PERCENTILE_CONT / PERCENTILE_DISC and MEDIAN pages' examples. */
const AGGR_PERCENTILE = '(SELECT k, v::NUMBER(10,2) AS v FROM (VALUES (0, 0), (0, 10), (0, 20), (0, 30), (0, 40), (1, 10), (1, 20), (2, 10), (2, 20), (2, 25), (2, 30), (3, 60), (4, NULL)) t(k, v)) aggr';
const AGGR_MEDIAN = '(SELECT k, v::NUMBER(10,2) AS v FROM (VALUES (1, 10), (1, 20), (1, 21), (2, 10), (2, 20), (2, 25), (2, 30), (3, NULL)) t(k, v)) aggr';
/** The FLATTEN page's recursive example input. */
const FLATTEN_DOC = { a: 1, b: [77, 88], c: { d: 'X' } };

const SHOW_TABLES_COLUMNS =
  'created_on name database_name schema_name kind comment cluster_by rows bytes owner retention_time automatic_clustering change_tracking search_optimization search_optimization_progress search_optimization_bytes is_external enable_schema_evolution owner_role_type is_event budget is_hybrid is_iceberg is_dynamic is_immutable'.split(' ');
const SHOW_VIEWS_COLUMNS = 'created_on name reserved database_name schema_name owner comment text is_secure is_materialized owner_role_type change_tracking'.split(' ');

/** DuckDB functions and statements that Snowflake does not have: refused with Snowflake's own errors. */
const duckOnlyFunctions = [
  "SELECT * FROM read_text('/etc/hostname')",
  "SELECT * FROM read_csv('/etc/passwd')",
  "SELECT * FROM read_csv_auto('/etc/passwd')",
  "SELECT * FROM read_parquet('/tmp/x.parquet')",
  "SELECT * FROM read_json('/tmp/x.json')",
  "SELECT * FROM read_json_auto('/tmp/x.json')",
  "SELECT * FROM read_blob('/etc/hostname')",
  "SELECT * FROM glob('/etc/*')",
  "SELECT * FROM sniff_csv('/etc/passwd')",
  "SELECT * FROM parquet_metadata('/tmp/x.parquet')",
  'SELECT * FROM duckdb_settings()',
  'SELECT * FROM duckdb_databases()',
  'SELECT * FROM duckdb_extensions()',
  "SELECT current_setting('threads')",
  "SELECT * FROM query('SELECT 1')",
  "SELECT * FROM query_table('x')",
  'SELECT * FROM pragma_version()',
].map((sql) => err(NOT_A_FUNCTION, sql, '002140', '42601', /Unknown function/));

const duckOnlyStatements = [
  'PRAGMA database_list',
  'INSTALL httpfs',
  'LOAD httpfs',
  "ATTACH '/tmp/other.duckdb' AS OTHER",
  'DETACH OTHER',
  "EXPORT DATABASE '/tmp/out'",
  "IMPORT DATABASE '/tmp/out'",
  'CHECKPOINT',
  "COPY (SELECT 1) TO '/tmp/x.csv'",
  `SUMMARIZE ${T}`,
  'SELEC 1',
].map((sql) => err(SQL_ALL, sql, '001003', '42000', new RegExp(`syntax error line 1 at position 0 unexpected '${sql.split(' ')[0]}'`)));

export const CASES: Case[] = [
  // ── Result column names: an unaliased expression is named by its text, upper-cased ──
  one(fn('count'), `SELECT COUNT(*) FROM ${T}`, 'COUNT(*)', 'NUMBER(18,0)', 130),
  one(fn('count'), `SELECT count(*) FROM ${T}`, 'COUNT(*)', 'NUMBER', 130),
  one(fn('sum'), `SELECT SUM(AMOUNT) FROM ${T}`, 'SUM(AMOUNT)', 'NUMBER(38,2)', 4085.68),
  one(fn('sum'), `SELECT sum(duration_ms) FROM ${T}`, 'SUM(DURATION_MS)', 'NUMBER(38,0)', 111744),
  one(fn('current_role'), 'SELECT CURRENT_ROLE()', 'CURRENT_ROLE()', 'TEXT', 'ACCOUNTADMIN'),
  one(fn('current_database'), 'SELECT current_database()', 'CURRENT_DATABASE()', 'TEXT', 'QUICKSTART_KAFKA_CONNECTOR_DB'),
  one(ARITHMETIC, 'SELECT 2 + 3', '2 + 3', 'NUMBER', 5),
  one(ARITHMETIC, 'SELECT 2+3', '2+3', 'NUMBER', 5),
  one(SELECT, 'SELECT 2 + 3 AS five', 'FIVE', 'NUMBER', 5),
  one(SELECT, 'SELECT 2 + 3 AS "five"', 'five', 'NUMBER', 5),
  one(SELECT, 'SELECT 2 + 3 five', 'FIVE', 'NUMBER', 5),
  one(SELECT, `SELECT level FROM ${T} WHERE REQUEST_ID = 'req-89eeec3c'`, 'LEVEL', 'TEXT', 'ERROR'),
  one(SELECT, `SELECT l.level FROM ${T} l WHERE l.REQUEST_ID = 'req-89eeec3c'`, 'LEVEL', 'TEXT', 'ERROR'),
  one(SELECT, `SELECT "LEVEL" FROM ${T} WHERE REQUEST_ID = 'req-89eeec3c'`, 'LEVEL', 'TEXT', 'ERROR'),
  one(fn('upper'), `SELECT UPPER(level) FROM ${T} WHERE REQUEST_ID = 'req-89eeec3c'`, 'UPPER(LEVEL)', 'TEXT', 'ERROR'),
  one(fn('to_timestamp'), `SELECT TO_TIMESTAMP(TIMESTAMP) FROM ${T} WHERE REQUEST_ID = 'req-89eeec3c'`, 'TO_TIMESTAMP(TIMESTAMP)', 'TIMESTAMP_NTZ', '2025-10-17 13:32:32.211'),
  one(fn('max'), `SELECT MAX(duration_ms) AS longest FROM ${T}`, 'LONGEST', 'NUMBER', 9926),
  ok(SELECT, 'SELECT 1 AS a, 2 AS b', [['A', 'NUMBER'], ['B', 'NUMBER']], [[1, 2]]),
  ok(`${DOCS}/constructs/values`, 'VALUES (1, \'a\'), (2, \'b\')', [['COLUMN1', 'NUMBER'], ['COLUMN2', 'TEXT']], [[1, 'a'], [2, 'b']]),
  ok(`${DOCS}/constructs/values`, "SELECT * FROM (VALUES (1, 'a'))", [['COLUMN1', 'NUMBER'], ['COLUMN2', 'TEXT']], [[1, 'a']]),
  one(fn('iff'), "SELECT IFF(1 < 2, 'yes', 'no')", "IFF(1 < 2, 'yes', 'no')", 'TEXT', 'yes'),
  one(SELECT, `SELECT COUNT(*) cnt FROM ${T}`, 'CNT', 'NUMBER', 130),
  one(`${DOCS}/constructs/with`, `WITH x AS (SELECT COUNT(*) AS n FROM ${T}) SELECT n * 2 FROM x`, 'N * 2', 'NUMBER', 260),
  one(`${DOCS}/operators-query`, 'SELECT 1 AS v UNION ALL SELECT 2 ORDER BY v DESC LIMIT 1', 'V', 'NUMBER', 2),
  ok(SELECT, `SELECT *, 1 AS one FROM (SELECT 'x' AS k)`, [['K', 'TEXT'], ['ONE', 'NUMBER']], [['x', 1]]),
  one(SELECT, 'SELECT CASE WHEN 1 = 1 THEN \'a\' END', "CASE WHEN 1 = 1 THEN 'a' END", 'TEXT', 'a'),

  // ── VARIANT: paths, casts, FLATTEN, constructors, TYPEOF ──
  one(QUERYING_SEMI, `SELECT QUERY_PARAMS:category FROM ${T} WHERE QUERY_PARAMS:category = 'books'`, 'QUERY_PARAMS:CATEGORY', 'VARIANT', 'books'),
  one(QUERYING_SEMI, `SELECT QUERY_PARAMS:category::string AS C FROM ${T} WHERE QUERY_PARAMS:limit = 25`, 'C', 'TEXT', 'books'),
  one(QUERYING_SEMI, `SELECT QUERY_PARAMS['category']::string FROM ${T} WHERE QUERY_PARAMS:limit = 50`, "QUERY_PARAMS['category']::STRING", 'TEXT', 'electronics'),
  one(QUERYING_SEMI, `SELECT QUERY_PARAMS:limit::number FROM ${T} WHERE QUERY_PARAMS:category::string = 'books'`, 'QUERY_PARAMS:LIMIT::NUMBER', 'NUMBER', 25),
  ok(QUERYING_SEMI, `SELECT QUERY_PARAMS:category::string AS C FROM ${T} WHERE QUERY_PARAMS IS NOT NULL ORDER BY C`, [['C', 'TEXT']], [['books'], ['electronics']]),
  one(QUERYING_SEMI, `SELECT COUNT(*) FROM ${T} WHERE QUERY_PARAMS:category IS NOT NULL`, 'COUNT(*)', 'NUMBER', 2),
  one(QUERYING_SEMI, `SELECT COUNT(*) FROM ${T} WHERE VALIDATION_ERRORS[0] IS NOT NULL`, 'COUNT(*)', 'NUMBER', 0),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('{"a":{"b":[1,2]}}'):a.b[1]`, `PARSE_JSON('{"a":{"b":[1,2]}}'):A.B[1]`, 'VARIANT', 2),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('{"a":"x"}'):a AS v`, 'V', 'VARIANT', 'x'),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('{"a":"x"}'):a::string AS v`, 'V', 'TEXT', 'x'),
  one(QUERYING_SEMI, `SELECT CAST(PARSE_JSON('{"a":"x"}'):a AS VARCHAR) AS v`, 'V', 'TEXT', 'x'),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('{"a":"x"}')['a']::varchar AS v`, 'V', 'TEXT', 'x'),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('[10,20,30]')[0] AS v`, 'V', 'VARIANT', 10),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('[10,20,30]')[2]::number AS v`, 'V', 'NUMBER', 30),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('{"a":1}'):missing AS v`, 'V', 'VARIANT', null),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('{"Key":1}'):key AS v`, 'V', 'VARIANT', null),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('{"Key":1}'):Key AS v`, 'V', 'VARIANT', 1),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('{"a b":1}'):"a b" AS v`, 'V', 'VARIANT', 1),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('{"d":"2025-10-17"}'):d::date AS v`, 'V', 'DATE', '2025-10-17'),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('{"ok":true}'):ok::boolean AS v`, 'V', 'BOOLEAN', true),
  one(QUERYING_SEMI, `SELECT PARSE_JSON('{"n":"12"}'):n::number + 1 AS v`, 'V', 'NUMBER', 13),
  one(fn('parse_json'), `SELECT PARSE_JSON('{"a":1}') AS v`, 'V', 'VARIANT', { a: 1 }),
  one(fn('array_size'), `SELECT ARRAY_SIZE(PARSE_JSON('[1,2,3]'))`, "ARRAY_SIZE(PARSE_JSON('[1,2,3]'))", 'NUMBER', 3),
  one(fn('array_size'), `SELECT ARRAY_SIZE(PARSE_JSON('{"a":1}')) AS n`, 'N', 'NUMBER', null),
  one(fn('array_size'), `SELECT ARRAY_SIZE(PARSE_JSON('[]')) AS n`, 'N', 'NUMBER', 0),
  one(fn('object_construct'), "SELECT OBJECT_CONSTRUCT('a', 1, 'b', 'x') AS o", 'O', 'OBJECT', { a: 1, b: 'x' }),
  one(fn('object_construct'), "SELECT OBJECT_CONSTRUCT('a', 1, 'b', NULL) AS o", 'O', 'OBJECT', { a: 1 }),
  one(fn('array_construct'), 'SELECT ARRAY_CONSTRUCT(1, 2, 3) AS a', 'A', 'ARRAY', [1, 2, 3]),
  one(fn('typeof'), `SELECT TYPEOF(PARSE_JSON('[1]')) AS t`, 'T', 'TEXT', 'ARRAY'),
  one(fn('typeof'), `SELECT TYPEOF(PARSE_JSON('{"a":1}')) AS t`, 'T', 'TEXT', 'OBJECT'),
  one(fn('typeof'), `SELECT TYPEOF(PARSE_JSON('"s"')) AS t`, 'T', 'TEXT', 'VARCHAR'),
  one(fn('typeof'), `SELECT TYPEOF(PARSE_JSON('42')) AS t`, 'T', 'TEXT', 'INTEGER'),
  one(fn('typeof'), `SELECT TYPEOF(PARSE_JSON('4.2')) AS t`, 'T', 'TEXT', 'DECIMAL'),
  one(fn('typeof'), `SELECT TYPEOF(PARSE_JSON('4.2e1')) AS t`, 'T', 'TEXT', 'DOUBLE'),
  one(fn('typeof'), `SELECT TYPEOF(PARSE_JSON('true')) AS t`, 'T', 'TEXT', 'BOOLEAN'),
  one(fn('typeof'), `SELECT TYPEOF(PARSE_JSON('null')) AS t`, 'T', 'TEXT', 'NULL_VALUE'),
  one(fn('typeof'), `SELECT TYPEOF(QUERY_PARAMS) AS t FROM ${T} WHERE QUERY_PARAMS IS NOT NULL LIMIT 1`, 'T', 'TEXT', 'OBJECT'),
  one(fn('is_null_value'), `SELECT IS_NULL_VALUE(PARSE_JSON('{"a":null}'):a) AS b`, 'B', 'BOOLEAN', true),
  one(fn('get_path'), `SELECT GET_PATH(PARSE_JSON('{"a":{"b":7}}'), 'a.b') AS v`, 'V', 'VARIANT', 7),
  one(fn('get'), `SELECT GET(PARSE_JSON('[5,6]'), 1) AS v`, 'V', 'VARIANT', 6),
  one(fn('get'), `SELECT GET(PARSE_JSON('{"k":"v"}'), 'k') AS v`, 'V', 'VARIANT', 'v'),
  one(fn('object_keys'), `SELECT OBJECT_KEYS(PARSE_JSON('{"a":1,"b":2}')) AS k`, 'K', 'ARRAY', ['a', 'b']),
  ok(FLATTEN, `SELECT f.value, f.index FROM TABLE(FLATTEN(input => PARSE_JSON('[10,20]'))) f ORDER BY f.index`, [['VALUE', 'VARIANT'], ['INDEX', 'NUMBER']], [[10, 0], [20, 1]]),
  ok(FLATTEN, `SELECT f.key, f.value FROM TABLE(FLATTEN(input => PARSE_JSON('{"a":1,"b":2}'))) f ORDER BY f.key`, [['KEY', 'TEXT'], ['VALUE', 'VARIANT']], [['a', 1], ['b', 2]]),
  one(FLATTEN, `SELECT f.path FROM TABLE(FLATTEN(input => PARSE_JSON('[5]'))) f`, 'PATH', 'TEXT', '[0]'),
  one(FLATTEN, `SELECT f.key FROM TABLE(FLATTEN(input => PARSE_JSON('[5]'))) f`, 'KEY', 'TEXT', null),
  one(FLATTEN, `SELECT COUNT(*) FROM ${T} l, LATERAL FLATTEN(input => l.QUERY_PARAMS) f`, 'COUNT(*)', 'NUMBER', 4),
  ok(FLATTEN, `SELECT f.key, COUNT(*) AS n FROM ${T} l, LATERAL FLATTEN(input => l.QUERY_PARAMS) f GROUP BY f.key ORDER BY f.key`, [['KEY', 'TEXT'], ['N', 'NUMBER']], [['category', 2], ['limit', 2]]),
  one(FLATTEN, `SELECT COUNT(*) FROM ${T} l, TABLE(FLATTEN(input => l.QUERY_PARAMS)) f WHERE f.key = 'limit'`, 'COUNT(*)', 'NUMBER', 2),
  ok(FLATTEN, `SELECT f.value::number AS v FROM TABLE(FLATTEN(input => PARSE_JSON('{"x":[3,4]}'), path => 'x')) f ORDER BY v`, [['V', 'NUMBER']], [[3], [4]]),
  one(FLATTEN, `SELECT SUM(f.value::number) AS s FROM TABLE(FLATTEN(input => PARSE_JSON('[1,2,3]'))) f`, 'S', 'NUMBER', 6),

  // ── NULL is the largest value in ORDER BY ──
  ok(ORDER_BY, 'SELECT x FROM (VALUES (1), (NULL), (3)) t(x) ORDER BY x', [['X', 'NUMBER']], [[1], [3], [null]]),
  ok(ORDER_BY, 'SELECT x FROM (VALUES (1), (NULL), (3)) t(x) ORDER BY x DESC', [['X', 'NUMBER']], [[null], [3], [1]]),
  ok(ORDER_BY, 'SELECT x FROM (VALUES (1), (NULL), (3)) t(x) ORDER BY x NULLS FIRST', [['X', 'NUMBER']], [[null], [1], [3]]),
  ok(ORDER_BY, 'SELECT x FROM (VALUES (1), (NULL), (3)) t(x) ORDER BY x DESC NULLS LAST', [['X', 'NUMBER']], [[3], [1], [null]]),
  ok(ORDER_BY, "SELECT s FROM (VALUES ('b'), (NULL), ('a')) t(s) ORDER BY s DESC", [['S', 'TEXT']], [[null], ['b'], ['a']]),
  ok(fn('row_number'), 'SELECT x, ROW_NUMBER() OVER (ORDER BY x DESC) AS rn FROM (VALUES (1), (NULL)) t(x) ORDER BY rn', [['X', 'NUMBER'], ['RN', 'NUMBER']], [[null, 1], [1, 2]]),
  one(ORDER_BY, `SELECT AMOUNT FROM ${T} ORDER BY AMOUNT DESC LIMIT 1`, 'AMOUNT', 'NUMBER(38,2)', null),
  one(ORDER_BY, `SELECT AMOUNT FROM ${T} ORDER BY AMOUNT DESC NULLS LAST LIMIT 1`, 'AMOUNT', 'NUMBER(38,2)', 921.82),

  // ── Fixed-point NUMBER arithmetic ──
  // The page's division rule: scale max(S1, min(S1 + 6, 12)), precision L1 + S2 + scale. Literal 7
  // is NUMBER(1,0), so 7/2 is NUMBER(7,6); the sandbox types a literal inside an expression as
  // DuckDB's INTEGER (NUMBER(38,0)), so only the scale is asserted.
  one(ARITHMETIC, 'SELECT 7/2', '7/2', 'NUMBER(*,6)', 3.5),
  one(ARITHMETIC, 'SELECT 1/3 AS q', 'Q', 'NUMBER(*,6)', 0.333333),
  one(ARITHMETIC, 'SELECT 10/4 AS q', 'Q', 'NUMBER', 2.5),
  one(ARITHMETIC, `SELECT SUM(DURATION_MS) / COUNT(DURATION_MS) AS q FROM ${T}`, 'Q', 'NUMBER(38,6)', 980.210526),
  err(ARITHMETIC, 'SELECT 1/0', '100051', '22012', /Division by zero/),
  err(ARITHMETIC, `SELECT DURATION_MS / 0 FROM ${T}`, '100051', '22012', /Division by zero/),
  one(fn('div0'), 'SELECT DIV0(1, 0) AS q', 'Q', 'NUMBER', 0),
  one(fn('avg'), `SELECT AVG(DURATION_MS) FROM ${T}`, 'AVG(DURATION_MS)', 'NUMBER(38,6)', 980.210526),
  one(fn('avg'), `SELECT AVG(AMOUNT) FROM ${T}`, 'AVG(AMOUNT)', 'NUMBER(38,8)', 583.66857143),
  one(fn('round'), `SELECT ROUND(AVG(DURATION_MS), 2) FROM ${T}`, 'ROUND(AVG(DURATION_MS), 2)', 'NUMBER(38,2)', 980.21),
  one(fn('round'), 'SELECT ROUND(2.5) AS r', 'R', 'NUMBER', 3),
  one(fn('round'), 'SELECT ROUND(-2.5) AS r', 'R', 'NUMBER', -3),
  one(fn('round'), 'SELECT ROUND(3.14159, 3) AS r', 'R', 'NUMBER', 3.142),
  one(fn('trunc'), 'SELECT TRUNC(3.789, 1) AS r', 'R', 'NUMBER', 3.7),
  one(fn('ceil'), 'SELECT CEIL(1.2) AS r', 'R', 'NUMBER', 2),
  one(fn('floor'), 'SELECT FLOOR(-1.2) AS r', 'R', 'NUMBER', -2),
  one(fn('mod'), 'SELECT MOD(10, 3) AS r', 'R', 'NUMBER', 1),
  one(fn('abs'), 'SELECT ABS(-4) AS r', 'R', 'NUMBER', 4),
  one(fn('try_to_number'), "SELECT TRY_TO_NUMBER('42') AS n", 'N', 'NUMBER(38,0)', 42),
  one(fn('try_to_number'), "SELECT TRY_TO_NUMBER('abc') AS n", 'N', 'NUMBER', null),
  one(fn('try_to_number'), "SELECT TRY_TO_NUMBER('12.7') AS n", 'N', 'NUMBER', 13),
  one(fn('to_number'), "SELECT TO_NUMBER('12') + 1 AS n", 'N', 'NUMBER', 13),
  err(fn('to_number'), "SELECT TO_NUMBER('abc')", '100038', '22018', /Numeric value 'abc' is not recognized/),
  err(`${DOCS}/data-type-conversion`, "SELECT 'INFO' > 5", '100038', '22018', /Numeric value 'INFO' is not recognized/),
  err(`${DOCS}/data-type-conversion`, `SELECT COUNT(*) FROM ${T} WHERE LEVEL > 5`, '100038', '22018', /Numeric value '\w+' is not recognized/),
  one(fn('zeroifnull'), 'SELECT ZEROIFNULL(NULL) AS n', 'N', 'NUMBER', 0),

  // ── Strings ──
  one(fn('upper'), "SELECT UPPER('abc') AS s", 'S', 'TEXT', 'ABC'),
  one(fn('lower'), "SELECT LOWER('ABC') AS s", 'S', 'TEXT', 'abc'),
  one(fn('initcap'), "SELECT INITCAP('hello world') AS s", 'S', 'TEXT', 'Hello World'),
  one(fn('concat'), "SELECT CONCAT('a', 'b', 'c') AS s", 'S', 'TEXT', 'abc'),
  one(`${DOCS}/functions/concat`, "SELECT 'a' || 'b' AS s", 'S', 'TEXT', 'ab'),
  one(fn('split_part'), "SELECT SPLIT_PART('a-b-c', '-', 2) AS s", 'S', 'TEXT', 'b'),
  one(fn('substr'), "SELECT SUBSTR('hello', 2, 3) AS s", 'S', 'TEXT', 'ell'),
  one(fn('length'), "SELECT LENGTH('hello') AS n", 'N', 'NUMBER', 5),
  one(fn('trim'), "SELECT TRIM('  x  ') AS s", 'S', 'TEXT', 'x'),
  one(fn('ltrim'), "SELECT LTRIM('  x') AS s", 'S', 'TEXT', 'x'),
  one(fn('rtrim'), "SELECT RTRIM('x  ') AS s", 'S', 'TEXT', 'x'),
  one(fn('replace'), "SELECT REPLACE('abc', 'b', 'x') AS s", 'S', 'TEXT', 'axc'),
  one(fn('position'), "SELECT POSITION('b' IN 'abc') AS n", 'N', 'NUMBER', 2),
  one(fn('charindex'), "SELECT CHARINDEX('b', 'abc') AS n", 'N', 'NUMBER', 2),
  one(fn('left'), "SELECT LEFT('hello', 2) AS s", 'S', 'TEXT', 'he'),
  one(fn('right'), "SELECT RIGHT('hello', 2) AS s", 'S', 'TEXT', 'lo'),
  one(fn('lpad'), "SELECT LPAD('5', 3, '0') AS s", 'S', 'TEXT', '005'),
  one(fn('reverse'), "SELECT REVERSE('abc') AS s", 'S', 'TEXT', 'cba'),
  one(fn('repeat'), "SELECT REPEAT('ab', 3) AS s", 'S', 'TEXT', 'ababab'),
  one(fn('ascii'), "SELECT ASCII('A') AS n", 'N', 'NUMBER', 65),
  one(fn('md5'), "SELECT MD5('a') AS s", 'S', 'TEXT', '0cc175b9c0f1b6a831c399e269772661'),
  one(fn('startswith'), "SELECT STARTSWITH('abc', 'a') AS b", 'B', 'BOOLEAN', true),
  one(fn('endswith'), "SELECT ENDSWITH('abc', 'a') AS b", 'B', 'BOOLEAN', false),
  one(fn('contains'), "SELECT CONTAINS('abc', 'b') AS b", 'B', 'BOOLEAN', true),
  one(fn('startswith'), `SELECT COUNT(*) FROM ${T} WHERE STARTSWITH(SERVICE, 'auth')`, 'COUNT(*)', 'NUMBER', 18),
  one(fn('contains'), `SELECT COUNT(*) FROM ${T} WHERE CONTAINS(SERVICE, 'service')`, 'COUNT(*)', 'NUMBER', 110),
  one(fn('regexp_substr'), "SELECT REGEXP_SUBSTR('abc123def', '[0-9]+') AS s", 'S', 'TEXT', '123'),
  one(fn('regexp_substr'), "SELECT REGEXP_SUBSTR('abc', '[0-9]+') AS s", 'S', 'TEXT', null),
  one(fn('regexp_substr'), `SELECT REGEXP_SUBSTR(REQUEST_ID, '[0-9a-f]+$') AS s FROM ${T} WHERE REQUEST_ID = 'req-89eeec3c'`, 'S', 'TEXT', '89eeec3c'),
  one(fn('regexp_replace'), "SELECT REGEXP_REPLACE('abc123', '[0-9]', '') AS s", 'S', 'TEXT', 'abc'),
  one(fn('regexp_like'), "SELECT REGEXP_LIKE('abc', 'a.*') AS b", 'B', 'BOOLEAN', true),
  one(fn('regexp_like'), "SELECT REGEXP_LIKE('abc', 'b') AS b", 'B', 'BOOLEAN', false),
  one(fn('ilike'), "SELECT 'ABC' ILIKE 'a%' AS b", 'B', 'BOOLEAN', true),
  one(fn('like'), "SELECT 'ABC' LIKE 'a%' AS b", 'B', 'BOOLEAN', false),
  one(fn('split'), "SELECT SPLIT('a,b', ',') AS a", 'A', 'ARRAY', ['a', 'b']),
  one(fn('nvl'), "SELECT NVL(NULL, 'd') AS s", 'S', 'TEXT', 'd'),
  one(fn('coalesce'), "SELECT COALESCE(NULL, NULL, 'c') AS s", 'S', 'TEXT', 'c'),
  one(fn('nullif'), 'SELECT NULLIF(1, 1) AS n', 'N', 'NUMBER', null),
  one(fn('equal_null'), 'SELECT EQUAL_NULL(NULL, NULL) AS b', 'B', 'BOOLEAN', true),
  one(fn('to_char'), 'SELECT TO_CHAR(123) AS s', 'S', 'TEXT', '123'),

  // ── Dates and times ──
  one(fn('to_date'), "SELECT TO_DATE('2025-10-17') AS d", 'D', 'DATE', '2025-10-17'),
  one(fn('dateadd'), "SELECT DATEADD(day, 1, '2025-10-17'::DATE) AS d", 'D', 'DATE', '2025-10-18'),
  one(fn('dateadd'), "SELECT DATEADD(month, 1, '2025-01-31'::DATE) AS d", 'D', 'DATE', '2025-02-28'),
  one(fn('dateadd'), "SELECT DATEADD(hour, -1, TO_TIMESTAMP('2025-10-17 13:32:32')) AS t", 'T', 'TIMESTAMP_NTZ', '2025-10-17 12:32:32.000'),
  one(fn('datediff'), "SELECT DATEDIFF(day, '2025-10-01'::DATE, '2025-10-17'::DATE) AS n", 'N', 'NUMBER', 16),
  one(fn('datediff'), "SELECT DATEDIFF(hour, TO_TIMESTAMP('2025-10-17 10:00:00'), TO_TIMESTAMP('2025-10-17 13:30:00')) AS n", 'N', 'NUMBER', 3),
  one(fn('datediff'), `SELECT DATEDIFF(second, MIN(TO_TIMESTAMP(TIMESTAMP)), MAX(TO_TIMESTAMP(TIMESTAMP))) AS n FROM ${T}`, 'N', 'NUMBER', 119),
  one(fn('date_trunc'), "SELECT DATE_TRUNC('month', '2025-10-17'::DATE) AS d", 'D', 'DATE', '2025-10-01'),
  one(fn('date_trunc'), "SELECT DATE_TRUNC('hour', TO_TIMESTAMP('2025-10-17 13:32:32')) AS t", 'T', 'TIMESTAMP_NTZ', '2025-10-17 13:00:00.000'),
  one(fn('year'), "SELECT YEAR('2025-10-17'::DATE) AS n", 'N', 'NUMBER', 2025),
  one(fn('year'), "SELECT MONTH('2025-10-17'::DATE) AS n", 'N', 'NUMBER', 10),
  one(fn('year'), "SELECT DAY('2025-10-17'::DATE) AS n", 'N', 'NUMBER', 17),
  one(fn('year'), "SELECT DAYOFWEEK('2025-10-17'::DATE) AS n", 'N', 'NUMBER', 5),
  one(fn('hour-minute-second'), "SELECT HOUR(TO_TIMESTAMP('2025-10-17 13:32:32')) AS n", 'N', 'NUMBER', 13),
  one(fn('extract'), "SELECT EXTRACT(year FROM '2025-10-17'::DATE) AS n", 'N', 'NUMBER', 2025),
  one(fn('date_part'), "SELECT DATE_PART('minute', TO_TIMESTAMP('2025-10-17 13:32:32')) AS n", 'N', 'NUMBER', 32),
  one(fn('last_day'), "SELECT LAST_DAY('2025-02-10'::DATE) AS d", 'D', 'DATE', '2025-02-28'),
  one(fn('to_timestamp'), "SELECT TO_TIMESTAMP('2025-10-17T13:32:32.211556Z') AS t", 'T', 'TIMESTAMP_NTZ', '2025-10-17 13:32:32.211'),
  one(fn('to_char'), "SELECT TO_CHAR(TO_TIMESTAMP('2025-10-17 13:32:32'), 'YYYY-MM-DD HH24:MI:SS') AS s", 'S', 'TEXT', '2025-10-17 13:32:32'),
  one(fn('to_char'), "SELECT TO_CHAR('2025-10-17'::DATE, 'YYYY/MM/DD') AS s", 'S', 'TEXT', '2025/10/17'),
  one(fn('to_char'), "SELECT TO_VARCHAR(TO_TIMESTAMP('2025-10-17 13:32:32'), 'HH24:MI') AS s", 'S', 'TEXT', '13:32'),
  one(fn('to_char'), `SELECT TO_CHAR(MIN(TO_TIMESTAMP(TIMESTAMP)), 'YYYY-MM-DD') AS s FROM ${T}`, 'S', 'TEXT', '2025-10-17'),
  one(`${DOCS}/data-types-datetime`, "SELECT '2025-10-17'::DATE - '2025-10-01'::DATE AS n", 'N', 'NUMBER', 16),
  one(fn('typeof'), 'SELECT TYPEOF(TO_VARIANT(1)) AS t', 'T', 'TEXT', 'INTEGER'),
  ok(fn('current_timestamp'), 'SELECT CURRENT_TIMESTAMP() AS now', [['NOW', 'TIMESTAMP_LTZ']]),
  ok(fn('current_date'), 'SELECT CURRENT_DATE()', [['CURRENT_DATE()', 'DATE']]),
  err(fn('to_date'), "SELECT TO_DATE('nope')", '100040', '22007', /Date 'nope' is not recognized/),
  err(fn('to_timestamp'), "SELECT TO_TIMESTAMP('nope')", '100035', '22007', /Timestamp 'nope' is not recognized/),
  one(`${PARAMETERS}#timezone`, "SELECT TO_CHAR(TO_TIMESTAMP_LTZ('2025-10-17T20:00:00Z'), 'HH24') AS h", 'H', 'TEXT', '13'),
  one(`${PARAMETERS}#timezone`, "SELECT TO_CHAR(TO_TIMESTAMP_LTZ('2025-10-17T20:00:00Z'), 'HH24') AS h", 'H', 'TEXT', '20', { session: 'context', setup: ["ALTER SESSION SET TIMEZONE = 'UTC'"] }),

  // ── Aggregates and windows ──
  one(fn('count'), `SELECT COUNT(DISTINCT LEVEL) FROM ${T}`, 'COUNT(DISTINCT LEVEL)', 'NUMBER', 3),
  one(fn('count'), `SELECT COUNT(USER_ID) FROM ${T}`, 'COUNT(USER_ID)', 'NUMBER', 72),
  one(fn('min'), `SELECT MIN(DURATION_MS) FROM ${T}`, 'MIN(DURATION_MS)', 'NUMBER(38,0)', 22),
  one(fn('max'), `SELECT MAX(DURATION_MS) FROM ${T}`, 'MAX(DURATION_MS)', 'NUMBER(38,0)', 9926),
  one(fn('count_if'), `SELECT COUNT_IF(LEVEL = 'ERROR') FROM ${T}`, "COUNT_IF(LEVEL = 'ERROR')", 'NUMBER', 14),
  one(fn('approx_count_distinct'), `SELECT APPROX_COUNT_DISTINCT(LEVEL) AS n FROM ${T}`, 'N', 'NUMBER', 3),
  ok(`${DOCS}/constructs/group-by`, `SELECT LEVEL, COUNT(*) FROM ${T} GROUP BY LEVEL ORDER BY COUNT(*) DESC`, [['LEVEL', 'TEXT'], ['COUNT(*)', 'NUMBER(18,0)']], [['INFO', 90], ['WARN', 26], ['ERROR', 14]]),
  ok(`${DOCS}/constructs/group-by`, `SELECT LEVEL, COUNT(*) AS n FROM ${T} GROUP BY ALL ORDER BY n`, [['LEVEL', 'TEXT'], ['N', 'NUMBER']], [['ERROR', 14], ['WARN', 26], ['INFO', 90]]),
  ok(`${DOCS}/constructs/having`, `SELECT SERVICE, COUNT(*) AS n FROM ${T} GROUP BY SERVICE HAVING COUNT(*) >= 20 ORDER BY SERVICE`, [['SERVICE', 'TEXT'], ['N', 'NUMBER']], [['analytics-service', 21], ['inventory-service', 20], ['web-api', 20]]),
  ok(`${DOCS}/constructs/qualify`, `SELECT SERVICE, COUNT(*) AS n FROM ${T} GROUP BY SERVICE QUALIFY RANK() OVER (ORDER BY COUNT(*) DESC) = 1`, [['SERVICE', 'TEXT'], ['N', 'NUMBER']], [['analytics-service', 21]]),
  one(fn('listagg'), `SELECT LISTAGG(DISTINCT LEVEL, ',') WITHIN GROUP (ORDER BY LEVEL) FROM ${T}`, "LISTAGG(DISTINCT LEVEL, ',') WITHIN GROUP (ORDER BY LEVEL)", 'TEXT', 'ERROR,INFO,WARN'),
  one(fn('listagg'), `SELECT LISTAGG(DISTINCT LEVEL, '|') WITHIN GROUP (ORDER BY LEVEL DESC) AS l FROM ${T}`, 'L', 'TEXT', 'WARN|INFO|ERROR'),
  one(fn('array_agg'), `SELECT ARRAY_AGG(DISTINCT LEVEL) WITHIN GROUP (ORDER BY LEVEL) AS a FROM ${T}`, 'A', 'ARRAY', ['ERROR', 'INFO', 'WARN']),
  one(fn('array_agg'), 'SELECT ARRAY_AGG(x) WITHIN GROUP (ORDER BY x DESC) AS a FROM (VALUES (1), (3), (2)) t(x)', 'A', 'ARRAY', [3, 2, 1]),
  one(fn('percentile_cont'), 'SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) AS p FROM (VALUES (1), (2), (3), (4)) t(x)', 'P', 'NUMBER(*,3)', 2.5),
  ok(fn('row_number'), `SELECT LEVEL, ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC) AS rn FROM ${T} GROUP BY LEVEL ORDER BY rn`, [['LEVEL', 'TEXT'], ['RN', 'NUMBER(18,0)']], [['INFO', 1], ['WARN', 2], ['ERROR', 3]]),
  ok(fn('rank'), 'SELECT x, RANK() OVER (ORDER BY x) AS r FROM (VALUES (1), (1), (2)) t(x) ORDER BY x, r', [['X', 'NUMBER'], ['R', 'NUMBER']], [[1, 1], [1, 1], [2, 3]]),
  ok(fn('dense_rank'), 'SELECT x, DENSE_RANK() OVER (ORDER BY x) AS r FROM (VALUES (1), (1), (2)) t(x) ORDER BY x, r', [['X', 'NUMBER'], ['R', 'NUMBER']], [[1, 1], [1, 1], [2, 2]]),
  ok(fn('lag'), 'SELECT x, LAG(x) OVER (ORDER BY x) AS p FROM (VALUES (1), (2), (3)) t(x) ORDER BY x', [['X', 'NUMBER'], ['P', 'NUMBER']], [[1, null], [2, 1], [3, 2]]),
  ok(fn('lead'), 'SELECT x, LEAD(x) OVER (ORDER BY x) AS n FROM (VALUES (1), (2), (3)) t(x) ORDER BY x', [['X', 'NUMBER'], ['N', 'NUMBER']], [[1, 2], [2, 3], [3, null]]),
  ok(fn('sum'), 'SELECT x, SUM(x) OVER (ORDER BY x) AS running FROM (VALUES (1), (2), (3)) t(x) ORDER BY x', [['X', 'NUMBER'], ['RUNNING', 'NUMBER']], [[1, 1], [2, 3], [3, 6]]),
  ok(fn('first_value'), "SELECT g, FIRST_VALUE(x) OVER (PARTITION BY g ORDER BY x) AS f FROM (VALUES ('a', 2), ('a', 1), ('b', 5)) t(g, x) ORDER BY g, f", [['G', 'TEXT'], ['F', 'NUMBER']], [['a', 1], ['a', 1], ['b', 5]]),
  one(fn('count'), `SELECT COUNT(*) OVER () AS n FROM ${T} LIMIT 1`, 'N', 'NUMBER', 130),
  one(fn('avg'), `SELECT ROUND(AVG(DURATION_MS) OVER (), 0) AS a FROM ${T} LIMIT 1`, 'A', 'NUMBER(*,0)', 980),
  one(`${DOCS}/constructs/sample`, `SELECT COUNT(*) FROM ${T} SAMPLE (10 ROWS)`, 'COUNT(*)', 'NUMBER', 10),
  one(`${DOCS}/constructs/sample`, `SELECT COUNT(*) FROM (SELECT * FROM ${T} TABLESAMPLE (5 ROWS))`, 'COUNT(*)', 'NUMBER', 5),
  one(`${DOCS}/constructs/sample`, `SELECT COUNT(*) <= 130 AS ok FROM ${T} SAMPLE (50)`, 'OK', 'BOOLEAN', true),
  one(fn('any_value'), `SELECT ANY_VALUE(LEVEL) IN ('INFO', 'WARN', 'ERROR') AS ok FROM ${T}`, 'OK', 'BOOLEAN', true),

  // ── SHOW, DESCRIBE, INFORMATION_SCHEMA, GET_DDL ──
  ok(SHOW_TABLES, "SHOW TABLES LIKE 'APPLICATION-LOGS'", SHOW_TABLES_COLUMNS.map((c) => [c, c === 'created_on' ? 'TIMESTAMP_LTZ' : c === 'rows' || c === 'bytes' || c.startsWith('search_optimization_') ? 'NUMBER' : 'TEXT'])),
  { doc: SHOW_TABLES, sql: "SHOW TABLES LIKE 'OPENFLOW%'", rows: [] },
  ok(SHOW_VIEWS, 'SHOW VIEWS', SHOW_VIEWS_COLUMNS.map((c) => [c, c === 'created_on' ? 'TIMESTAMP_LTZ' : c === 'is_secure' || c === 'is_materialized' ? 'BOOLEAN' : 'TEXT'])),
  one(INFO_TABLES, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'OPENFLOW_KAFKA_OFFSETS'", 'COUNT(*)', 'NUMBER', 0),
  one(INFO_TABLES, "SELECT TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'APPLICATION-LOGS'", 'TABLE_TYPE', 'TEXT', 'BASE TABLE'),
  one(INFO_COLUMNS, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'APPLICATION-LOGS'", 'COUNT(*)', 'NUMBER', 37),
  one(`${DOCS}/sql/rollback`, "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'APPLICATION-LOGS' AND COLUMN_NAME = 'LEVEL'", 'DATA_TYPE', 'TEXT', 'TEXT', {
    session: 'context',
    setup: ['BEGIN', "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'APPLICATION-LOGS'", 'ROLLBACK'],
  }),
  one(INFO_COLUMNS, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'OPENFLOW_KAFKA_OFFSETS'", 'COUNT(*)', 'NUMBER', 0),
  one(INFO_COLUMNS, "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'APPLICATION-LOGS' AND COLUMN_NAME = 'QUERY_PARAMS'", 'DATA_TYPE', 'TEXT', 'VARIANT'),
  ok(INFO_COLUMNS, "SELECT NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'APPLICATION-LOGS' AND COLUMN_NAME = 'AMOUNT'", [['NUMERIC_PRECISION', 'NUMBER'], ['NUMERIC_SCALE', 'NUMBER']], [[38, 2]]),
  ok(`${DOCS}/sql/desc-table`, `DESCRIBE TABLE ${T}`, ['name', 'type', 'kind', 'null?', 'default', 'primary key', 'unique key', 'check', 'expression', 'comment', 'policy name', 'privacy domain'].map((c) => [c, 'TEXT'])),
  one(`${DOCS}/sql/desc-table`, `SELECT "type" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID())) WHERE "name" = 'AMOUNT'`, 'type', 'TEXT', 'NUMBER(38,2)', { setup: [`DESCRIBE TABLE ${T}`] }),
  one(`${DOCS}/sql/show-columns`, `SELECT COUNT(*) FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))`, 'COUNT(*)', 'NUMBER', 37, { setup: [`SHOW COLUMNS IN TABLE ${T}`] }),
  one(fn('result_scan'), `SELECT "name" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID())) WHERE "kind" = 'TABLE'`, 'name', 'TEXT', 'APPLICATION-LOGS', { setup: ['SHOW TABLES'] }),
  one(fn('last_query_id'), 'SELECT LENGTH(LAST_QUERY_ID()) AS n', 'N', 'NUMBER', 36, { setup: ['SELECT 1'] }),
  one(fn('get_ddl'), "SELECT STARTSWITH(GET_DDL('TABLE', '\"APPLICATION-LOGS\"'), 'create or replace TABLE \"APPLICATION-LOGS\" (') AS ok", 'OK', 'BOOLEAN', true),
  one(fn('get_ddl'), "SELECT CONTAINS(GET_DDL('TABLE', '\"APPLICATION-LOGS\"'), 'AMOUNT NUMBER(38,2)') AS ok", 'OK', 'BOOLEAN', true),
  ok(`${DOCS}/sql/show-parameters`, "SHOW PARAMETERS LIKE 'TIMEZONE'", [['key', 'TEXT'], ['value', 'TEXT'], ['default', 'TEXT'], ['level', 'TEXT'], ['description', 'TEXT'], ['type', 'TEXT']], [['TIMEZONE', 'America/Los_Angeles', 'America/Los_Angeles', '', 'time zone', 'STRING']], { session: 'context' }),
  one(`${DOCS}/sql/show-parameters`, "SELECT \"value\" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))", 'value', 'TEXT', 'UTC', { session: 'context', setup: ["ALTER SESSION SET TIMEZONE = 'UTC'", "SHOW PARAMETERS LIKE 'TIMEZONE'"] }),
  one(`${DOCS}/sql/show-schemas`, "SELECT COUNT(*) FROM TABLE(RESULT_SCAN(LAST_QUERY_ID())) WHERE \"name\" = 'PUBLIC'", 'COUNT(*)', 'NUMBER', 1, { setup: ['SHOW SCHEMAS'] }),

  // ── Session context and variables ──
  one(fn('current_warehouse'), 'SELECT CURRENT_WAREHOUSE()', 'CURRENT_WAREHOUSE()', 'TEXT', 'QUICKSTART_KAFKA_CONNECTOR_WH'),
  one(fn('current_schema'), 'SELECT CURRENT_SCHEMA()', 'CURRENT_SCHEMA()', 'TEXT', 'PUBLIC'),
  one(fn('current_database'), 'SELECT CURRENT_DATABASE()', 'CURRENT_DATABASE()', 'TEXT', null, { session: 'bare' }),
  one(`${DOCS}/session-variables`, 'SELECT $threshold * 2 AS v', 'V', 'NUMBER', 10, { session: 'context', setup: ['SET threshold = 5'] }),
  one(`${DOCS}/session-variables`, 'SELECT $who AS v', 'V', 'TEXT', 'x', { session: 'context', setup: ["SET who = 'x'"] }),
  err(`${DOCS}/session-variables`, 'SELECT $nope', '002211', '02000', /Session variable '\$NOPE' does not exist/, { session: 'context' }),
  one(`${DOCS}/session-variables`, 'SELECT 1 AS ok', 'OK', 'NUMBER', 1, { session: 'context', setup: ['SET memory_limit = \'1GB\''] }),
  one(SELECT, 'SELECT 1 AS ok', 'OK', 'NUMBER', 1, { session: 'bare' }),
  err(`${DOCS}/sql/use-database`, `SELECT COUNT(*) FROM ${T}`, '090105', '22000', /This session does not have a current database/, { session: 'bare' }),
  err(`${DOCS}/sql/use-warehouse`, `SELECT COUNT(*) FROM QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.${T}`, '000606', '57P03', /No active warehouse selected in the current session/, { session: 'bare' }),
  err(`${DOCS}/sql/use-warehouse`, 'SELECT COUNT(*) FROM QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.NO_SUCH_TABLE', '002003', '42S02', /does not exist or not authorized/, { session: 'bare' }),

  // ── Identifiers: quoted names are case-sensitive ──
  err(IDENTIFIERS, `SELECT "level" FROM ${T}`, '000904', '42000', /invalid identifier '"level"'/),
  // …even after a result with a "level" column (SHOW PARAMETERS' own).
  err(IDENTIFIERS, `SELECT "level" FROM ${T}`, '000904', '42000', /invalid identifier '"level"'/, { session: 'context', setup: ["SHOW PARAMETERS LIKE 'TIMEZONE'"] }),
  err(IDENTIFIERS, 'SELECT COUNT(*) FROM "application-logs"', '002003', '42S02', /Object '"application-logs"' does not exist or not authorized/),
  err(IDENTIFIERS, `SELECT NOPE FROM ${T}`, '000904', '42000', /invalid identifier 'NOPE'/),
  err(IDENTIFIERS, 'SELECT * FROM NO_SUCH_TABLE', '002003', '42S02', /does not exist or not authorized/),
  one(IDENTIFIERS, `SELECT "x".LEVEL FROM ${T} "x" WHERE "x".REQUEST_ID = 'req-89eeec3c'`, 'LEVEL', 'TEXT', 'ERROR'),
  one(IDENTIFIERS, 'SELECT "lower"."v" FROM (SELECT 1 AS "v") "lower"', 'v', 'NUMBER', 1),
  one(IDENTIFIERS, `SELECT level AS "Level" FROM ${T} WHERE REQUEST_ID = 'req-89eeec3c'`, 'Level', 'TEXT', 'ERROR'),

  // ── Fixed-point answers of percentiles, windowed AVG and variances (DuckDB: DOUBLE or truncated) ──
  // The pages' own tables: AGGR(k INT, v DECIMAL(10,2)); MEDIAN and PERCENTILE_CONT add 3 decimals.
  ok(fn('percentile_cont'), `SELECT k, PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY v) FROM ${AGGR_PERCENTILE} GROUP BY k ORDER BY k`, [['K', 'NUMBER'], ['PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY V)', 'NUMBER(*,5)']], [[0, 10], [1, 12.5], [2, 17.5], [3, 60], [4, null]]),
  ok(fn('percentile_cont'), `SELECT DISTINCT k, PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY v) OVER (PARTITION BY k) AS p FROM ${AGGR_PERCENTILE} ORDER BY k`, [['K', 'NUMBER'], ['P', 'NUMBER(*,5)']], [[0, 10], [1, 12.5], [2, 17.5], [3, 60], [4, null]]),
  one(fn('percentile_cont'), `SELECT PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY DURATION_MS) AS p FROM ${T}`, 'P', 'NUMBER(38,3)', 4922.8),
  one(fn('percentile_cont'), `SELECT PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY AMOUNT) AS p FROM ${T}`, 'P', 'NUMBER(38,5)', 875.692),
  one(fn('percentile_cont'), 'SELECT PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY x DESC) AS p FROM (VALUES (1), (2), (3), (4)) t(x)', 'P', 'NUMBER(*,3)', 3.25),
  // Interpolated exactly: DuckDB's own answer for db-service was 2133.999.
  ok(fn('percentile_cont'), `SELECT SERVICE, PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY DURATION_MS) AS p90 FROM ${T} WHERE SERVICE IN ('analytics-service', 'db-service') GROUP BY SERVICE ORDER BY SERVICE`, [['SERVICE', 'TEXT'], ['P90', 'NUMBER(38,3)']], [['analytics-service', 4089.2], ['db-service', 2134]]),
  ok(fn('median'), `SELECT DISTINCT SERVICE, MEDIAN(DURATION_MS) OVER (PARTITION BY SERVICE) AS m FROM ${T} WHERE SERVICE IN ('auth-service', 'db-service') ORDER BY SERVICE`, [['SERVICE', 'TEXT'], ['M', 'NUMBER(38,3)']], [['auth-service', 468.5], ['db-service', 376.5]]),
  ok(fn('percentile_disc'), 'SELECT DISTINCT PERCENTILE_DISC(0.25) WITHIN GROUP (ORDER BY x) OVER () AS d FROM (VALUES (1), (2), (3), (4)) t(x)', [['D', 'NUMBER']], [[1]]),
  one(fn('percentile_disc'), 'SELECT PERCENTILE_DISC(0.25) WITHIN GROUP (ORDER BY x DESC) AS d FROM (VALUES (1), (2), (3), (4)) t(x)', 'D', 'NUMBER', 4),
  ok(fn('percentile_disc'), `SELECT k, PERCENTILE_DISC(0.25) WITHIN GROUP (ORDER BY v) AS p FROM ${AGGR_PERCENTILE} GROUP BY k ORDER BY k`, [['K', 'NUMBER'], ['P', 'NUMBER(*,2)']], [[0, 10], [1, 10], [2, 10], [3, 60], [4, null]]),
  ok(fn('median'), `SELECT k, MEDIAN(v) FROM ${AGGR_MEDIAN} GROUP BY k ORDER BY k`, [['K', 'NUMBER'], ['MEDIAN(V)', 'NUMBER(*,5)']], [[1, 20], [2, 22.5], [3, null]]),
  one(fn('median'), `SELECT MEDIAN(DURATION_MS) AS m FROM ${T}`, 'M', 'NUMBER(38,3)', 337),
  one(SNOWPARK('median'), 'SELECT MEDIAN(x) AS x FROM (VALUES (1), (3), (10), (1), (3)) t(x)', 'X', 'NUMBER(*,3)', 3),
  one(fn('median'), 'SELECT MEDIAN(x) AS m FROM (VALUES (1), (2), (3), (4)) t(x)', 'M', 'NUMBER(*,3)', 2.5),
  one(fn('median'), 'SELECT MEDIAN(x::FLOAT) AS m FROM (VALUES (1), (2)) t(x)', 'M', 'FLOAT', 1.5),
  one(fn('avg'), `SELECT AVG(DURATION_MS) OVER () AS a FROM ${T} LIMIT 1`, 'A', 'NUMBER(38,6)', 980.210526),
  ok(fn('avg'), "SELECT g, AVG(x) OVER (PARTITION BY g) AS a FROM (VALUES ('a', 1), ('a', 2), ('b', 4)) t(g, x) ORDER BY g, a", [['G', 'TEXT'], ['A', 'NUMBER(*,6)']], [['a', 1.5], ['a', 1.5], ['b', 4]]),
  one(fn('avg'), 'SELECT AVG(x::FLOAT) AS a FROM (VALUES (1), (2)) t(x)', 'A', 'FLOAT', 1.5),
  ok(SNOWPARK('var_pop'), 'SELECT VAR_POP(a), VAR_SAMP(a), VARIANCE(a) FROM (VALUES (1), (-1), (1), (-1), (-1)) t(a)', [['VAR_POP(A)', 'NUMBER(*,6)'], ['VAR_SAMP(A)', 'NUMBER(*,6)'], ['VARIANCE(A)', 'NUMBER(*,6)']], [[0.96, 1.2, 1.2]]),
  ok(SNOWPARK('var_samp'), 'SELECT VAR_POP(a), VAR_SAMP(a) FROM (VALUES (42)) t(a)', [['VAR_POP(A)', 'NUMBER(*,6)'], ['VAR_SAMP(A)', 'NUMBER(*,6)']], [[0, null]]),
  one(SNOWPARK('stddev_samp'), 'SELECT STDDEV_SAMP(n) AS s FROM (VALUES (4), (9)) t(n)', 'S', 'FLOAT', 3.5355339059327378),
  one(ARITHMETIC, 'SELECT 1.5 / 2 AS q', 'Q', 'NUMBER(*,7)', 0.75),

  // ── OBJECT and ARRAY answers are typed OBJECT and ARRAY, not VARIANT ──
  one(fn('object_agg'), "SELECT OBJECT_AGG(k, v::VARIANT) AS o FROM (VALUES ('a', 1), ('b', 2), (NULL, 3)) t(k, v)", 'O', 'OBJECT', { a: 1, b: 2 }),
  one(fn('array_agg'), 'SELECT ARRAY_AGG(x) AS a FROM (VALUES (1)) t(x)', 'A', 'ARRAY', [1]),
  one(`${DOCS}/data-types-semistructured`, `SELECT PARSE_JSON('[1,2]')::ARRAY AS a`, 'A', 'ARRAY', [1, 2]),
  one(`${DOCS}/data-types-semistructured`, `SELECT CAST(PARSE_JSON('{"a":1}') AS OBJECT) AS o`, 'O', 'OBJECT', { a: 1 }),
  one(fn('array_construct'), 'SELECT ARRAY_CONSTRUCT()', 'ARRAY_CONSTRUCT()', 'ARRAY', []),

  // ── ARRAY and OBJECT functions over VARIANT values (ARRAY_SLICE used to slice the JSON text) ──
  one(fn('array_slice'), 'SELECT ARRAY_SLICE(ARRAY_CONSTRUCT(0, 1, 2, 3, 4, 5, 6), 0, 2) AS a', 'A', 'ARRAY', [0, 1]),
  one(fn('array_slice'), 'SELECT ARRAY_SLICE(ARRAY_CONSTRUCT(0, 1, 2, 3, 4, 5, 6), -5, -3) AS a', 'A', 'ARRAY', [2, 3]),
  one(fn('array_append'), "SELECT ARRAY_APPEND(ARRAY_CONSTRUCT(1, 2, 3), 'hello') AS a", 'A', 'ARRAY', [1, 2, 3, 'hello']),
  one(fn('array_prepend'), "SELECT ARRAY_PREPEND(ARRAY_CONSTRUCT(0, 1), -1) AS a", 'A', 'ARRAY', [-1, 0, 1]),
  one(fn('array_cat'), 'SELECT ARRAY_CAT(ARRAY_CONSTRUCT(0, 1), ARRAY_CONSTRUCT(2, 3)) AS a', 'A', 'ARRAY', [0, 1, 2, 3]),
  ok(fn('array_contains'), "SELECT ARRAY_CONTAINS('hello'::VARIANT, ARRAY_CONSTRUCT('hello', 'hi')) AS y, ARRAY_CONTAINS(3::VARIANT, ARRAY_CONSTRUCT(1, 2)) AS n", [['Y', 'BOOLEAN'], ['N', 'BOOLEAN']], [[true, false]]),
  one(fn('array_compact'), `SELECT ARRAY_COMPACT(PARSE_JSON('[1, null, 2]')) AS a`, 'A', 'ARRAY', [1, 2]),
  one(fn('array_construct_compact'), 'SELECT ARRAY_CONSTRUCT_COMPACT(1, NULL, 2) AS a', 'A', 'ARRAY', [1, 2]),
  ok(fn('to_array'), `SELECT TO_ARRAY(1) AS a, TO_ARRAY(NULL) AS n, TO_ARRAY(PARSE_JSON('[1,2]')) AS b`, [['A', 'ARRAY'], ['N', 'ARRAY'], ['B', 'ARRAY']], [[[1], null, [1, 2]]]),
  ok(fn('as_array'), `SELECT AS_ARRAY(PARSE_JSON('[1]')) AS a, AS_ARRAY(PARSE_JSON('{}')) AS n`, [['A', 'ARRAY'], ['N', 'ARRAY']], [[[1], null]]),
  one(fn('as_object'), `SELECT AS_OBJECT(PARSE_JSON('{"a":1}')) AS o`, 'O', 'OBJECT', { a: 1 }),
  one(fn('strtok_to_array'), "SELECT STRTOK_TO_ARRAY('user@snowflake.com', '.@') AS a", 'A', 'ARRAY', ['user', 'snowflake', 'com']),
  one(fn('strtok_to_array'), "SELECT STRTOK_TO_ARRAY('a b  c') AS a", 'A', 'ARRAY', ['a', 'b', 'c']),
  one(fn('object_construct_keep_null'), "SELECT OBJECT_CONSTRUCT_KEEP_NULL('a', 1, 'b', NULL) AS o", 'O', 'OBJECT', { a: 1, b: null }),
  err(fn('object_construct'), "SELECT OBJECT_CONSTRUCT(*) AS o FROM (VALUES (1, 'x')) t(a, b)", '000002', '0A000', /not available in the sandbox/),
  ok(fn('array_position'), "SELECT ARRAY_POSITION('hi'::VARIANT, ARRAY_CONSTRUCT('hello', 'hi')) AS p, ARRAY_POSITION('x'::VARIANT, ARRAY_CONSTRUCT('hello')) AS n", [['P', 'NUMBER'], ['N', 'NUMBER']], [[1, null]]),
  // DuckDB's json_extract_path_text answered NULL for a Snowflake path (no leading $).
  one(fn('json_extract_path_text'), `SELECT JSON_EXTRACT_PATH_TEXT('{"level_1_key": {"level_2_key": "level_2_value"}}', 'level_1_key.level_2_key') AS t`, 'T', 'TEXT', 'level_2_value'),
  one(fn('json_extract_path_text'), `SELECT JSON_EXTRACT_PATH_TEXT('{"a": [1, "x"]}', 'a[1]') AS t`, 'T', 'TEXT', 'x'),

  // ── Functions: three-letter day and month names (DuckDB's answer Friday, October), small helpers ──
  one(fn('dayname'), "SELECT DAYNAME('2024-04-01'::DATE) AS d", 'D', 'TEXT', 'Mon'),
  one(fn('monthname'), "SELECT MONTHNAME('2025-10-17'::DATE) AS m", 'M', 'TEXT', 'Oct'),
  ok(fn('nullifzero'), 'SELECT NULLIFZERO(0) AS z, NULLIFZERO(5) AS f', [['Z', 'NUMBER'], ['F', 'NUMBER']], [[null, 5]]),
  ok(fn('try_to_date'), "SELECT TRY_TO_DATE('x') AS n, TRY_TO_DATE('2025-10-17') AS d", [['N', 'DATE'], ['D', 'DATE']], [[null, '2025-10-17']]),
  one(fn('regexp_count'), "SELECT REGEXP_COUNT('It was the best of times, it was the worst of times', '\\\\bwas\\\\b', 1) AS c", 'C', 'NUMBER', 2),
  // Snowflake functions the sandbox lacks say so, never "Unknown function".
  err(fn('generator'), 'SELECT SEQ4() FROM TABLE(GENERATOR(ROWCOUNT => 10))', '000002', '0A000', /not available in the sandbox/),
  err(fn('decode'), "SELECT DECODE(1, 1, 'one', 'other')", '000002', '0A000', /DECODE': not available in the sandbox/),
  err(fn('add_months'), "SELECT ADD_MONTHS('2025-10-17'::DATE, 1)", '000002', '0A000', /ADD_MONTHS': not available in the sandbox/),

  // ── Literals: an integer literal is NUMBER with its own digits (SYSTEM$TYPEOF(1) is NUMBER(1,0)) ──
  one(fn('system_typeof'), 'SELECT 1', '1', 'NUMBER(1,0)', 1),
  one(fn('system_typeof'), 'SELECT 10000 AS n', 'N', 'NUMBER(5,0)', 10000),

  // ── Implicit conversion: a string in arithmetic becomes a number ──
  one(CONVERSION, "SELECT '5' + 1", "'5' + 1", 'NUMBER', 6),
  one(CONVERSION, "SELECT '2.5' * 2 AS v", 'V', 'NUMBER', 5),
  one(ARITHMETIC, "SELECT +'5' AS v", 'V', 'NUMBER', 5),
  err(ARITHMETIC, "SELECT 'abc' + 1", '100038', '22018', /Numeric value 'abc' is not recognized/),
  one(CONVERSION, "SELECT '2025-10-17'::DATE - 1 AS d", 'D', 'DATE', '2025-10-16'),

  // ── FLATTEN's OUTER, RECURSIVE, MODE and PATH, with the page's own examples ──
  ok(FLATTEN, `SELECT f.key, f.path, f.index, f.value, f.this FROM TABLE(FLATTEN(input => PARSE_JSON('{"a":1, "b":[77,88], "c": {"d":"X"}}'), recursive => true)) f`,
    [['KEY', 'TEXT'], ['PATH', 'TEXT'], ['INDEX', 'NUMBER'], ['VALUE', 'VARIANT'], ['THIS', 'VARIANT']],
    [['a', 'a', null, 1, FLATTEN_DOC], ['b', 'b', null, [77, 88], FLATTEN_DOC], [null, 'b[0]', 0, 77, [77, 88]], [null, 'b[1]', 1, 88, [77, 88]], ['c', 'c', null, { d: 'X' }, FLATTEN_DOC], ['d', 'c.d', null, 'X', { d: 'X' }]]),
  ok(FLATTEN, `SELECT f.key, f.path FROM TABLE(FLATTEN(input => PARSE_JSON('{"a":1, "b":[77,88], "c": {"d":"X"}}'), recursive => true, mode => 'object')) f`,
    [['KEY', 'TEXT'], ['PATH', 'TEXT']], [['a', 'a'], ['b', 'b'], ['c', 'c'], ['d', 'c.d']]),
  ok(FLATTEN, `SELECT f.path, f.value FROM TABLE(FLATTEN(input => PARSE_JSON('[1, [2, 3]]'), recursive => true, mode => 'array')) f`,
    [['PATH', 'TEXT'], ['VALUE', 'VARIANT']], [['[0]', 1], ['[1]', [2, 3]], ['[1][0]', 2], ['[1][1]', 3]]),
  ok(FLATTEN, `SELECT f.key, f.path, f.index, f.value, f.this FROM TABLE(FLATTEN(input => PARSE_JSON('{"a":1, "b":[77,88]}'), path => 'b')) f`,
    [['KEY', 'TEXT'], ['PATH', 'TEXT'], ['INDEX', 'NUMBER'], ['VALUE', 'VARIANT'], ['THIS', 'VARIANT']], [[null, 'b[0]', 0, 77, [77, 88]], [null, 'b[1]', 1, 88, [77, 88]]]),
  ok(FLATTEN, `SELECT f.key, f.index, f.value FROM TABLE(FLATTEN(input => PARSE_JSON('[]'), outer => true)) f`, [['KEY', 'TEXT'], ['INDEX', 'NUMBER'], ['VALUE', 'VARIANT']], [[null, null, null]]),
  ok(FLATTEN, `SELECT f.value FROM TABLE(FLATTEN(input => PARSE_JSON('[]'))) f`, [['VALUE', 'VARIANT']], []),
  ok(FLATTEN, `SELECT f.value FROM TABLE(FLATTEN(input => PARSE_JSON('{"a":1}'), mode => 'array')) f`, [['VALUE', 'VARIANT']], []),
  ok(FLATTEN, 'SELECT * FROM TABLE(FLATTEN(input => PARSE_JSON(\'[5]\')))', [['SEQ', 'NUMBER'], ['KEY', 'TEXT'], ['PATH', 'TEXT'], ['INDEX', 'NUMBER'], ['VALUE', 'VARIANT'], ['THIS', 'VARIANT']], [[1, null, '[0]', 0, 5, [5]]]),
  one(FLATTEN, `SELECT COUNT(*) FROM ${T} l, LATERAL FLATTEN(input => l.QUERY_PARAMS, outer => true) f`, 'COUNT(*)', 'NUMBER', 132),
  err(FLATTEN, `SELECT * FROM TABLE(FLATTEN(input => PARSE_JSON('[1]'), recursive => maybe))`, '001003', '42000', /syntax error line 1 at position \d+ unexpected 'MAYBE'/),

  // ── Errors: syntax, unknown functions, DuckDB's own functions and statements ──
  err(SYNTAX_ERROR, 'SELECT 1 FROM', '001003', '42000', /syntax error line 1 at position \d+ unexpected/),
  err(SYNTAX_ERROR, 'SELECT 1\nFROM WHERE', '001003', '42000', /syntax error line 2 at position 5 unexpected 'WHERE'/),
  err(NOT_A_FUNCTION, 'SELECT NO_SUCH_FUNCTION(1)', '002140', '42601', /Unknown function NO_SUCH_FUNCTION/),
  err(`${DOCS}/sql/copy-into-table`, "COPY INTO t FROM '@stage'", '000002', '0A000', /not available in the sandbox/),
  err(`${DOCS}/sql/create-database`, 'SELECT * FROM memory.main.x', '002003', '42S02', /Database 'MEMORY' does not exist or not authorized/),
  err(`${DOCS}/sql/create-database`, 'SELECT * FROM system.main.duckdb_settings', '002003', '42S02', /Database 'SYSTEM' does not exist or not authorized/),
  ...duckOnlyFunctions,
  ...duckOnlyStatements,
];
