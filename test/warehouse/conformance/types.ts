import type { ResultColumn } from '../../../src/snowflake/connect.js';

/** snowflake-sdk's column type as Snowflake's type name, with (precision,scale) for NUMBER. */
export function typeName(c: ResultColumn): string {
  const names: Record<string, string> = { fixed: 'NUMBER', real: 'FLOAT', text: 'TEXT', boolean: 'BOOLEAN', date: 'DATE', time: 'TIME', variant: 'VARIANT', object: 'OBJECT', array: 'ARRAY', binary: 'BINARY' };
  const base = names[c.type] ?? c.type.toUpperCase();
  return base === 'NUMBER' ? `NUMBER(${c.precision},${c.scale})` : base;
}
