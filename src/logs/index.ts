// The log-event generator (base / evolved), seeded: the one entry point other rooms import.
export { DEFAULT_SEED, DEFAULT_COUNTS, LogGenerator, generateEvent, iterateEvents, iterateRecords, recordKeyOf, formatTimestamp } from './generator.js';
export type { GenerateOptions, Now } from './generator.js';
export { BASE_FIELDS, EVOLVED_FIELDS, ALL_FIELDS, COLUMN_TYPES, columnTypeOf, expectedColumns } from './fields.js';
export type { ColumnType, Field } from './fields.js';
export { toJsonl, fromJsonl, jsonlLines, generatedJsonl, writeJsonlFile, OutputStopped, type JsonlChunk } from './jsonl.js';
