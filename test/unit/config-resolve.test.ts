// resolveKafkaConfig end to end over real files: precedence of the four sources, where each value
// came from, origin 'none', scripted prompts, and secrets kept out of every message and serialisation.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { resolveKafkaConfig, type ResolveKafkaOptions, type ResolveKafkaResult } from '../../src/config/resolve.js';
import { formatProblems } from '../../src/config/problems.js';
import { scriptedPrompt } from '../../src/config/prompt.js';
import { Secret, type KafkaConfig } from '../../src/config/types.js';
import type { ConfigProblem } from '../../src/config/problems.js';

const made: string[] = [];
after(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh working directory with optional rpk.yaml and .env, and a HOME of its own. */
async function workspace(files: { rpk?: string; dotenv?: string; extra?: Record<string, string> } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'oqs-config-'));
  made.push(dir);
  const rpkPath = join(dir, 'home', '.config', 'rpk', 'rpk.yaml');
  await mkdir(join(dir, 'home', '.config', 'rpk'), { recursive: true });
  if (files.rpk !== undefined) await writeFile(rpkPath, files.rpk);
  if (files.dotenv !== undefined) await writeFile(join(dir, '.env'), files.dotenv);
  for (const [name, text] of Object.entries(files.extra ?? {})) await writeFile(join(dir, name), text);
  const home = join(dir, 'home');
  return {
    dir,
    rpkPath,
    envPath: join(dir, '.env'),
    /** Options with this workspace's paths; the rpk path is left to the default rules through HOME. */
    options(more: Partial<ResolveKafkaOptions> = {}): ResolveKafkaOptions {
      return { flags: {}, cwd: dir, prompt: null, ...more, env: { HOME: home, ...more.env } };
    },
  };
}

function configured(result: ResolveKafkaResult): KafkaConfig {
  if (!result.ok) assert.fail(`expected a config, got problems:\n${formatProblems(result.problems)}`);
  assert.equal(result.origin, 'configured');
  return result.kafka;
}

function problemsOf(result: ResolveKafkaResult): ConfigProblem[] {
  if (result.ok) assert.fail(`expected problems, got a config: ${JSON.stringify(result)}`);
  return result.problems;
}

// The profile the tutorial has people create, as rpk writes it.
const TUTORIAL_RPK = `version: 6
globals:
  prompt: ""
current_profile: quickstart-kafka
current_cloud_auth_org_id: ""
current_cloud_auth_kind: ""
profiles:
  - name: default
    description: Default rpk profile
    kafka_api:
      brokers:
        - 127.0.0.1:9092
  - name: quickstart-kafka
    description: ""
    prompt: ""
    from_cloud: false
    kafka_api:
      brokers:
        - pkc-n98px.us-west-2.aws.confluent.cloud:9092
      tls: {}
      sasl:
        user: RPKUSER
        password: rpk-password-123
        mechanism: PLAIN
`;

describe('origin', () => {
  it("is 'none' when no source says anything, and nothing is asked", async () => {
    const ws = await workspace();
    const prompt = scriptedPrompt({});
    const result = await resolveKafkaConfig(ws.options({ prompt, env: { PATH: '/usr/bin', RPK_OTHER: 'x' } }));
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.origin, 'none');
    assert.deepEqual(result.kafka, { brokers: [], topic: 'application-logs', securityProtocol: 'PLAINTEXT', sources: {} });
    assert.deepEqual(prompt.asked, []);
  });

  it("is 'none' with a .env that sets only other things and with blank KAFKA values", async () => {
    const ws = await workspace({ dotenv: 'SNOWFLAKE_ACCOUNT=abc\nKAFKA_SASL_PASSWORD=\n' });
    const result = await resolveKafkaConfig(ws.options({ env: { KAFKA_BROKERS: '  ' } }));
    assert.equal(result.ok && result.origin, 'none');
  });

  it("is 'configured' as soon as one setting is given", async () => {
    const ws = await workspace();
    const kafka = configured(await resolveKafkaConfig(ws.options({ flags: { brokers: 'localhost:9092' } })));
    assert.deepEqual(kafka, {
      brokers: ['localhost:9092'],
      topic: 'application-logs',
      securityProtocol: 'PLAINTEXT',
      sources: { brokers: '--brokers (flag)', topic: 'default', securityProtocol: 'default' },
    });
  });
});

