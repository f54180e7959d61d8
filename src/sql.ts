// SQL templates (sql/*.sql) rendered with exactly two helpers — identifiers and string literals —
// and a statement splitter, so scripts run one statement at a time with their line numbers.
// Values (broker hosts from Kafka metadata, names from config) are data, never SQL.
//
// Template placeholders:
//   {{ident:NAME}}     the value as a Snowflake identifier (quoted only when it must be)
//   {{literal:NAME}}   the value as a single-quoted string literal
//   {{literals:NAME}}  a non-empty list of values as literals, comma-separated, one per line
//                      (continuation lines take the placeholder's indentation)
// Rendering fails on an unknown helper, a name without a value, or a value of the wrong shape.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type TemplateValues = Readonly<Record<string, string | readonly string[]>>;

// The names templates are rendered with come from src/names.ts.

export class SqlTemplateError extends Error {
  override name = 'SqlTemplateError';
}

const MAX_IDENTIFIER_LENGTH = 255;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const PLAIN_IDENTIFIER = /^[A-Z_][A-Z0-9_$]*$/;

// Snowflake's reserved and limited keywords (docs: "Reserved & limited keywords"), plus a few
// other databases reserve. Quoting an upper-case name never changes its meaning, so erring on
// the side of quoting is harmless.
const RESERVED = new Set(
  `ACCOUNT ALL ALTER AND ANY AS ASC BETWEEN BY CASE CAST CHECK COLUMN CONNECT CONNECTION CONSTRAINT
  CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DATABASE DELETE DESC
  DISTINCT DROP ELSE EXISTS FALSE FOLLOWING FOR FROM FULL GRANT GROUP GSCLUSTER HAVING ILIKE IN
  INCREMENT INNER INSERT INTERSECT INTO IS ISSUE JOIN LATERAL LEFT LIKE LIMIT LOCALTIME LOCALTIMESTAMP
  MINUS NATURAL NOT NULL OF ON OR ORDER ORGANIZATION OUTER QUALIFY REGEXP REVOKE RIGHT RLIKE ROW ROWS
  SAMPLE SCHEMA SELECT SET SOME START TABLE TABLESAMPLE THEN TO TRIGGER TRUE TRY_CAST UNION UNIQUE
  UPDATE USING VALUES VIEW WHEN WHENEVER WHERE WITH`.split(/\s+/),
);

/**
 * An identifier for `name`, the exact name as Snowflake stores it: plain upper-case names come
 * back as they are (QUICKSTART_ROLE), anything else double-quoted with " doubled
 * ("APPLICATION-LOGS", "my_db"). Empty, over-long, or control-character names are refused.
 */
export function ident(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new SqlTemplateError('identifier is empty');
  if (name.length > MAX_IDENTIFIER_LENGTH) {
    throw new SqlTemplateError(`identifier is ${name.length} characters long; Snowflake allows ${MAX_IDENTIFIER_LENGTH}`);
  }
  if (CONTROL_CHARS.test(name)) throw new SqlTemplateError(`identifier ${JSON.stringify(name)} contains a control character`);
  if (PLAIN_IDENTIFIER.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

const LITERAL_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "''",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
};

/**
 * A Snowflake single-quoted string literal: ' doubled, backslash escaped (it is Snowflake's
 * escape character in string literals), and line breaks/tabs/NUL as escapes so the literal stays
 * on one line.
 */
export function literal(value: string): string {
  if (typeof value !== 'string') throw new SqlTemplateError(`literal expects a string, got ${typeof value}`);
  // eslint-disable-next-line no-control-regex
  return `'${value.replace(/[\\'\n\r\t\0]/g, (c) => LITERAL_ESCAPES[c]!)}'`;
}

/**
 * A value inside a `--` comment line: as a JSON string, with every line break and other control
 * or separator character escaped, so nothing in it can end the comment and start a statement.
 */
export function commentValue(value: string): string {
  return JSON.stringify(String(value)).replace(/[\u0080-\u009f\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*:\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Where the sql/ templates live: found upward from this module (src/ in a clone, dist/src/ when built). */
export function templateDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'sql');
    if (existsSync(join(candidate, 'setup.sql'))) return candidate;
    dir = dirname(dir);
  }
  throw new SqlTemplateError('cannot find the sql/ template folder next to the package');
}

/** Names of the templates in sql/ (without .sql). */
export function templateNames(): string[] {
  return readdirSync(templateDir())
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -4))
    .sort();
}

const TEMPLATE_NAME = /^[a-z0-9][a-z0-9_-]*$/;

function loadTemplate(name: string): string {
  const file = join(templateDir(), `${name}.sql`);
  if (!existsSync(file)) throw new SqlTemplateError(`no SQL template named ${name} (have: ${templateNames().join(', ')})`);
  return readFileSync(file, 'utf8');
}

/**
 * Renders a template: `nameOrText` is a template name in sql/ ("setup", "verify", …) or the
 * template text itself.
 */
