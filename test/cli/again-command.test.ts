// The command a stopped or finished walk shows to run it again must reach the same state folder,
// or "run again to resume" would start a new walk instead.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { againCommand } from '../../src/commands/run.js';
import { downCommand } from '../../src/commands/sandbox.js';

describe('the command to run the walk again', () => {
  const cwd = path.resolve('/tmp/workshop');
  it('is the bare command with the default state folder', () => {
    assert.equal(againCommand({ stateDir: path.join(cwd, '.openflow-quickstart') }, cwd), 'npx openflow-kafka-quickstart');
  });
  it('names any other state folder, relative when it is under the current one, quoted when it must be', () => {
    assert.equal(againCommand({ stateDir: path.join(cwd, 'st1') }, cwd), 'npx openflow-kafka-quickstart --state-dir st1');
    assert.equal(againCommand({ stateDir: '/srv/state' }, cwd), 'npx openflow-kafka-quickstart --state-dir /srv/state');
    assert.equal(againCommand({ stateDir: "/srv/Bob's state" }, cwd), `npx openflow-kafka-quickstart --state-dir '/srv/Bob'\\''s state'`);
  });
  it('repeats --sandbox when it was given (a .env with Kafka would otherwise make another walk)', () => {
    assert.equal(againCommand({ stateDir: path.join(cwd, '.openflow-quickstart'), sandbox: true }, cwd), 'npx openflow-kafka-quickstart --sandbox');
    assert.equal(againCommand({ stateDir: path.join(cwd, 'st1'), sandbox: true }, cwd), 'npx openflow-kafka-quickstart --state-dir st1 --sandbox');
  });
  it('repeats the settings typed as flags, quoted where the shell needs it (without them it walks what the environment holds)', () => {
    const kafka = { brokers: 'pkc-1.example.cloud:9092', topic: 'my-logs', securityProtocol: 'SASL_SSL', saslUsername: 'KEY123', caFile: "/certs/Bob's ca.pem" };
    assert.equal(
      againCommand({ stateDir: path.join(cwd, '.openflow-quickstart'), kafka, connection: 'work' }, cwd),
      `npx openflow-kafka-quickstart --brokers pkc-1.example.cloud:9092 --topic my-logs --security-protocol SASL_SSL --sasl-username KEY123 --ca-file '/certs/Bob'\\''s ca.pem' --connection work`,
    );
    assert.equal(againCommand({ stateDir: path.join(cwd, '.openflow-quickstart'), kafka: {} }, cwd), 'npx openflow-kafka-quickstart');
  });
});

describe('the command to stop a sandbox started with --profile or --state-dir', () => {
  const cwd = path.resolve('/tmp/workshop');
  it('reaches that sandbox', () => {
    assert.equal(downCommand({ profile: 'default', stateDir: path.join(cwd, '.openflow-quickstart') }, cwd), 'openflow-kafka-quickstart sandbox down');
    assert.equal(downCommand({ profile: 'pp', stateDir: path.join(cwd, 'st') }, cwd), 'openflow-kafka-quickstart sandbox down --profile pp --state-dir st');
    assert.equal(downCommand({ profile: 'default', stateDir: "/srv/Bob's state" }, cwd), `openflow-kafka-quickstart sandbox down --state-dir '/srv/Bob'\\''s state'`);
  });
});