describe('the rpk profile from the tutorial', () => {
  it('gives brokers, SASL_SSL (tls present + sasl), PLAIN, user and password', async () => {
    const ws = await workspace({ rpk: TUTORIAL_RPK });
    const kafka = configured(await resolveKafkaConfig(ws.options()));
    const source = 'rpk profile quickstart-kafka (~/.config/rpk/rpk.yaml)';
    assert.deepEqual(kafka.brokers, ['pkc-n98px.us-west-2.aws.confluent.cloud:9092']);
    assert.equal(kafka.securityProtocol, 'SASL_SSL');
    assert.equal(kafka.saslMechanism, 'PLAIN');
    assert.equal(kafka.username, 'RPKUSER');
    assert.ok(kafka.password instanceof Secret);
    assert.equal(kafka.password.reveal(), 'rpk-password-123');
    assert.deepEqual(kafka.sources, {
      brokers: source,
      securityProtocol: source,
      saslMechanism: source,
      username: source,
      password: source,
      topic: 'default',
    });
  });

  it('honours XDG_CONFIG_HOME and RPK_CONFIG when looking for rpk.yaml', async () => {
    const ws = await workspace({ extra: { 'elsewhere.yaml': TUTORIAL_RPK.replace('RPKUSER', 'FROM_RPK_CONFIG') } });
    await mkdir(join(ws.dir, 'xdg', 'rpk'), { recursive: true });
    await writeFile(join(ws.dir, 'xdg', 'rpk', 'rpk.yaml'), TUTORIAL_RPK.replace('RPKUSER', 'FROM_XDG'));
    const xdg = configured(await resolveKafkaConfig(ws.options({ env: { XDG_CONFIG_HOME: join(ws.dir, 'xdg') } })));
    assert.equal(xdg.username, 'FROM_XDG');
    const explicit = configured(
      await resolveKafkaConfig(ws.options({ env: { XDG_CONFIG_HOME: join(ws.dir, 'xdg'), RPK_CONFIG: join(ws.dir, 'elsewhere.yaml') } })),
    );
    assert.equal(explicit.username, 'FROM_RPK_CONFIG');
    assert.equal(explicit.sources.username, `rpk profile quickstart-kafka (${join(ws.dir, 'elsewhere.yaml')})`);
  });
});

