// The real prompt adapter (@inquirer/prompts) driven through streams, as a person at a terminal
// would: keystrokes go in when the question shows up on the output, never on a timer.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createInquirerPrompt, type PromptFn } from '../../src/config/prompt.js';
import { resolveKafkaConfig } from '../../src/config/resolve.js';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/**
 * A terminal stand-in: each step waits until its text appears on the prompt's output, then types.
 * Every question gets its own output stream (inquirer ends the one it was given) and shares the input.
 */
function terminal(steps: { waitFor: string; type: string }[]) {
  const input = new PassThrough();
  const pending = [...steps];
  let transcript = '';
  let sinceLastStep = '';
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString('utf8').replace(ANSI, '');
    transcript += text;
    sinceLastStep += text;
    const next = pending[0];
    if (next && sinceLastStep.includes(next.waitFor)) {
      pending.shift();
      sinceLastStep = '';
      setImmediate(() => input.write(next.type));
    }
  };
  const prompt: PromptFn = (question) => {
    const output = new PassThrough();
    output.on('data', onOutput);
    return createInquirerPrompt({ input, output })(question);
  };
  return { prompt, transcript: () => transcript, unusedSteps: () => pending.length };
}

describe('inquirer prompts through resolveKafkaConfig', () => {
  it('asks for the missing values, shows validation inline, masks the password', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oqs-config-prompt-'));
    try {
      const tty = terminal([
        { waitFor: 'Kafka bootstrap brokers', type: 'nohost\n' },
        { waitFor: 'has no port', type: ':9092\n' },
        { waitFor: 'SASL mechanism', type: '\x1b[B\n' },
        { waitFor: 'SASL username', type: 'APIKEY\n' },
        { waitFor: 'SASL password', type: 'typed-in-tty-secret\n' },
      ]);
      const result = await resolveKafkaConfig({
        flags: {},
        env: { HOME: dir, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' },
        cwd: dir,
        rpkConfigPath: join(dir, 'no-rpk.yaml'),
        prompt: tty.prompt,
      });
      assert.equal(tty.unusedSteps(), 0);
      if (!result.ok) assert.fail(JSON.stringify(result.problems));
      assert.deepEqual(result.kafka.brokers, ['nohost:9092']);
      assert.equal(result.kafka.saslMechanism, 'SCRAM-SHA-256');
      assert.equal(result.kafka.username, 'APIKEY');
      assert.equal(result.kafka.password?.reveal(), 'typed-in-tty-secret');
      assert.match(tty.transcript(), /"nohost" has no port \(expected host:port, e\.g\. nohost:9092\)/);
      assert.match(tty.transcript(), /SASL password \(API secret\) \*+/);
      assert.ok(!tty.transcript().includes('typed-in-tty-secret'), 'the password was echoed');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('offers the protocols as a list with PLAINTEXT preselected after typed brokers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oqs-config-prompt-'));
    try {
      const tty = terminal([
        { waitFor: 'Kafka bootstrap brokers', type: 'localhost:9092\n' },
        { waitFor: 'no TLS, no authentication', type: '\n' },
      ]);
      const result = await resolveKafkaConfig({
        flags: { topic: 'application-logs' },
        env: { HOME: dir },
        cwd: dir,
        rpkConfigPath: join(dir, 'no-rpk.yaml'),
        prompt: tty.prompt,
      });
      assert.equal(result.ok && result.kafka.securityProtocol, 'PLAINTEXT');
      for (const protocol of ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']) assert.ok(tty.transcript().includes(protocol));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
