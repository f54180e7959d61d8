// The tutorial's vocabulary for log events (companion repo, sample-data/generate_logs.py):
// services, their hosts, levels and their weights, messages, status codes, evolved-field values.

export const SERVICES = [
  'web-api',
  'auth-service',
  'db-service',
  'payment-service',
  'inventory-service',
  'notification-service',
  'search-service',
  'analytics-service',
] as const;
export type Service = (typeof SERVICES)[number];

export const HOSTS: Record<Service, readonly string[]> = {
  'web-api': ['api-server-01', 'api-server-02', 'api-server-03'],
  'auth-service': ['auth-server-01', 'auth-server-02'],
  'db-service': ['db-server-01'],
  'payment-service': ['payment-server-01', 'payment-server-02'],
  'inventory-service': ['inventory-server-01', 'inventory-server-02'],
  'notification-service': ['notif-server-01'],
  'search-service': ['search-server-01', 'search-server-02'],
  'analytics-service': ['analytics-server-01'],
};

export type Level = 'INFO' | 'WARN' | 'ERROR';
/** 70 % INFO, 20 % WARN, 10 % ERROR. */
export const LEVEL_WEIGHTS: ReadonlyArray<readonly [Level, number]> = [
  ['INFO', 0.7],
  ['WARN', 0.2],
  ['ERROR', 0.1],
];

export const INFO_MESSAGES = [
  'Request processed successfully',
  'User authentication successful',
  'GET /api/v1/products',
  'POST /api/v1/orders',
  'PUT /api/v1/cart',
  'DELETE /api/v1/cart/items',
  'GET /api/v1/users/profile',
  'Search query executed',
  'Payment processed',
  'Email notification sent',
  'SMS notification sent',
  'Daily report generated',
  'Cache refreshed successfully',
  'Session created',
  'File uploaded successfully',
] as const;

export const WARN_MESSAGES = [
  'Query execution took longer than expected',
  'Low stock alert for product SKU-12345',
  'Multiple failed login attempts detected',
  'Connection pool nearly exhausted',
  'Payment declined',
  'Rate limit approaching threshold',
  'Memory usage above 80%',
  'Disk space running low',
] as const;

/** [message, error type] pairs for ERROR events. */
export const ERROR_MESSAGES = [
  ['Database connection timeout', 'ConnectionTimeout'],
  ['Payment gateway timeout', 'GatewayTimeout'],
  ['Deadlock detected in transaction', 'DeadlockDetected'],
  ['Failed to update inventory count', 'ConcurrencyException'],
  ['Internal server error', 'NullPointerException'],
  ['Service unavailable', 'ServiceUnavailable'],
  ['Authentication failed', 'AuthenticationError'],
  ['Invalid input data', 'ValidationError'],
] as const;

export const STATUS_CODES: Record<Level, readonly number[]> = {
  INFO: [200, 201, 204],
  WARN: [200, 402],
  ERROR: [500, 503, 504, 409],
};

export const REGIONS = [
  'us-east-1',
  'us-west-2',
  'us-central-1',
  'eu-west-1',
  'eu-central-1',
  'ap-south-1',
  'ap-northeast-1',
] as const;
export const AUTH_METHODS = ['oauth2', 'saml', 'basic', 'api_key'] as const;
export const PROVIDERS = ['google', 'okta', 'azure', 'aws'] as const;
export const SESSION_DURATIONS = [1800, 3600, 7200] as const;
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY'] as const;
export const PAYMENT_METHODS = ['credit_card', 'debit_card', 'paypal', 'bank_transfer'] as const;
export const CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf', 'text/csv'] as const;
export const QUERY_CATEGORIES = ['electronics', 'books', 'clothing'] as const;
export const QUERY_LIMITS = [10, 25, 50, 100] as const;
export const SMTP_CODES = [550, 554, 421] as const;
export const TIME_WINDOWS = ['1h', '4h', '24h'] as const;
export const VERSIONS = ['1.0', '1.5', '2.0', '2.1'] as const;
export const STATUSES = ['healthy', 'degraded', 'unhealthy'] as const;
export const VALIDATION_ERRORS = ['missing_field', 'invalid_format'] as const;