describe('precedence: rpk profile → .env → environment → flags', () => {
  const rpk = TUTORIAL_RPK.replace('pkc-n98px.us-west-2.aws.confluent.cloud:9092', 'from-rpk:9092');
  const dotenv = [
    '# Kafka settings',
    'KAFKA_BOOTSTRAP_SERVERS=from-dotenv:9092',
    'KAFKA_TOPIC=topic-from-dotenv',
    'KAFKA_SASL_USERNAME=DOTENVUSER',
    '',
  ].join('\n');
  const env = { KAFKA_BROKERS: 'from-env:9092', KAFKA_TOPIC: 'topic-from-env', KAFKA_SASL_PASSWORD: 'env-password-456' };
  const flags = { brokers: 'from-flag:9092' };

  it('takes each key from the latest source that sets it, and records which', async () => {
    const ws = await workspace({ rpk, dotenv });
    const kafka = configured(await resolveKafkaConfig(ws.options({ env, flags })));
    assert.deepEqual(kafka.brokers, ['from-flag:9092']);
    assert.equal(kafka.topic, 'topic-from-env');
    assert.equal(kafka.username, 'DOTENVUSER');
    assert.equal(kafka.password?.reveal(), 'env-password-456');
    assert.equal(kafka.saslMechanism, 'PLAIN');
    assert.equal(kafka.securityProtocol, 'SASL_SSL');
    const rpkSource = 'rpk profile quickstart-kafka (~/.config/rpk/rpk.yaml)';
    assert.deepEqual(kafka.sources, {
      brokers: '--brokers (flag)',
      topic: 'KAFKA_TOPIC (environment)',
      username: `.env (${ws.envPath} line 4)`,
      password: 'KAFKA_SASL_PASSWORD (environment)',
      saslMechanism: rpkSource,
      securityProtocol: rpkSource,
    });
  });

  it('falls back one source at a time as the later ones are removed', async () => {
    const ws = await workspace({ rpk, dotenv });
    const brokersWith = async (opts: Partial<ResolveKafkaOptions>) => {
      const kafka = configured(await resolveKafkaConfig(ws.options(opts)));
      return [kafka.brokers.join(','), kafka.sources.brokers];
    };
    assert.deepEqual(await brokersWith({ env, flags }), ['from-flag:9092', '--brokers (flag)']);
    assert.deepEqual(await brokersWith({ env }), ['from-env:9092', 'KAFKA_BROKERS (environment)']);
    assert.deepEqual(await brokersWith({}), ['from-dotenv:9092', `.env (${ws.envPath} line 2)`]);
    await rm(ws.envPath);
    assert.deepEqual(await brokersWith({}), ['from-rpk:9092', 'rpk profile quickstart-kafka (~/.config/rpk/rpk.yaml)']);
  });

  it('lets an explicit protocol anywhere later override the one rpk derives', async () => {
    const ws = await workspace({ rpk, dotenv: 'KAFKA_SECURITY_PROTOCOL=sasl_plaintext\n' });
    const kafka = configured(await resolveKafkaConfig(ws.options()));
    assert.equal(kafka.securityProtocol, 'SASL_PLAINTEXT');
    assert.equal(kafka.sources.securityProtocol, `.env (${ws.envPath} line 1)`);
    const flagged = configured(await resolveKafkaConfig(ws.options({ flags: { securityProtocol: 'SASL_SSL', saslMechanism: 'scram-sha-512' } })));
    assert.equal(flagged.securityProtocol, 'SASL_SSL');
    assert.equal(flagged.saslMechanism, 'SCRAM-SHA-512');
    assert.equal(flagged.sources.saslMechanism, '--sasl-mechanism (flag)');
  });

  it('reads .env without touching the environment object or process.env', async () => {
    const ws = await workspace({ dotenv: 'KAFKA_BROKERS=only-in-dotenv:9092\nKAFKA_TOPIC=dotenv-topic\n' });
    const options = ws.options();
    const before = { ...options.env };
    configured(await resolveKafkaConfig(options));
    assert.deepEqual(options.env, before);
    assert.equal(process.env.KAFKA_TOPIC, undefined);
  });

  it('uses the last assignment in .env and names its line', async () => {
    const ws = await workspace({ dotenv: 'KAFKA_BROKERS=first:9092\nexport KAFKA_TOPIC="quoted-topic"\nKAFKA_BROKERS=second:9092\n' });
    const kafka = configured(await resolveKafkaConfig(ws.options()));
    assert.deepEqual(kafka.brokers, ['second:9092']);
    assert.equal(kafka.sources.brokers, `.env (${ws.envPath} line 3)`);
    assert.equal(kafka.topic, 'quoted-topic');
    assert.equal(kafka.sources.topic, `.env (${ws.envPath} line 2)`);
  });

  it('accepts both broker variable names, and refuses them when they disagree', async () => {
    const ws = await workspace();
    const same = configured(await resolveKafkaConfig(ws.options({ env: { KAFKA_BROKERS: 'a:1', KAFKA_BOOTSTRAP_SERVERS: 'a:1' } })));
    assert.deepEqual(same.brokers, ['a:1']);
    const problems = problemsOf(await resolveKafkaConfig(ws.options({ env: { KAFKA_BROKERS: 'a:1', KAFKA_BOOTSTRAP_SERVERS: 'b:2' } })));
    assert.deepEqual(problems, [
      {
        key: 'brokers',
        source: 'KAFKA_BROKERS (environment)',
        level: 'error',
        message: 'KAFKA_BROKERS is "a:1" but KAFKA_BOOTSTRAP_SERVERS (environment) is "b:2"; keep one',
      },
    ]);
  });

  it('takes IPv6 brokers in brackets from any source', async () => {
    const ws = await workspace();
    const kafka = configured(await resolveKafkaConfig(ws.options({ env: { KAFKA_BROKERS: '[::1]:9092, [fe80::1]:19092' } })));
    assert.deepEqual(kafka.brokers, ['[::1]:9092', '[fe80::1]:19092']);
  });
});