export function renderTemplate(nameOrText: string, values: TemplateValues): string {
  const text = TEMPLATE_NAME.test(nameOrText) ? loadTemplate(nameOrText) : nameOrText;
  // Checked on the template, not the output: a value may well contain "{{".
  const malformed = /\{\{[^}]*\}?\}?/.exec(text.replace(PLACEHOLDER, ''));
  if (malformed) {
    throw new SqlTemplateError(`malformed placeholder ${malformed[0]} (expected {{ident:NAME}}, {{literal:NAME}} or {{literals:NAME}})`);
  }
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const rendered = text.replace(PLACEHOLDER, (_match, helper: string, key: string, offset: number) => {
    const line = text.slice(0, offset).split('\n').length;
    const where = `line ${line}: {{${helper}:${key}}}`;
    if (!Object.prototype.hasOwnProperty.call(values, key)) throw new SqlTemplateError(`${where}: no value given for ${key}`);
    const value = values[key]!;
    try {
      switch (helper) {
        case 'ident':
        case 'literal':
          if (typeof value !== 'string') throw new SqlTemplateError(`${key} must be a single value, not a list`);
          return helper === 'ident' ? ident(value) : literal(value);
        case 'literals': {
          if (typeof value === 'string') throw new SqlTemplateError(`${key} must be a list`);
          if (value.length === 0) throw new SqlTemplateError(`${key} is an empty list`);
          const indent = /^[ \t]*/.exec(text.slice(lineStart(offset), offset))![0];
          return value.map(literal).join(`,\n${indent}`);
        }
        default:
          throw new SqlTemplateError(`unknown helper "${helper}" (use ident, literal or literals)`);
      }
    } catch (err) {
      if (err instanceof SqlTemplateError && !err.message.startsWith('line ')) throw new SqlTemplateError(`${where}: ${err.message}`);
      throw err;
    }
  });
  return rendered;
}

export interface Statement {
  /** The statement without its terminating `;` and without leading/trailing comments. */
  text: string;
  /** 1-based line of the statement's first token in the script. */
  line: number;
}

/**
 * Splits a script into statements at `;`, aware of '…' strings (with '' and \ escapes),
 * "…" identifiers, -- and // line comments, /* *\/ comments and $$…$$ bodies. Empty and
 * comment-only chunks are dropped. An unterminated string, identifier, comment or $$ body fails
 * with the line it starts on.
 */
export function splitStatements(sql: string): Statement[] {
  const statements: Statement[] = [];
  let line = 1;
  let start = -1; // offset of the current statement's first token, -1 while none
  let startLine = 0;
  let end = 0; // offset just past the current statement's last token
  let i = 0;

  const flush = () => {
    if (start >= 0) statements.push({ text: sql.slice(start, end), line: startLine });
    start = -1;
  };
  const token = (from: number, to: number) => {
    if (start < 0) {
      start = from;
      startLine = line;
    }
    end = to;
  };
  /** Advances to just past `close` starting at `from`, counting lines; fails if absent. */
  const skipTo = (from: number, close: string, what: string, openedAt: number): number => {
    const at = sql.indexOf(close, from);
    if (at < 0) throw new SqlTemplateError(`unterminated ${what} starting on line ${openedAt}`);
    return at + close.length;
  };
  const countLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (sql.charCodeAt(k) === 10) line++;
  };

  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
    } else if ((c === '-' && next === '-') || (c === '/' && next === '/')) {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol;
    } else if (c === '/' && next === '*') {
      const after = skipTo(i + 2, '*/', 'comment', line);
      countLines(i, after);
      i = after;
    } else if (c === ';') {
      flush();
      i++;
    } else if (c === "'") {
      const openedAt = line;
      let k = i + 1;
      for (;;) {
        if (k >= sql.length) throw new SqlTemplateError(`unterminated string starting on line ${openedAt}`);
        const d = sql[k];
        if (d === '\\') k += 2;
        else if (d === "'" && sql[k + 1] === "'") k += 2;
        else if (d === "'") break;
        else k++;
      }
      token(i, k + 1);
      countLines(i, k + 1);
      i = k + 1;
    } else if (c === '"') {
      const openedAt = line;
      let k = i + 1;
      for (;;) {
        if (k >= sql.length) throw new SqlTemplateError(`unterminated quoted identifier starting on line ${openedAt}`);
        if (sql[k] === '"' && sql[k + 1] === '"') k += 2;
        else if (sql[k] === '"') break;
        else k++;
      }
      token(i, k + 1);
      countLines(i, k + 1);
      i = k + 1;
    } else if (c === '$' && next === '$' && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? '')) {
      // $$ opens a body unless it is part of an identifier such as A$$B.
      const after = skipTo(i + 2, '$$', '$$ body', line);
      token(i, after);
      countLines(i, after);
      i = after;
    } else {
      token(i, i + 1);
      i++;
    }
  }
  flush();
  return statements;
}
