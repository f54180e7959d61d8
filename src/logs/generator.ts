// The tutorial's log-event generator (companion repo, sample-data/generate_logs.py), seeded.
// Event i depends only on (seed, kind, i), apart from its timestamp (the current time), so a
// resumed produce run regenerates exactly the records it still has to send.
//
// Two rules differ on purpose from the tutorial's script, whose conditions can never hold
// (no message contains "metrics" or "validation"): analytics-service INFO events carry
// metrics_count/time_window (60 %), and ValidationError events carry validation_errors.
import type { LogEvent, LogGeneratorPort, LogKind, OutgoingRecord } from '../engine/ports.js';
import {
  AUTH_METHODS,
  CONTENT_TYPES,
  CURRENCIES,
  ERROR_MESSAGES,
  HOSTS,
  INFO_MESSAGES,
  LEVEL_WEIGHTS,
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
  type Level,
} from './catalog.js';
import { Sfc32 } from './prng.js';
import { eventJson } from './serialize.js';
import { shapeAt, type Optional, type Shape } from './shapes.js';

export const DEFAULT_SEED = 42;
/** The tutorial's batch sizes. */
export const DEFAULT_COUNTS: Readonly<Record<LogKind, number>> = { base: 50, evolved: 80 };

/** Mixed into the per-event stream so base and evolved event i differ. */
export const KIND_ID: Record<LogKind, number> = { base: 1, evolved: 2 };

/** Epoch milliseconds with a sub-millisecond fraction, for microsecond timestamps. */
export type Now = () => number;
const preciseNow: Now = () => performance.timeOrigin + performance.now();

/** The `2025-10-17T13:32:32` part of the last second formatted: events share it by the thousand. */
let cachedSecond = NaN;
let cachedPrefix = '';

/** `2025-10-17T13:32:32.211556Z`, the shape Python's isoformat gives the tutorial's script. */
export function formatTimestamp(epochMs: number): string {
  const totalMicros = Math.round(epochMs * 1000); // exact in a double until year ~2255
  const wholeSeconds = Math.floor(totalMicros / 1_000_000);
  const micros = totalMicros - wholeSeconds * 1_000_000;
  if (wholeSeconds !== cachedSecond) {
    cachedSecond = wholeSeconds;
    cachedPrefix = new Date(wholeSeconds * 1000).toISOString().slice(0, 20); // …T13:32:32.
  }
  return `${cachedPrefix}${String(1_000_000 + micros).slice(1)}Z`;
}

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

function pickLevel(rng: Sfc32): Level {
  let roll = rng.next();
  for (const [level, weight] of LEVEL_WEIGHTS) {
    if (roll < weight) return level;
    roll -= weight;
  }
  return 'INFO';
}

