// The event fields in the tutorial's order, and the Snowflake column types the tutorial shows
// for them once Openflow has created (then evolved) the "APPLICATION-LOGS" table.

export type ColumnType = 'TEXT' | 'NUMBER' | 'BOOLEAN' | 'VARIANT';

/** The 11 base fields, in the order the tutorial's generator writes them. */
export const BASE_FIELDS = [
  'timestamp',
  'level',
  'service',
  'host',
  'request_id',
  'message',
  'duration_ms',
  'status_code',
  'user_id',
  'amount',
  'error',
] as const;

/** The 26 fields the evolved events add (37 in all). */
export const EVOLVED_FIELDS = [
  'region',
  'trace_id',
  'auth_method',
  'provider',
  'session_duration',
  'currency',
  'payment_method',
  'retry_count',
  'file_size_bytes',
  'content_type',
  'memory_percent',
  'available_mb',
  'disk_usage_percent',
  'available_gb',
  'query_params',
  'result_count',
  'recipient',
  'smtp_code',
  'metrics_count',
  'time_window',
  'product_id',
  'rating',
  'version',
  'status',
  'test',
  'validation_errors',
] as const;

export type BaseField = (typeof BASE_FIELDS)[number];
export type EvolvedField = (typeof EVOLVED_FIELDS)[number];
export type Field = BaseField | EvolvedField;

export const ALL_FIELDS: readonly Field[] = [...BASE_FIELDS, ...EVOLVED_FIELDS];

/** Field → type of its column (the field upper-cased), per the tutorial's two listings. */
export const COLUMN_TYPES: Readonly<Record<Field, ColumnType>> = {
  timestamp: 'TEXT',
  level: 'TEXT',
  service: 'TEXT',
  host: 'TEXT',
  request_id: 'TEXT',
  message: 'TEXT',
  duration_ms: 'NUMBER',
  status_code: 'NUMBER',
  user_id: 'TEXT',
  amount: 'NUMBER',
  error: 'TEXT',
  region: 'TEXT',
  trace_id: 'TEXT',
  auth_method: 'TEXT',
  provider: 'TEXT',
  session_duration: 'NUMBER',
  currency: 'TEXT',
  payment_method: 'TEXT',
  retry_count: 'NUMBER',
  file_size_bytes: 'NUMBER',
  content_type: 'TEXT',
  memory_percent: 'NUMBER',
  available_mb: 'NUMBER',
  disk_usage_percent: 'NUMBER',
  available_gb: 'NUMBER',
  query_params: 'VARIANT',
  result_count: 'NUMBER',
  recipient: 'TEXT',
  smtp_code: 'NUMBER',
  metrics_count: 'NUMBER',
  time_window: 'TEXT',
  product_id: 'TEXT',
  rating: 'NUMBER',
  version: 'TEXT',
  status: 'TEXT',
  test: 'BOOLEAN',
  validation_errors: 'VARIANT',
};

/** The columns the table should have after base (11) or evolved (37) events: NAME → type. */
export function expectedColumns(kind: 'base' | 'evolved'): Array<{ name: string; type: ColumnType }> {
  const fields: readonly Field[] = kind === 'base' ? BASE_FIELDS : ALL_FIELDS;
  return fields
    .map((f) => ({ name: f.toUpperCase(), type: COLUMN_TYPES[f] }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The column type a JSON value leads to: string → TEXT, number → NUMBER, boolean → BOOLEAN,
 * object or array → VARIANT. null/undefined carry no type (null).
 */
export function columnTypeOf(value: unknown): ColumnType | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return 'TEXT';
    case 'number':
    case 'bigint':
      return 'NUMBER';
    case 'boolean':
      return 'BOOLEAN';
    case 'object':
      return 'VARIANT';
    default:
      return null;
  }
}
