// The JSON text of a generated event, byte for byte JSON.stringify's, about a third cheaper: the
// generator makes every event of a kind with the same keys in the same order (fields.ts), so the
// keys are written as literals and each value by its type; only nested values (query_params,
// validation_errors) and strings that need escaping go through JSON.stringify. JSON.stringify was
// the largest single cost of `logs` (evolved events have 37 keys, most of them null).
import type { LogEvent, LogKind } from '../engine/ports.js';

/** A string JSON.stringify writes as it is between quotes: no quote, backslash, control
 * character or surrogate (a lone surrogate is escaped, so any surrogate takes the slow way). */
function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** Set when a value JSON.stringify would leave out (undefined, a function): the event then
 * takes JSON.stringify itself, which drops the key. Generated events never have one. */
let omitted = false;

function v(x: unknown): string {
  switch (typeof x) {
    case 'string':
      return plain(x) ? `"${x}"` : JSON.stringify(x);
    case 'number':
      return Number.isFinite(x) ? String(x) : 'null';
    case 'boolean':
      return x ? 'true' : 'false';
    case 'object':
      return x === null ? 'null' : JSON.stringify(x);
    case 'bigint':
      return JSON.stringify(x); // throws, as JSON.stringify of the event would
    default:
      omitted = true;
      return '';
  }
}

const baseJson = (e: LogEvent) =>
  `{"timestamp":${v(e.timestamp)},"level":${v(e.level)},"service":${v(e.service)},"host":${v(e.host)},"request_id":${v(e.request_id)},` +
  `"message":${v(e.message)},"duration_ms":${v(e.duration_ms)},"status_code":${v(e.status_code)},"user_id":${v(e.user_id)},` +
  `"amount":${v(e.amount)},"error":${v(e.error)}`;

const evolvedJson = (e: LogEvent) =>
  `${baseJson(e)},"region":${v(e.region)},"trace_id":${v(e.trace_id)},"auth_method":${v(e.auth_method)},"provider":${v(e.provider)},` +
  `"session_duration":${v(e.session_duration)},"currency":${v(e.currency)},"payment_method":${v(e.payment_method)},` +
  `"retry_count":${v(e.retry_count)},"file_size_bytes":${v(e.file_size_bytes)},"content_type":${v(e.content_type)},` +
  `"memory_percent":${v(e.memory_percent)},"available_mb":${v(e.available_mb)},"disk_usage_percent":${v(e.disk_usage_percent)},` +
  `"available_gb":${v(e.available_gb)},"query_params":${v(e.query_params)},"result_count":${v(e.result_count)},` +
  `"recipient":${v(e.recipient)},"smtp_code":${v(e.smtp_code)},"metrics_count":${v(e.metrics_count)},` +
  `"time_window":${v(e.time_window)},"product_id":${v(e.product_id)},"rating":${v(e.rating)},"version":${v(e.version)},` +
  `"status":${v(e.status)},"test":${v(e.test)},"validation_errors":${v(e.validation_errors)}`;

/** JSON.stringify(event) for an event generateEvent made for `kind` (its keys, in its order). */
export function eventJson(kind: LogKind, event: LogEvent): string {
  omitted = false;
  const text = kind === 'evolved' ? evolvedJson(event) : baseJson(event);
  return omitted ? JSON.stringify(event) : `${text}}`;
}
