// The seeded log generator against the tutorial's own sample files (test/warehouse/fixtures):
// shapes, value types, distributions, coverage of every column, determinism, JSONL round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ALL_FIELDS,
  BASE_FIELDS,
  COLUMN_TYPES,
  DEFAULT_COUNTS,
  DEFAULT_SEED,
  LogGenerator,
  columnTypeOf,
  expectedColumns,
  formatTimestamp,
  fromJsonl,
  generateEvent,
  iterateEvents,
  recordKeyOf,
  toJsonl,
  writeJsonlFile,
  jsonlLines,
} from '../../src/logs/index.js';
import { HOSTS, SERVICES, STATUS_CODES, ERROR_MESSAGES, INFO_MESSAGES, WARN_MESSAGES } from '../../src/logs/catalog.js';
import type { LogEvent } from '../../src/engine/ports.js';

const referenceDir = fileURLToPath(new URL('../warehouse/fixtures/', import.meta.url));
const loadReference = (name: string): LogEvent[] => fromJsonl(readFileSync(join(referenceDir, name), 'utf8'));
const referenceBase = loadReference('sample_logs.json');
const referenceEvolved = loadReference('sample_logs_evolved.json');

const generator = new LogGenerator();
const fixedClock = (start = Date.UTC(2025, 9, 17, 13, 32, 32, 211.556)) => {
  let t = start;
  return () => (t += 0.013);
};

/** JSON type as the reference file would show it: integers and floats are both "number". */
const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function nonNullTypes(events: LogEvent[], key: string): Set<string> {
  return new Set(events.map((e) => e[key]).filter((v) => v !== null).map(jsonType));
}

test('reference files are the tutorial samples we expect (50 × 11 keys, 80 × 37 keys)', () => {
  assert.equal(referenceBase.length, 50);
  assert.equal(referenceEvolved.length, 80);
  assert.deepEqual(Object.keys(referenceBase[0]!), [...BASE_FIELDS]);
  assert.deepEqual(Object.keys(referenceEvolved[0]!), [...ALL_FIELDS]);
});

for (const [kind, reference] of [
  ['base', referenceBase],
  ['evolved', referenceEvolved],
] as const) {
  test(`${kind} events have exactly the reference key set, in the reference order`, () => {
    const referenceKeys = Object.keys(reference[0]!);
    for (const event of generator.generate({ kind, count: 500, seed: DEFAULT_SEED })) {
      assert.deepEqual(Object.keys(event), referenceKeys);
    }
  });

  test(`${kind} values have the reference file's JSON types (or the tutorial's column type where the file has only nulls)`, () => {
    const ours = generator.generate({ kind, count: 2000, seed: 5 });
    for (const key of Object.keys(reference[0]!)) {
      const oursTypes = nonNullTypes(ours, key);
      const referenceTypes = nonNullTypes(reference, key);
      assert.ok(oursTypes.size > 0, `${key} never set in 2000 ${kind} events`);
      if (referenceTypes.size > 0) {
        for (const t of oursTypes) assert.ok(referenceTypes.has(t), `${key}: ours ${t}, reference ${[...referenceTypes]}`);
      }
      const columnTypes = new Set(ours.map((e) => columnTypeOf(e[key])).filter((t) => t !== null));
      assert.deepEqual([...columnTypes], [COLUMN_TYPES[key as keyof typeof COLUMN_TYPES]], key);
    }
  });
}

test('the reference files’ vocabulary is ours: levels, services, hosts of each service, messages, status codes', () => {
  const messages = new Set<string>([...INFO_MESSAGES, ...WARN_MESSAGES, ...ERROR_MESSAGES.map(([m]) => m)]);
  for (const event of [...referenceBase, ...referenceEvolved]) {
    const service = event.service as (typeof SERVICES)[number];
    assert.ok(SERVICES.includes(service), String(service));
    assert.ok(HOSTS[service].includes(event.host as string), `${service} on ${event.host}`);
    assert.ok(messages.has(event.message as string), String(event.message));
    assert.ok(STATUS_CODES[event.level as 'INFO'].includes(event.status_code as number), `${event.level} ${event.status_code}`);
  }
});

test('levels are 70/20/10 and services uniform over 10 000 events (within 2 points)', () => {
  const events = generator.generate({ kind: 'evolved', count: 10_000, seed: 1234 });
  const share = (pred: (e: LogEvent) => boolean) => events.filter(pred).length / events.length;
  assert.ok(Math.abs(share((e) => e.level === 'INFO') - 0.7) < 0.02);
  assert.ok(Math.abs(share((e) => e.level === 'WARN') - 0.2) < 0.02);
  assert.ok(Math.abs(share((e) => e.level === 'ERROR') - 0.1) < 0.02);
  for (const service of SERVICES) assert.ok(Math.abs(share((e) => e.service === service) - 1 / 8) < 0.02, service);
  const info = events.filter((e) => e.level === 'INFO');
  const withUser = info.filter((e) => e.user_id !== null).length / info.length;
  assert.ok(Math.abs(withUser - 0.7) < 0.03, `INFO user_id share ${withUser}`);
});

