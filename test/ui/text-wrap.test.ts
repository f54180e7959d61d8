// A word longer than a line (a qualified table name, a URL, a consumer group) breaks after its own
// punctuation, where a reader expects a break, rather than mid-name ("…PUBLIC."AP" / "PLICATION").
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { wrap } from '../../src/app/text.js';

describe('wrap: words longer than a line', () => {
  it('breaks after punctuation inside the word', () => {
    assert.deepEqual(wrap('FROM QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS" GROUP BY 1', 40), ['FROM', 'QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.', '"APPLICATION-LOGS" GROUP BY 1']);
    assert.deepEqual(wrap('https://of--sandbox.sandbox.invalid/a9222569df73/nifi/', 40), ['https://of--sandbox.sandbox.invalid/', 'a9222569df73/nifi/']);
    assert.deepEqual(wrap('openflow_qs_kafka_connector', 24), ['openflow_qs_kafka_', 'connector']);
  });

  it('cuts hard only where no break keeps a third of the line', () => {
    assert.deepEqual(wrap('abcdefghijklmnopqrstuvwxyz', 10), ['abcdefghij', 'klmnopqrst', 'uvwxyz']);
    assert.deepEqual(wrap('a.bcdefghijklmnop', 10), ['a.bcdefghi', 'jklmnop']);
  });
});
