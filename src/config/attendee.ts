// Which workshop attendee a command acts for: --attendee, else OQS_ATTENDEE in the environment,
// else OQS_ATTENDEE in the working directory's .env (the one `room init` writes on each card).
// None: the tutorial's own names. The names themselves derive in src/names.ts.
import { join } from 'node:path';
import { readTextFileSync } from './text-file.js';
import { parse } from 'dotenv';
import { attendeeProblem } from '../names.js';
import { displayPath } from './layer.js';
import { unreadableDotenv } from './dotenv-file.js';

export const ATTENDEE_VARIABLE = 'OQS_ATTENDEE';

export type AttendeeResult = { ok: true; attendee?: string; source?: string } | { ok: false; problem: string; hint?: string };

export function resolveAttendee(opts: { flag?: string; env: NodeJS.ProcessEnv; cwd: string }): AttendeeResult {
  const found = fromFlag(opts.flag) ?? fromVariables(opts.env, `${ATTENDEE_VARIABLE} (environment)`) ?? fromDotenv(opts.cwd, opts.env);
  if (!found) return { ok: true };
  if ('unreadable' in found) return { ok: false, problem: found.unreadable, hint: 'Fix or remove that .env, then run again.' };
  const problem = attendeeProblem(found.value);
  return problem ? { ok: false, problem: `${found.source}: ${problem}` } : { ok: true, attendee: found.value, source: found.source };
}

type Found = { value: string; source: string } | { unreadable: string } | undefined;

function fromFlag(flag: string | undefined): Found {
  return flag === undefined ? undefined : { value: flag.trim(), source: '--attendee (flag)' };
}

function fromVariables(vars: Readonly<Record<string, string | undefined>>, source: string): { value: string; source: string } | undefined {
  const value = vars[ATTENDEE_VARIABLE]?.trim();
  return value ? { value, source } : undefined;
}

function fromDotenv(cwd: string, env: NodeJS.ProcessEnv): Found {
  const path = join(cwd, '.env');
  // Only a regular file is read (a named pipe would block). An unreadable .env may hold this very
  // variable, so it stops every command here, the sandbox's too (they read no Kafka settings),
  // in the words the Kafka settings' reader uses.
  const file = readTextFileSync(path);
  if (file.kind === 'missing') return undefined;
  if (file.kind === 'unreadable') return { unreadable: `.env (${displayPath(path, env)}): ${unreadableDotenv(file.reason)}` };
  return fromVariables(parse(file.text), `${ATTENDEE_VARIABLE} (.env ${path})`);
}
