// kafkajs errors as a person reads them: a broker that took the connection and then went silent
// (frozen, overloaded) was "Kafka error while …: Request timed out: …" with nothing to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret, type KafkaConfig } from '../../src/config/types.js';
import { explainKafkaError } from '../../src/kafka/errors.js';

const cfg: KafkaConfig = { brokers: ['pkc-1.example.confluent.cloud:9092'], topic: 'application-logs', securityProtocol: 'SASL_SSL', saslMechanism: 'PLAIN', username: 'KEY', password: new Secret('s3cret-value'), sources: {} };

test('a request timeout says the broker stopped answering, and what to do', () => {
  const err = Object.assign(new Error('Request Metadata(key: 3, version: 6) timed out'), { name: 'KafkaJSRequestTimeoutError' });
  const wrapped = Object.assign(new Error('Request timed out'), { name: 'KafkaJSNumberOfRetriesExceeded', originalError: err });
  for (const e of [err, wrapped]) {
    const f = explainKafkaError(e, cfg, 'describing topic "application-logs"');
    assert.equal(f.message, 'Kafka at pkc-1.example.confluent.cloud:9092 accepted the connection but did not answer in time while describing topic "application-logs"');
    assert.match(f.hint ?? '', /overloaded or stuck.*run again: the walk resumes where it stopped and sends nothing twice/);
  }
});
