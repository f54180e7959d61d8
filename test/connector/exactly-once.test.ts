// Exactly once into the table: the connector runs in a child process and is killed with SIGKILL
// mid-stream while records keep coming; a restarted connector ends with every record exactly
// once. Also the starting positions: 'latest' pinned at start, and a restart resumes where the
// offsets table says, including records produced while the connector was down.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandboxConnector } from '../../src/sandbox/connector/index.js';
import { DATABASE, openRuntimeSession, startConnectorSandbox, waitFor, type ConnectorSandbox } from './support/sandbox.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

interface Child {
  process: ChildProcess;
  lines: string[];
  /** Resolves with the first line matching. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

function runConnectorProcess(sb: ConnectorSandbox, parameters: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'support/run-connector.ts')], {
    cwd: repoRoot,
    env: { ...process.env, OQS_CONNECTOR_SPEC: JSON.stringify({ parameters, access: sb.access }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (l: string) => void }> = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      for (const w of waiters.filter((x) => x.pattern.test(l))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(l);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => lines.push(`stderr: ${chunk.toString('utf8').trim()}`));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    lines,
    exited,
    line: (pattern) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`connector process exited (${code}) before printing ${pattern}:\n${lines.join('\n')}`)));
      });
    },
  };
}

describe('sandbox connector: exactly once and starting positions', () => {
  let sb: ConnectorSandbox;
  const children: ChildProcess[] = [];

  before(async () => {
    sb = await startConnectorSandbox();
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await sb?.stop();
  });

  test('a connector killed with SIGKILL mid-stream and restarted ingests every record exactly once', async (t) => {
    const topic = 'crash-logs';
    const table = 'CRASH-LOGS';
    const slices = 3;
    const perSlice = 2000;
    const total = slices * perSlice;
    await sb.createTopic(topic);
    const parameters = sb.parameters(topic, { 'Kafka Group Id': 'crash-group', 'Kafka Auto Offset Reset': 'earliest' });

    // Three times: start a connector, produce a third of the records, kill it with SIGKILL as soon as
    // it has written its first batch (the other partitions are still pending, often mid-transaction).
    const produceSlice = (slice: number) =>
      sb.produce(
        topic,
        Array.from({ length: perSlice }, (_, i) => ({ seq: slice * perSlice + i, service: `svc-${i % 5}`, message: 'x'.repeat(40 + (i % 60)), ratio: i / 7 })),
        (i) => `key-${i % 11}`,
      );
    const killedAt: number[] = [];
    for (let slice = 0; slice < slices; slice++) {
      const doomed = runConnectorProcess(sb, parameters);
      children.push(doomed.process);
      await doomed.line(/^started$/);
      await produceSlice(slice);
      await doomed.line(/^wrote \d+ rows/);
      doomed.process.kill('SIGKILL');
      await doomed.exited;
      killedAt.push(await sb.count(table));
    }
    t.diagnostic(`rows in the table at each kill: ${killedAt.join(', ')} of ${total}`);
    killedAt.forEach((n, slice) => assert.ok(n < (slice + 1) * perSlice, `killed mid-stream (${killedAt.join(', ')} rows in)`));

    const second = runConnectorProcess(sb, parameters);
    children.push(second.process);
    await second.line(/^started$/);
    await waitFor(`${total} rows`, () => sb.count(table), (n) => n >= total, 180_000);

    const rows = await sb.admin.execute(`SELECT COUNT(*) AS N, COUNT(DISTINCT SEQ) AS D, MIN(SEQ) AS LO, MAX(SEQ) AS HI FROM ${DATABASE}.PUBLIC."${table}"`);
    assert.deepEqual(
      { n: Number(rows[0]!.N), distinct: Number(rows[0]!.D), lo: Number(rows[0]!.LO), hi: Number(rows[0]!.HI) },
      { n: total, distinct: total, lo: 0, hi: total - 1 },
    );
    // Once more after the connector has gone idle: still exactly the records produced.
    await sb.produce(topic, [{ seq: total }]);
    await waitFor('the last record', () => sb.count(table), (n) => n >= total + 1);
    assert.equal(await sb.count(table), total + 1);

    second.process.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.lines.join('\n'));
    assert.ok(second.lines.some((l) => l === 'stopped'));
  });

  test("'latest' starts at the high watermark pinned at start; a restart resumes from the stored offsets", async () => {
    const topic = 'latest-logs';
    const table = 'LATEST-LOGS';
    await sb.createTopic(topic);
    await sb.produce(topic, Array.from({ length: 9 }, (_, i) => ({ phase: 'before', i })));

    const parameters = sb.parameters(topic, { 'Kafka Group Id': 'latest-group' });
    assert.equal(parameters['Kafka Auto Offset Reset'], 'latest');
    const logs: string[] = [];
    const connector = createSandboxConnector({ openWarehouse: (target) => openRuntimeSession(sb.access, target), log: (l) => logs.push(l) });
    await connector.start(parameters);
    await connector.start(parameters); // idempotent
    // Produced the moment start resolves: none of it may be lost.
    await sb.produce(topic, Array.from({ length: 12 }, (_, i) => ({ phase: 'after', i })));
    await waitFor('12 rows', () => sb.count(table), (n) => n >= 12);
    // Each partition is written in offset order and 'after' follows 'before' in each, so a 'before'
    // row, had any been read, would be in the table by now.
    assert.equal(await sb.count(table, "PHASE = 'before'"), 0);
    assert.equal(await sb.count(table), 12);
    await connector.stop();
    await connector.stop(); // idempotent

    // While stopped: these must be picked up on restart, although the reset policy is 'latest'.
    await sb.produce(topic, Array.from({ length: 5 }, (_, i) => ({ phase: 'while-down', i })));
    const again = createSandboxConnector({ openWarehouse: (target) => openRuntimeSession(sb.access, target), log: (l) => logs.push(l) });
    await again.start(parameters);
    await waitFor('17 rows', () => sb.count(table), (n) => n >= 17);
    await sb.produce(topic, [{ phase: 'last', i: 0 }]);
    await waitFor('18 rows', () => sb.count(table), (n) => n >= 18);
    assert.equal(await sb.count(table, "PHASE = 'while-down'"), 5);
    assert.equal(await sb.count(table, "PHASE = 'before'"), 0);
    assert.equal(await sb.count(table), 18);
    await again.stop();
    assert.ok(logs.some((l) => /^joined group latest-group/.test(l)), logs.join('\n'));
  });
});
