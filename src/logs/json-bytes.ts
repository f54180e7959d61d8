// The JSON bytes of generated events, written straight from the PRNG into a buffer: the same
// draws in the same order as generateEvent, the same text as eventJson, but no event object, no
// strings and no UTF-8 encoding (every value in the catalog is ASCII). Making objects and strings
// and then encoding them was most of `logs`'s CPU time, a third of it garbage collection.
// Events with a forced shape (the first few of a sequence, shapes.ts) take generateEvent itself.
// test/unit/json-bytes.test.ts proves the bytes equal eventJson's over many seeds and indexes.
import type { LogKind } from '../engine/ports.js';
import {
  AUTH_METHODS,
  CONTENT_TYPES,
  CURRENCIES,
  ERROR_MESSAGES,
  HOSTS,
  INFO_MESSAGES,
  PAYMENT_METHODS,
  PROVIDERS,
  QUERY_CATEGORIES,
  QUERY_LIMITS,
  REGIONS,
  SERVICES,
  SESSION_DURATIONS,
  SMTP_CODES,
  STATUS_CODES,
  STATUSES,
  TIME_WINDOWS,
  VALIDATION_ERRORS,
  VERSIONS,
  WARN_MESSAGES,
} from './catalog.js';
import { KIND_ID, generateEvent } from './generator.js';
import { EVOLVED_FIELDS } from './fields.js';
import { Sfc32 } from './prng.js';
import { eventJson } from './serialize.js';
import { shapeAt, shapesFor } from './shapes.js';

/** More than any event takes (an evolved one with every field is about 1 KB). */
export const MAX_EVENT_BYTES = 4096;

// Buffer.from, not Uint8Array.from(s, fn): the table building below took ~6 ms of start-up that way.
const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');
/** `,"name":"item"` for each item: a field's key and its value, one copy. */
const keyed = (name: string, items: readonly string[]) => items.map((s) => ascii(`,"${name}":"${s}"`));

const SERVICE_I = new Map<string, number>(SERVICES.map((s, i) => [s, i]));
const ERROR_TYPE_FIELD = keyed('error', ERROR_MESSAGES.map(([, t]) => t));
const REGION_FIELD = keyed('region', REGIONS);
const AUTH_FIELD = keyed('auth_method', AUTH_METHODS);
const PROVIDER_FIELD = keyed('provider', PROVIDERS);
const CURRENCY_FIELD = keyed('currency', CURRENCIES);
const PAYMENT_FIELD = keyed('payment_method', PAYMENT_METHODS);
const CONTENT_FIELD = keyed('content_type', CONTENT_TYPES);
const QUERY_FIELD = QUERY_CATEGORIES.map((c) => ascii(`,"query_params":{"category":"${c}","limit":`));
const WINDOW_FIELD = keyed('time_window', TIME_WINDOWS);
const VERSION_FIELD = keyed('version', VERSIONS);
const STATUS_TEXT_FIELD = keyed('status', STATUSES);
const INFO = 0;
const WARN = 1;
const ERROR = 2;
const s = (name: string) => SERVICE_I.get(name)!;
const WEB = s('web-api');
const AUTH = s('auth-service');
const PAYMENT = s('payment-service');
const SEARCH = s('search-service');
const NOTIFICATION = s('notification-service');
const ANALYTICS = s('analytics-service');
const lower = (m: string) => m.toLowerCase();
const UPLOAD_INFO = INFO_MESSAGES.map((m) => lower(m).includes('upload'));
const MEMORY_WARN = WARN_MESSAGES.map((m) => lower(m).includes('memory'));
const DISK_WARN = WARN_MESSAGES.map((m) => lower(m).includes('disk'));
const VALIDATION = ERROR_MESSAGES.findIndex(([, t]) => t === 'ValidationError');
// Words of the evolved rules that generator.ts looks for in any message: the fast path assumes
// they occur only where checked above (an INFO upload, a WARN memory or disk message).
if ([...WARN_MESSAGES, ...ERROR_MESSAGES.map(([m]) => m)].some((m) => lower(m).includes('upload')) || [...INFO_MESSAGES, ...ERROR_MESSAGES.map(([m]) => m)].some((m) => /memory|disk/.test(lower(m)))) {
  throw new Error('json-bytes: the catalog changed; the fast path no longer matches generator.ts');
}

