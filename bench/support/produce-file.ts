// Our produce path alone, on kcat's terms: sends a "key<TAB>value" file (as kcat -K '\t' -l
// does) through KafkaGateway's bulk produce, so the benchmark can tell the client's pace apart
// from the cost of generating and serialising events, which kcat and kafka-python never pay.
// Usage: node --import tsx produce-file.ts FILE TOPIC BOOTSTRAP [USER PASSWORD]
import { readFileSync } from 'node:fs';
import { Secret } from '../../src/config/types.js';
import type { OutgoingRecord } from '../../src/engine/ports.js';
import { KafkaGateway } from '../../src/kafka/gateway.js';

const [file, topic, bootstrap, username, password] = process.argv.slice(2) as [string, string, string, string?, string?];
const kafka = new KafkaGateway({
  brokers: bootstrap.split(','),
  topic,
  securityProtocol: username ? 'SASL_PLAINTEXT' : 'PLAINTEXT',
  saslMechanism: username ? 'PLAIN' : undefined,
  username,
  password: password === undefined ? undefined : new Secret(password),
  sources: {},
});

function* lines(text: string): Generator<OutgoingRecord> {
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', at);
    if (end > at) yield tab >= 0 && tab < end ? { key: text.slice(at, tab), value: text.slice(tab + 1, end) } : { key: null, value: text.slice(at, end) };
    at = end + 1;
  }
}

try {
  await kafka.produce(topic, lines(readFileSync(file, 'utf8')), { bulk: true });
} finally {
  await kafka.close();
}
