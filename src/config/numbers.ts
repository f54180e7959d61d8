// Numbers from flags (--seed, --count, --rate): a problem instead of a throw, naming the flag.

import { configError, type ConfigProblem } from './problems.js';

export type NumberResult = { ok: true; value: number } | { ok: false; problem: ConfigProblem };

/**
 * A whole number ≥ 1 ("--count", "50"). `what` names the setting as a person typed it,
 * e.g. '--count'; `source` defaults to `${what} (flag)`.
 */
export function parsePositiveInt(raw: string | number, what: string, opts: IntOptions = {}): NumberResult {
  return parseInteger(raw, what, { ...opts, min: Math.max(1, opts.min ?? 1) });
}

/** A whole number ≥ 0 ("--seed 0" is a fine seed). */
export function parseNonNegativeInt(raw: string | number, what: string, opts: IntOptions = {}): NumberResult {
  return parseInteger(raw, what, { ...opts, min: Math.max(0, opts.min ?? 0) });
}

/** A number > 0, fractions allowed ("--rate 0.5" records per second). */
export function parsePositiveNumber(raw: string | number, what: string, opts: { source?: string; max?: number } = {}): NumberResult {
  const source = opts.source ?? `${what} (flag)`;
  const text = String(raw).trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    return fail(what, source, `${what} must be a number greater than 0, got ${JSON.stringify(String(raw))}`);
  }
  const value = Number(text);
  if (!(value > 0)) return fail(what, source, `${what} must be greater than 0, got ${text}`);
  if (opts.max !== undefined && value > opts.max) {
    return fail(what, source, `${what} must be at most ${opts.max}, got ${text}`);
  }
  return { ok: true, value };
}

interface IntOptions {
  source?: string;
  min?: number;
  max?: number;
}

function parseInteger(raw: string | number, what: string, opts: IntOptions & { min: number }): NumberResult {
  const source = opts.source ?? `${what} (flag)`;
  const text = String(raw).trim();
  const lowest = opts.min === 0 ? 'a whole number (0 or more)' : `a whole number of ${opts.min} or more`;
  if (!/^\d+$/.test(text)) {
    return fail(what, source, `${what} must be ${lowest}, got ${JSON.stringify(String(raw))}`);
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return fail(what, source, `${what} is too large: ${text}`);
  if (value < opts.min) return fail(what, source, `${what} must be ${lowest}, got ${text}`);
  if (opts.max !== undefined && value > opts.max) {
    return fail(what, source, `${what} must be at most ${opts.max}, got ${text}`);
  }
  return { ok: true, value };
}

function fail(what: string, source: string, message: string): NumberResult {
  return { ok: false, problem: configError(what.replace(/^--/, ''), source, message) };
}