test('field rules follow the tutorial (ranges, who carries which field)', () => {
  for (const e of generator.generate({ kind: 'evolved', count: 5000, seed: 99 })) {
    const service = e.service as (typeof SERVICES)[number];
    assert.ok(HOSTS[service].includes(e.host as string));
    assert.match(e.request_id as string, /^req-[0-9a-f]{8}$/);
    assert.ok(STATUS_CODES[e.level as 'INFO'].includes(e.status_code as number));
    const d = e.duration_ms as number | null;
    if (e.level === 'INFO') assert.ok(d !== null && d >= 10 && d <= 500);
    if (e.level === 'WARN') assert.ok(d === null || (d >= 500 && d <= 2000));
    if (e.level === 'ERROR') assert.ok(d !== null && d >= 1000 && d <= 10000);
    assert.equal(e.error !== null, e.level === 'ERROR');
    if (e.error !== null) assert.deepEqual(ERROR_MESSAGES.find(([m]) => m === e.message), [e.message, e.error]);
    if (e.user_id !== null) assert.match(e.user_id as string, /^user-\d{5}$/);
    if (e.amount !== null) {
      assert.equal(service, 'payment-service');
      assert.ok((e.amount as number) >= 9.99 && (e.amount as number) <= 999.99);
    }
    if (e.auth_method !== null) assert.ok(service === 'auth-service' && e.level === 'INFO');
    if (e.session_duration !== null) assert.notEqual(e.auth_method, null);
    if (e.currency !== null) assert.ok(service === 'payment-service' && e.amount !== null);
    if (e.retry_count !== null) assert.equal(e.level, 'ERROR');
    if (e.memory_percent !== null) {
      assert.equal(e.message, 'Memory usage above 80%');
      assert.ok((e.memory_percent as number) >= 80 && (e.memory_percent as number) <= 95);
    }
    if (e.disk_usage_percent !== null) assert.equal(e.message, 'Disk space running low');
    if (e.query_params !== null) {
      assert.ok(service === 'web-api' || service === 'search-service');
      assert.ok((e.result_count as number) <= (e.query_params as { limit: number }).limit);
    }
    if (e.recipient !== null) assert.ok(service === 'notification-service' && e.level === 'ERROR');
    if (e.metrics_count !== null) assert.ok(service === 'analytics-service' && e.time_window !== null);
    if (e.product_id !== null) assert.equal(service, 'web-api');
    if (e.validation_errors !== null) assert.equal(e.error, 'ValidationError');
    if (e.test !== null) assert.equal(e.test, true);
    if (e.trace_id !== null) assert.match(e.trace_id as string, /^trace-[0-9a-f]{16}$/);
  }
});

test('with the default seed, every column is non-null in a default batch, with the tutorial column type', () => {
  for (const [kind, fields] of [
    ['base', BASE_FIELDS],
    ['evolved', ALL_FIELDS],
  ] as const) {
    const events = generator.generate({ kind, count: DEFAULT_COUNTS[kind], seed: DEFAULT_SEED });
    const missing = fields.filter((f) => !events.some((e) => e[f] !== null));
    assert.deepEqual(missing, [], `${kind}: never set`);
    for (const f of fields) {
      const types = new Set(events.map((e) => columnTypeOf(e[f])).filter((t) => t !== null));
      assert.deepEqual([...types], [COLUMN_TYPES[f]], `${kind}.${f}`);
    }
  }
});

test('coverage holds by construction for other seeds too', () => {
  for (let seed = 0; seed < 30; seed++) {
    for (const [kind, fields] of [
      ['base', BASE_FIELDS],
      ['evolved', ALL_FIELDS],
    ] as const) {
      const events = generator.generate({ kind, count: DEFAULT_COUNTS[kind], seed });
      assert.deepEqual(fields.filter((f) => !events.some((e) => e[f] !== null)), [], `seed ${seed} ${kind}`);
    }
  }
});

test('the expected columns are the tutorial’s 11 and 37', () => {
  assert.deepEqual(
    expectedColumns('base').map((c) => `${c.name} ${c.type}`),
    ['AMOUNT NUMBER', 'DURATION_MS NUMBER', 'ERROR TEXT', 'HOST TEXT', 'LEVEL TEXT', 'MESSAGE TEXT', 'REQUEST_ID TEXT', 'SERVICE TEXT', 'STATUS_CODE NUMBER', 'TIMESTAMP TEXT', 'USER_ID TEXT'],
  );
  const evolved = expectedColumns('evolved');
  assert.equal(evolved.length, 37);
  assert.deepEqual(
    evolved.filter((c) => c.type === 'VARIANT' || c.type === 'BOOLEAN').map((c) => c.name),
    ['QUERY_PARAMS', 'TEST', 'VALIDATION_ERRORS'],
  );
});

const withoutTimestamp = (events: LogEvent[]) => events.map(({ timestamp: _t, ...rest }) => rest);

