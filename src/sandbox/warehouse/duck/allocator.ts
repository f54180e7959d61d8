// DuckDB's own allocator (a jemalloc of its own, not glibc's) keeps the pages a statement freed
// for reuse, purging them only after a decay time that passes on later allocations: under the
// connector's steady inserts the emulator held ~55 MB more than it used. Purging at once costs
// about 10% of insert speed, measured side by side (bench/million-records.ts gives the memory). jemalloc reads this when DuckDB's library
// loads, so this module is imported before @duckdb/node-api; a value set by the user wins.
process.env.DUCKDB_JE_MALLOC_CONF ??= 'dirty_decay_ms:0,muzzy_decay_ms:0';