describe('invalid values: one problem each, naming the source', () => {
  it('reports every invalid value from every source at once', async () => {
    const ws = await workspace({
      rpk: TUTORIAL_RPK.replace('- pkc-n98px.us-west-2.aws.confluent.cloud:9092', '- "broker:99999"'),
      dotenv: '# comment\n\nKAFKA_TOPIC=bad topic!\n',
    });
    const problems = problemsOf(
      await resolveKafkaConfig(ws.options({ env: { KAFKA_SASL_MECHANISM: 'GSSAPI' }, flags: { securityProtocol: 'https' } })),
    );
    assert.deepEqual(problems, [
      {
        key: 'brokers',
        source: 'rpk profile quickstart-kafka (~/.config/rpk/rpk.yaml)',
        level: 'error',
        message: 'port 99999 is out of range (1-65535) in "broker:99999"',
      },
      {
        key: 'topic',
        source: `.env (${ws.envPath} line 3)`,
        level: 'error',
        message: 'topic name "bad topic!" has characters Kafka does not allow (" ", "!"); use letters, digits, ".", "_" and "-"',
      },
      {
        key: 'securityProtocol',
        source: '--security-protocol (flag)',
        level: 'error',
        message: 'security protocol "https" is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL',
      },
      {
        key: 'saslMechanism',
        source: 'KAFKA_SASL_MECHANISM (environment)',
        level: 'error',
        message: 'SASL mechanism "GSSAPI" is not supported here; use one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512',
      },
    ]);
    assert.equal(formatProblems(problems).split('\n').length, 4);
  });

  it('validates only the value that wins: an overridden bad value is no problem', async () => {
    const ws = await workspace({ dotenv: 'KAFKA_BROKERS=bad:0\n' });
    const kafka = configured(await resolveKafkaConfig(ws.options({ env: { KAFKA_BROKERS: 'good:9092' } })));
    assert.deepEqual(kafka.brokers, ['good:9092']);
  });

  it('does not prompt while there are invalid values', async () => {
    const ws = await workspace();
    const prompt = scriptedPrompt({ brokers: 'ok:9092' });
    const problems = problemsOf(await resolveKafkaConfig(ws.options({ prompt, flags: { topic: '..' } })));
    assert.deepEqual(problems.map((p) => p.message), ['topic name ".." is not allowed by Kafka']);
    assert.deepEqual(prompt.asked, []);
  });

  it('passes a topic that mixes "." and "_" with a warning', async () => {
    const ws = await workspace();
    const result = await resolveKafkaConfig(ws.options({ flags: { brokers: 'a:1', topic: 'app.logs_v2' } }));
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.kafka.topic, 'app.logs_v2');
    assert.deepEqual(result.warnings.map((w) => [w.level, w.key, w.source]), [['warning', 'topic', '--topic (flag)']]);
  });

  it('checks the CA file: relative to the working directory, present, PEM', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
    const ws = await workspace({ extra: { 'ca.pem': pem, 'not-a-cert.txt': 'hello' } });
    const base = { KAFKA_BROKERS: 'a:9093', KAFKA_SECURITY_PROTOCOL: 'SSL' };
    const kafka = configured(await resolveKafkaConfig(ws.options({ env: { ...base, KAFKA_SSL_CA_FILE: 'ca.pem' } })));
    assert.equal(kafka.caFile, join(ws.dir, 'ca.pem'));
    assert.equal(kafka.sources.caFile, 'KAFKA_SSL_CA_FILE (environment)');

    const missing = problemsOf(await resolveKafkaConfig(ws.options({ env: base, flags: { caFile: 'nope.pem' } })));
    assert.deepEqual(missing, [
      { key: 'caFile', source: '--ca-file (flag)', level: 'error', message: `CA file "nope.pem" does not exist (looked at ${join(ws.dir, 'nope.pem')})` },
    ]);
    const notPem = problemsOf(await resolveKafkaConfig(ws.options({ env: { ...base, KAFKA_SSL_CA_FILE: 'not-a-cert.txt' } })));
    assert.equal(notPem[0].message, 'CA file "not-a-cert.txt" holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" line)');
  });
});

