// JSON values → Snowflake column types and the text bound for them. Types follow the tutorial's listing:
// string → TEXT, number → NUMBER, boolean → BOOLEAN, object/array → VARIANT. NUMBER columns are
// NUMBER(38,6): INFORMATION_SCHEMA reports NUMBER (as the tutorial shows for AMOUNT and
// MEMORY_PERCENT, which are floats) and the column keeps six decimals; FLOAT would show as FLOAT.
import { columnTypeOf, type ColumnType } from '../../logs/fields.js';

export type { ColumnType };
export { columnTypeOf };

export const NUMBER_SCALE = 6;

/** The type written in CREATE TABLE / ADD COLUMN. */
export function ddlType(type: ColumnType): string {
  return type === 'NUMBER' ? `NUMBER(38,${NUMBER_SCALE})` : type;
}

/** A column type from INFORMATION_SCHEMA.COLUMNS.DATA_TYPE (a table someone else created included). */
export function columnTypeFromInformationSchema(dataType: string): ColumnType {
  const t = dataType.toUpperCase();
  if (t === 'NUMBER' || t === 'FLOAT' || t === 'DECIMAL' || t === 'INTEGER') return 'NUMBER';
  if (t === 'BOOLEAN') return 'BOOLEAN';
  if (t === 'VARIANT' || t === 'OBJECT' || t === 'ARRAY') return 'VARIANT';
  return 'TEXT';
}

/** NUMBER(38,6) holds up to 32 integer digits. */
const NUMBER_LIMIT = 1e32;

/**
 * The text bound for `value` in a column of `type` (Snowflake casts text to NUMBER and BOOLEAN),
 * or null when that column cannot hold the value (the caller stores NULL and reports it).
 * VARIANT values are JSON text; the INSERT wraps that column in PARSE_JSON.
 */
export function bindText(value: unknown, type: ColumnType): string | null {
  switch (type) {
    case 'TEXT':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'VARIANT':
      return JSON.stringify(value);
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
      if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toUpperCase();
      return null;
    case 'NUMBER': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n) || Math.abs(n) >= NUMBER_LIMIT) return null;
      return String(n);
    }
  }
}
