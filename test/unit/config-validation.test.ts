// Validation rules for single values: broker lists, topic names, protocol/mechanism, numbers.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkBroker, checkBrokerList } from '../../src/config/brokers.js';
import { checkTopic } from '../../src/config/topic.js';
import { parseSaslMechanism, parseSecurityProtocol } from '../../src/config/security.js';
import { parseNonNegativeInt, parsePositiveInt, parsePositiveNumber } from '../../src/config/numbers.js';
import { configError, configWarning, formatProblems, NOT_SET } from '../../src/config/problems.js';

describe('broker lists', () => {
  it('accepts host:port, IPv4, bracketed IPv6, and trims around commas', () => {
    const checked = checkBrokerList(' pkc-n98px.us-west-2.aws.confluent.cloud:9092 , 10.0.0.7:9093,[::1]:9094,[2001:db8::1]:19092,kafka_1:9092');
    assert.deepEqual(checked.errors, []);
    assert.deepEqual(checked.brokers, [
      'pkc-n98px.us-west-2.aws.confluent.cloud:9092',
      '10.0.0.7:9093',
      '[::1]:9094',
      '[2001:db8::1]:19092',
      'kafka_1:9092',
    ]);
  });

  it('accepts a list as rpk.yaml keeps it, and a trailing comma', () => {
    assert.deepEqual(checkBrokerList(['a:1', 'b:2']).brokers, ['a:1', 'b:2']);
    assert.deepEqual(checkBrokerList('a:1,').brokers, ['a:1']);
  });

  it('names the port that is out of range, with the entry', () => {
    assert.deepEqual(checkBroker('host:99999'), { error: 'port 99999 is out of range (1-65535) in "host:99999"' });
    assert.deepEqual(checkBroker('host:0'), { error: 'port 0 is out of range (1-65535) in "host:0"' });
    assert.equal(checkBroker('host:65535'), 'host:65535');
    assert.equal(checkBroker('host:1'), 'host:1');
  });

  it('normalises a port with leading zeros', () => {
    assert.equal(checkBroker('host:09092'), 'host:9092');
  });

  it('rejects a port that is not a number', () => {
    assert.deepEqual(checkBroker('host:http'), { error: 'port "http" is not a number in "host:http"' });
  });

  it('rejects a missing port, suggesting the form', () => {
    assert.deepEqual(checkBroker('broker.example.com'), {
      error: '"broker.example.com" has no port (expected host:port, e.g. broker.example.com:9092)',
    });
    assert.deepEqual(checkBroker('host:'), { error: '"host:" has no port (expected host:port, e.g. host:9092)' });
    assert.deepEqual(checkBroker('[::1]'), { error: '"[::1]" has no port (expected host:port, e.g. [::1]:9092)' });
  });

  it('asks for brackets around IPv6 and checks the address inside them', () => {
    assert.deepEqual(checkBroker('::1:9092'), {
      error: '"::1:9092" looks like an IPv6 address; put it in brackets with the port after, e.g. [::1]:9092',
    });
    assert.deepEqual(checkBroker('[::g]:9092'), { error: '"::g" is not a valid IPv6 address in "[::g]:9092"' });
    assert.deepEqual(checkBroker('[::1:9092'), { error: '"[::1:9092" has an IPv6 address without a closing "]" before the port' });
  });

  it('applies host name rules', () => {
    assert.deepEqual(checkBroker('-bad.example.com:9092'), {
      error: 'label "-bad" of host "-bad.example.com" starts or ends with "-" in "-bad.example.com:9092"',
    });
    assert.deepEqual(checkBroker('a..b:9092'), {
      error: 'host "a..b" has an empty label (a leading dot or two dots in a row) in "a..b:9092"',
    });
    assert.deepEqual(checkBroker('bro*ker:9092'), {
      error: 'host "bro*ker" has characters a host name cannot have ("*") in "bro*ker:9092"',
    });
    const longLabel = 'x'.repeat(64);
    assert.deepEqual(checkBroker(`${longLabel}.com:9092`), {
      error: `label "${longLabel}" of host "${longLabel}.com" is longer than 63 characters in "${longLabel}.com:9092"`,
    });
    const longName = Array.from({ length: 5 }, () => 'y'.repeat(60)).join('.');
    assert.match((checkBroker(`${longName}:9092`) as { error: string }).error, /is longer than 253 characters/);
    assert.equal(checkBroker(`${'z'.repeat(63)}.com:9092`), `${'z'.repeat(63)}.com:9092`);
  });

  it('checks dotted IPv4 addresses', () => {
    assert.deepEqual(checkBroker('10.0.0.256:9092'), { error: '"10.0.0.256" is not a valid IPv4 address in "10.0.0.256:9092"' });
    assert.deepEqual(checkBroker('10.0.0:9092'), { error: '"10.0.0" is not a valid IPv4 address in "10.0.0:9092"' });
  });

  it('explains a scheme prefix and whitespace', () => {
    assert.deepEqual(checkBroker('SASL_SSL://pkc-1.confluent.cloud:9092'), {
      error: '"SASL_SSL://pkc-1.confluent.cloud:9092" starts with "SASL_SSL://"; write the broker as host:port (pkc-1.confluent.cloud:9092)',
    });
    assert.deepEqual(checkBrokerList('a:1 b:2').errors, ['"a:1 b:2" contains whitespace; separate brokers with commas']);
  });

  it('gives one error per invalid entry and keeps the valid ones', () => {
    const checked = checkBrokerList('good:1,bad:0,worse,also-good:2');
    assert.equal(checked.errors.length, 2);
    assert.deepEqual(checked.brokers, ['good:1', 'also-good:2']);
  });

  it('rejects an empty list and warns about duplicates', () => {
    assert.deepEqual(checkBrokerList(' , ').errors, ['the broker list is empty (expected host:port, e.g. broker.example.com:9092)']);
    const checked = checkBrokerList('a:1,A:1');
    assert.deepEqual(checked.brokers, ['a:1']);
    assert.deepEqual(checked.warnings, ['"A:1" is listed more than once']);
  });
});

