// DuckDB's own allocator (a jemalloc of its own, not glibc's) keeps the pages a statement freed
// for reuse, purging them only after a decay time that passes on later allocations: under the
// connector's steady inserts the emulator held ~55 MB more than it used. Purging at once costs
// about 10% of insert speed, measured side by side (bench/million-records.ts gives the memory).
// jemalloc reads this when DuckDB's library loads, so this module is imported before
// @duckdb/node-api; a value set by the user wins. The sandbox service gets it in its environment
// from the start (SANDBOX_ENV, ../../service/spawn.ts): a bundle may hoist DuckDB's import above this.
export const DUCKDB_PURGE_AT_ONCE = 'dirty_decay_ms:0,muzzy_decay_ms:0';
process.env.DUCKDB_JE_MALLOC_CONF ??= DUCKDB_PURGE_AT_ONCE;