/** A field's key, and the key with a null value: a null field is one copy. */
interface Field {
  key: Uint8Array;
  nul: Uint8Array;
}
const field = (name: string): Field => ({ key: ascii(`,"${name}":`), nul: ascii(`,"${name}":null`) });

const K = {
  user: field('user_id'),
  amount: field('amount'),
  trace: field('trace_id'),
  tracePrefix: ascii('"trace-'),
  session: field('session_duration'),
  retry: field('retry_count'),
  fileSize: field('file_size_bytes'),
  memory: field('memory_percent'),
  availableMb: field('available_mb'),
  disk: field('disk_usage_percent'),
  availableGb: field('available_gb'),
  resultCount: field('result_count'),
  recipient: field('recipient'),
  recipientPrefix: ascii('"user'),
  recipientEnd: ascii('@example.com"'),
  smtp: field('smtp_code'),
  metrics: field('metrics_count'),
  product: field('product_id'),
  productPrefix: ascii('"prod-'),
  rating: field('rating'),
  validationErrors: ascii(`,"validation_errors":${JSON.stringify(VALIDATION_ERRORS)}`),
  testTrue: ascii(',"test":true'),
  quote: ascii('"'),
};

/** The fields after user_id, in order, and all of them null one after another: a run of null
 * fields is one copy from here. */
const TAIL = ['amount', 'error', ...EVOLVED_FIELDS] as const;
const T = Object.fromEntries(TAIL.map((name, i) => [name, i])) as Record<(typeof TAIL)[number], number>;
const NULL_RUN = ascii(TAIL.map((name) => `,"${name}":null`).join(''));
const NULL_AT = TAIL.reduce((at, name) => [...at, at[at.length - 1]! + `,"${name}":null`.length], [0]);
/** NULL_RUN's views from field a to field b, made once: a view made per event was garbage. */
const NULL_VIEWS = NULL_AT.map((a) => NULL_AT.map((b) => NULL_RUN.subarray(a, Math.max(a, b))));

/** What follows the timestamp up to the request id's hex, for each level, service and host: one
 * copy instead of seven. */
const HEADS = ['INFO', 'WARN', 'ERROR'].map((level) =>
  SERVICES.map((service) => HOSTS[service].map((host) => ascii(`Z","level":"${level}","service":"${service}","host":"${host}","request_id":"req-`))),
);

/** Fragments that always come together, one copy each: the message with the duration's key
 * (or its null), per level and message; the status code with its key, per level and pick; the
 * base event's end (amount and error) when the amount is null. */
const LEVEL_MESSAGES = [INFO_MESSAGES, WARN_MESSAGES, ERROR_MESSAGES.map(([m]) => m)];
const MESSAGE_DURATION = LEVEL_MESSAGES.map((ms) => ms.map((m) => ascii(`","message":"${m}","duration_ms":`)));
const MESSAGE_NO_DURATION = LEVEL_MESSAGES.map((ms) => ms.map((m) => ascii(`","message":"${m}","duration_ms":null`)));
const LEVEL_STATUS_CODES = [STATUS_CODES.INFO, STATUS_CODES.WARN, STATUS_CODES.ERROR];
const STATUS_FIELD = LEVEL_STATUS_CODES.map((codes) => codes.map((code) => ascii(`,"status_code":${code}`)));
const USER_KEY = ascii(',"user_id":"user-');
const BASE_END_NULLS = ascii(',"amount":null,"error":null}');
const BASE_END_ERROR = ERROR_MESSAGES.map(([, t]) => ascii(`,"amount":null,"error":"${t}"}`));
const BASE_END_AFTER_AMOUNT = ascii(',"error":null}');

const HEX = ascii('0123456789abcdef');
const encoder = new TextEncoder();
const rng = new Sfc32();
type Out = Uint8Array<ArrayBufferLike>;

// Every writer takes the buffer and a position and returns the position after what it wrote:
// locals, not module variables, in the hot loop.
function put(o: Out, q: number, bytes: Uint8Array): number {
  const n = bytes.length;
  if (n > 16) o.set(bytes, q); // a native copy pays off from about here
  else for (let i = 0; i < n; i++) o[q + i] = bytes[i]!;
  return q + n;
}

