/** @jsxRuntime automatic */
// Every frame of a whole walk fits the terminal: no line wider than it, no frame taller than its
// rows minus one (Ink redraws the whole screen, flickering, when a frame reaches the last row).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEventHub } from '../../src/app/source.js';
import { textWidth } from '../../src/app/text.js';
import type { Look } from '../../src/app/terminal.js';
import { doneUpTo, OPENFLOW_TABLES, plan } from './script.js';
import { frameWhere, renderOnTerminal } from './harness.js';

async function walkThrough(columns: number, rows: number, look: Look): Promise<string[]> {
  const hub = createEventHub();
  const screen = renderOnTerminal(hub, { columns, rows }, look);
  const until = (what: string, ok: (f: string) => boolean) => frameWhere(screen.lastFrame, ok, what);
  try {
    hub.emit(plan({}, { 'create-topic': { check: { state: 'drifted', diff: ['wants 3 partitions, topic has 6 (created by someone else long ago)'], fix: 'Delete the topic or run with --topic another-name' } } }));
    await until('plan', (f) => f.includes('Preflight'));
    hub.emit({ type: 'step-start', id: 'preflight', at: Date.now() });
    hub.emit({ type: 'note', id: 'preflight', text: 'Kafka: 3 brokers at broker-1.a-very-long-cluster-domain.example.com:9092 (SASL PLAIN)' });
    await until('note', (f) => f.includes('Kafka: 3'));
    for (const e of doneUpTo('setup-sql')) hub.emit(e);
    hub.emit({ type: 'step-start', id: 'setup-sql', at: Date.now() });
    hub.emit({ type: 'progress', id: 'setup-sql', update: { done: 5, total: 12, unit: 'statements', detail: 'CREATE OR REPLACE NETWORK RULE kafka_network_rule MODE = EGRESS TYPE = HOST_PORT' }, ratePerSec: 2.5 });
    await until('progress', (f) => f.includes('5/12'));
    hub.emit({ type: 'step-end', id: 'setup-sql', status: 'done', summary: '12 statements', durationMs: 900 });
    hub.emit({ type: 'step-start', id: 'openflow-connector', at: Date.now() });
    for (const e of OPENFLOW_TABLES) hub.emit(e);
    hub.emit({ type: 'note', id: 'openflow-connector', text: 'Waiting for group openflow_qs_kafka_connector to consume application-logs' });
    // Short terminals show the start of the tables and scroll the rest.
    await until('tables', (f) => f.includes('Ingestion') || /more lines/.test(f));
    hub.emit({ type: 'step-end', id: 'openflow-connector', status: 'done', summary: 'group openflow_qs_kafka_connector Stable with one member', durationMs: 4000 });
    hub.emit({ type: 'step-start', id: 'produce-base-logs', at: Date.now() });
    hub.emit({ type: 'progress', id: 'produce-base-logs', update: { done: 20, total: 50, unit: 'records', detail: 'p0@7 p1@6 p2@7' }, ratePerSec: 1234.5 });
    await until('produce', (f) => f.includes('20/50'));
    hub.emit({ type: 'step-end', id: 'produce-base-logs', status: 'failed', error: 'KafkaJSNumberOfRetriesExceeded: Connection timeout to broker-2.a-very-long-cluster-domain.example.com:9092 after 5 retries', hint: 'Check that the broker is reachable from this machine (firewall, VPN) and run again.', durationMs: 30_000 });
    await until('failure', (f) => /[✖x] Produce/.test(f));
    hub.emit({ type: 'step-start', id: 'cleanup', at: Date.now() });
    void hub.ask('cleanup', 'Remove everything the walk created: topic, consumer group, database, warehouse, role, network rule and integration?', { defaultAnswer: false });
    await until('ask', (f) => f.includes('[y/N]'));
    hub.emit({ type: 'step-end', id: 'cleanup', status: 'skipped', summary: 'kept', durationMs: 10 });
    hub.emit({ type: 'walk-end', status: 'failed', durationMs: 61_000 });
    await until('end', (f) => f.includes('1m 01s'));
    return screen.frames;
  } finally {
    screen.unmount();
  }
}

function assertFits(frames: string[], columns: number, rows: number) {
  assert.ok(frames.length > 5);
  for (const frame of frames) {
    const lines = frame.replace(/\n$/, '').split('\n');
    assert.ok(lines.length <= rows - 1, `frame taller than ${rows - 1} rows:\n${frame}`);
    for (const line of lines) assert.ok(textWidth(line) <= columns, `line wider than ${columns}: "${line}"`);
  }
}

const UNICODE: Look = { unicode: true, color: false };

describe('terminal sizes', () => {
  for (const [columns, rows] of [[80, 24], [120, 40], [40, 24], [24, 12]] as const) {
    it(`${columns}×${rows}: every frame fits`, async () => {
      assertFits(await walkThrough(columns, rows, UNICODE), columns, rows);
    });
  }

  it('40 columns: a failure is said whole, wrapped, with what to do and how to resume', async () => {
    const frames = await walkThrough(40, 24, UNICODE);
    const failure = frames.find((f) => f.includes('What to do'));
    assert.ok(failure);
    const text = failure.replace(/\s+/g, ' ');
    assert.match(text, /Connection timeout to broker-2\.a-very-long-cluster-domain\. ?example\.com:9092 after 5 retries/);
    assert.match(text, /What to do: Check that the broker is reachable/);
    assert.match(text, /the walk resumes/);
  });

  it('ASCII at 40 columns fits as well', async () => {
    const frames = await walkThrough(40, 24, { unicode: false, color: false });
    assertFits(frames, 40, 24);
    for (const f of frames) assert.doesNotMatch(f.replace(/•/g, ''), /[─…✔✖○]/);
  });
});
