// JSON values → Snowflake column types and SQL literals. Types follow the tutorial's listing:
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