/** A non-negative integer's decimal digits. */
function digits(o: Out, q: number, n: number): number {
  if (n < 10) {
    o[q] = 48 + n;
    return q + 1;
  }
  let width = 1;
  for (let x = n; x >= 10; x = (x / 10) | 0) width++;
  for (let i = q + width - 1; i >= q; i--) {
    const tenth = (n / 10) | 0; // every integer written here is below 2^31
    o[i] = 48 + n - tenth * 10;
    n = tenth;
  }
  return q + width;
}

/** `key` and a non-negative integer, or null. */
function intField(o: Out, q: number, f: Field, n: number): number {
  return n < 0 ? put(o, q, f.nul) : digits(o, put(o, q, f.key), n);
}

/** `key` and a text made of `before`, a non-negative integer and `after` ("user-12345"), or null. */
function textIntField(o: Out, q: number, f: Field, before: Uint8Array, n: number, after: Uint8Array): number {
  if (n < 0) return put(o, q, f.nul);
  return put(o, digits(o, put(o, put(o, q, f.key), before), n), after);
}

/** The null fields from..to-1 of TAIL. */
function nulls(o: Out, q: number, from: number, to: number): number {
  const a = NULL_AT[from]!;
  const b = NULL_AT[to]!;
  if (b - a > 48) o.set(NULL_VIEWS[from]![to]!, q);
  else for (let i = a; i < b; i++) o[q + i - a] = NULL_RUN[i]!;
  return q + b - a;
}

/** `key` and items[i], or null. */
function pickField(o: Out, q: number, f: Field, items: readonly Uint8Array[], i: number): number {
  return i < 0 ? put(o, q, f.nul) : put(o, put(o, q, f.key), items[i]!);
}

/** Math.round(x * 10^places) / 10^places as String() writes it: the integer part, then the
 * fraction without trailing zeros (a decimal this short is its own shortest round trip). */
function decimal(o: Out, q: number, field: Field, scaled: number, places: number): number {
  if (scaled < 0) return put(o, q, field.nul);
  q = put(o, q, field.key);
  const f = places === 2 ? 100 : 10;
  q = digits(o, q, Math.floor(scaled / f));
  let frac = scaled % f;
  if (frac === 0) return q;
  o[q++] = 46; // .
  if (places === 2) {
    o[q++] = 48 + Math.floor(frac / 10);
    frac %= 10;
    if (frac !== 0) o[q++] = 48 + frac;
  } else o[q++] = 48 + frac;
  return q;
}

function hexByte(o: Out, q: number, b: number): number {
  o[q] = HEX[b >> 4]!;
  o[q + 1] = HEX[b & 15]!;
  return q + 2;
}

const TRACE = new Uint8Array(8);

const pick = (n: number) => Math.floor(rng.next() * n);
const int = (min: number, max: number) => min + Math.floor(rng.next() * (max - min + 1));
/** round(uniform(min, max), places) scaled by 10^places (an integer). */
const scaledUniform = (min: number, max: number, f: number) => Math.round((min + rng.next() * (max - min)) * f);

// `{"timestamp":"2025-10-17T13:32:32.`, the event's start with its second, cached per second as
// formatTimestamp does.
let cachedSecond = NaN;
let prefix: Out = new Uint8Array(0);

function timestamp(o: Out, q: number, epochMs: number): number {
  const totalMicros = Math.round(epochMs * 1000);
  const wholeSeconds = Math.floor(totalMicros / 1_000_000);
  let micros = totalMicros - wholeSeconds * 1_000_000;
  if (wholeSeconds !== cachedSecond) {
    cachedSecond = wholeSeconds;
    prefix = ascii(`{"timestamp":"${new Date(wholeSeconds * 1000).toISOString().slice(0, 20)}`);
  }
  q = put(o, q, prefix);
  for (let i = q + 5; i >= q; i--) {
    const tenth = (micros / 10) | 0;
    o[i] = 48 + micros - tenth * 10;
    micros = tenth;
  }
  return q + 6;
}

