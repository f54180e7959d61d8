// The tutorial's sample logs loaded into the emulator the way Openflow does it: the connector's
// role creates "APPLICATION-LOGS" from the first (base) events, then adds a column per new field
// when the evolved events arrive. Column types follow src/logs/fields.ts; VARIANT fields hold JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitStatements, tokenize } from '../../src/sandbox/warehouse/sql/tokenizer.js';
import { expectedColumns } from '../../src/logs/fields.js';
import type { WarehousePort } from '../../src/engine/ports.js';

export const fixtures = join(new URL('.', import.meta.url).pathname, 'fixtures');

export type LogRecord = Record<string, unknown>;

export function sampleLogs(kind: 'base' | 'evolved'): LogRecord[] {
  const file = kind === 'base' ? 'sample_logs.json' : 'sample_logs_evolved.json';
  return readFileSync(join(fixtures, file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LogRecord);
}

/** The statements of a fixture script, comments removed, in order. */
export function statementsOf(file: string): string[] {
  const text = readFileSync(join(fixtures, file), 'utf8');
  return splitStatements(tokenize(text))
    .map((s) =>
      s
        .filter((t) => t.kind !== 'comment')
        .map((t) => t.text)
        .join('')
        .trim(),
    )
    .filter((s) => s !== '');
}

/** NUMBER columns whose values carry decimals keep them (NUMBER(38,2)); DATA_TYPE is NUMBER either way. */
const DECIMAL_COLUMNS = new Set(['AMOUNT', 'MEMORY_PERCENT']);

function ddlType(name: string, type: string): string {
  return type === 'NUMBER' && DECIMAL_COLUMNS.has(name) ? 'NUMBER(38,2)' : type;
}

async function insert(w: WarehousePort, records: LogRecord[], columns: Array<{ name: string; type: string }>): Promise<void> {
  // VARIANT values go through PARSE_JSON in a SELECT, as Snowflake requires (not allowed in VALUES).
  const select = columns.map((c) => (c.type === 'VARIANT' ? 'PARSE_JSON(?)' : '?')).join(', ');
  const sql = `INSERT INTO "APPLICATION-LOGS" (${columns.map((c) => c.name).join(', ')}) SELECT ${select}`;
  for (const r of records) {
    const binds = columns.map(({ name, type }) => {
      const v = r[name.toLowerCase()];
      if (v === undefined || v === null) return null;
      return type === 'VARIANT' ? JSON.stringify(v) : v;
    });
    await w.execute(sql, binds);
  }
}

/**
 * Phase 1: create the table from the base columns and insert the 50 base records.
 * Runs in the current database/schema with the current role (the connector's QUICKSTART_ROLE).
 */
export async function loadBaseLogs(w: WarehousePort): Promise<LogRecord[]> {
  const base = expectedColumns('base');
  await w.execute(
    `CREATE TABLE "APPLICATION-LOGS" (${base.map((c) => `${c.name} ${ddlType(c.name, c.type)}`).join(', ')}) ENABLE_SCHEMA_EVOLUTION = TRUE`,
  );
  const records = sampleLogs('base');
  await insert(w, records, base);
  return records;
}

/** Phase 2: add the 26 evolved columns (schema evolution), then insert the 80 evolved records. */
export async function loadEvolvedLogs(w: WarehousePort): Promise<LogRecord[]> {
  const baseNames = new Set(expectedColumns('base').map((c) => c.name));
  const added = expectedColumns('evolved').filter((c) => !baseNames.has(c.name));
  await w.execute(`ALTER TABLE "APPLICATION-LOGS" ADD COLUMN ${added.map((c) => `${c.name} ${ddlType(c.name, c.type)}`).join(', ')}`);
  const records = sampleLogs('evolved');
  await insert(w, records, expectedColumns('evolved'));
  return records;
}
