// Waits with a limit. A broker or Snowflake that accepts a connection and then says nothing would
// otherwise keep a command waiting for minutes (kafkajs retries each timed-out request), or keep
// the process alive after the command ended (a logout or disconnect that never completes).

/** `work`, or a rejection with `onTimeout()` once `ms` have passed. The timer never keeps the process alive. */
export function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Waits for `work` at most `ms`, never failing: a close that hangs is left behind. True when it finished in time. */
export async function atMost(work: Promise<unknown>, ms: number): Promise<boolean> {
  try {
    await withDeadline(work.catch(() => undefined), ms, () => new Error('late'));
    return true;
  } catch {
    return false;
  }
}
