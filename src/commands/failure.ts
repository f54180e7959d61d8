// What the CLI prints when a command ends with an error: one line (plus an optional hint) and an
// exit code. Errors a person can cause and fix are named here, so that only a real bug is left to
// be "unexpected". This file imports no client library: only the error classes' modules.
import { DamagedFile } from '../engine/files.js';
import { StateError } from '../engine/state.js';
import { StepFailure } from '../engine/step.js';
import { SqlTemplateError } from '../sql.js';
import { SnowflakeQueryError } from '../snowflake/errors.js';
import { EXIT, UsageError } from './exit.js';

export interface Failure {
  code: number;
  message: string;
  hint?: string;
}

/** A failure a person can act on, or undefined for a bug (the caller reports it as unexpected). */
export function describeFailure(err: unknown): Failure | undefined {
  if (err instanceof UsageError || err instanceof StateError) return { code: EXIT.usage, message: err.message, hint: err.hint };
  if (err instanceof StepFailure) return { code: EXIT.failed, message: err.message, hint: err.hint };
  if (err instanceof SnowflakeQueryError) return snowflakeFailure(err);
  if (err instanceof DamagedFile) {
    return { code: EXIT.failed, message: `the sandbox cannot start: ${err.message}`, hint: `Restore that file, or start this sandbox afresh: \`sandbox down\`, then delete the folder that holds it (the walk then runs again from the start).` };
  }
  if (err instanceof SqlTemplateError) {
    return { code: EXIT.usage, message: `a value cannot be written into SQL: ${err.message}`, hint: 'Check the names given (topic, --profile, the state file).' };
  }
  const system = systemFailure(err);
  if (system) return system;
  return undefined;
}

// Login refused, account or connection settings wrong (404xxx: the SDK refused a setting): the
// configuration is at fault (exit 2).
const SNOWFLAKE_CONFIG_CODES = new Set(['390100', '390144', '394400', '390189', '390201', '404001', '404002']);

function snowflakeFailure(err: SnowflakeQueryError): Failure {
  const configuration = (err.code !== undefined && (SNOWFLAKE_CONFIG_CODES.has(err.code) || err.code.startsWith('404'))) || /^Cannot (reach Snowflake|read the Snowflake)|ENOTFOUND/.test(err.message);
  return {
    code: configuration ? EXIT.usage : EXIT.failed,
    message: err.message,
    hint: configuration ? 'Check the Snowflake connection (SNOWFLAKE_* variables, connections.toml, --connection NAME), or pass --sandbox.' : undefined,
  };
}

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
};

const SYSCALL_VERBS: Record<string, string> = {
  open: 'open',
  mkdir: 'create the folder',
  rename: 'replace',
  unlink: 'remove',
  rmdir: 'remove',
  scandir: 'list',
  read: 'read',
  write: 'write',
  stat: 'look at',
  lstat: 'look at',
  access: 'use',
  chmod: 'set the permissions of',
  copyfile: 'copy',
};

/** A file-system error (it has a code and a path): which file, what the system said. (A full disk: engine/disk-full.ts.) */
function systemFailure(err: unknown): Failure | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string' || typeof e.path !== 'string') return undefined;
  const reason = SYSTEM_REASONS[e.code];
  if (!reason) return undefined;
  const verb = SYSCALL_VERBS[e.syscall ?? ''] ?? 'use';
  return {
    code: EXIT.usage,
    message: `cannot ${verb} ${e.path}: ${reason}`,
    hint: 'Check the path and its permissions (--state-dir, --output, the files named in the configuration).',
  };
}
