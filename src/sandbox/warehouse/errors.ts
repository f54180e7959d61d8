// Errors in Snowflake's own codes and wording, so snowflake-sdk surfaces them exactly as it does for
// the real service (err.code, err.sqlState, err.message).

export class SnowflakeError extends Error {
  constructor(
    /** Six-digit code as Snowflake sends it, e.g. '002003'. */
    readonly code: string,
    readonly sqlState: string,
    message: string,
    readonly errorType: 'COMPILATION' | 'EXECUTION' | 'AUTHENTICATION' = 'COMPILATION',
  ) {
    super(message);
  }
}

export function syntaxError(line: number, position: number, near: string): SnowflakeError {
  const detail = near ? `unexpected '${near}'.` : 'unexpected end of input.';
  return new SnowflakeError(
    '001003',
    '42000',
    `SQL compilation error:\nsyntax error line ${line} at position ${position} ${detail}`,
  );
}

/** Snowflake's answer for a missing object and for one the role cannot see alike. */
export function doesNotExist(kind: string, name: string): SnowflakeError {
  return new SnowflakeError(
    '002003',
    '42S02',
    `SQL compilation error:\n${kind} '${name}' does not exist or not authorized.`,
  );
}

export function alreadyExists(kind: string, name: string): SnowflakeError {
  return new SnowflakeError('002002', '42710', `SQL compilation error:\nObject '${name}' already exists.`);
}

export function invalidIdentifier(name: string, line = 1, position = 0): SnowflakeError {
  return new SnowflakeError(
    '000904',
    '42000',
    `SQL compilation error: error line ${line} at position ${position}\ninvalid identifier '${name}'`,
  );
}

export function insufficientPrivileges(kind: string, name: string): SnowflakeError {
  return new SnowflakeError(
    '003001',
    '42501',
    `SQL access control error:\nInsufficient privileges to operate on ${kind.toLowerCase()} '${name}'`,
    'EXECUTION',
  );
}

export function roleNotGranted(role: string): SnowflakeError {
  return new SnowflakeError(
    '003013',
    '42501',
    `SQL execution error: Requested role '${role}' is not assigned to the executing user. Specify another role to activate.`,
    'EXECUTION',
  );
}

export function notAvailableInSandbox(what: string): SnowflakeError {
  return new SnowflakeError(
    '000002',
    '0A000',
    `Unsupported feature '${what}': not available in the sandbox (the local Snowflake emulator). Run this against a real Snowflake account.`,
  );
}

export function unsupported(statement: string): SnowflakeError {
  return new SnowflakeError(
    '000002',
    '0A000',
    `Unsupported feature: this statement is not available in the sandbox (the local Snowflake emulator): ${statement.slice(0, 80)}`,
  );
}

export function statementCountMismatch(actual: number): SnowflakeError {
  return new SnowflakeError(
    '000008',
    '0A000',
    `Actual statement count ${actual} did not match the desired statement count 1.`,
    'EXECUTION',
  );
}

export function noWarehouse(): SnowflakeError {
  return new SnowflakeError(
    '000606',
    '57P03',
    'No active warehouse selected in the current session.  Select an active warehouse with the \'use warehouse\' command.\n',
    'EXECUTION',
  );
}

export function executionError(message: string): SnowflakeError {
  return new SnowflakeError('100000', '22000', message, 'EXECUTION');
}

/** Snowflake's answer for a function it does not have (DuckDB-only functions included). */
export function unknownFunction(name: string, line = 1, position = 0): SnowflakeError {
  return new SnowflakeError('002140', '42601', `SQL compilation error: error line ${line} at position ${position}\nUnknown function ${name}`);
}

export function divisionByZero(): SnowflakeError {
  return new SnowflakeError('100051', '22012', 'Division by zero', 'EXECUTION');
}