/** The event begun last: its arguments, and, unless it has a forced shape, its first draws. */
let current = { kind: 'base' as LogKind, seed: 0, index: 0, shaped: false, level: INFO, service: 0, host: 0 };

/**
 * Starts event `index` of the seeded sequence for `kind`: seeds the generator and draws its level,
 * service and host. Returns its service (an index into SERVICES), which is its record key, so
 * the caller can pick the event's partition before writing it with writeEvent.
 */
export function beginEvent(kind: LogKind, seed: number, index: number): number {
  checkEventArgs(seed, index);
  return beginChecked(kind, seed, index);
}

/** Refuses a seed or index generateEvent would refuse (RangeError). */
export function checkEventArgs(seed: number, index: number): void {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`index must be a non-negative integer, got ${index}`);
}

/** A run's seed and its first and last index, checked once for the run, not per event. */
export function checkRunArgs(seed: number, start: number, count: number): void {
  checkEventArgs(seed, start);
  if (count > 0) checkEventArgs(seed, start + count - 1);
}

/** Events below this index may have a forced shape (shapes.ts puts them at even indexes). */
const SHAPED_BELOW: Record<LogKind, number> = { base: 2 * shapesFor('base').length, evolved: 2 * shapesFor('evolved').length };

/** beginEvent for arguments already checked (a run checks its first and last index once). */
export function beginChecked(kind: LogKind, seed: number, index: number): number {
  const c = current;
  c.kind = kind;
  c.seed = seed;
  c.index = index;
  const shape = index < SHAPED_BELOW[kind] ? shapeAt(kind, index) : undefined;
  c.shaped = shape !== undefined;
  if (shape) return (c.service = SERVICE_I.get(shape.service)!);
  rng.seed(seed, KIND_ID[kind], index);
  // pickLevel: 70 % INFO, 20 % WARN, 10 % ERROR (the same subtractions as generator.ts).
  let roll = rng.next();
  c.level = INFO;
  if (!(roll < 0.7)) {
    roll -= 0.7;
    if (roll < 0.2) c.level = WARN;
    else if (roll - 0.2 < 0.1) c.level = ERROR;
  }
  c.service = pick(SERVICES.length);
  c.host = pick(HEADS[0]![c.service]!.length);
  return c.service;
}

/**
 * Writes the JSON of the event begun last (eventJson of generateEvent with the same arguments)
 * into `buf` at `at`, which must have MAX_EVENT_BYTES of room; returns where it ends.
 */
export function writeEvent(buf: Uint8Array, at: number, timestampMs: number): number {
  const { kind, level, service } = current;
  if (current.shaped) {
    const event = generateEvent(kind, current.seed, current.index, timestampMs);
    return at + encoder.encodeInto(eventJson(kind, event), buf.subarray(at)).written;
  }
  const o = buf;
  let q = at;

  q = timestamp(o, q, timestampMs);
  q = put(o, q, HEADS[level]![service]![current.host]!);
  for (let i = 0; i < 4; i++) q = hexByte(o, q, (rng.next() * 256) | 0); // the request id's hex

  let message: number;
  let duration = -1;
  let status: number;
  let user = -1;
  let amount = -1; // in cents
  if (level === INFO) {
    message = pick(INFO_MESSAGES.length);
    duration = int(10, 500);
    status = pick(STATUS_CODES.INFO.length);
    if (rng.next() < 0.7) user = int(10000, 99999);
    if (rng.next() < 0.3 && service === PAYMENT) amount = scaledUniform(9.99, 999.99, 100);
  } else if (level === WARN) {
    message = pick(WARN_MESSAGES.length);
    status = pick(STATUS_CODES.WARN.length);
    if (rng.next() < 0.5) duration = int(500, 2000);
    if (rng.next() < 0.4) user = int(10000, 99999);
  } else {
    message = pick(ERROR_MESSAGES.length);
    status = pick(STATUS_CODES.ERROR.length);
    duration = int(1000, 10000);
  }
  if (duration >= 0) q = digits(o, put(o, q, MESSAGE_DURATION[level]![message]!), duration);
  else q = put(o, q, MESSAGE_NO_DURATION[level]![message]!);
  q = put(o, q, STATUS_FIELD[level]![status]!);
  if (user >= 0) {
    q = digits(o, put(o, q, USER_KEY), user);
    o[q++] = 34; // "
  } else q = put(o, q, K.user.nul);
  if (kind === 'evolved') return evolved(o, q, level, service, message, amount);
  if (amount >= 0) return put(o, decimal(o, q, K.amount, amount, 2), BASE_END_AFTER_AMOUNT);
  return put(o, q, level === ERROR ? BASE_END_ERROR[message]! : BASE_END_NULLS);
}