describe('topic names', () => {
  it('accepts the tutorial topic and the full legal alphabet', () => {
    assert.deepEqual(checkTopic('application-logs'), { errors: [], warnings: [] });
    assert.deepEqual(checkTopic('Az09._-x'), { errors: [], warnings: ['topic name "Az09._-x" mixes "." and "_"; Kafka treats them alike in metric names, so it may collide with another topic'] });
  });

  it('allows 249 characters and not 250', () => {
    assert.deepEqual(checkTopic('t'.repeat(249)).errors, []);
    assert.deepEqual(checkTopic('t'.repeat(250)).errors, ['topic name is 250 characters long; Kafka allows at most 249']);
  });

  it('rejects ".", "..", empty and illegal characters', () => {
    assert.deepEqual(checkTopic('.').errors, ['topic name "." is not allowed by Kafka']);
    assert.deepEqual(checkTopic('..').errors, ['topic name ".." is not allowed by Kafka']);
    assert.deepEqual(checkTopic('').errors, ['the topic name is empty']);
    assert.deepEqual(checkTopic('app logs/é').errors, [
      'topic name "app logs/é" has characters Kafka does not allow (" ", "/", "é"); use letters, digits, ".", "_" and "-"',
    ]);
    assert.deepEqual(checkTopic('...').errors, []);
  });
});

describe('security protocol and SASL mechanism', () => {
  it('normalises case and separators', () => {
    assert.equal(parseSecurityProtocol('sasl_ssl'), 'SASL_SSL');
    assert.equal(parseSecurityProtocol(' Sasl-Plaintext '), 'SASL_PLAINTEXT');
    assert.equal(parseSecurityProtocol('ssl'), 'SSL');
    assert.equal(parseSecurityProtocol('plaintext'), 'PLAINTEXT');
    assert.equal(parseSaslMechanism('plain'), 'PLAIN');
    assert.equal(parseSaslMechanism('scram-sha-256'), 'SCRAM-SHA-256');
    assert.equal(parseSaslMechanism('SCRAM_SHA_512'), 'SCRAM-SHA-512');
  });

  it('names the accepted values when the input is unknown', () => {
    assert.deepEqual(parseSecurityProtocol('TLS'), {
      error: 'security protocol "TLS" is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL (TLS without SASL is SSL)',
    });
    assert.deepEqual(parseSecurityProtocol('https'), {
      error: 'security protocol "https" is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL',
    });
    assert.deepEqual(parseSaslMechanism('MD5'), { error: 'SASL mechanism "MD5" is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512' });
    assert.deepEqual(parseSaslMechanism('oauthbearer'), {
      error: 'SASL mechanism "oauthbearer" is not supported here; use one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512',
    });
  });
});

