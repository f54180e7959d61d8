// What the Snowflake-side steps share: the object names the tutorial's scripts use (src/names.ts),
// the warehouse port with a clear failure when none is configured, and small readers for the
// rows snowflake-sdk returns (SHOW answers in lower-case column names, SELECT in upper case).
import type { WalkConfig } from '../../src/config/types.js';
import type { WarehousePort } from '../../src/engine/ports.js';
import type { StepContext } from '../../src/engine/step.js';
import { StepFailure } from '../../src/engine/step.js';
import { namesFor, type Names } from '../../src/names.js';

export type SqlNames = Names;

/** The non-secret Snowflake settings these steps read from `config.snowflake` (all optional). */
export interface SnowflakeStepSettings {
  /** Account identifier (orgname-accountname), only used to build Snowsight links. */
  account?: string;
}

export function snowflakeSettings(config: WalkConfig): SnowflakeStepSettings {
  const raw = config.snowflake;
  return raw && typeof raw === 'object' ? (raw as SnowflakeStepSettings) : {};
}

/**
 * Every name of this walk: the tutorial's, or the attendee's (config.attendee). The topic is
 * the walk's own, already the attendee's; the table is the topic upper-cased, which is what
 * Openflow creates when "Topic To Table Map" is left empty ("APPLICATION-LOGS").
 */
export function sqlNames(config: WalkConfig): SqlNames {
  return namesFor({ topic: config.kafka.topic, attendee: config.attendee });
}

export function warehouseOf(ctx: StepContext): WarehousePort {
  if (ctx.warehouse) return ctx.warehouse;
  throw new StepFailure(
    'No Snowflake connection is configured.',
    'Set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER and a credential (or a Snowflake CLI connection with --connection NAME), or use --sandbox.',
  );
}

/** A column of a row, whatever case the driver used for its name. */
export function field(row: Record<string, unknown>, name: string): unknown {
  if (name in row) return row[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(row)) if (key.toLowerCase() === wanted) return row[key];
  return undefined;
}

export function text(row: Record<string, unknown>, name: string): string {
  const v = field(row, name);
  return v === null || v === undefined ? '' : String(v);
}

/** An object name as SHOW prints it, compared without quotes and case. */
export function sameName(a: string, b: string): boolean {
  return a.replace(/"/g, '').toUpperCase() === b.replace(/"/g, '').toUpperCase();
}

/** The error's text, first line(s) only, as Snowflake worded it. */
export function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^SQL compilation error:\s*/i, '').replace(/\s*\n\s*/g, ' ').trim();
}

/** Snowflake's message as a sentence of its own ("Snowflake error 093201: …" already names its source), or nothing. */
export function snowflakeSays(message: string): string {
  if (!message) return '';
  const said = /^Snowflake\b/.test(message) ? message : `Snowflake: ${message}`;
  return ` ${said}${/[.!?]$/.test(said) ? '' : '.'}`;
}

/** Snowflake's error code ('002003') and SQL state ('02000') of a failed statement, when it has them. */
export function sqlErrorOf(err: unknown): { code: string; sqlState: string } {
  const e = (err ?? {}) as { code?: unknown; sqlState?: unknown };
  const code = e.code === undefined || e.code === null ? '' : String(e.code).padStart(6, '0');
  return { code, sqlState: typeof e.sqlState === 'string' ? e.sqlState : '' };
}

/**
 * Snowflake's "does not exist or not authorized" (002003, SQL state 02000) and its kin. Code and SQL
 * state first; the wording only as a fallback (Openflow's error texts are not documented).
 */
export function isMissingObject(err: unknown): boolean {
  const { code, sqlState } = sqlErrorOf(err);
  return code === '002003' || sqlState === '02000' || /does not exist/i.test(errorText(err));
}

/** Snowflake's access control errors: "Insufficient privileges" (003001) and the like (SQL state 42501). */
export function isPrivilegeError(err: unknown): boolean {
  const { code, sqlState } = sqlErrorOf(err);
  return code === '003001' || sqlState === '42501' || /insufficient privileges/i.test(errorText(err));
}

export function isNotAvailableInSandbox(err: unknown): boolean {
  return /not available in the sandbox/i.test(errorText(err));
}

/** Rows of a statement, or null when the object it looks at does not exist (or is not visible). */
export async function rowsOrNull(w: WarehousePort, sql: string): Promise<Array<Record<string, unknown>> | null> {
  try {
    return await w.execute(sql);
  } catch (err) {
    if (isMissingObject(err)) return null;
    throw err;
  }
}

/** Waits `ms`, or less when the signal aborts (never throws). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The first line of a statement, shortened, to name it in messages. */
export function firstLineOf(statement: string, max = 90): string {
  const line = statement.split('\n')[0]!.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