test('same seed → same events apart from timestamps; event i regenerates alone (resume)', () => {
  for (const kind of ['base', 'evolved'] as const) {
    const a = new LogGenerator(fixedClock()).generate({ kind, count: 200, seed: 7 });
    const b = new LogGenerator(fixedClock(Date.UTC(2030, 0, 1))).generate({ kind, count: 200, seed: 7 });
    assert.notDeepEqual(a[0]!.timestamp, b[0]!.timestamp);
    assert.deepEqual(withoutTimestamp(a), withoutTimestamp(b));
    const tail = generator.generate({ kind, count: 50, seed: 7, start: 150 });
    assert.deepEqual(withoutTimestamp(tail), withoutTimestamp(a.slice(150)));
    const { timestamp: _t, ...single } = generateEvent(kind, 7, 123);
    assert.deepEqual(single, withoutTimestamp(a)[123]);
  }
});

test('different seeds (and base vs evolved) give different events', () => {
  const a = generator.generate({ kind: 'base', count: 50, seed: 1 });
  const b = generator.generate({ kind: 'base', count: 50, seed: 2 });
  const c = generator.generate({ kind: 'evolved', count: 50, seed: 1 });
  const sameIds = (x: LogEvent[], y: LogEvent[]) => x.filter((e, i) => e.request_id === y[i]!.request_id).length;
  assert.equal(sameIds(a, b), 0);
  assert.equal(sameIds(a, c), 0);
  // Seeds beyond 32 bits still count.
  const big = generator.generate({ kind: 'base', count: 20, seed: 2 ** 32 + 1 });
  assert.equal(sameIds(big, generator.generate({ kind: 'base', count: 20, seed: 1 })), 0);
});

test('bad seed, count or start is refused', () => {
  assert.throws(() => generator.generate({ kind: 'base', count: 1, seed: 1.5 }), RangeError);
  assert.throws(() => generator.generate({ kind: 'base', count: -1, seed: 1 }), RangeError);
  assert.throws(() => generator.generate({ kind: 'base', count: 1, seed: 1, start: -3 }), RangeError);
});

test('timestamps are UTC ISO with microseconds like the tutorial, increasing within a batch', () => {
  assert.equal(formatTimestamp(Date.UTC(2025, 9, 17, 13, 32, 32) + 211.556), '2025-10-17T13:32:32.211556Z');
  assert.equal(formatTimestamp(Date.UTC(2025, 0, 1)), '2025-01-01T00:00:00.000000Z');
  const pattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
  assert.match(referenceBase[0]!.timestamp as string, pattern);
  const events = generator.generate({ kind: 'base', count: 20, seed: 3 });
  for (const e of events) assert.match(e.timestamp as string, pattern);
  const stamps = events.map((e) => e.timestamp as string);
  assert.deepEqual([...stamps].sort(), stamps);
});

test('the record key is the service', () => {
  for (const e of generator.generate({ kind: 'evolved', count: 20, seed: 3 })) assert.equal(recordKeyOf(e), e.service);
});

test('columnTypeOf maps JSON types to Snowflake column types', () => {
  assert.equal(columnTypeOf('x'), 'TEXT');
  assert.equal(columnTypeOf(3), 'NUMBER');
  assert.equal(columnTypeOf(51.56), 'NUMBER');
  assert.equal(columnTypeOf(true), 'BOOLEAN');
  assert.equal(columnTypeOf({ limit: 10 }), 'VARIANT');
  assert.equal(columnTypeOf(['a']), 'VARIANT');
  assert.equal(columnTypeOf(null), null);
  assert.equal(columnTypeOf(undefined), null);
});

test('JSONL: one object per line, round-trips, same key sets as the reference files', async () => {
  const events = generator.generate({ kind: 'evolved', count: 80, seed: DEFAULT_SEED });
  const text = toJsonl(events);
  assert.equal(text.split('\n').length, 81);
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(fromJsonl(text), events);

  const dir = mkdtempSync(join(tmpdir(), 'oqs-jsonl-'));
  try {
    const file = join(dir, 'logs.jsonl');
    const written = await writeJsonlFile(file, jsonlLines(iterateEvents({ kind: 'base', count: 5000, seed: 11 })));
    assert.equal(written, 5000);
    const back = fromJsonl(await readFile(file, 'utf8'));
    assert.equal(back.length, 5000);
    for (const e of back) assert.deepEqual(Object.keys(e), Object.keys(referenceBase[0]!));
    assert.deepEqual(withoutTimestamp(back), withoutTimestamp(generator.generate({ kind: 'base', count: 5000, seed: 11 })));
    await assert.rejects(writeJsonlFile(join(dir, 'no-such-dir', 'x.jsonl'), jsonlLines([events[0]!])), /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.throws(() => fromJsonl('{"a":1}\n\nnot json\n'), /line 3/);
  assert.throws(() => fromJsonl('[1,2]\n'), /line 1: not a JSON object/);
});
