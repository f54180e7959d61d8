// DuckDB's error messages to Snowflake's codes and wording.

import { SnowflakeError, divisionByZero, doesNotExist, executionError, invalidIdentifier, notAvailableInSandbox, syntaxError } from '../errors.js';
import { lineAndPosition } from '../sql/tokenizer.js';

export function mapDuckError(e: unknown, sqlText: string): Error {
  if (e instanceof SnowflakeError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const firstLine = message.split('\n')[0];

  const syntax = /^Parser Error: syntax error at or near "(.*)"/.exec(firstLine);
  if (syntax) {
    const near = syntax[1];
    const at = findWord(sqlText, near);
    const { line, position } = lineAndPosition(sqlText, at < 0 ? 0 : at);
    return syntaxError(line, position, near);
  }
  if (/^Parser Error: syntax error at end of input/.test(firstLine)) {
    const { line, position } = lineAndPosition(sqlText, sqlText.trimEnd().length);
    return syntaxError(line, position, '');
  }
  const column = /Referenced column "(.+?)" not found|column "(.+?)" (?:not found|does not exist)/i.exec(firstLine);
  if (/^Binder Error/.test(firstLine) && column) {
    const name = column[1] ?? column[2];
    const at = findWord(sqlText, name);
    const { line, position } = lineAndPosition(sqlText, at < 0 ? 0 : at);
    return invalidIdentifier(name, line, position);
  }
  const catalogMissing = /Catalog "(.+?)" does not exist/.exec(firstLine);
  if (catalogMissing) return doesNotExist('Database', catalogMissing[1]);
  const table = /^Catalog Error: (?:Table|View|Table Function) with name "?(.+?)"? does not exist/.exec(firstLine);
  if (table) return doesNotExist('Object', table[1]);
  const schema = /^Catalog Error: Schema with name "?(.+?)"? does not exist/.exec(firstLine);
  if (schema) return doesNotExist('Schema', schema[1]);
  const fn = /^Catalog Error: Scalar Function with name "?(\w+)"? does not exist/i.exec(firstLine);
  if (fn) return new SnowflakeError('002140', '42601', `SQL compilation error:\nUnknown function ${fn[1].toUpperCase()}`);
  const exists = /^Catalog Error: .* with name "?(.+?)"? already exists/.exec(firstLine);
  if (exists) return new SnowflakeError('002002', '42710', `SQL compilation error:\nObject '${exists[1]}' already exists.`);
  const conversion = /^Conversion Error: (.*)/.exec(firstLine);
  if (conversion) {
    const ts =
      /Could not convert string '(.*)' to TIMESTAMP/i.exec(conversion[1]) ??
      /timestamp field value out of range: "(.*)"/i.exec(conversion[1]) ??
      /invalid timestamp field format: "(.*?)"/i.exec(conversion[1]);
    if (ts) return new SnowflakeError('100035', '22007', `Timestamp '${ts[1]}' is not recognized`);
    const date = /invalid date field format: "(.*)"/i.exec(conversion[1]) ?? /Could not convert string '(.*)' to DATE/i.exec(conversion[1]);
    if (date) return new SnowflakeError('100040', '22007', `Date '${date[1]}' is not recognized`);
    const num = /Could not convert string ['"](.*?)['"] to (DECIMAL|INT|DOUBLE|BIGINT|UBIGINT|HUGEINT)/i.exec(conversion[1]);
    if (num) return new SnowflakeError('100038', '22018', `Numeric value '${num[1]}' is not recognized`);
    return executionError(conversion[1]);
  }
  if (/Division by zero/.test(firstLine)) return divisionByZero();
  if (/^Permission Error/.test(firstLine)) return notAvailableInSandbox('file access');
  if (/^INTERRUPT Error/.test(firstLine)) return new SnowflakeError('000604', '57014', 'SQL execution canceled', 'EXECUTION');
  if (/^Binder Error/.test(firstLine)) return new SnowflakeError('002001', '42601', `SQL compilation error:\n${firstLine.replace(/^Binder Error: /, '')}`);
  if (/^Constraint Error/.test(firstLine)) return new SnowflakeError('100072', '22000', firstLine.replace(/^Constraint Error: /, ''), 'EXECUTION');
  if (/^Invalid Input Error: Malformed JSON/.test(firstLine)) return new SnowflakeError('100069', '22P02', `Error parsing JSON: ${firstLine}`, 'EXECUTION');
  return executionError(firstLine.replace(/^\w+ Error: /, ''));
}

/** Offset of a word in the statement, case-insensitively, outside nothing smarter than a scan. */
function findWord(sql: string, word: string): number {
  if (!word) return -1;
  const re = new RegExp(`(^|[^A-Za-z0-9_$])(${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?![A-Za-z0-9_$])`, 'i');
  const m = re.exec(sql);
  return m ? m.index + m[1].length : -1;
}
