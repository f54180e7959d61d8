// A Kafka record's value → the rows it becomes. Openflow's JSON record reader takes a JSON object
// as one record and a JSON array of objects as one record per element; anything else (no value,
// not JSON, a bare string/number/array of scalars) cannot become a row and is routed to failure.
// Here "failure" means: skipped, logged with its offset, its offset still counted as consumed.

export type Row = Record<string, unknown>;

export type Decoded = { rows: Row[] } | { problem: string };

const isObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

export function decodeValue(value: Buffer | null): Decoded {
  if (value === null) return { problem: 'no value (a tombstone)' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return { problem: `not JSON (${value.length} bytes)` };
  }
  if (isObject(parsed)) return { rows: [parsed] };
  if (Array.isArray(parsed)) {
    if (parsed.length > 0 && parsed.every(isObject)) return { rows: parsed };
    return { problem: parsed.length === 0 ? 'an empty JSON array' : 'a JSON array holding something other than objects' };
  }
  return { problem: `a JSON ${parsed === null ? 'null' : typeof parsed}, not an object` };
}
