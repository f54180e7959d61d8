// Forced shapes: a few events whose level, service and message are fixed and whose optional
// fields are all switched on, so that a default batch (50 base, 80 evolved) carries every field
// non-null at least once — by construction, not by luck. The tutorial's own evolved sample has
// five fields null in every record, which leaves their column types to chance.
//
// Shape j applies to event index 2*j (interleaved with ordinary random events), so the first
// 2 × shapes events of any batch hold them, whatever the seed.
import type { Level, Service } from './catalog.js';

/** Optional parts of an event that normally appear with some probability. */
export type Optional =
  | 'user_id'
  | 'amount'
  | 'warn_duration'
  | 'region'
  | 'trace_id'
  | 'auth'
  | 'session_duration'
  | 'payment'
  | 'currency'
  | 'retry_count'
  | 'file'
  | 'query_params'
  | 'notification'
  | 'metrics'
  | 'product'
  | 'version'
  | 'status'
  | 'test';

export interface Shape {
  level: Level;
  service: Service;
  /** For ERROR events, the message decides the error type. */
  message: string;
  force: ReadonlySet<Optional>;
}

const shape = (level: Level, service: Service, message: string, force: Optional[]): Shape => ({
  level,
  service,
  message,
  force: new Set(force),
});

const BASE_SHAPES: readonly Shape[] = [
  shape('INFO', 'payment-service', 'Payment processed', ['user_id', 'amount']),
  shape('ERROR', 'db-service', 'Database connection timeout', []),
  shape('WARN', 'web-api', 'Rate limit approaching threshold', ['warn_duration', 'user_id']),
];

const EVOLVED_SHAPES: readonly Shape[] = [
  shape('ERROR', 'notification-service', 'Invalid input data', ['notification', 'retry_count', 'trace_id', 'region']),
  shape('INFO', 'payment-service', 'Payment processed', ['user_id', 'payment', 'currency', 'region']),
  shape('INFO', 'auth-service', 'User authentication successful', ['user_id', 'auth', 'session_duration', 'version']),
  shape('WARN', 'db-service', 'Disk space running low', ['warn_duration', 'status', 'region']),
  shape('INFO', 'web-api', 'File uploaded successfully', ['user_id', 'query_params', 'product', 'region']),
  shape('WARN', 'search-service', 'Memory usage above 80%', ['region']),
  shape('INFO', 'analytics-service', 'Daily report generated', ['metrics', 'test', 'region']),
];

export function shapesFor(kind: 'base' | 'evolved'): readonly Shape[] {
  return kind === 'base' ? BASE_SHAPES : EVOLVED_SHAPES;
}

/** The forced shape of event `index`, if any. */
export function shapeAt(kind: 'base' | 'evolved', index: number): Shape | undefined {
  if (index % 2 !== 0) return undefined;
  return shapesFor(kind)[index / 2];
}
