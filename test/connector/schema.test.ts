// Schema detection and evolution through the real path: kafkajs producer → embedded broker (SASL
// PLAIN) → sandbox connector → snowflake-sdk → emulator, the table looked at via INFORMATION_SCHEMA
// as the verify steps do.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectorPort } from '../../src/engine/ports.js';
import { BASE_FIELDS, EVOLVED_FIELDS, LogGenerator, expectedColumns, recordKeyOf } from '../../src/logs/index.js';
import { createSandboxConnector, OFFSETS_TABLE } from '../../src/sandbox/connector/index.js';
import { DATABASE, openRuntimeSession, startConnectorSandbox, waitFor, type ConnectorSandbox } from './support/sandbox.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const referenceDir = path.join(repoRoot, 'test/warehouse/fixtures'); // the tutorial's sample files

const readJsonl = (file: string) =>
  fs
    .readFileSync(path.join(referenceDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

describe('sandbox connector: schema detection and evolution', () => {
  let sb: ConnectorSandbox;
  const connectors: ConnectorPort[] = [];
  const logs: string[] = [];

  const startConnector = async (topic: string, nullColumnGraceMs = 500, overrides: Record<string, string> = {}) => {
    const connector = createSandboxConnector({
      openWarehouse: (target) => openRuntimeSession(sb.access, target),
      log: (line) => logs.push(`${topic}: ${line}`),
      nullColumnGraceMs,
    });
    connectors.push(connector);
    await connector.start(sb.parameters(topic, { 'Kafka Group Id': `group-${topic}`, ...overrides }));
    return connector;
  };

  before(async () => {
    sb = await startConnectorSandbox();
  });
  after(async () => {
    for (const c of connectors) await c.stop();
    await sb?.stop();
  });

  test('50 base events → 11 typed columns and 50 rows; 80 evolved → 37 columns and 130 rows', async () => {
    const topic = 'application-logs';
    const table = 'APPLICATION-LOGS';
    await sb.createTopic(topic);
    await startConnector(topic);
    const generator = new LogGenerator();
    const base = generator.generate({ kind: 'base', count: 50, seed: 11 });
    await sb.kafka.produce(topic, base.map((e) => ({ key: recordKeyOf(e), value: JSON.stringify(e) })), {});

    await waitFor('50 rows', () => sb.count(table), (n) => n >= 50);
    assert.deepEqual(await sb.columns(table), expectedColumns('base'));
    assert.equal(await sb.count(table), 50);

    // NUMBER holds the floats: the amounts add up to what was produced.
    const rows = await sb.admin.execute(`SELECT SUM(AMOUNT) AS S, COUNT(AMOUNT) AS C FROM ${DATABASE}.PUBLIC."${table}"`);
    const amounts = base.map((e) => e.amount).filter((a): a is number => typeof a === 'number');
    assert.ok(amounts.some((a) => !Number.isInteger(a)), 'the generator writes fractional amounts');
    assert.equal(Number(rows[0]!.C), amounts.length);
    assert.ok(Math.abs(Number(rows[0]!.S) - amounts.reduce((s, a) => s + a, 0)) < 1e-6, `sum ${rows[0]!.S}`);

    const evolved = generator.generate({ kind: 'evolved', count: 80, seed: 11 });
    await sb.kafka.produce(topic, evolved.map((e) => ({ key: recordKeyOf(e), value: JSON.stringify(e) })), {});
    await waitFor('130 rows and 37 columns', async () => [await sb.count(table), (await sb.columns(table)).length], ([n, c]) => n >= 130 && c >= 37);
    assert.deepEqual(await sb.columns(table), expectedColumns('evolved'));
    assert.equal(await sb.count(table), 130);

    // A VARIANT column holds the object itself.
    const q = await sb.admin.execute(`SELECT QUERY_PARAMS FROM ${DATABASE}.PUBLIC."${table}" WHERE QUERY_PARAMS IS NOT NULL LIMIT 1`);
    assert.equal(typeof q[0]!.QUERY_PARAMS, 'object');

    // The offsets table says where each partition got to: the high watermarks.
    const marks = await sb.kafka.watermarks(topic);
    const stored = await sb.admin.execute(`SELECT "PARTITION" AS P, MAX(NEXT_OFFSET) AS N FROM ${DATABASE}.PUBLIC.${OFFSETS_TABLE} WHERE TOPIC = '${topic}' GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(
      stored.map((r) => [Number(r.P), String(r.N)]),
      marks.map((m) => [m.partition, m.high]),
    );
    assert.ok(logs.some((l) => /created table/.test(l)) && logs.some((l) => /added \d+ column/.test(l)), logs.join('\n'));
  });

  test("the tutorial's own sample files give its 11, then 37 column names; null-only fields become TEXT", async () => {
    const topic = 'sample-logs';
    const table = 'SAMPLE-LOGS';
    await sb.createTopic(topic);
    await startConnector(topic);
    const base = readJsonl('sample_logs.json');
    const evolved = readJsonl('sample_logs_evolved.json');
    assert.equal(base.length, 50);
    assert.equal(evolved.length, 80);

    await sb.produce(topic, base);
    await waitFor('50 rows and 11 columns', async () => [await sb.count(table), (await sb.columns(table)).length], ([n, c]) => n >= 50 && c >= 11);
    assert.deepEqual((await sb.columns(table)).map((c) => c.name), [...BASE_FIELDS].map((f) => f.toUpperCase()).sort());

    await sb.produce(topic, evolved);
    await waitFor('130 rows and 37 columns', async () => [await sb.count(table), (await sb.columns(table)).length], ([n, c]) => n >= 130 && c >= 37);
    const columns = await sb.columns(table);
    assert.deepEqual(columns.map((c) => c.name), [...BASE_FIELDS, ...EVOLVED_FIELDS].map((f) => f.toUpperCase()).sort());
    assert.equal(await sb.count(table), 130);
    // Null in every record of the file: no type can come from the data, so TEXT.
    const typeOf = new Map(columns.map((c) => [c.name, c.type]));
    for (const name of ['METRICS_COUNT', 'RECIPIENT', 'SMTP_CODE', 'TIME_WINDOW', 'VALIDATION_ERRORS']) assert.equal(typeOf.get(name), 'TEXT', name);
    // The others come out as the tutorial lists them.
    const expected = new Map(expectedColumns('evolved').map((c) => [c.name, c.type]));
    for (const [name, type] of typeOf) {
      if (!['METRICS_COUNT', 'RECIPIENT', 'SMTP_CODE', 'TIME_WINDOW', 'VALIDATION_ERRORS'].includes(name)) assert.equal(type, expected.get(name), name);
    }
  });

  test('a pause in the middle of the evolved produce, then a resumed connector: the tutorial\'s types all the same', async () => {
    const topic = 'paused-logs';
    const table = 'PAUSED-LOGS';
    await sb.createTopic(topic);
    const first = await startConnector(topic, 200);
    const generator = new LogGenerator();
    const evolved = generator.generate({ kind: 'evolved', count: 80, seed: 11 });
    // The first records leave some evolved fields null throughout: their type is not known yet.
    const head = evolved.slice(0, 6);
    const nullSoFar = EVOLVED_FIELDS.filter((f) => head.every((e) => e[f] === null || e[f] === undefined) && evolved.some((e) => e[f] !== null && e[f] !== undefined));
    assert.ok(nullSoFar.length > 0, 'the head of the batch leaves some fields null');
    await sb.kafka.produce(topic, head.map((e) => ({ key: recordKeyOf(e), value: JSON.stringify(e) })), {});
    // The pause: the connector has caught up and the null-only fields got their placeholder column.
    const placeholder = nullSoFar[0]!.toUpperCase();
    await waitFor(`${placeholder} as a placeholder column`, () => sb.columns(table), (cols) => cols.some((c) => c.name === placeholder));
    await first.stop();
    // The walk resumes in a new process: a new connector, the rest of the batch.
    await startConnector(topic, 200);
    const rest = evolved.slice(6);
    await sb.kafka.produce(topic, rest.map((e) => ({ key: recordKeyOf(e), value: JSON.stringify(e) })), {});
    await waitFor('80 rows', () => sb.count(table), (n) => n >= 80);
    const want = new Map(expectedColumns('evolved').map((c) => [c.name, c.type]));
    const got = (await sb.columns(table)).filter((c) => want.has(c.name) && evolved.some((e) => e[c.name.toLowerCase()] !== null && e[c.name.toLowerCase()] !== undefined));
    assert.deepEqual(got, expectedColumns('evolved').filter((c) => got.some((g) => g.name === c.name)));
    for (const f of nullSoFar) assert.equal(got.find((c) => c.name === f.toUpperCase())?.type, want.get(f.toUpperCase()), f);
    assert.ok(logs.some((l) => l.startsWith(`${topic}: retyped`)), logs.join('\n'));
    const values = await sb.admin.execute(`SELECT COUNT(${JSON.stringify(placeholder)}) AS N FROM ${DATABASE}.PUBLIC."${table}"`);
    assert.equal(Number(values[0]!.N), evolved.filter((e) => e[nullSoFar[0]!] !== null && e[nullSoFar[0]!] !== undefined).length);
  });

  test('adding the 26 evolved columns slowly keeps the connector in its group (it heartbeats between statements)', async () => {
    const topic = 'slow-ddl-logs';
    const table = 'SLOW-DDL-LOGS';
    await sb.createTopic(topic);
    // Each ADD COLUMN takes 450 ms, as on a loaded machine: 26 of them outlast the 10 s session.
    const connector = createSandboxConnector({
      openWarehouse: async (target) => {
        const w = await openRuntimeSession(sb.access, target);
        return {
          execute: async (sql: string, binds?: unknown[]) => {
            if (/ADD COLUMN/.test(sql)) await new Promise((r) => setTimeout(r, 450));
            return w.execute(sql, binds);
          },
          close: () => w.close(),
        };
      },
      log: (line) => logs.push(`${topic}: ${line}`),
    });
    connectors.push(connector);
    await connector.start(sb.parameters(topic, { 'Kafka Group Id': `group-${topic}` }));
    const generator = new LogGenerator();
    const base = generator.generate({ kind: 'base', count: 50, seed: 11 });
    await sb.kafka.produce(topic, base.map((e) => ({ key: recordKeyOf(e), value: JSON.stringify(e) })), {});
    await waitFor('50 rows', () => sb.count(table), (n) => n >= 50);
    const evolved = generator.generate({ kind: 'evolved', count: 80, seed: 11 });
    await sb.kafka.produce(topic, evolved.map((e) => ({ key: recordKeyOf(e), value: JSON.stringify(e) })), {});
    await waitFor('130 rows and 37 columns', async () => [await sb.count(table), (await sb.columns(table)).length], ([n, c]) => n >= 130 && c >= 37, 60_000);
    assert.equal(await sb.count(table), 130);
    assert.deepEqual(await sb.columns(table), expectedColumns('evolved'), logs.filter((l) => l.startsWith(topic)).join('\n'));
    const joins = logs.filter((l) => l.startsWith(`${topic}: joined group`));
    assert.equal(joins.length, 1, `the connector rejoined its group:\n${logs.filter((l) => l.startsWith(topic)).join('\n')}`);
  });

  test('a field seen only as null waits for a value, then TEXT; bad records are skipped, never fatal', async () => {
    const topic = 'odd-records';
    const table = 'ODD-RECORDS';
    await sb.createTopic(topic, 1);
    // Long enough that LATER is still waiting for a value when the third record comes.
    await startConnector(topic, 5_000);
    await sb.produce(topic, [{ id: 1, later: null, never: null }, { id: 2, later: null, never: null }]);
    await waitFor('2 rows', () => sb.count(table), (n) => n >= 2);
    // LATER gets its type from the first value seen, even after rows where it was null.
    await sb.produce(topic, [{ id: 3, later: 4.25 }]);
    await waitFor('3 rows', () => sb.count(table), (n) => n >= 3);
    await waitFor('NEVER as TEXT', () => sb.columns(table), (cols) => cols.some((c) => c.name === 'NEVER'));
    assert.deepEqual(await sb.columns(table), [
      { name: 'ID', type: 'NUMBER' },
      { name: 'LATER', type: 'NUMBER' },
      { name: 'NEVER', type: 'TEXT' },
    ]);

    // Not JSON, a bare number, an array of scalars: skipped and logged. An array of objects: one row each.
    // A value the column cannot hold: NULL and logged. A number into NEVER, a TEXT placeholder with
    // only NULLs in it: the column becomes NUMBER.
    await sb.produce(topic, ['not json {', '42', '[1,2]', JSON.stringify([{ id: 4 }, { id: 5 }]), JSON.stringify({ id: 'six', never: 7 }), JSON.stringify({ id: 7, Id: 8 })]);
    await waitFor('7 rows', () => sb.count(table), (n) => n >= 7);
    const rows = await sb.admin.execute(`SELECT ID, LATER, NEVER FROM ${DATABASE}.PUBLIC."${table}" ORDER BY ID NULLS LAST`);
    assert.deepEqual(
      rows.map((r) => [r.ID, r.LATER, r.NEVER]),
      [[1, null, null], [2, null, null], [3, 4.25, null], [4, null, null], [5, null, null], [7, null, null], [null, null, 7]],
    );
    assert.deepEqual((await sb.columns(table)).find((c) => c.name === 'NEVER'), { name: 'NEVER', type: 'NUMBER' });
    // A TEXT column that holds a value stays TEXT: a number then goes in as its text.
    await sb.produce(topic, [JSON.stringify({ id: 9, padding_text: 'a' }), JSON.stringify({ id: 10, padding_text: 11 })]);
    await waitFor('9 rows', () => sb.count(table), (n) => n >= 9);
    const text = await sb.admin.execute(`SELECT PADDING_TEXT AS T FROM ${DATABASE}.PUBLIC."${table}" WHERE ID = 10`);
    assert.equal(text[0]!.T, '11');
    const mine = logs.filter((l) => l.startsWith(`${topic}:`));
    assert.equal(mine.filter((l) => /skipped odd-records\[0\]@\d+: /.test(l)).length, 3, mine.join('\n'));
    assert.ok(mine.some((l) => /not JSON/.test(l)));
    assert.ok(mine.some((l) => /1 value\(s\) of ID could not be held by its NUMBER column/.test(l)), mine.join('\n'));
  });

  test('while the connector works through a backlog, a null-only field waits for its value', async () => {
    const topic = 'backlog-logs';
    const table = 'BACKLOG-LOGS';
    await sb.createTopic(topic, 1);
    // Many fetches' worth of records where LATE is null, then one where it is a number.
    const padding = 'p'.repeat(2000);
    await sb.produce(topic, [...Array.from({ length: 3000 }, (_, i) => ({ i, late: null, padding })), { i: 3000, late: 5, padding }]);
    await startConnector(topic, 0, { 'Kafka Auto Offset Reset': 'earliest' });
    await waitFor('3001 rows', () => sb.count(table), (n) => n >= 3001);
    const wrote = logs.filter((l) => l.startsWith(`${topic}: wrote`));
    assert.ok(wrote.length > 1, `the backlog took several batches (${wrote.length})`);
    assert.deepEqual(await sb.columns(table), [
      { name: 'I', type: 'NUMBER' },
      { name: 'LATE', type: 'NUMBER' },
      { name: 'PADDING', type: 'TEXT' },
    ]);
  });

  test('parameters are validated with the parameter named and the password never shown', async () => {
    const connector = createSandboxConnector({ openWarehouse: () => Promise.reject(new Error('not reached')) });
    const good = sb.parameters('application-logs');
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ 'Kafka Bootstrap Servers': 'no-port' }, /"Kafka Bootstrap Servers": "no-port" is not host:port/],
      [{ 'Kafka Security Protocol': 'TLS' }, /"Kafka Security Protocol"/],
      [{ 'Kafka SASL Mechanism': 'GSSAPI' }, /"Kafka SASL Mechanism"/],
      [{ 'Kafka SASL Password': '' }, /"Kafka SASL Password": is empty/],
      [{ 'Kafka Auto Offset Reset': 'none' }, /"Kafka Auto Offset Reset"/],
      [{ 'Kafka Topic Format': 'pattern' }, /"Kafka Topic Format"/],
      [{ 'Kafka Topics': '' }, /"Kafka Topics": is empty/],
      [{ 'Topic To Table Map': 'other:T' }, /"Topic To Table Map": topic "other"/],
      [{ 'Destination Database': 'a b' }, /"Destination Database"/],
      [{ 'Kafka Group Id': ' ' }, /"Kafka Group Id": is empty/],
      [{ 'Kafka Topics': 'no-such-topic' }, /"Kafka Topics": topic "no-such-topic" does not exist/],
    ];
    const real = createSandboxConnector({ openWarehouse: (target) => openRuntimeSession(sb.access, target) });
    for (const [override, message] of cases) {
      const target = override['Kafka Topics'] === 'no-such-topic' ? real : connector;
      await assert.rejects(target.start({ ...good, ...override }), (err: Error) => {
        assert.match(err.message, message);
        assert.ok(!err.message.includes(good['Kafka SASL Password']!), 'no password in the message');
        return true;
      });
    }
    await real.stop();
  });
});
