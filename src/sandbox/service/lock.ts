// One host per sandbox folder: an exclusive lock the operating system drops when its process
// ends, however it ends (kill -9 included), so a stale lock cannot exist. Node has no flock();
// DuckDB, already loaded for the emulator, locks its database file exactly so — host.lock is an
// empty DuckDB file held open for the host's lifetime.
import path from 'node:path';

export interface HostLock {
  release(): void;
}

/** The lock, or undefined when another process holds it. */
export async function takeHostLock(dir: string): Promise<HostLock | undefined> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  try {
    const instance = await DuckDBInstance.create(path.join(dir, 'host.lock'), { threads: '1', memory_limit: '4MB' });
    return { release: () => instance.closeSync() };
  } catch (err) {
    if (/lock/i.test(err instanceof Error ? err.message : String(err))) return undefined;
    throw err;
  }
}
