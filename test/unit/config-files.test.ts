// The two config files a person edits by hand: rpk.yaml (its schema, old spellings, profile
// choice, corruption) and .env (corruption). Every failure is a problem naming the file, never a throw.

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveKafkaConfig, type ResolveKafkaResult } from '../../src/config/resolve.js';
import { defaultRpkConfigPath, readRpkProfileLayer } from '../../src/config/rpk-profile.js';
import { displayPath } from '../../src/config/layer.js';
import { formatProblems, type ConfigProblem } from '../../src/config/problems.js';

const made: string[] = [];
after(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oqs-config-files-'));
  made.push(dir);
  return dir;
}

/** Resolve with only an rpk.yaml of the given text (and optional flags/env). */
async function withRpk(text: string | null, more: { env?: NodeJS.ProcessEnv; rpkProfile?: string } = {}) {
  const dir = await tempDir();
  const rpkConfigPath = join(dir, 'rpk.yaml');
  if (text !== null) await writeFile(rpkConfigPath, text);
  const result = await resolveKafkaConfig({
    flags: { rpkProfile: more.rpkProfile },
    env: { HOME: '/nonexistent-home', ...more.env },
    cwd: dir,
    rpkConfigPath,
    prompt: null,
  });
  return { result, rpkConfigPath, dir };
}

function problemsOf(result: ResolveKafkaResult): ConfigProblem[] {
  if (result.ok) assert.fail(`expected problems, got a config: ${JSON.stringify(result)}`);
  return result.problems;
}

function profile(kafkaApi: string, name = 'qs'): string {
  return `current_profile: ${name}\nprofiles:\n  - name: ${name}\n    kafka_api:\n${kafkaApi}`;
}

describe('rpk.yaml schema', () => {
  it('tls alone means SSL, with its ca_file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
    const { result } = await withRpk(profile(`      brokers: [b:9093]\n      tls:\n        ca_file: ${join(dir, 'ca.pem')}\n`));
    assert.equal(result.ok && result.kafka.securityProtocol, 'SSL');
    assert.equal(result.ok && result.kafka.caFile, join(dir, 'ca.pem'));
  });

  it('sasl alone means SASL_PLAINTEXT; the old "type" key is read as the mechanism', async () => {
    const { result } = await withRpk(profile('      brokers: [b:9092]\n      sasl:\n        user: u\n        password: p4ssw0rd\n        type: SCRAM-SHA-256\n'));
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.kafka.securityProtocol, 'SASL_PLAINTEXT');
    assert.equal(result.kafka.saslMechanism, 'SCRAM-SHA-256');
  });

  it('keeps user and password exactly as written, as rpk reads them as strings', async () => {
    const { result } = await withRpk(profile('      brokers: [b:9092]\n      sasl:\n        user: 000123\n        password: 0123e4\n        mechanism: PLAIN\n'));
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.kafka.username, '000123');
    assert.equal(result.kafka.password?.reveal(), '0123e4');
  });

  it('reads the old truststore_file as the CA', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'old-ca.pem'), '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
    const { result } = await withRpk(profile(`      brokers: [b:9093]\n      tls:\n        truststore_file: ${join(dir, 'old-ca.pem')}\n`));
    assert.equal(result.ok && result.kafka.caFile, join(dir, 'old-ca.pem'));
  });

  it('a null tls (as `tls:` with nothing after) does not turn TLS on', async () => {
    const { result } = await withRpk(profile('      brokers: [b:9092]\n      tls:\n'));
    assert.equal(result.ok && result.kafka.securityProtocol, 'PLAINTEXT');
  });

  it('accepts brokers written as one comma-separated string', async () => {
    const { result } = await withRpk(profile('      brokers: "a:1,b:2"\n'));
    assert.deepEqual(result.ok && result.kafka.brokers, ['a:1', 'b:2']);
  });

  it('warns that client certificates and insecure_skip_verify are not used', async () => {
    const { result } = await withRpk(profile('      brokers: [b:9093]\n      tls:\n        cert_file: c.pem\n        key_file: k.pem\n        insecure_skip_verify: true\n'));
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.deepEqual(result.warnings.map((w) => w.level), ['warning', 'warning']);
    assert.match(result.warnings[0].message, /client certificate \(mTLS\)/);
    assert.match(result.warnings[1].message, /insecure_skip_verify is ignored/);
  });

  it('an empty file, or one without current_profile, says nothing', async () => {
    const empty = (await withRpk('')).result;
    assert.equal(empty.ok && empty.origin, 'none');
    const { result } = await withRpk('profiles:\n  - name: qs\n    kafka_api:\n      brokers: [a:1]\n');
    assert.equal(result.ok && result.origin, 'none');
  });

  it('a profile with an empty kafka_api says nothing, so origin stays none', async () => {
    const { result } = await withRpk('current_profile: default\nprofiles:\n  - name: default\n    description: Default rpk profile\n');
    assert.equal(result.ok && result.origin, 'none');
  });
});

