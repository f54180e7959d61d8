// Names: the tutorial's without an attendee; with one, every attendee-owned name differs, stays
// within Kafka's topic rules and Snowflake's plain-identifier rules, and no two attendees collide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ATTENDEE_MAX_LENGTH,
  ATTENDEE_OWNED,
  TUTORIAL_NAMES,
  attendeeIdOf,
  attendeeProblem,
  attendeeTopicProblem,
  defaultSeedFor,
  inWalkNames,
  namesFor,
  stateNameOf,
  type Names,
} from '../../src/names.js';
import { resolveAttendee } from '../../src/config/attendee.js';
import { checkTopic } from '../../src/config/topic.js';
import { ident, renderTemplate, splitStatements } from '../../src/sql.js';
import { DEFAULT_SEED } from '../../src/logs/index.js';

const PLAIN_SNOWFLAKE = /^[A-Z_][A-Z0-9_$]*$/;
const SNOWFLAKE_NAMES = ['ROLE', 'DATABASE', 'WAREHOUSE', 'NETWORK_RULE', 'INTEGRATION', 'DEPLOYMENT', 'RUNTIME'] as const;

test('without an attendee the names are exactly the tutorial\'s', () => {
  assert.deepEqual(namesFor(), { ...TUTORIAL_NAMES });
  assert.deepEqual(namesFor({ topic: 'application-logs' }), { ...TUTORIAL_NAMES });
  assert.equal(defaultSeedFor(undefined), DEFAULT_SEED);
  assert.equal(stateNameOf('default', undefined), 'default');
});

test('an attendee gets a name of their own for everything but the shared Openflow deployment', () => {
  const names = namesFor({ attendee: 'alice' });
  assert.deepEqual(names, {
    TOPIC: 'application-logs-alice',
    GROUP: 'openflow_qs_kafka_connector_alice',
    ROLE: 'QUICKSTART_ROLE_ALICE',
    DATABASE: 'QUICKSTART_KAFKA_CONNECTOR_DB_ALICE',
    WAREHOUSE: 'QUICKSTART_KAFKA_CONNECTOR_WH_ALICE',
    NETWORK_RULE: 'KAFKA_NETWORK_RULE_ALICE',
    INTEGRATION: 'QUICKSTART_KAFKA_CONNECTOR_ACCESS_ALICE',
    DEPLOYMENT: 'QUICKSTART_KAFKA_DEPLOYMENT',
    RUNTIME: 'QUICKSTART_KAFKA_RUNTIME_ALICE',
    TABLE: 'APPLICATION-LOGS-ALICE',
  });
  for (const key of ATTENDEE_OWNED) assert.notEqual(names[key], TUTORIAL_NAMES[key], key);
  assert.equal(stateNameOf('default', 'alice'), 'default@alice');
});

test('the longest attendee name stays within Kafka\'s and Snowflake\'s limits, as plain identifiers', () => {
  const longest = 'a'.repeat(ATTENDEE_MAX_LENGTH);
  assert.equal(attendeeProblem(longest), null);
  const names = namesFor({ attendee: longest });
  assert.deepEqual(checkTopic(names.TOPIC).errors, []);
  assert.deepEqual(checkTopic(names.TOPIC).warnings, []);
  for (const key of SNOWFLAKE_NAMES) {
    assert.match(names[key], PLAIN_SNOWFLAKE, key);
    assert.ok(names[key].length <= 255, key);
    assert.equal(ident(names[key]), names[key], `${key} needs no quotes`);
  }
  assert.match(attendeeProblem(longest + 'a')!, /33 characters long; at most 32/);
});

test('a configured topic too long for the attendee suffix is refused, naming the limit', () => {
  assert.equal(attendeeTopicProblem('t'.repeat(200), 'alice'), null);
  assert.match(attendeeTopicProblem('t'.repeat(244), 'alice')!, /250 characters long; Kafka allows at most 249/);
});

test('characters Kafka or Snowflake refuse, upper case and empty names are refused in one line, with a usable form', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /empty/],
    ['Alice', /lower-case letters, digits and "_".*e\.g\. "alice"/],
    ['bob smith', /e\.g\. "bob_smith"/],
    ['bob-smith', /e\.g\. "bob_smith"/],
    ['bob.smith', /e\.g\. "bob_smith"/],
    ['zoë', /e\.g\. "zoe"/],
    ['_x', /starting with a letter or digit/],
    ['a"; DROP DATABASE x; --', /e\.g\. "a_drop_database_x"/],
    ['a\nb', /"a\?b"/],
    ['日本', /lower-case/],
  ];
  for (const [name, expected] of cases) {
    const problem = attendeeProblem(name);
    assert.ok(problem, `${JSON.stringify(name)} is refused`);
    assert.match(problem, expected);
    assert.ok(!problem.includes('\n'), 'one line');
  }
  assert.equal(attendeeProblem('team_3'), null);
  assert.equal(attendeeProblem('7'), null);
});