function checkIndex(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** Messages whose lower-cased text names an upload, memory or disk (the evolved rules ask). */
const mentions = (word: string) => new Set<unknown>([...INFO_MESSAGES, ...WARN_MESSAGES, ...ERROR_MESSAGES.map(([m]) => m)].filter((m) => m.toLowerCase().includes(word)));
const UPLOAD = mentions('upload');
const MEMORY = mentions('memory');
const DISK = mentions('disk');

/** One generator reused for every event: seeding it is all an event costs. */
const rng = new Sfc32();

/** Always draw, so a forced option does not shift the rest of the event's stream. */
function wants(shape: Shape | undefined, option: Optional, probability: number): boolean {
  const roll = rng.next() < probability;
  return roll || (shape?.force.has(option) ?? false);
}

/** Event `index` of the seeded sequence for `kind`, stamped with `timestampMs`. */
export function generateEvent(kind: LogKind, seed: number, index: number, timestampMs: number = preciseNow()): LogEvent {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  checkIndex('index', index);
  rng.seed(seed, KIND_ID[kind], index);
  const shape = shapeAt(kind, index);

  const drawnLevel = pickLevel(rng);
  const level = shape?.level ?? drawnLevel;
  const drawnService = rng.pick(SERVICES);
  const service = shape?.service ?? drawnService;
  const host = rng.pick(HOSTS[service]);
  const timestamp = formatTimestamp(timestampMs);
  const requestId = `req-${rng.hex(4)}`;
  // Every event of a kind has the same keys in the same order from the start (one hidden class,
  // and the tutorial's key order in the JSON).
  const event: LogEvent = kind === 'evolved' ? evolvedEvent(timestamp, level, service, host, requestId) : baseEvent(timestamp, level, service, host, requestId);

  if (level === 'INFO') {
    const drawn = rng.pick(INFO_MESSAGES);
    event.message = shape?.message ?? drawn;
    event.duration_ms = rng.int(10, 500);
    event.status_code = rng.pick(STATUS_CODES.INFO);
    if (wants(shape, 'user_id', 0.7)) event.user_id = `user-${rng.int(10000, 99999)}`;
    if (wants(shape, 'amount', 0.3) && service === 'payment-service') event.amount = round(rng.uniform(9.99, 999.99), 2);
  } else if (level === 'WARN') {
    const drawn = rng.pick(WARN_MESSAGES);
    event.message = shape?.message ?? drawn;
    event.status_code = rng.pick(STATUS_CODES.WARN);
    if (wants(shape, 'warn_duration', 0.5)) event.duration_ms = rng.int(500, 2000);
    if (wants(shape, 'user_id', 0.4)) event.user_id = `user-${rng.int(10000, 99999)}`;
  } else {
    const drawn = rng.pick(ERROR_MESSAGES);
    const pair = shape ? ERROR_MESSAGES.find(([message]) => message === shape.message) ?? drawn : drawn;
    event.message = pair[0];
    event.error = pair[1];
    event.status_code = rng.pick(STATUS_CODES.ERROR);
    event.duration_ms = rng.int(1000, 10000);
  }

  if (kind === 'evolved') evolvedFields(event, level, service, shape);
  return event;
}

function baseEvent(timestamp: string, level: Level, service: string, host: string, request_id: string): LogEvent {
  return { timestamp, level, service, host, request_id, message: null, duration_ms: null, status_code: null, user_id: null, amount: null, error: null };
}

function evolvedEvent(timestamp: string, level: Level, service: string, host: string, request_id: string): LogEvent {
  return {
    timestamp, level, service, host, request_id, message: null, duration_ms: null, status_code: null, user_id: null, amount: null, error: null,
    region: null, trace_id: null, auth_method: null, provider: null, session_duration: null, currency: null, payment_method: null,
    retry_count: null, file_size_bytes: null, content_type: null, memory_percent: null, available_mb: null, disk_usage_percent: null,
    available_gb: null, query_params: null, result_count: null, recipient: null, smtp_code: null, metrics_count: null, time_window: null,
    product_id: null, rating: null, version: null, status: null, test: null, validation_errors: null,
  };
}

/** Fills the 26 evolved fields where they apply (null elsewhere); may also set `amount`. */
function evolvedFields(f: LogEvent, level: Level, service: string, shape: Shape | undefined): void {
  const message = f.message;

  if (wants(shape, 'region', 0.8)) f.region = rng.pick(REGIONS);
  if (wants(shape, 'trace_id', 0.3)) f.trace_id = `trace-${rng.hex(8)}`;

  if (service === 'auth-service' && level === 'INFO' && wants(shape, 'auth', 0.9)) {
    f.auth_method = rng.pick(AUTH_METHODS);
    f.provider = rng.pick(PROVIDERS);
    if (wants(shape, 'session_duration', 0.7)) f.session_duration = rng.pick(SESSION_DURATIONS);
  }

  if (service === 'payment-service' && (f.amount !== null || wants(shape, 'payment', 0.6))) {
    if (f.amount === null) f.amount = round(rng.uniform(9.99, 999.99), 2);
    if (wants(shape, 'currency', 0.9)) {
      f.currency = rng.pick(CURRENCIES);
      f.payment_method = rng.pick(PAYMENT_METHODS);
    }
  }

  if (level === 'ERROR' && wants(shape, 'retry_count', 0.5)) f.retry_count = rng.int(1, 5);

  if (service === 'web-api' && (UPLOAD.has(message) || wants(shape, 'file', 0.3))) {
    f.file_size_bytes = rng.int(10240, 10485760);
    f.content_type = rng.pick(CONTENT_TYPES);
  }

  if (level === 'WARN' && MEMORY.has(message)) {
    f.memory_percent = round(rng.uniform(80, 95), 1);
    f.available_mb = rng.int(256, 1024);
  }
  if (level === 'WARN' && DISK.has(message)) {
    f.disk_usage_percent = rng.int(85, 98);
    f.available_gb = rng.int(10, 100);
  }

  if ((service === 'web-api' || service === 'search-service') && wants(shape, 'query_params', 0.3)) {
    const limit = rng.pick(QUERY_LIMITS);
    f.query_params = { category: rng.pick(QUERY_CATEGORIES), limit };
    f.result_count = rng.int(0, limit);
  }

  if (service === 'notification-service' && level === 'ERROR' && wants(shape, 'notification', 0.5)) {
    f.recipient = `user${rng.int(1000, 9999)}@example.com`;
    f.smtp_code = rng.pick(SMTP_CODES);
  }

  if (service === 'analytics-service' && level === 'INFO' && wants(shape, 'metrics', 0.6)) {
    f.metrics_count = rng.int(100, 5000);
    f.time_window = rng.pick(TIME_WINDOWS);
  }

  if (service === 'web-api' && wants(shape, 'product', 0.2)) {
    f.product_id = `prod-${rng.int(10000, 99999)}`;
    f.rating = rng.int(1, 5);
  }

  if (wants(shape, 'version', 0.15)) f.version = rng.pick(VERSIONS);
  if (wants(shape, 'status', 0.1)) f.status = rng.pick(STATUSES);
  if (wants(shape, 'test', 0.05)) f.test = true;

  if (level === 'ERROR' && f.error === 'ValidationError') f.validation_errors = [...VALIDATION_ERRORS];
}

export interface GenerateOptions {
  kind: LogKind;
  count: number;
  seed: number;
  /** Index of the first event (default 0): events start … start+count-1 of the sequence. */
  start?: number;
}

/** Lazily yields the events, each stamped when it is made (for large `--output` files). */
export function* iterateEvents(opts: GenerateOptions, now: Now = preciseNow): Generator<LogEvent> {
  const start = opts.start ?? 0;
  checkIndex('count', opts.count);
  checkIndex('start', start);
  for (let i = start; i < start + opts.count; i++) yield generateEvent(opts.kind, opts.seed, i, now());
}

/** The record key the tutorial uses: the service name. */
export function recordKeyOf(event: LogEvent): string {
  return String(event.service);
}

/** The events as Kafka records (keyed by service, JSON values), made one at a time as taken. */
export function* iterateRecords(opts: GenerateOptions, now: Now = preciseNow): Generator<OutgoingRecord> {
  for (const event of iterateEvents(opts, now)) yield { key: recordKeyOf(event), value: eventJson(opts.kind, event) };
}

/** LogGeneratorPort for steps; `now` is injectable so tests can pin timestamps. */
export class LogGenerator implements LogGeneratorPort {
  constructor(private readonly now: Now = preciseNow) {}

  generate(opts: GenerateOptions): LogEvent[] {
    return [...iterateEvents(opts, this.now)];
  }
}