describe('choosing the rpk profile', () => {
  const two = `current_profile: one
profiles:
  - name: one
    kafka_api:
      brokers: [one:9092]
  - name: two
    kafka_api:
      brokers: [two:9092]
`;

  it('follows current_profile, then RPK_PROFILE, then --rpk-profile', async () => {
    const byCurrent = await withRpk(two);
    assert.deepEqual(byCurrent.result, {
      ok: true,
      origin: 'configured',
      warnings: [],
      kafka: {
        brokers: ['one:9092'],
        topic: 'application-logs',
        securityProtocol: 'PLAINTEXT',
        sources: { brokers: `rpk profile one (${byCurrent.rpkConfigPath})`, topic: 'default', securityProtocol: 'default' },
      },
    });
    const byEnv = (await withRpk(two, { env: { RPK_PROFILE: 'two' } })).result;
    assert.deepEqual(byEnv.ok && byEnv.kafka.brokers, ['two:9092']);
    const byFlag = (await withRpk(two, { env: { RPK_PROFILE: 'nope' }, rpkProfile: 'one' })).result;
    assert.deepEqual(byFlag.ok && byFlag.kafka.brokers, ['one:9092']);
  });

  it('names the profiles there are when the chosen one is missing', async () => {
    const { result, rpkConfigPath } = await withRpk(two, { rpkProfile: 'three' });
    assert.deepEqual(problemsOf(result), [
      { key: 'rpkProfile', source: '--rpk-profile (flag)', level: 'error', message: `rpk profile "three" is not in ${rpkConfigPath} (profiles there: one, two)` },
    ]);
    const stale = await withRpk(two.replace('current_profile: one', 'current_profile: gone'));
    assert.deepEqual(problemsOf(stale.result).map((p) => p.source), [`current_profile in rpk.yaml (${stale.rpkConfigPath})`]);
  });

  it('a missing rpk.yaml is fine, unless a profile was asked for', async () => {
    assert.equal((await withRpk(null)).result.ok, true);
    const { result, rpkConfigPath } = await withRpk(null, { rpkProfile: 'quickstart-kafka' });
    assert.deepEqual(problemsOf(result), [
      { key: 'rpkProfile', source: '--rpk-profile (flag)', level: 'error', message: `rpk profile "quickstart-kafka" was asked for, but there is no rpk.yaml at ${rpkConfigPath}` },
    ]);
  });
});

describe('a corrupt rpk.yaml', () => {
  it('is a problem naming the file and line, not a stack trace', async () => {
    const { result, rpkConfigPath } = await withRpk('current_profile: qs\nprofiles:\n  - name: qs\n    kafka_api: [oops\n  brokers: x\n');
    const problems = problemsOf(result);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].key, 'rpk.yaml');
    assert.match(problems[0].source, new RegExp(`^rpk\\.yaml \\(${rpkConfigPath.replace(/[.]/g, '\\.')} line \\d+\\)$`));
    assert.match(problems[0].message, /^is not valid YAML: /);
    assert.ok(!problems[0].message.includes('\n'));
    assert.ok(!formatProblems(problems).includes('    at '));
  });

  it('never quotes the file, which may hold the password', async () => {
    const { result } = await withRpk(profile('      sasl:\n        user: u\n        password: "hunter2-in-yaml\n      brokers: [a:1]\n'));
    const problems = problemsOf(result);
    assert.match(problems[0].message, /^is not valid YAML/);
    assert.ok(!JSON.stringify(problems).includes('hunter2-in-yaml'));
  });

  it('with the wrong shape is a problem saying what was expected', async () => {
    const cases: [string, string][] = [
      ['- just\n- a list\n', 'should be a YAML mapping with current_profile and profiles, found a list'],
      ['current_profile: qs\nprofiles: qs\n', 'profiles should be a list, found a string'],
      [profile('      brokers: 9092\n'), 'kafka_api.brokers should be a list of host:port, found a number'],
      [profile('      brokers: [a:1, 2]\n'), 'kafka_api.brokers should be a list of host:port strings'],
      [profile('      sasl: PLAIN\n'), 'kafka_api.sasl should be a mapping, found a string'],
      ['current_profile: qs\nprofiles:\n  - name: qs\n    kafka_api: true\n', 'kafka_api should be a mapping, found a boolean'],
    ];
    for (const [text, message] of cases) {
      const problems = problemsOf((await withRpk(text)).result);
      assert.deepEqual(problems.map((p) => p.message), [message], text);
    }
  });

  it('that is a directory, or unreadable, says so', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'rpk.yaml'));
    const result = await resolveKafkaConfig({ flags: {}, env: {}, cwd: dir, rpkConfigPath: join(dir, 'rpk.yaml'), prompt: null });
    assert.deepEqual(problemsOf(result), [
      { key: 'rpk.yaml', source: `rpk.yaml (${join(dir, 'rpk.yaml')})`, level: 'error', message: 'cannot be read: it is a directory, not a file' },
    ]);
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.yaml');
      await writeFile(locked, 'current_profile: x\n');
      await chmod(locked, 0o000);
      const denied = await resolveKafkaConfig({ flags: {}, env: {}, cwd: dir, rpkConfigPath: locked, prompt: null });
      assert.equal(problemsOf(denied)[0].message, 'cannot be read: permission denied');
    }
  });
});

