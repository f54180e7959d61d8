// `query` on a narrow terminal: a result wider than the screen is printed as records (one
// "NAME  value" line per column, values wrapped at words) instead of a table the terminal folds
// into a wall of text; a table that fits, and any result into a pipe, stays a table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { queryCommand } from '../../src/commands/query.js';
import type { WarehousePort } from '../../src/engine/ports.js';

const ROWS = [
  { TIMESTAMP: '2026-11-30T21:38:58.359Z', LEVEL: 'WARN', SERVICE: 'web-api', MESSAGE: 'Rate limit approaching threshold for tenant acme', DURATION_MS: 756, ERROR: null },
  { TIMESTAMP: '2026-11-30T21:38:59.001Z', LEVEL: 'INFO', SERVICE: 'analytics-service', MESSAGE: 'Daily report generated', DURATION_MS: 464, ERROR: null },
];

function warehouseAnswering(rows: Array<Record<string, unknown>>): WarehousePort {
  return { execute: async () => rows } as unknown as WarehousePort;
}

async function query(rows: Array<Record<string, unknown>>, screenWidth?: number): Promise<string> {
  let out = '';
  await queryCommand({ sql: 'SELECT 1', json: false, screenWidth }, warehouseAnswering(rows), { write: (t) => (out += t) });
  return out;
}

describe('query on a narrow terminal', () => {
  it('prints a result wider than 40 columns as records that fit, every value whole', async () => {
    const out = await query(ROWS, 40);
    const lines = out.trimEnd().split('\n');
    for (const line of lines) assert.ok(line.length <= 39, `wider than the terminal (${line.length}): ${line}`);
    assert.match(lines[0]!, /^-\[ row 1 of 2 \]-+$/);
    assert.match(out, /\nLEVEL +WARN\n/);
    assert.match(out, /\nERROR +NULL\n/);
    // The message wraps under itself: its words, in order, between MESSAGE and the next name.
    const message = out.slice(out.indexOf('MESSAGE'), out.indexOf('DURATION_MS')).replace('MESSAGE', '').split(/\s+/).filter(Boolean).join(' ');
    assert.equal(message, ROWS[0]!.MESSAGE);
    assert.match(out, /-\[ row 2 of 2 \]/);
    assert.match(out, /\(2 rows\)\n$/);
  });

  it('keeps a table that fits, and gives a pipe the table whatever its width', async () => {
    assert.match(await query([{ LEVEL: 'INFO', EVENTS: 90 }], 40), /^LEVEL +EVENTS\n-+ +-+\nINFO +90\n\(1 row\)\n$/);
    assert.match(await query(ROWS), /^TIMESTAMP +LEVEL +SERVICE +MESSAGE +DURATION_MS +ERROR\n/);
  });
});