describe('numbers from flags', () => {
  it('parses positive whole numbers', () => {
    assert.deepEqual(parsePositiveInt('50', '--count'), { ok: true, value: 50 });
    assert.deepEqual(parsePositiveInt(80, '--count'), { ok: true, value: 80 });
    assert.deepEqual(parsePositiveInt(' 7 ', '--count'), { ok: true, value: 7 });
  });

  it('returns a problem naming the flag instead of throwing', () => {
    assert.deepEqual(parsePositiveInt('0', '--count'), {
      ok: false,
      problem: { key: 'count', source: '--count (flag)', level: 'error', message: '--count must be a whole number of 1 or more, got 0' },
    });
    const cases = ['abc', '-3', '1.5', '1e3', ''];
    for (const raw of cases) {
      const result = parsePositiveInt(raw, '--count');
      assert.equal(result.ok, false, raw);
      if (!result.ok) assert.equal(result.problem.message, `--count must be a whole number of 1 or more, got ${JSON.stringify(raw)}`);
    }
    const huge = parsePositiveInt('99999999999999999999', '--count');
    assert.equal(huge.ok, false);
    if (!huge.ok) assert.equal(huge.problem.message, '--count is too large: 99999999999999999999');
  });

  it('honours a maximum and a custom source', () => {
    const result = parsePositiveInt('101', 'count', { max: 100, source: 'OQS_COUNT (environment)' });
    assert.deepEqual(result, {
      ok: false,
      problem: { key: 'count', source: 'OQS_COUNT (environment)', level: 'error', message: 'count must be at most 100, got 101' },
    });
  });

  it('lets a seed be 0', () => {
    assert.deepEqual(parseNonNegativeInt('0', '--seed'), { ok: true, value: 0 });
    const negative = parseNonNegativeInt('-1', '--seed');
    assert.equal(negative.ok, false);
    if (!negative.ok) assert.equal(negative.problem.message, '--seed must be a whole number (0 or more), got "-1"');
  });

  it('parses fractional rates above zero', () => {
    assert.deepEqual(parsePositiveNumber('0.5', '--rate'), { ok: true, value: 0.5 });
    assert.deepEqual(parsePositiveNumber('200', '--rate'), { ok: true, value: 200 });
    const zero = parsePositiveNumber('0', '--rate');
    assert.equal(zero.ok, false);
    if (!zero.ok) assert.equal(zero.problem.message, '--rate must be greater than 0, got 0');
    const word = parsePositiveNumber('fast', '--rate');
    assert.equal(word.ok, false);
    if (!word.ok) assert.equal(word.problem.message, '--rate must be a number greater than 0, got "fast"');
  });
});

describe('formatProblems', () => {
  it('prints one line per problem, errors before warnings, naming the source', () => {
    const text = formatProblems([
      configWarning('topic', '--topic (flag)', 'mixes'),
      configError('brokers', 'KAFKA_BROKERS (environment)', 'port 99999 is out of range (1-65535) in "host:99999"'),
    ]);
    assert.equal(
      text,
      'error: KAFKA_BROKERS (environment): port 99999 is out of range (1-65535) in "host:99999"\n' +
        'warning: --topic (flag): mixes',
    );
  });

  it('prints a missing value without a source, as it has none', () => {
    assert.equal(formatProblems([configError('brokers', NOT_SET, 'no Kafka brokers given')]), 'error: no Kafka brokers given');
  });
});