describe('a corrupt .env', () => {
  async function withDotenv(contents: string | Buffer) {
    const dir = await tempDir();
    await writeFile(join(dir, '.env'), contents);
    const result = await resolveKafkaConfig({ flags: {}, env: {}, cwd: dir, rpkConfigPath: join(dir, 'no-rpk.yaml'), prompt: null });
    return { result, envPath: join(dir, '.env') };
  }

  it('that is binary is a problem naming the file', async () => {
    const { result, envPath } = await withDotenv(Buffer.from([0x4b, 0x41, 0x00, 0xff, 0x3d]));
    assert.deepEqual(problemsOf(result), [
      { key: '.env', source: `.env (${envPath})`, level: 'error', message: 'cannot be read: it is not a text file (it contains NUL bytes)' },
    ]);
  });

  it('that is not UTF-8 is a problem naming the file', async () => {
    const { result } = await withDotenv(Buffer.from('KAFKA_TOPIC=caf\xe9\n', 'latin1'));
    assert.equal(problemsOf(result)[0].message, 'cannot be read: it is not valid UTF-8 text');
  });

  it('with a line that names our variable but assigns nothing points at that line', async () => {
    const { result, envPath } = await withDotenv('KAFKA_TOPIC=ok\nKAFKA_BROKERS localhost:9092\n');
    assert.deepEqual(problemsOf(result), [
      {
        key: '.env',
        source: `.env (${envPath} line 2)`,
        level: 'error',
        message: 'this line names KAFKA_BROKERS but is not an assignment (expected KAFKA_BROKERS=value), so it is ignored',
      },
    ]);
  });

  it('that is a directory says so', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '.env'));
    const result = await resolveKafkaConfig({ flags: {}, env: {}, cwd: dir, rpkConfigPath: join(dir, 'none.yaml'), prompt: null });
    assert.equal(problemsOf(result)[0].message, 'cannot be read: it is a directory, not a file');
  });

  it('ignores comments, blank lines, other variables and the YAML-style colon dotenv accepts', async () => {
    const { result } = await withDotenv('# KAFKA_BROKERS is set below\n\nOTHER thing\nKAFKA_BROKERS: a:9092\n');
    assert.deepEqual(result.ok && result.kafka.brokers, ['a:9092']);
  });
});

describe('where rpk.yaml lives', () => {
  it('follows rpk: $RPK_CONFIG, else XDG_CONFIG_HOME (absolute only) or ~/.config on Linux', () => {
    assert.equal(defaultRpkConfigPath({ HOME: '/home/ann', RPK_CONFIG: '/etc/rpk.yaml' }, 'linux'), '/etc/rpk.yaml');
    assert.equal(defaultRpkConfigPath({ HOME: '/home/ann' }, 'linux'), '/home/ann/.config/rpk/rpk.yaml');
    assert.equal(defaultRpkConfigPath({ HOME: '/home/ann', XDG_CONFIG_HOME: '/xdg' }, 'linux'), '/xdg/rpk/rpk.yaml');
    assert.equal(defaultRpkConfigPath({ HOME: '/home/ann', XDG_CONFIG_HOME: 'relative' }, 'linux'), '/home/ann/.config/rpk/rpk.yaml');
  });

  it('is under Application Support on macOS', () => {
    assert.equal(
      defaultRpkConfigPath({ HOME: '/Users/ann', XDG_CONFIG_HOME: '/xdg' }, 'darwin'),
      '/Users/ann/Library/Application Support/rpk/rpk.yaml',
    );
  });

  it('is shown with ~ for the home directory', () => {
    assert.equal(displayPath('/home/ann/.config/rpk/rpk.yaml', { HOME: '/home/ann' }), '~/.config/rpk/rpk.yaml');
    assert.equal(displayPath('/home/annie/x', { HOME: '/home/ann' }), '/home/annie/x');
  });

  it('reading it directly gives the profile name it used', async () => {
    const dir = await tempDir();
    const path = join(dir, 'rpk.yaml');
    await writeFile(path, profile('      brokers: [a:1]\n', 'quickstart-kafka'));
    const read = await readRpkProfileLayer({ path, env: { HOME: dir } });
    assert.equal(read.profileName, 'quickstart-kafka');
    assert.deepEqual(read.layer.brokers, { value: ['a:1'], source: 'rpk profile quickstart-kafka (~/rpk.yaml)' });
  });
});