/** Event `index`'s JSON into `buf` at `at` (see beginEvent and writeEvent); returns where it ends. */
export function writeEventJson(buf: Uint8Array, at: number, kind: LogKind, seed: number, index: number, timestampMs: number): number {
  beginEvent(kind, seed, index);
  return writeEvent(buf, at, timestampMs);
}

/** The 26 evolved fields (generator.ts's evolvedFields, same draws), after `amount` and `error`. */
function evolved(o: Out, q: number, level: number, service: number, message: number, amount: number): number {
  const region = rng.next() < 0.8 ? pick(REGIONS.length) : -1;
  // The trace id's 8 random bytes come next in the stream: drawn now, written below.
  const trace = rng.next() < 0.3;
  if (trace) for (let i = 0; i < 8; i++) TRACE[i] = Math.floor(rng.next() * 256);
  let authMethod = -1;
  let provider = -1;
  let session = -1;
  if (service === AUTH && level === INFO && rng.next() < 0.9) {
    authMethod = pick(AUTH_METHODS.length);
    provider = pick(PROVIDERS.length);
    if (rng.next() < 0.7) session = SESSION_DURATIONS[pick(SESSION_DURATIONS.length)]!;
  }
  let currency = -1;
  let paymentMethod = -1;
  if (service === PAYMENT && (amount >= 0 || rng.next() < 0.6)) {
    if (amount < 0) amount = scaledUniform(9.99, 999.99, 100);
    if (rng.next() < 0.9) {
      currency = pick(CURRENCIES.length);
      paymentMethod = pick(PAYMENT_METHODS.length);
    }
  }
  const retry = level === ERROR && rng.next() < 0.5 ? int(1, 5) : -1;
  let fileSize = -1;
  let content = -1;
  if (service === WEB && ((level === INFO && UPLOAD_INFO[message]) || rng.next() < 0.3)) {
    fileSize = int(10240, 10485760);
    content = pick(CONTENT_TYPES.length);
  }
  let memory = -1;
  let availableMb = -1;
  let disk = -1;
  let availableGb = -1;
  if (level === WARN && MEMORY_WARN[message]) {
    memory = scaledUniform(80, 95, 10);
    availableMb = int(256, 1024);
  }
  if (level === WARN && DISK_WARN[message]) {
    disk = int(85, 98);
    availableGb = int(10, 100);
  }
  let limit = -1;
  let category = -1;
  let resultCount = -1;
  if ((service === WEB || service === SEARCH) && rng.next() < 0.3) {
    limit = QUERY_LIMITS[pick(QUERY_LIMITS.length)]!;
    category = pick(QUERY_CATEGORIES.length);
    resultCount = int(0, limit);
  }
  let recipient = -1;
  let smtp = -1;
  if (service === NOTIFICATION && level === ERROR && rng.next() < 0.5) {
    recipient = int(1000, 9999);
    smtp = SMTP_CODES[pick(SMTP_CODES.length)]!;
  }
  let metrics = -1;
  let window = -1;
  if (service === ANALYTICS && level === INFO && rng.next() < 0.6) {
    metrics = int(100, 5000);
    window = pick(TIME_WINDOWS.length);
  }
  let product = -1;
  let rating = -1;
  if (service === WEB && rng.next() < 0.2) {
    product = int(10000, 99999);
    rating = int(1, 5);
  }
  const version = rng.next() < 0.15 ? pick(VERSIONS.length) : -1;
  const status = rng.next() < 0.1 ? pick(STATUSES.length) : -1;
  const test = rng.next() < 0.05;

  // Null fields are skipped and written as runs (most of an evolved event is null): `f` is the
  // first field (index in TAIL) not written yet.
  let f = 0;
  if (amount >= 0) {
    q = decimal(o, nulls(o, q, f, T.amount), K.amount, amount, 2);
    f = T.amount + 1;
  }
  if (level === ERROR) {
    q = put(o, nulls(o, q, f, T.error), ERROR_TYPE_FIELD[message]!);
    f = T.error + 1;
  }
  if (region >= 0) {
    q = put(o, nulls(o, q, f, T.region), REGION_FIELD[region]!);
    f = T.region + 1;
  }
  if (trace) {
    q = put(o, put(o, nulls(o, q, f, T.trace_id), K.trace.key), K.tracePrefix);
    for (let i = 0; i < 8; i++) q = hexByte(o, q, TRACE[i]!);
    o[q++] = 34;
    f = T.trace_id + 1;
  }
  if (authMethod >= 0) {
    q = put(o, nulls(o, q, f, T.auth_method), AUTH_FIELD[authMethod]!);
    q = put(o, q, PROVIDER_FIELD[provider]!);
    f = T.provider + 1;
    if (session >= 0) {
      q = digits(o, put(o, q, K.session.key), session);
      f = T.session_duration + 1;
    }
  }
  if (currency >= 0) {
    q = put(o, nulls(o, q, f, T.currency), CURRENCY_FIELD[currency]!);
    q = put(o, q, PAYMENT_FIELD[paymentMethod]!);
    f = T.payment_method + 1;
  }
  if (retry >= 0) {
    q = digits(o, put(o, nulls(o, q, f, T.retry_count), K.retry.key), retry);
    f = T.retry_count + 1;
  }
  if (fileSize >= 0) {
    q = digits(o, put(o, nulls(o, q, f, T.file_size_bytes), K.fileSize.key), fileSize);
    q = put(o, q, CONTENT_FIELD[content]!);
    f = T.content_type + 1;
  }
  if (memory >= 0) {
    q = decimal(o, nulls(o, q, f, T.memory_percent), K.memory, memory, 1);
    q = digits(o, put(o, q, K.availableMb.key), availableMb);
    f = T.available_mb + 1;
  }
  if (disk >= 0) {
    q = digits(o, put(o, nulls(o, q, f, T.disk_usage_percent), K.disk.key), disk);
    q = digits(o, put(o, q, K.availableGb.key), availableGb);
    f = T.available_gb + 1;
  }
  if (category >= 0) {
    q = put(o, nulls(o, q, f, T.query_params), QUERY_FIELD[category]!);
    q = digits(o, q, limit);
    o[q++] = 125;
    q = digits(o, put(o, q, K.resultCount.key), resultCount);
    f = T.result_count + 1;
  }
  if (recipient >= 0) {
    q = textIntField(o, nulls(o, q, f, T.recipient), K.recipient, K.recipientPrefix, recipient, K.recipientEnd);
    q = digits(o, put(o, q, K.smtp.key), smtp);
    f = T.smtp_code + 1;
  }
  if (metrics >= 0) {
    q = digits(o, put(o, nulls(o, q, f, T.metrics_count), K.metrics.key), metrics);
    q = put(o, q, WINDOW_FIELD[window]!);
    f = T.time_window + 1;
  }
  if (product >= 0) {
    q = textIntField(o, nulls(o, q, f, T.product_id), K.product, K.productPrefix, product, K.quote);
    q = digits(o, put(o, q, K.rating.key), rating);
    f = T.rating + 1;
  }
  if (version >= 0) {
    q = put(o, nulls(o, q, f, T.version), VERSION_FIELD[version]!);
    f = T.version + 1;
  }
  if (status >= 0) {
    q = put(o, nulls(o, q, f, T.status), STATUS_TEXT_FIELD[status]!);
    f = T.status + 1;
  }
  if (test) {
    q = put(o, nulls(o, q, f, T.test), K.testTrue);
    f = T.test + 1;
  }
  if (level === ERROR && message === VALIDATION) {
    q = put(o, nulls(o, q, f, T.validation_errors), K.validationErrors);
    f = T.validation_errors + 1;
  }
  q = nulls(o, q, f, TAIL.length);
  o[q++] = 125;
  return q;
}
