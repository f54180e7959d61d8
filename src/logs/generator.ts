// The tutorial's log-event generator (companion repo, sample-data/generate_logs.py), seeded.
// Event i depends only on (seed, kind, i), apart from its timestamp (the current time), so a
// resumed produce run regenerates exactly the records it still has to send.
//
// Two rules differ on purpose from the tutorial's script, whose conditions can never hold
// (no message contains "metrics" or "validation"): analytics-service INFO events carry
// metrics_count/time_window (60 %), and ValidationError events carry validation_errors.
import type { LogEvent, LogGeneratorPort, LogKind } from '../engine/ports.js';
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
import { rngFor, type Rng } from './prng.js';
import { shapeAt, type Optional } from './shapes.js';

export const DEFAULT_SEED = 42;
/** The tutorial's batch sizes. */
export const DEFAULT_COUNTS: Readonly<Record<LogKind, number>> = { base: 50, evolved: 80 };

/** Mixed into the per-event stream so base and evolved event i differ. */
const KIND_ID: Record<LogKind, number> = { base: 1, evolved: 2 };

/** Epoch milliseconds with a sub-millisecond fraction, for microsecond timestamps. */
export type Now = () => number;
const preciseNow: Now = () => performance.timeOrigin + performance.now();

/** `2025-10-17T13:32:32.211556Z`, the shape Python's isoformat gives the tutorial's script. */
export function formatTimestamp(epochMs: number): string {
  const totalMicros = Math.round(epochMs * 1000); // exact in a double until year ~2255
  const wholeSeconds = Math.floor(totalMicros / 1_000_000);
  const micros = totalMicros - wholeSeconds * 1_000_000;
  const iso = new Date(wholeSeconds * 1000).toISOString(); // …T13:32:32.000Z
  return `${iso.slice(0, 19)}.${String(micros).padStart(6, '0')}Z`;
}

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

