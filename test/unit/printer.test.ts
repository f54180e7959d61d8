// Headless output (--yes, pipes, CI): each panel's text appears once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrinter } from '../../src/commands/printer.js';

const printed = (summary: string, body: string): string[] => {
  const lines: string[] = [];
  createPrinter((l) => lines.push(l))({ type: 'show', id: 'openflow-connector', title: 'Hand-off', summary, body });
  return lines;
};

test('a summary the body opens with (the hand-off) is printed once', () => {
  const summary = 'Kafka Group Id: g\nKafka Topics: t';
  const lines = printed(summary, `${summary}\n\nLeft to do: start it.`);
  assert.equal(lines.filter((l) => l.includes('Kafka Group Id: g')).length, 1, lines.join('\n'));
  assert.ok(lines.some((l) => l.includes('Left to do: start it.')));
});

test('a summary the body does not repeat is printed above it', () => {
  const lines = printed('11 → 37 columns', 'TIMESTAMP TEXT\nLEVEL TEXT');
  assert.deepEqual(lines.slice(1, 4).map((l) => l.trim()), ['11 → 37 columns', 'TIMESTAMP TEXT', 'LEVEL TEXT']);
});