test('two attendees whose names differ only in case never share a name: upper case is refused, and room names are made distinct', () => {
  assert.equal(attendeeProblem('alice'), null);
  assert.ok(attendeeProblem('ALICE'));
  assert.ok(attendeeProblem('Alice'));
  // The mapping for people's names folds case on purpose; `room init` makes a room's names distinct.
  assert.equal(attendeeIdOf('Alice'), attendeeIdOf('alice'));
  assert.equal(attendeeIdOf('Zoë  Martin-Dupont'), 'zoe_martin_dupont');
  assert.equal(attendeeIdOf('日本'), '');
});

test('distinct attendees never collide on any name, even where Snowflake folds case', () => {
  const attendees = ['alice', 'alice_', 'alice1', 'a_lice', 'bob', 'team_3', 'team3', '3'];
  for (const key of Object.keys(TUTORIAL_NAMES) as Array<keyof Names>) {
    if (!ATTENDEE_OWNED.includes(key)) continue;
    const seen = new Map<string, string>();
    for (const a of [undefined, ...attendees]) {
      const folded = namesFor({ attendee: a })[key].toUpperCase();
      assert.ok(!seen.has(folded), `${key}: ${a} collides with ${seen.get(folded)}`);
      seen.set(folded, String(a));
    }
  }
});

test('each attendee has their own default log seed, the same on every laptop', () => {
  const seeds = new Set(['alice', 'bob', 'carol', 'dave'].map(defaultSeedFor));
  assert.equal(seeds.size, 4);
  assert.equal(defaultSeedFor('alice'), defaultSeedFor('alice'));
  for (const s of seeds) assert.ok(Number.isInteger(s) && s >= 0 && s <= 0x7fffffff);
});

test('the setup and cleanup scripts of an attendee name only that attendee\'s objects', () => {
  const names = namesFor({ attendee: 'bob' });
  for (const template of ['setup', 'cleanup']) {
    const sql = splitStatements(renderTemplate(template, { ...names, BROKERS: ['b:9092'] })).map((s) => s.text).join('\n');
    for (const key of ['DATABASE', 'WAREHOUSE', 'INTEGRATION'] as const) {
      assert.ok(!new RegExp(`\\b${TUTORIAL_NAMES[key]}\\b(?!_BOB)`).test(sql), `${template} mentions the tutorial's ${key}`);
    }
    assert.match(sql, /QUICKSTART_KAFKA_CONNECTOR_DB_BOB/);
  }
});

test('the attendee comes from --attendee, else OQS_ATTENDEE, else .env; a bad one names its source', () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'oqs-attendee-'));
  try {
    assert.deepEqual(resolveAttendee({ env: {}, cwd }), { ok: true });
    fs.writeFileSync(path.join(cwd, '.env'), 'KAFKA_TOPIC=application-logs\nOQS_ATTENDEE=carol\n');
    assert.equal((resolveAttendee({ env: {}, cwd }) as { attendee: string }).attendee, 'carol');
    assert.equal((resolveAttendee({ env: { OQS_ATTENDEE: 'dave' }, cwd }) as { attendee: string }).attendee, 'dave');
    assert.equal((resolveAttendee({ flag: 'erin', env: { OQS_ATTENDEE: 'dave' }, cwd }) as { attendee: string }).attendee, 'erin');
    const bad = resolveAttendee({ env: { OQS_ATTENDEE: 'Dave' }, cwd });
    assert.equal(bad.ok, false);
    assert.match((bad as { problem: string }).problem, /^OQS_ATTENDEE \(environment\): attendee "Dave" must be/);
    fs.writeFileSync(path.join(cwd, '.env'), 'OQS_ATTENDEE=x y\n');
    assert.match((resolveAttendee({ env: {}, cwd }) as { problem: string }).problem, /^OQS_ATTENDEE \(\.env .*\): attendee "x y"/);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
});

test("a step's explanation in an attendee's names: whole names only, the shared deployment kept", () => {
  const text = 'Runs the script: the QUICKSTART_ROLE role, the QUICKSTART_KAFKA_CONNECTOR_DB database; Openflow created the table "APPLICATION-LOGS" from application-logs, group openflow_qs_kafka_connector, deployment QUICKSTART_KAFKA_DEPLOYMENT, runtime QUICKSTART_KAFKA_RUNTIME.';
  assert.equal(
    inWalkNames(text, namesFor({ attendee: 'bob' })),
    'Runs the script: the QUICKSTART_ROLE_BOB role, the QUICKSTART_KAFKA_CONNECTOR_DB_BOB database; Openflow created the table "APPLICATION-LOGS-BOB" from application-logs-bob, group openflow_qs_kafka_connector_bob, deployment QUICKSTART_KAFKA_DEPLOYMENT, runtime QUICKSTART_KAFKA_RUNTIME_BOB.',
  );
  assert.equal(inWalkNames(text, namesFor()), text, 'the tutorial\'s own names stay');
  assert.equal(inWalkNames('QUICKSTART_ROLE_X and xapplication-logs', namesFor({ attendee: 'bob' })), 'QUICKSTART_ROLE_X and xapplication-logs');
});
