// The room's roster and cards: people's names become distinct attendee names; a card's .env
// holds the facilitator's Kafka settings and the attendee, and the password only when asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'dotenv';
import { Secret, type KafkaConfig } from '../../src/config/types.js';
import { attendeeProblem, defaultSeedFor } from '../../src/names.js';
import { attendeesFromText, newRoster, numberedAttendees, RosterError } from '../../src/room/roster.js';
import { cardFor, envFileFor } from '../../src/room/cards.js';

test('numbered attendees sort and carry their own seed', () => {
  assert.deepEqual(numberedAttendees(3).map((a) => a.id), ['a01', 'a02', 'a03']);
  assert.equal(numberedAttendees(120)[119]!.id, 'a120');
  assert.equal(numberedAttendees(1)[0]!.seed, defaultSeedFor('a01'));
});

test('people\'s names become attendee names; names alike after mapping (case, accents) get _2, _3', () => {
  const text = '# the room\nAlice Martin\nalice martin\n\nZoë\nALICE  MARTIN\n日本\n' + 'x'.repeat(40) + '\n' + 'x'.repeat(40) + '\n';
  const ids = attendeesFromText(text, 'names.txt').map((a) => [a.name.slice(0, 12), a.id]);
  assert.deepEqual(ids, [
    ['Alice Martin', 'alice_martin'],
    ['alice martin', 'alice_martin_2'],
    ['Zoë', 'zoe'],
    ['ALICE  MARTI', 'alice_martin_3'],
    ['日本', 'attendee_7'],
    ['xxxxxxxxxxxx', 'x'.repeat(32)],
    ['xxxxxxxxxxxx', `${'x'.repeat(30)}_2`],
  ]);
  for (const [, id] of ids) assert.equal(attendeeProblem(id!), null, id);
  assert.throws(() => attendeesFromText('\n# nobody\n', 'names.txt'), (e: unknown) => e instanceof RosterError && /names\.txt: no names in it/.test(e.message));
});

const kafka: KafkaConfig = {
  brokers: ['pkc-1.example.com:9092'],
  topic: 'application-logs',
  securityProtocol: 'SASL_SSL',
  saslMechanism: 'PLAIN',
  username: 'KEY123',
  password: new Secret("s3cr'et`pw"),
  sources: {},
};

test('a card\'s .env names the attendee and the facilitator\'s Kafka, without the password unless asked', () => {
  const roster = newRoster(numberedAttendees(2), 'application-logs');
  const a = roster.attendees[1]!;
  const plain = envFileFor(roster, a, { target: 'real', kafka, snowflakeAccount: 'org-acct', withSecrets: false });
  assert.ok(!plain.includes("s3cr'et"));
  assert.deepEqual(parse(plain), {
    OQS_ATTENDEE: 'a02',
    KAFKA_BOOTSTRAP_SERVERS: 'pkc-1.example.com:9092',
    KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
    KAFKA_SASL_MECHANISM: 'PLAIN',
    KAFKA_SASL_USERNAME: 'KEY123',
  });
  const withSecrets = envFileFor(roster, a, { target: 'real', kafka, withSecrets: true });
  assert.equal(parse(withSecrets).KAFKA_SASL_PASSWORD, "s3cr'et`pw");

  const card = cardFor(roster, a, { target: 'real', kafka, withSecrets: false });
  assert.match(card, /Kafka topic +application-logs-a02/);
  assert.match(card, /Table +"APPLICATION-LOGS-A02" \(schema PUBLIC\)/);
  assert.match(card, new RegExp(`Log seed +${a.seed} `));
  assert.ok(card.split('\n').every((l) => l.length < 80), card);
});

test('another base topic is kept on the card, and the attendee\'s topic derives from it', () => {
  const roster = newRoster(numberedAttendees(1), 'workshop-logs');
  const a = roster.attendees[0]!;
  assert.equal(parse(envFileFor(roster, a, { target: 'sandbox', withSecrets: false })).KAFKA_TOPIC, 'workshop-logs');
  assert.match(cardFor(roster, a, { target: 'sandbox', withSecrets: false }), /Kafka topic +workshop-logs-a01/);
});