describe('settings the protocol does not use', () => {
  it('drops SASL settings under PLAINTEXT and warns, naming both sources', async () => {
    const ws = await workspace({ dotenv: 'KAFKA_SECURITY_PROTOCOL=PLAINTEXT\nKAFKA_SASL_USERNAME=someone\n' });
    const result = await resolveKafkaConfig(ws.options({ env: { KAFKA_BROKERS: 'a:1' } }));
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.kafka.username, undefined);
    assert.equal(result.kafka.sources.username, undefined);
    assert.deepEqual(result.warnings, [
      {
        key: 'username',
        source: `.env (${ws.envPath} line 2)`,
        level: 'warning',
        message: `the SASL username is ignored: security protocol PLAINTEXT (.env (${ws.envPath} line 1)) does not use SASL`,
      },
    ]);
  });

  it('drops a CA file under a protocol without TLS', async () => {
    const ws = await workspace({ extra: { 'ca.pem': '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n' } });
    const result = await resolveKafkaConfig(ws.options({ env: { KAFKA_BROKERS: 'a:1', KAFKA_SSL_CA_FILE: 'ca.pem' } }));
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.kafka.caFile, undefined);
    assert.equal(result.warnings[0].message, 'the CA file is ignored: security protocol PLAINTEXT (default) does not use TLS');
  });
});