function pickLevel(rng: Rng): Level {
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

/** Event `index` of the seeded sequence for `kind`, stamped with `timestampMs`. */
export function generateEvent(kind: LogKind, seed: number, index: number, timestampMs: number = preciseNow()): LogEvent {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  checkIndex('index', index);
  const rng = rngFor(seed, KIND_ID[kind], index);
  const shape = shapeAt(kind, index);
  // Always draw, so a forced option does not shift the rest of the event's stream.
  const wants = (option: Optional, probability: number): boolean => {
    const roll = rng.next() < probability;
    return roll || (shape?.force.has(option) ?? false);
  };

  const drawnLevel = pickLevel(rng);
  const level = shape?.level ?? drawnLevel;
  const drawnService = rng.pick(SERVICES);
  const service = shape?.service ?? drawnService;
  const host = rng.pick(HOSTS[service]);

  const event: LogEvent = {
    timestamp: formatTimestamp(timestampMs),
    level,
    service,
    host,
    request_id: `req-${rng.hex(4)}`,
    message: null,
    duration_ms: null,
    status_code: null,
    user_id: null,
    amount: null,
    error: null,
  };

  if (level === 'INFO') {
    const drawn = rng.pick(INFO_MESSAGES);
    event.message = shape?.message ?? drawn;
    event.duration_ms = rng.int(10, 500);
    event.status_code = rng.pick(STATUS_CODES.INFO);
    if (wants('user_id', 0.7)) event.user_id = `user-${rng.int(10000, 99999)}`;
    if (wants('amount', 0.3) && service === 'payment-service') event.amount = round(rng.uniform(9.99, 999.99), 2);
  } else if (level === 'WARN') {
    const drawn = rng.pick(WARN_MESSAGES);
    event.message = shape?.message ?? drawn;
    event.status_code = rng.pick(STATUS_CODES.WARN);
    if (wants('warn_duration', 0.5)) event.duration_ms = rng.int(500, 2000);
    if (wants('user_id', 0.4)) event.user_id = `user-${rng.int(10000, 99999)}`;
  } else {
    const drawn = rng.pick(ERROR_MESSAGES);
    const pair = shape ? ERROR_MESSAGES.find(([message]) => message === shape.message) ?? drawn : drawn;
    event.message = pair[0];
    event.error = pair[1];
    event.status_code = rng.pick(STATUS_CODES.ERROR);
    event.duration_ms = rng.int(1000, 10000);
  }

  if (kind === 'evolved') Object.assign(event, evolvedFields(event, level, service, rng, wants));
  return event;
}

/** The 26 evolved fields (all present, null where they do not apply); may also set `amount`. */
function evolvedFields(
  event: LogEvent,
  level: Level,
  service: string,
  rng: Rng,
  wants: (option: Optional, probability: number) => boolean,
): LogEvent {
  const message = String(event.message).toLowerCase();
  const f: LogEvent = {
    region: null,
    trace_id: null,
    auth_method: null,
    provider: null,
    session_duration: null,
    currency: null,
    payment_method: null,
    retry_count: null,
    file_size_bytes: null,
    content_type: null,
    memory_percent: null,
    available_mb: null,
    disk_usage_percent: null,
    available_gb: null,
    query_params: null,
    result_count: null,
    recipient: null,
    smtp_code: null,
    metrics_count: null,
    time_window: null,
    product_id: null,
    rating: null,
    version: null,
    status: null,
    test: null,
    validation_errors: null,
  };

  if (wants('region', 0.8)) f.region = rng.pick(REGIONS);
  if (wants('trace_id', 0.3)) f.trace_id = `trace-${rng.hex(8)}`;

  if (service === 'auth-service' && level === 'INFO' && wants('auth', 0.9)) {
    f.auth_method = rng.pick(AUTH_METHODS);
    f.provider = rng.pick(PROVIDERS);
    if (wants('session_duration', 0.7)) f.session_duration = rng.pick(SESSION_DURATIONS);
  }

  if (service === 'payment-service' && (event.amount !== null || wants('payment', 0.6))) {
    if (event.amount === null) event.amount = round(rng.uniform(9.99, 999.99), 2);
    if (wants('currency', 0.9)) {
      f.currency = rng.pick(CURRENCIES);
      f.payment_method = rng.pick(PAYMENT_METHODS);
    }
  }

  if (level === 'ERROR' && wants('retry_count', 0.5)) f.retry_count = rng.int(1, 5);

  if (service === 'web-api' && (message.includes('upload') || wants('file', 0.3))) {
    f.file_size_bytes = rng.int(10240, 10485760);
    f.content_type = rng.pick(CONTENT_TYPES);
  }

  if (level === 'WARN' && message.includes('memory')) {
    f.memory_percent = round(rng.uniform(80, 95), 1);
    f.available_mb = rng.int(256, 1024);
  }
  if (level === 'WARN' && message.includes('disk')) {
    f.disk_usage_percent = rng.int(85, 98);
    f.available_gb = rng.int(10, 100);
  }

  if ((service === 'web-api' || service === 'search-service') && wants('query_params', 0.3)) {
    const limit = rng.pick(QUERY_LIMITS);
    f.query_params = { category: rng.pick(QUERY_CATEGORIES), limit };
    f.result_count = rng.int(0, limit);
  }

  if (service === 'notification-service' && level === 'ERROR' && wants('notification', 0.5)) {
    f.recipient = `user${rng.int(1000, 9999)}@example.com`;
    f.smtp_code = rng.pick(SMTP_CODES);
  }

  if (service === 'analytics-service' && level === 'INFO' && wants('metrics', 0.6)) {
    f.metrics_count = rng.int(100, 5000);
    f.time_window = rng.pick(TIME_WINDOWS);
  }

  if (service === 'web-api' && wants('product', 0.2)) {
    f.product_id = `prod-${rng.int(10000, 99999)}`;
    f.rating = rng.int(1, 5);
  }

  if (wants('version', 0.15)) f.version = rng.pick(VERSIONS);
  if (wants('status', 0.1)) f.status = rng.pick(STATUSES);
  if (wants('test', 0.05)) f.test = true;

  if (level === 'ERROR' && event.error === 'ValidationError') f.validation_errors = [...VALIDATION_ERRORS];
  return f;
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

/** LogGeneratorPort for steps; `now` is injectable so tests can pin timestamps. */
export class LogGenerator implements LogGeneratorPort {
  constructor(private readonly now: Now = preciseNow) {}

  generate(opts: GenerateOptions): LogEvent[] {
    return [...iterateEvents(opts, this.now)];
  }
}
