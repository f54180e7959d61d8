// snowflake-sdk errors as one clear line each. The SDK's error objects are not kept (they can
// carry request details); only Snowflake's code and SQL state travel on.

export class SnowflakeQueryError extends Error {
  /** Snowflake's error code ('002003', '390100', …) or the SDK's numeric client code as text. */
  readonly code: string | undefined;
  readonly sqlState: string | undefined;
  constructor(
    message: string,
    original: unknown,
    /** The statement that failed, when a query failed. */
    readonly sqlText?: string,
  ) {
    super(message);
    this.name = 'SnowflakeQueryError';
    const o = (original ?? {}) as { code?: unknown; sqlState?: unknown };
    this.code = o.code === undefined || o.code === null ? undefined : String(o.code);
    this.sqlState = typeof o.sqlState === 'string' ? o.sqlState : undefined;
  }
}

interface Where {
  target: string;
  user: string;
  phase: 'connect' | 'query';
}

/** Known codes: Snowflake's server codes and snowflake-sdk's client codes (4xxxxx). */
export function describeSnowflakeError(e: unknown, where: Where): string {
  const err = (e ?? {}) as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const code = err.code === undefined ? '' : String(err.code);
  const raw = typeof err.message === 'string' ? err.message : String(e);
  const oneLine = raw.replace(/\s*\n\s*/g, ' ').trim();
  switch (code) {
    case '390100':
      return `Snowflake login failed for user ${where.user}: incorrect username or password.`;
    case '390144':
      return `Snowflake key-pair login failed for user ${where.user}: the JWT was rejected (is the matching public key set on the user?).`;
    case '394400':
      return `Snowflake login failed for user ${where.user}: the programmatic access token was rejected.`;
    case '390189':
      return `Snowflake login failed: ${oneLine}`;
    case '390201':
      return `Snowflake login failed: ${oneLine}`;
    case '390104':
    case '390112':
    case '390114':
      return 'The Snowflake session expired; connect again.';
  }
  // snowflake-sdk client-side codes
  if (code === '401001' || code === '402001' || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET/.test(oneLine)) {
    const reason = /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET/.exec(oneLine + ' ' + String(err.cause?.code ?? ''))?.[0];
    return `Cannot reach Snowflake at ${where.target}${reason ? ` (${reason})` : ''}: check the account name, host and network.`;
  }
  if (/bad decrypt|unsupported key format|PEM|private key/i.test(oneLine) && where.phase === 'connect')
    return 'Cannot read the Snowflake private key file: wrong passphrase or not a PEM private key.';
  if (code.startsWith('404')) return `Snowflake connection settings are invalid: ${oneLine}`;
  const prefix = where.phase === 'connect' ? 'Snowflake login failed' : 'Snowflake';
  return code ? `${prefix} error ${code}: ${oneLine}` : `${prefix}: ${oneLine}`;
}
