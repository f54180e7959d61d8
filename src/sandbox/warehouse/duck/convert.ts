// DuckDB result columns to Snowflake rowtypes and wire values (JSON result format): numbers as
// decimal text, dates as days since epoch, timestamps as epoch seconds with nine decimals,
// VARIANT/OBJECT/ARRAY as JSON text.

import {
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  type DuckDBResultReader,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { column, type ColumnMeta, type StatementResult } from '../result.js';

type Encoder = (v: DuckDBValue) => string;

function epochMicrosText(micros: bigint): string {
  const secs = micros / 1_000_000n;
  let rem = micros % 1_000_000n;
  let s = secs;
  if (rem < 0n) {
    rem += 1_000_000n;
    s -= 1n;
  }
  return `${s}.${rem.toString().padStart(6, '0')}000`;
}

function columnFor(name: string, type: DuckDBType): { meta: ColumnMeta; encode: Encoder } {
  const text: Encoder = (v) => String(v);
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { meta: column(name, 'boolean'), encode: (v) => (v ? 'true' : 'false') };
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
      // COUNT, ROW_NUMBER and the like: Snowflake's NUMBER(18,0).
      return { meta: column(name, 'fixed', { precision: 18, scale: 0 }), encode: text };
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UHUGEINT:
      return { meta: column(name, 'fixed', { precision: 38, scale: 0 }), encode: text };
    case DuckDBTypeId.DECIMAL: {
      const t = type as unknown as { width: number; scale: number };
      return { meta: column(name, 'fixed', { precision: t.width, scale: t.scale }), encode: text };
    }
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return {
        meta: column(name, 'real'),
        encode: (v) => {
          const n = v as number;
          if (Number.isNaN(n)) return 'NaN';
          if (n === Infinity) return 'inf';
          if (n === -Infinity) return '-inf';
          return String(n);
        },
      };
    case DuckDBTypeId.VARCHAR:
      return { meta: column(name, type.alias === 'JSON' ? 'variant' : 'text'), encode: text };
    case DuckDBTypeId.DATE:
      return { meta: column(name, 'date'), encode: (v) => String((v as unknown as { days: number }).days) };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return {
        meta: column(name, 'timestamp_ntz'),
        encode: (v) => {
          const raw = v as unknown as { micros?: bigint; millis?: bigint; seconds?: bigint; nanos?: bigint };
          const micros =
            raw.micros ?? (raw.millis !== undefined ? raw.millis * 1000n : raw.seconds !== undefined ? raw.seconds * 1_000_000n : raw.nanos! / 1000n);
          return epochMicrosText(micros);
        },
      };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { meta: column(name, 'timestamp_ltz'), encode: (v) => epochMicrosText((v as unknown as { micros: bigint }).micros) };
    case DuckDBTypeId.TIME:
      return { meta: column(name, 'time'), encode: (v) => epochMicrosText((v as unknown as { micros: bigint }).micros) };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return { meta: column(name, 'array'), encode: (v) => JSON.stringify(JsonDuckDBValueConverter(v, type, JsonDuckDBValueConverter)) };
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
      return { meta: column(name, 'object'), encode: (v) => JSON.stringify(JsonDuckDBValueConverter(v, type, JsonDuckDBValueConverter)) };
    case DuckDBTypeId.BLOB:
      return {
        meta: column(name, 'binary'),
        encode: (v) => Buffer.from((v as unknown as { bytes: Uint8Array }).bytes).toString('hex').toUpperCase(),
      };
    default:
      return { meta: column(name, 'text'), encode: text };
  }
}

export function convertResult(result: DuckDBResultReader, statementTypeId: number): StatementResult {
  const names = result.columnNames();
  const types = result.columnTypes();
  const cols = names.map((n, i) => columnFor(n, types[i]));
  const rows = result.getRows().map((row) => row.map((v, i) => (v === null || v === undefined ? null : cols[i].encode(v))));
  return { columns: cols.map((c) => c.meta), rows, statementTypeId };
}
