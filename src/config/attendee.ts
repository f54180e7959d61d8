// Which workshop attendee a command acts for: --attendee, else OQS_ATTENDEE in the environment,
// else OQS_ATTENDEE in the working directory's .env (the one `room init` writes on each card).
// None: the tutorial's own names. The names themselves derive in src/names.ts.
import { join } from 'node:path';
import { readTextFileSync } from './text-file.js';
import { parse } from 'dotenv';
import { attendeeProblem } from '../names.js';

export const ATTENDEE_VARIABLE = 'OQS_ATTENDEE';

export type AttendeeResult = { ok: true; attendee?: string; source?: string } | { ok: false; problem: string };

export function resolveAttendee(opts: { flag?: string; env: NodeJS.ProcessEnv; cwd: string }): AttendeeResult {
  const found = fromFlag(opts.flag) ?? fromVariables(opts.env, `${ATTENDEE_VARIABLE} (environment)`) ?? fromDotenv(opts.cwd);
  if (!found) return { ok: true };
  const problem = attendeeProblem(found.value);
  return problem ? { ok: false, problem: `${found.source}: ${problem}` } : { ok: true, attendee: found.value, source: found.source };
}

type Found = { value: string; source: string } | undefined;

function fromFlag(flag: string | undefined): Found {
  return flag === undefined ? undefined : { value: flag.trim(), source: '--attendee (flag)' };
}

function fromVariables(vars: Readonly<Record<string, string | undefined>>, source: string): Found {
  const value = vars[ATTENDEE_VARIABLE]?.trim();
  return value ? { value, source } : undefined;
}

function fromDotenv(cwd: string): Found {
  const path = join(cwd, '.env');
  // Only a regular file is read (a named pipe would block); a missing or unreadable .env is the
  // Kafka settings' reader's to report.
  const file = readTextFileSync(path);
  if (file.kind !== 'text') return undefined;
  return fromVariables(parse(file.text), `${ATTENDEE_VARIABLE} (.env ${path})`);
}