describe('missing values without prompts', () => {
  it('names what is missing and how to give it', async () => {
    const ws = await workspace();
    const problems = problemsOf(await resolveKafkaConfig(ws.options({ env: { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' } })));
    assert.deepEqual(
      problems.map((p) => [p.key, p.source]),
      [
        ['brokers', 'not set'],
        ['saslMechanism', 'not set'],
        ['username', 'not set'],
        ['password', 'not set'],
      ],
    );
    assert.match(problems[0].message, /KAFKA_BROKERS .*--brokers/);
    assert.match(problems[3].message, /needs a SASL password: set KAFKA_SASL_PASSWORD/);
  });

  it('will not guess the protocol when SASL settings come without one', async () => {
    const ws = await workspace();
    const problems = problemsOf(await resolveKafkaConfig(ws.options({ env: { KAFKA_BROKERS: 'a:1', KAFKA_SASL_USERNAME: 'u' } })));
    assert.deepEqual(problems.map((p) => p.key), ['securityProtocol']);
    assert.match(problems[0].message, /^SASL settings were given \(KAFKA_SASL_USERNAME \(environment\)\) but no security protocol/);
  });
});

describe('scripted prompts fill what is still missing', () => {
  it('asks brokers (validated inline), protocol, mechanism, username, password, in that order', async () => {
    const ws = await workspace({ dotenv: 'KAFKA_TOPIC=my-logs\n' });
    const prompt = scriptedPrompt({
      brokers: ['broker:99999', 'b1.example.com:9092,[::1]:9093'],
      securityProtocol: 'SASL_SSL',
      saslMechanism: 'SCRAM-SHA-256',
      username: ['  ', 'APIKEY'],
      password: ['', 'typed-secret-789'],
    });
    const kafka = configured(await resolveKafkaConfig(ws.options({ prompt })));
    assert.deepEqual(prompt.asked.map((q) => [q.key, q.kind]), [
      ['brokers', 'input'],
      ['securityProtocol', 'select'],
      ['saslMechanism', 'select'],
      ['username', 'input'],
      ['password', 'password'],
    ]);
    assert.deepEqual(prompt.rejections, [
      { key: 'brokers', message: 'port 99999 is out of range (1-65535) in "broker:99999"' },
      { key: 'username', message: 'the username cannot be empty' },
      { key: 'password', message: 'the password cannot be empty' },
    ]);
    assert.deepEqual(kafka.brokers, ['b1.example.com:9092', '[::1]:9093']);
    assert.equal(kafka.topic, 'my-logs');
    assert.equal(kafka.securityProtocol, 'SASL_SSL');
    assert.equal(kafka.saslMechanism, 'SCRAM-SHA-256');
    assert.equal(kafka.username, 'APIKEY');
    assert.equal(kafka.password?.reveal(), 'typed-secret-789');
    assert.deepEqual(kafka.sources, {
      topic: `.env (${ws.envPath} line 1)`,
      brokers: 'prompt',
      securityProtocol: 'prompt',
      saslMechanism: 'prompt',
      username: 'prompt',
      password: 'prompt',
    });
    assert.ok(!JSON.stringify(kafka).includes('typed-secret-789'));
  });

  it('asks only for what is missing: the password when the rest came from sources', async () => {
    const ws = await workspace();
    const prompt = scriptedPrompt({ password: 'only-the-password' });
    const env = { KAFKA_BROKERS: 'a:9092', KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'PLAIN', KAFKA_SASL_USERNAME: 'u' };
    const kafka = configured(await resolveKafkaConfig(ws.options({ prompt, env })));
    assert.deepEqual(prompt.asked.map((q) => q.key), ['password']);
    assert.equal(kafka.sources.password, 'prompt');
    assert.equal(kafka.sources.brokers, 'KAFKA_BROKERS (environment)');
  });

  it('offers PLAINTEXT by default after typed brokers, and then asks nothing about SASL', async () => {
    const ws = await workspace();
    const prompt = scriptedPrompt({ brokers: 'localhost:9092', securityProtocol: 'PLAINTEXT' });
    const kafka = configured(await resolveKafkaConfig(ws.options({ prompt, env: { KAFKA_TOPIC: 'application-logs' } })));
    assert.deepEqual(prompt.asked.map((q) => q.key), ['brokers', 'securityProtocol']);
    const protocolQuestion = prompt.asked[1];
    assert.equal(protocolQuestion.kind === 'select' && protocolQuestion.default, 'PLAINTEXT');
    assert.equal(kafka.securityProtocol, 'PLAINTEXT');
  });

  it('asks the protocol, defaulting to SASL_SSL, when SASL settings came without one', async () => {
    const ws = await workspace();
    const prompt = scriptedPrompt({ securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'PLAIN', password: 'pw-from-prompt' });
    const kafka = configured(await resolveKafkaConfig(ws.options({ prompt, env: { KAFKA_BROKERS: 'a:1', KAFKA_SASL_USERNAME: 'u' } })));
    const question = prompt.asked[0];
    assert.equal(question.kind === 'select' && question.default, 'SASL_SSL');
    assert.equal(kafka.securityProtocol, 'SASL_PLAINTEXT');
    assert.deepEqual(prompt.asked.map((q) => q.key), ['securityProtocol', 'saslMechanism', 'password']);
  });

  it('lets a cancelled prompt reject rather than invent a value', async () => {
    const ws = await workspace();
    const cancelled = Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    await assert.rejects(
      resolveKafkaConfig(ws.options({ prompt: async () => Promise.reject(cancelled), env: { KAFKA_TOPIC: 't' } })),
      { name: 'ExitPromptError' },
    );
  });
});

describe('secrets', () => {
  const secretWords = ['rpk-password-123', 'dotenv-password-aaa', 'env-password-bbb'];
  const assertNoSecret = (text: string) => {
    for (const secret of secretWords) assert.ok(!text.includes(secret), `"${secret}" leaked into: ${text}`);
  };

  it('never appear in JSON.stringify, util.inspect or String of the config', async () => {
    const ws = await workspace({ rpk: TUTORIAL_RPK });
    const result = await resolveKafkaConfig(ws.options());
    const kafka = configured(result);
    assertNoSecret(JSON.stringify(result));
    assertNoSecret(inspect(result, { depth: 10 }));
    assertNoSecret(`${kafka.password}`);
    assert.equal(JSON.parse(JSON.stringify(kafka)).password, '••••');
  });

  it('never appear in problems, even when a person pasted one where it does not belong', async () => {
    const ws = await workspace({ rpk: TUTORIAL_RPK, dotenv: 'KAFKA_SASL_PASSWORD=dotenv-password-aaa\n' });
    const result = await resolveKafkaConfig(
      ws.options({
        env: { KAFKA_SASL_PASSWORD: 'env-password-bbb', KAFKA_BROKERS: 'env-password-bbb', KAFKA_TOPIC: 'rpk-password-123 x' },
      }),
    );
    const problems = problemsOf(result);
    assert.deepEqual(problems.map((p) => p.key), ['brokers', 'topic']);
    assertNoSecret(formatProblems(problems));
    assertNoSecret(JSON.stringify(result));
    assert.match(problems[0].message, /"••••" has no port/);
  });

  it('stay out of a .env problem about the password line', async () => {
    const ws = await workspace({ dotenv: 'KAFKA_SASL_PASSWORD="dotenv-password-aaa\nKAFKA_BROKERS=a:1\n' });
    const problems = problemsOf(await resolveKafkaConfig(ws.options()));
    assert.deepEqual(problems.map((p) => [p.key, p.source]), [['.env', `.env (${ws.envPath} line 1)`]]);
    assert.equal(problems[0].message, 'KAFKA_SASL_PASSWORD opens a quote (") that is never closed');
    assertNoSecret(JSON.stringify(problems));
  });
});
