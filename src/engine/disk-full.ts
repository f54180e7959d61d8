// A full disk (or quota) wherever the CLI writes — state, sandbox data, logs, `logs --output` —
// is one line naming the path and what to do. Atomic writes leave the old file in place, so
// nothing done is lost: the same command resumes once there is room.
const FULL = new Set(['ENOSPC', 'EDQUOT']);
const FULL_TEXT = /no space left on device|disk quota exceeded|ENOSPC/i;

export interface DiskFull {
  message: string;
  hint: string;
}

/** The one-line report for an error caused by a full disk, or undefined for any other error. */
export function diskFull(err: unknown): DiskFull | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  const byCode = typeof e?.code === 'string' && FULL.has(e.code);
  if (!byCode && !(err instanceof Error && FULL_TEXT.test(err.message))) return undefined;
  const where = e?.path ?? pathIn(err instanceof Error ? err.message : '');
  return diskFullAt(where);
}

export function diskFullAt(where: string | undefined): DiskFull {
  return {
    message: `no space left on the disk${where ? ` writing ${where}` : ''}`,
    hint: 'Free some space there (or choose another --state-dir / --output), then run the same command again: nothing done so far is lost.',
  };
}

/** DuckDB and others name the file in their message: "… write to file "/x/y.wal": No space left …". */
function pathIn(message: string): string | undefined {
  return /["'](\/[^"']+)["']/.exec(message)?.[1];
}
