// Type names both ways: Snowflake's DDL types to DuckDB storage types, and DuckDB's column types
// back to the names Snowflake reports (INFORMATION_SCHEMA, SHOW COLUMNS).

/** DuckDB type for a Snowflake type name and its arguments; undefined when unknown. */
export function duckTypeFor(name: string, args: number[]): string | undefined {
  switch (name) {
    case 'NUMBER':
    case 'NUMERIC':
    case 'DECIMAL':
    case 'DEC': {
      const p = Math.min(args[0] ?? 38, 38);
      const s = args[1] ?? 0;
      return `DECIMAL(${p},${s})`;
    }
    case 'INT':
    case 'INTEGER':
    case 'BIGINT':
    case 'SMALLINT':
    case 'TINYINT':
    case 'BYTEINT':
      return 'DECIMAL(38,0)';
    case 'FLOAT':
    case 'FLOAT4':
    case 'FLOAT8':
    case 'DOUBLE':
    case 'REAL':
      return 'DOUBLE';
    case 'VARCHAR':
    case 'STRING':
    case 'TEXT':
    case 'CHAR':
    case 'CHARACTER':
    case 'NCHAR':
    case 'NVARCHAR':
    case 'NVARCHAR2':
    case 'CHAR_VARYING':
      return 'VARCHAR';
    case 'BOOLEAN':
      return 'BOOLEAN';
    case 'DATE':
      return 'DATE';
    case 'TIME':
      return 'TIME';
    case 'DATETIME':
    case 'TIMESTAMP':
    case 'TIMESTAMP_NTZ':
      return 'TIMESTAMP';
    case 'TIMESTAMP_LTZ':
    case 'TIMESTAMP_TZ':
      return 'TIMESTAMPTZ';
    case 'VARIANT':
    case 'OBJECT':
    case 'ARRAY':
      return 'JSON';
    case 'BINARY':
    case 'VARBINARY':
      return 'BLOB';
    default:
      return undefined;
  }
}

export interface SnowflakeColumnType {
  /** INFORMATION_SCHEMA.COLUMNS.DATA_TYPE */
  dataType: string;
  precision: number | null;
  scale: number | null;
  length: number | null;
}

/** Snowflake's view of a DuckDB column type. */
export function snowflakeTypeOf(duckType: string): SnowflakeColumnType {
  const t = duckType.toUpperCase();
  const dec = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(t);
  if (dec) return { dataType: 'NUMBER', precision: Number(dec[1]), scale: Number(dec[2]), length: null };
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t))
    return { dataType: 'NUMBER', precision: 38, scale: 0, length: null };
  if (t === 'DOUBLE' || t === 'FLOAT') return { dataType: 'FLOAT', precision: null, scale: null, length: null };
  if (t === 'JSON') return { dataType: 'VARIANT', precision: null, scale: null, length: null };
  if (t === 'BOOLEAN') return { dataType: 'BOOLEAN', precision: null, scale: null, length: null };
  if (t === 'DATE') return { dataType: 'DATE', precision: null, scale: null, length: null };
  if (t === 'TIME') return { dataType: 'TIME', precision: null, scale: 9, length: null };
  if (t === 'TIMESTAMP WITH TIME ZONE' || t === 'TIMESTAMPTZ')
    return { dataType: 'TIMESTAMP_LTZ', precision: null, scale: 9, length: null };
  if (t.startsWith('TIMESTAMP')) return { dataType: 'TIMESTAMP_NTZ', precision: null, scale: 9, length: null };
  if (t === 'BLOB') return { dataType: 'BINARY', precision: null, scale: null, length: 8388608 };
  if (t.endsWith('[]')) return { dataType: 'ARRAY', precision: null, scale: null, length: null };
  if (t.startsWith('STRUCT') || t.startsWith('MAP')) return { dataType: 'OBJECT', precision: null, scale: null, length: null };
  return { dataType: 'TEXT', precision: null, scale: null, length: 16777216 };
}

/** SHOW COLUMNS' data_type: a JSON description in Snowflake's format. */
export function showColumnsDataType(duckType: string, nullable: boolean): string {
  const sf = snowflakeTypeOf(duckType);
  switch (sf.dataType) {
    case 'NUMBER':
      return JSON.stringify({ type: 'FIXED', precision: sf.precision, scale: sf.scale, nullable });
    case 'FLOAT':
      return JSON.stringify({ type: 'REAL', nullable });
    case 'TEXT':
      return JSON.stringify({ type: 'TEXT', length: 16777216, byteLength: 16777216, nullable, fixed: false });
    case 'TIMESTAMP_NTZ':
    case 'TIMESTAMP_LTZ':
      return JSON.stringify({ type: sf.dataType, precision: 0, scale: 9, nullable });
    default:
      return JSON.stringify({ type: sf.dataType, nullable });
  }
}

/** DESCRIBE TABLE's type column, e.g. NUMBER(38,0), VARCHAR(16777216), VARIANT. */
export function describeType(duckType: string): string {
  const sf = snowflakeTypeOf(duckType);
  if (sf.dataType === 'NUMBER') return `NUMBER(${sf.precision},${sf.scale})`;
  if (sf.dataType === 'TEXT') return 'VARCHAR(16777216)';
  if (sf.dataType.startsWith('TIMESTAMP')) return `${sf.dataType}(9)`;
  return sf.dataType;
}
