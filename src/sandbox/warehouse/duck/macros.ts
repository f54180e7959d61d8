// Snowflake functions DuckDB lacks, as per-connection macros. The rewriter renames calls whose
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

export const MACROS: string[] = [
  `CREATE OR REPLACE TEMP MACRO SF_TO_TIMESTAMP_NTZ(x) AS CAST(x AS TIMESTAMP)`,
  `CREATE OR REPLACE TEMP MACRO SF_TRY_TO_TIMESTAMP_NTZ(x) AS TRY_CAST(x AS TIMESTAMP)`,
  `CREATE OR REPLACE TEMP MACRO SF_TO_TIMESTAMP_LTZ(x) AS CAST(x AS TIMESTAMPTZ)`,
  `CREATE OR REPLACE TEMP MACRO SF_DATEADD(u, n, t) AS CASE ${dateaddCases} ELSE error('Invalid date part ''' || u || ''' for DATEADD') END`,
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
