// The bad-input corpus: one bad value per case, over every input surface (flags, environment,
// .env, rpk profiles, connections.toml, state files, query text, names that end up in rendered
// SQL). Each case says the exit code and what the one error line must name (the value's source).
// Run by test/corpus/bad-input.test.ts; layout of a case's folder in test/corpus/run-case.ts.

export type FileSpec = string | Buffer | { fifo: true } | { dir: true } | { text: string; mode: number };

export interface Case {
  name: string;
  surface: 'flag' | 'environment' | '.env' | 'rpk profile' | 'connections.toml' | 'state file' | 'query text' | 'sql name' | 'file system';
  args: string[];
  env?: Record<string, string>;
  /** Relative to the case folder: cwd/…, home/… (HOME; rpk.yaml under home/.config/rpk), snowflake/… (SNOWFLAKE_HOME). */
  files?: Record<string, FileSpec>;
  stdin?: string | Buffer;
  code: 1 | 2;
  /** The error line must match: what was wrong and where it came from. */
  says: RegExp;
  /** Paths (relative to the case folder) the command may create or change. */
  writes?: RegExp[];
  /** Run without root's privileges (permission cases). */
  unprivileged?: boolean;
  /** Needs the Snowflake emulator (its port is put into the environment as SNOWFLAKE_PORT). */
  emulator?: boolean;
}

/** Distinctive secrets: none may appear in any output or any file a command writes. */
export const CANARY = {
  kafka: 'kc-CANARY-5f1e9a7b-pw',
  snowflake: 'sf-CANARY-0c3d8e21-pw',
  token: 'tk-CANARY-77aa01c3-token',
  passphrase: 'pp-CANARY-9e4b2d10-phrase',
} as const;

/** A complete Kafka configuration (Confluent-Cloud-shaped) that no case connects with: each case breaks one value. */
const KAFKA_ENV: Record<string, string> = {
  KAFKA_BROKERS: '127.0.0.1:9',
  KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
  KAFKA_SASL_MECHANISM: 'PLAIN',
  KAFKA_SASL_USERNAME: 'quickstart-user',
  KAFKA_SASL_PASSWORD: CANARY.kafka,
};
/** A complete Snowflake configuration too, so its password is present in every Kafka case. */
const SNOWFLAKE_ENV: Record<string, string> = { SNOWFLAKE_ACCOUNT: 'corpus-account', SNOWFLAKE_USER: 'corpus_user', SNOWFLAKE_PASSWORD: CANARY.snowflake };
const BASE_ENV = { ...KAFKA_ENV, ...SNOWFLAKE_ENV };

const dotenvOf = (vars: Record<string, string>) =>
  Object.entries(vars)
    .map(([k, v]) => `${k}=${/[\s#"'`\\]/.test(v) ? JSON.stringify(v) : v}`)
    .join('\n') + '\n';

const rpkYaml = (kafkaApi: string, extra = '') =>
  `current_profile: quickstart-kafka\n${extra}profiles:\n  - name: quickstart-kafka\n    kafka_api:\n${kafkaApi}`;
const RPK_SASL = `      sasl:\n        user: quickstart-user\n        password: ${CANARY.kafka}\n        mechanism: PLAIN\n`;
const RPK_PATH = 'home/.config/rpk/rpk.yaml';

/** Where the state file is: under sandbox/ when nothing is configured (the sandbox keeps its own). */
const SANDBOX_STATE = 'cwd/.openflow-quickstart/sandbox/default.json';
const REAL_STATE = 'cwd/.openflow-quickstart/default.json';
const cases: Case[] = [];
const add = (c: Case) => cases.push(c);

// ---------------------------------------------------------------- topics, everywhere a topic is accepted
const BAD_TOPICS: Array<[string, string]> = [
  ['dot', '.'],
  ['dotdot', '..'],
  ['space', 'a b'],
  ['slash', 'logs/app'],
  ['newline injection', 'x\nDROP DATABASE PWNED; --'],
  ['crlf injection', 'x\r\nDROP DATABASE PWNED; --'],
  ['quote', "app'logs"],
  ['double quote', 'app"logs'],
  ['semicolon', 'a;DROP TABLE T'],
  ['comment', 'a--b c'],
  ['block comment', 'a/*b*/'],
  ['dollar body', 'a$$b'],
  ['backslash', 'a\\b'],
  ['tab', 'a\tb'],
  ['unicode letter', 'journal-ä'],
  ['emoji', 'logs-🙂'],
  ['line separator', 'a\u2028b'],
  ['comma', 'a,b'],
  ['colon', 'a:b'],
  ['shell', '$(id)'],
  ['backtick', '`id`'],
  ['star', 'logs*'],
  ['250 chars', 'a'.repeat(250)],
  ['bell', 'a\u0007b'],
];
const topicSays = /topic name .*(not allowed by Kafka|characters Kafka does not allow|at most 249)/;
for (const [label, topic] of BAD_TOPICS) {
  // Every command takes --topic the same way; three of them per name, the others in turn.
  const others = [['sql', 'cleanup'], ['sql', 'verify'], ['sql', 'analytics'], ['test-connection'], ['logs', '--count', '5']];
  for (const args of [['sql', 'setup'], ['run', '--sandbox', '--yes'], others[cases.length % others.length]!]) {
    add({ name: `--topic ${label} (${args.join(' ')})`, surface: 'flag', args: [...args, '--topic', topic], env: BASE_ENV, code: 2, says: new RegExp(`--topic \\(flag\\): ${topicSays.source}`) });
  }
  add({ name: `KAFKA_TOPIC ${label}`, surface: 'environment', args: ['status'], env: { ...BASE_ENV, KAFKA_TOPIC: topic }, code: 2, says: new RegExp(`KAFKA_TOPIC \\(environment\\): ${topicSays.source}`) });
  if (!/[\r\n]/.test(topic)) {
    add({ name: `.env KAFKA_TOPIC ${label}`, surface: '.env', args: ['status'], env: SNOWFLAKE_ENV, files: { 'cwd/.env': dotenvOf({ ...KAFKA_ENV, KAFKA_TOPIC: topic }) }, code: 2, says: new RegExp(`\\.env \\(.*line \\d+\\): ${topicSays.source}`) });
  }
  for (const command of [['setup', 'cleanup', 'verify'][cases.length % 3]!]) {
    add({
      name: `state file topic ${label} (sql ${command})`,
      surface: 'state file',
      args: ['sql', command],
      files: { [SANDBOX_STATE]: stateWith({ 'create-topic': { status: 'done', outputs: { topic, partitions: 3, replicationFactor: 3, created: true } } }) },
      code: 2,
      says: /state file .*default\.json is not valid \(create-topic: recorded topic: topic name/,
      writes: [/^cwd\/\.openflow-quickstart\/sandbox\/default\.json\..*\.bak$/],
    });
  }
}

// ---------------------------------------------------------------- broker lists
const BAD_BROKERS: Array<[string, string, RegExp]> = [
  ['no port', 'broker.example.com', /has no port/],
  ['empty port', 'broker.example.com:', /has no port/],
  ['no host', ':9092', /has no host/],
  ['port 0', 'h:0', /out of range/],
  ['port 65536', 'h:65536', /out of range/],
  ['port word', 'h:x', /is not a number/],
  ['scheme', 'http://h:9092', /starts with "http:\/\/"/],
  ['whitespace', 'h 1:9092', /whitespace/],
  ['open bracket', '[::1:9092', /without a closing/],
  ['bad ipv6', '[zz::1]:9092', /not a valid IPv6/],
  ['unbracketed ipv6', '::1:9092', /looks like an IPv6/],
  ['double dot', 'a..b:9092', /empty label/],
  ['leading dash', '-a:9092', /starts or ends with "-"/],
  ['quote', "h'x:9092", /characters a host name cannot have/],
  ['injection', "h');DROP DATABASE X;--:9092", /contains whitespace/],
  ['injection without spaces', "h');DROP/**/DATABASE/**/X;--:9092", /characters a host name cannot have/],
  ['bad ipv4', '1.2.3.999:9092', /not a valid IPv4/],
  ['long label', `${'a'.repeat(64)}.com:9092`, /longer than 63/],
  ['only commas', ',,', /empty/],
];
for (const [label, value, says] of BAD_BROKERS) {
  add({ name: `--brokers ${label}`, surface: 'flag', args: ['status', '--brokers', value], env: BASE_ENV, code: 2, says: new RegExp(`--brokers \\(flag\\): .*${says.source}`) });
  for (const name of ['KAFKA_BROKERS', 'KAFKA_BOOTSTRAP_SERVERS']) {
    const env = { ...BASE_ENV, [name]: value };
    if (name === 'KAFKA_BOOTSTRAP_SERVERS') delete (env as Record<string, string>).KAFKA_BROKERS;
    add({ name: `${name} ${label}`, surface: 'environment', args: ['status'], env, code: 2, says: new RegExp(`${name} \\(environment\\): .*${says.source}`) });
  }
  add({ name: `.env KAFKA_BROKERS ${label}`, surface: '.env', args: ['status'], env: SNOWFLAKE_ENV, files: { 'cwd/.env': dotenvOf({ ...KAFKA_ENV, KAFKA_BROKERS: value }) }, code: 2, says: new RegExp(`\\.env \\(.*line 1\\): .*${says.source}`) });
  if (value !== ',,') {
    add({ name: `rpk brokers ${label}`, surface: 'rpk profile', args: ['status'], env: SNOWFLAKE_ENV, files: { [RPK_PATH]: rpkYaml(`      brokers:\n        - ${JSON.stringify(value)}\n${RPK_SASL}`) }, code: 2, says: new RegExp(`rpk profile quickstart-kafka \\(.*\\): .*${says.source}`) });
  }
  add({
    name: `state file broker ${label} (sql setup)`,
    surface: 'state file',
    args: ['sql', 'setup'],
    files: { [SANDBOX_STATE]: stateWith({ 'extract-brokers': { status: 'done', outputs: { brokers: [], bootstrap: [], valueList: ['ok.example.com:9092', value], wildcard: null } } }) },
    code: 2,
    says: /state file .*is not valid \(extract-brokers: recorded broker/,
    writes: [/\.bak$/],
  });
}
for (const [label, valueList] of [['not a list', '"b:9092"'], ['empty list', '[]'], ['numbers', '[9092]'], ['null entry', '[null]'], ['object', '{"a":1}'], ['comma inside', '["a:1,b:2"]']] as const) {
  for (const command of ['setup']) {
    add({
      name: `state file broker list ${label} (sql ${command})`,
      surface: 'state file',
      args: ['sql', command],
      files: { [SANDBOX_STATE]: `{"schemaVersion":1,"profile":"default","configFingerprint":"","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","steps":{"extract-brokers":{"status":"done","outputs":{"valueList":${valueList}}}}}` },
      code: 2,
      says: /state file .*is not valid \(extract-brokers: (the )?recorded broker/,
      writes: [/\.bak$/],
    });
  }
}

// ---------------------------------------------------------------- other Kafka settings
const BAD_SETTINGS: Array<[string, string, RegExp]> = [
  ['KAFKA_SECURITY_PROTOCOL', 'TLS', /security protocol "TLS" is not one of/],
  ['KAFKA_SECURITY_PROTOCOL', 'sasl ssl', /security protocol .* is not one of/],
  ['KAFKA_SECURITY_PROTOCOL', 'SASL_SSL; rm -rf /', /security protocol .* is not one of/],
  ['KAFKA_SASL_MECHANISM', 'GSSAPI', /mechanism/],
  ['KAFKA_SASL_MECHANISM', 'OAUTHBEARER', /mechanism/],
  ['KAFKA_SASL_MECHANISM', 'SCRAM-SHA-1', /mechanism/],
  ['KAFKA_SSL_CA_FILE', '/nonexistent/ca.pem', /CA file .* does not exist/],
  ['KAFKA_SSL_CA_LOCATION', '/nonexistent/ca.pem', /CA file .* does not exist/],
  ['KAFKA_SSL_CA_FILE', '/etc', /CA file/],
];
for (const [name, value, says] of BAD_SETTINGS) {
  const env = { ...BASE_ENV, KAFKA_SECURITY_PROTOCOL: name.startsWith('KAFKA_SSL') ? 'SASL_SSL' : BASE_ENV.KAFKA_SECURITY_PROTOCOL, [name]: value };
  add({ name: `${name}=${value}`, surface: 'environment', args: ['status'], env, code: 2, says: new RegExp(`${name} \\(environment\\): .*${says.source}`) });
  const kafka = { ...KAFKA_ENV, KAFKA_SECURITY_PROTOCOL: env.KAFKA_SECURITY_PROTOCOL, [name]: value };
  add({ name: `.env ${name}=${value}`, surface: '.env', args: ['status'], env: SNOWFLAKE_ENV, files: { 'cwd/.env': dotenvOf(kafka) }, code: 2, says: new RegExp(`\\.env \\(.*line \\d+\\): .*${says.source}`) });
}
for (const [flag, value] of [['--ca-file', '/nonexistent/ca.pem'], ['--ca-file', '/etc']] as const) {
  add({ name: `${flag} ${value}`, surface: 'flag', args: ['status', '--security-protocol', 'SASL_SSL', flag, value], env: BASE_ENV, code: 2, says: new RegExp(`${flag} \\(flag\\): CA file`) });
}
add({ name: 'aliases differ', surface: 'environment', args: ['status'], env: { ...BASE_ENV, KAFKA_BOOTSTRAP_SERVERS: 'other.example.com:9092' }, code: 2, says: /KAFKA_BROKERS \(environment\): .*keep one/ });
add({ name: 'SASL without protocol', surface: 'environment', args: ['status'], env: { ...SNOWFLAKE_ENV, KAFKA_BROKERS: 'h:9092', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: CANARY.kafka }, code: 2, says: /SASL settings were given .* but no security protocol/ });
add({ name: 'SASL_SSL without password (headless)', surface: 'environment', args: ['status', '--yes'], env: { ...SNOWFLAKE_ENV, KAFKA_BROKERS: 'h:9092', KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'PLAIN', KAFKA_SASL_USERNAME: 'u' }, code: 2, says: /needs a SASL password/ });
add({ name: 'SASL_SSL without username (headless)', surface: 'environment', args: ['status', '--yes'], env: { ...SNOWFLAKE_ENV, KAFKA_BROKERS: 'h:9092', KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'PLAIN', KAFKA_SASL_PASSWORD: CANARY.kafka }, code: 2, says: /needs a SASL username/ });
add({ name: 'Snowflake without Kafka', surface: 'environment', args: ['status'], env: SNOWFLAKE_ENV, code: 2, says: /Snowflake connection is configured, but no Kafka cluster/ });

// ---------------------------------------------------------------- flags
const EMPTY_FLAGS = ['--brokers', '--topic', '--profile', '--state-dir', '--seed', '--sasl-username', '--ca-file', '--rpk-profile', '--connection'];
for (const flag of EMPTY_FLAGS) {
  for (const value of ['', ' ']) {
    for (const command of [value === '' ? 'status' : 'sql setup']) {
      add({ name: `${flag} ${JSON.stringify(value)} (${command})`, surface: 'flag', args: [...command.split(' '), flag, value], env: BASE_ENV, code: 2, says: new RegExp(`${flag} \\(flag\\) is empty`) });
    }
  }
}
for (const profile of ['a/b', '../x', '.hidden', '-x', 'a b', 'x\ny', 'p'.repeat(65), 'ä', 'b.json']) {
  add({ name: `--profile ${JSON.stringify(profile)}`, surface: 'flag', args: ['status', '--profile', profile], env: BASE_ENV, code: 2, says: /--profile: profile .* must be 1-64 letters/ });
}
for (const seed of ['-1', 'x', '1.5', '1e3', '99999999999999999999', '0x10']) {
  add({ name: `--seed ${seed}`, surface: 'flag', args: ['status', '--seed', seed], env: BASE_ENV, code: 2, says: /--seed \(flag\): seed (must be a whole number|is too large)/ });
}
for (const count of ['0', '-5', 'x', '1.5', '10000001', '']) {
  add({ name: `logs --count ${JSON.stringify(count)}`, surface: 'flag', args: ['logs', '--count', count, '--output', 'out.jsonl'], env: BASE_ENV, code: 2, says: /--count \(flag\): --count must be/ });
}
for (const rate of ['0', '-1', 'x', '2000000']) {
  add({ name: `logs --rate ${rate}`, surface: 'flag', args: ['logs', '--count', '5', '--rate', rate], env: BASE_ENV, code: 2, says: /--rate/ });
}
for (const [label, output, says] of [
  ['missing folder', '/nonexistent/x.jsonl', /--output: cannot open \/nonexistent\/x\.jsonl: no such file or folder/],
  ['a folder', '.', /--output: cannot open .*: it is a folder, not a file/],
  ['under a file', 'file.txt/x.jsonl', /--output: cannot open .*file\.txt\/x\.jsonl: a part of the path is a file/],
] as const) {
  add({ name: `logs --output ${label}`, surface: 'flag', args: ['logs', '--count', '5', '--output', output], files: { 'cwd/file.txt': 'x\n' }, code: 2, says });
}
add({ name: 'logs --output with --continuous', surface: 'flag', args: ['logs', '--count', '5', '--output', 'x.jsonl', '--continuous'], code: 2, says: /--continuous goes to Kafka/ });
for (const args of [['--bogus'], ['status', '--bogus'], ['reset', 'nope'], ['run', '--from', 'nope'], ['run', '--only', 'nope'], ['sql'], ['sql', 'nope'], ['sql', '../setup'], ['query'], ['logs'], ['status', '--security-protocol', 'TLS'], ['status', '--sasl-mechanism', 'GSSAPI'], ['nope-command'], ['reset', '--yes', 'a', 'b']]) {
  add({ name: `usage: ${args.join(' ')}`, surface: 'flag', args, env: BASE_ENV, code: 2, says: /unknown|invalid|missing required|no script named|too many arguments|Allowed choices|error: / });
}
add({ name: 'reset without --yes and without a terminal', surface: 'flag', args: ['reset'], files: { [SANDBOX_STATE]: stateWith({}) }, code: 2, says: /reset would forget all recorded state/ });

// ---------------------------------------------------------------- state folder and state files
add({ name: '--state-dir is a file', surface: 'file system', args: ['status', '--state-dir', 'file.txt'], files: { 'cwd/file.txt': 'x\n' }, env: BASE_ENV, code: 2, says: /--state-dir: .*file\.txt is a file, not a folder/ });
add({ name: '--state-dir under a file', surface: 'file system', args: ['run', '--sandbox', '--yes', '--state-dir', 'file.txt/sub'], files: { 'cwd/file.txt': 'x\n' }, code: 2, says: /--state-dir: .*file\.txt is a file/ });
add({ name: '--state-dir in /proc/1', surface: 'file system', args: ['run', '--sandbox', '--yes', '--state-dir', '/proc/1/nope'], code: 2, says: /--state-dir: \/proc\/1 cannot be written to|cannot create the folder \/proc\/1/ });
add({ name: '--state-dir in /proc', surface: 'file system', args: ['run', '--sandbox', '--yes', '--state-dir', '/proc/oqs-nope'], code: 2, says: /cannot create the folder \/proc\/oqs-nope|--state-dir: \/proc cannot be written to/ });
add({ name: '--state-dir read-only folder (sandbox walk)', surface: 'file system', args: ['run', '--sandbox', '--yes', '--state-dir', 'ro'], files: { 'cwd/ro': { dir: true } }, code: 2, says: /--state-dir: .*ro cannot be written to \(permission denied\)/, unprivileged: true });
add({ name: '--state-dir read-only parent (walk)', surface: 'file system', args: ['run', '--yes', '--state-dir', 'ro/state'], env: BASE_ENV, files: { 'cwd/ro': { dir: true } }, code: 2, says: /--state-dir: .*ro cannot be written to/, unprivileged: true });
for (const [label, text, says] of [
  ['not JSON', '{"schemaVersion":1,', /not JSON/],
  ['a list', '[]', /not a JSON object/],
  ['no schemaVersion', '{"profile":"default","steps":{}}', /no schemaVersion/],
  ['steps a list', '{"schemaVersion":1,"profile":"default","steps":[]}', /no steps object/],
  ['no profile', '{"schemaVersion":1,"steps":{}}', /no profile/],
  ['step a string', '{"schemaVersion":1,"profile":"default","steps":{"create-topic":"done"}}', /step create-topic is not an object/],
  ['bad status', '{"schemaVersion":1,"profile":"default","steps":{"create-topic":{"status":"weird"}}}', /no valid status/],
  ['outputs a string', '{"schemaVersion":1,"profile":"default","steps":{"create-topic":{"status":"done","outputs":"x"}}}', /outputs is not an object/],
  ['topic a number', '{"schemaVersion":1,"profile":"default","steps":{"create-topic":{"status":"done","outputs":{"topic":7}}}}', /topic is not a string/],
  ['binary', Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]), /not JSON/],
  ['newer schema', '{"schemaVersion":99,"profile":"default","steps":{}}', /newer version/],
] as const) {
  // (`reset --yes` of everything starts over from such a file: test/cli/corrupt-state.test.ts.)
  for (const args of [['status'], ['sql', 'setup'], ['reset', 'setup-sql', '--yes']]) {
    add({
      name: `state file ${label} (${args.join(' ')})`,
      surface: 'state file',
      args,
      env: args[0] === 'status' ? BASE_ENV : undefined,
      files: { [args[0] === 'status' ? REAL_STATE : SANDBOX_STATE]: text },
      code: 2,
      says,
      writes: [/^cwd\/\.openflow-quickstart\/(sandbox\/)?default\.json\..*\.bak$/],
    });
  }
}
add({ name: 'state file is a folder', surface: 'state file', args: ['sql', 'setup'], files: { [SANDBOX_STATE]: { dir: true } }, code: 2, says: /cannot read state file .*default\.json/ });

// ---------------------------------------------------------------- .env files
add({ name: '.env is a named pipe', surface: '.env', args: ['status'], env: SNOWFLAKE_ENV, files: { 'cwd/.env': { fifo: true } }, code: 2, says: /\.env \(.*\): cannot be read: it is a named pipe/ });
add({ name: '.env is a folder', surface: '.env', args: ['status'], env: SNOWFLAKE_ENV, files: { 'cwd/.env': { dir: true } }, code: 2, says: /\.env \(.*\): cannot be read: it is a directory/ });
add({ name: '.env has NUL bytes', surface: '.env', args: ['status'], env: SNOWFLAKE_ENV, files: { 'cwd/.env': Buffer.from(`KAFKA_BROKERS=h:9092\n\0\0KAFKA_SASL_PASSWORD=${CANARY.kafka}\n`) }, code: 2, says: /\.env \(.*\): cannot be read: it is not a text file/ });
add({ name: '.env is not UTF-8', surface: '.env', args: ['status'], env: SNOWFLAKE_ENV, files: { 'cwd/.env': Buffer.concat([Buffer.from(`KAFKA_SASL_PASSWORD=${CANARY.kafka}\nKAFKA_TOPIC=a`), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]) }, code: 2, says: /\.env \(.*\): cannot be read: it is not valid UTF-8/ });
add({ name: '.env unclosed quote', surface: '.env', args: ['status'], env: SNOWFLAKE_ENV, files: { 'cwd/.env': `KAFKA_BROKERS=h:9092\nKAFKA_SASL_PASSWORD=${CANARY.kafka}\nKAFKA_TOPIC="app-logs\n` }, code: 2, says: /KAFKA_TOPIC opens a quote/ });
add({ name: '.env line that is not an assignment', surface: '.env', args: ['status'], env: SNOWFLAKE_ENV, files: { 'cwd/.env': `KAFKA_BROKERS h:9092\nKAFKA_SASL_PASSWORD=${CANARY.kafka}\n` }, code: 2, says: /\.env \(.*line 1\): this line names KAFKA_BROKERS but is not an assignment/ });
add({ name: '.env aliases differ', surface: '.env', args: ['status'], env: SNOWFLAKE_ENV, files: { 'cwd/.env': dotenvOf({ ...KAFKA_ENV, KAFKA_BOOTSTRAP_SERVERS: 'other:9092' }) }, code: 2, says: /keep one/ });
add({ name: '.env unreadable', surface: '.env', args: ['status'], env: SNOWFLAKE_ENV, files: { 'cwd/.env': { text: dotenvOf(KAFKA_ENV), mode: 0o000 } }, code: 2, says: /\.env \(.*\): cannot be read: permission denied/, unprivileged: true });

// ---------------------------------------------------------------- rpk profiles
const RPK_CASES: Array<[string, string | Buffer | { fifo: true } | { dir: true }, RegExp, string[]?]> = [
  ['invalid YAML', 'current_profile: [\n', /rpk\.yaml \(.*\): is not valid YAML/],
  ['a list', '- a\n- b\n', /should be a YAML mapping/],
  ['profiles a mapping', 'current_profile: q\nprofiles: {}\n', /profiles should be a list/],
  ['current_profile a list', 'current_profile: [q]\nprofiles: []\n', /current_profile should be a profile name, found a list/],
  ['current_profile a mapping', 'current_profile: {a: 1}\nprofiles: []\n', /current_profile should be a profile name, found a mapping/],
  ['current_profile a number', 'current_profile: 7\nprofiles: []\n', /current_profile should be a profile name, found a number/],
  ['current profile missing', 'current_profile: nope\nprofiles:\n  - name: other\n', /rpk profile "nope" is not in/],
  ['kafka_api binary', rpkYaml('').replace('kafka_api:\n', 'kafka_api: !!binary aGVsbG8=\n'), /kafka_api should be a mapping, found binary data/],
  ['kafka_api a string', rpkYaml('').replace('kafka_api:\n', 'kafka_api: brokers\n'), /kafka_api should be a mapping, found a string/],
  ['kafka_api a list', rpkYaml('').replace('kafka_api:\n', 'kafka_api: [a]\n'), /kafka_api should be a mapping, found a list/],
  ['brokers a number', rpkYaml(`      brokers: 9092\n${RPK_SASL}`), /kafka_api\.brokers should be a list/],
  ['brokers mixed list', rpkYaml(`      brokers: [h:1, 2]\n${RPK_SASL}`), /kafka_api\.brokers should be a list of host:port strings/],
  ['brokers a mapping', rpkYaml(`      brokers: {a: b}\n${RPK_SASL}`), /kafka_api\.brokers should be a list/],
  ['tls a string', rpkYaml(`      brokers: [h:9092]\n      tls: yes-please\n${RPK_SASL}`), /kafka_api\.tls should be a mapping/],
  ['sasl a list', rpkYaml(`      brokers: [h:9092]\n      sasl: [a]\n`), /kafka_api\.sasl should be a mapping/],
  ['sasl binary', rpkYaml(`      brokers: [h:9092]\n      sasl: !!binary aGVsbG8=\n`), /kafka_api\.sasl should be a mapping, found binary data/],
  ['bad mechanism', rpkYaml(`      brokers: [h:9092]\n      sasl:\n        user: u\n        password: ${CANARY.kafka}\n        mechanism: GSSAPI\n`), /mechanism/],
  ['missing CA file', rpkYaml(`      brokers: [h:9092]\n      tls:\n        ca_file: /nonexistent/ca.pem\n${RPK_SASL}`), /CA file .* does not exist/],
  ['a named pipe', { fifo: true }, /rpk\.yaml \(.*\): cannot be read: it is a named pipe/],
  ['a folder', { dir: true }, /rpk\.yaml \(.*\): cannot be read: it is a directory/],
  ['NUL bytes', Buffer.from(`current_profile: q\n\0password: ${CANARY.kafka}\n`), /rpk\.yaml \(.*\): cannot be read: it is not a text file/],
  ['asked-for profile missing (flag)', rpkYaml(`      brokers: [h:9092]\n${RPK_SASL}`), /--rpk-profile \(flag\): rpk profile "other" is not in/, ['--rpk-profile', 'other']],
  ['password in a YAML error', `current_profile: q\nprofiles:\n  - name: q\n    kafka_api:\n      sasl:\n        password: "${CANARY.kafka}\n`, /is not valid YAML/],
];
for (const [label, file, says, extra] of RPK_CASES) {
  for (const command of ['status']) {
    add({ name: `rpk.yaml ${label} (${command})`, surface: 'rpk profile', args: [command, ...(extra ?? [])], env: SNOWFLAKE_ENV, files: { [RPK_PATH]: file }, code: 2, says });
  }
}
add({ name: 'RPK_PROFILE names a missing profile', surface: 'rpk profile', args: ['status'], env: { ...SNOWFLAKE_ENV, RPK_PROFILE: 'ghost' }, files: { [RPK_PATH]: rpkYaml(`      brokers: [h:9092]\n${RPK_SASL}`) }, code: 2, says: /RPK_PROFILE \(environment\): rpk profile "ghost" is not in/ });
add({ name: '--rpk-profile without rpk.yaml', surface: 'rpk profile', args: ['status', '--rpk-profile', 'ghost'], env: SNOWFLAKE_ENV, code: 2, says: /--rpk-profile \(flag\): rpk profile "ghost" was asked for, but there is no rpk\.yaml/ });

// ---------------------------------------------------------------- Snowflake: connections.toml, config.toml, SNOWFLAKE_*
const toml = (body: string) => ({ 'snowflake/connections.toml': body });
const SNOWFLAKE_CASES: Array<[string, Record<string, FileSpec>, Record<string, string>, RegExp]> = [
  ['invalid TOML', toml(`[default\naccount = "a"\npassword = "${CANARY.snowflake}"\n`), {}, /connections\.toml is not valid TOML/],
  ['default_connection_name names nothing', toml(`default_connection_name = "nope"\n[dev]\naccount = "a"\nuser = "u"\npassword = "${CANARY.snowflake}"\n`), {}, /Snowflake connection 'nope' is not defined .*named by default_connection_name/],
  ['config.toml default_connection_name names nothing', { 'snowflake/config.toml': 'default_connection_name = "ghost"\n', ...toml(`[dev]\naccount = "a"\nuser = "u"\npassword = "${CANARY.snowflake}"\n`) }, {}, /Snowflake connection 'ghost' is not defined .*named by default_connection_name in .*config\.toml/],
  ['SNOWFLAKE_DEFAULT_CONNECTION_NAME names nothing', toml(`[dev]\naccount = "a"\nuser = "u"\npassword = "${CANARY.snowflake}"\n`), { SNOWFLAKE_DEFAULT_CONNECTION_NAME: 'ghost' }, /Snowflake connection 'ghost' is not defined .*SNOWFLAKE_DEFAULT_CONNECTION_NAME \(environment\)/],
  ['unsupported authenticator', toml(`[default]\naccount = "a"\nuser = "u"\nauthenticator = "externalbrowser"\npassword = "${CANARY.snowflake}"\n`), {}, /authenticator 'externalbrowser' is not supported/],
  ['no user', toml(`[default]\naccount = "a"\npassword = "${CANARY.snowflake}"\n`), {}, /Snowflake user not set/],
  ['no account', toml(`[default]\nuser = "u"\npassword = "${CANARY.snowflake}"\n`), {}, /Snowflake account not set/],
  ['token_file_path missing', toml('[default]\naccount = "a"\nuser = "u"\ntoken_file_path = "/nonexistent/token"\n'), {}, /token_file_path \(connections\.toml \[default\]\): \/nonexistent\/token does not exist/],
  ['token_file_path a folder', toml('[default]\naccount = "a"\nuser = "u"\ntoken_file_path = "/etc"\n'), {}, /token_file_path .*: \/etc cannot be read: it is a directory/],
  ['token_file_path empty', { ...toml('[default]\naccount = "a"\nuser = "u"\ntoken_file_path = "TOKEN"\n'), 'snowflake/token': '' }, {}, /token_file_path .* is empty/],
  ['token_file_path a pipe', { ...toml('[default]\naccount = "a"\nuser = "u"\ntoken_file_path = "TOKEN"\n'), 'snowflake/token': { fifo: true } }, {}, /token_file_path .*cannot be read: it is a named pipe/],
  ['private_key_file missing', toml('[default]\naccount = "a"\nuser = "u"\nprivate_key_file = "/nonexistent/key.p8"\n'), {}, /private key file not found: \/nonexistent\/key\.p8/],
  ['private_key_file a folder', toml('[default]\naccount = "a"\nuser = "u"\nprivate_key_file = "/etc"\n'), {}, /private_key_file .*: \/etc cannot be read: it is a directory/],
  ['private_key_file garbage', { ...toml('[default]\naccount = "a"\nuser = "u"\nprivate_key_file = "KEY"\n'), 'snowflake/key.p8': 'not a key at all\n' }, { SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: CANARY.passphrase }, /is not a PEM private key/],
  ['private_key_file binary', { ...toml('[default]\naccount = "a"\nuser = "u"\nprivate_key_file = "KEY"\n'), 'snowflake/key.p8': Buffer.from([0x30, 0x82, 0x00, 0x01, 0xff]) }, {}, /private_key_file .*cannot be read: it is not a text file/],
  ['port not a number', toml(`[default]\naccount = "a"\nuser = "u"\npassword = "${CANARY.snowflake}"\nhost = "localhost"\nport = "http"\n`), {}, /port \(connections\.toml \[default\]\): "http" is not a port number/],
  ['port out of range', toml(`[default]\naccount = "a"\nuser = "u"\npassword = "${CANARY.snowflake}"\nhost = "localhost"\nport = 70000\n`), {}, /is not a port number/],
  ['protocol ftp', toml(`[default]\naccount = "a"\nuser = "u"\npassword = "${CANARY.snowflake}"\nhost = "localhost"\nprotocol = "ftp"\n`), {}, /protocol \(connections\.toml \[default\]\): "ftp" is not http or https/],
  ['connections.toml a folder', { 'snowflake/connections.toml': { dir: true } }, {}, /connections\.toml cannot be read: it is a directory/],
  ['connections.toml a pipe', { 'snowflake/connections.toml': { fifo: true } }, {}, /connections\.toml cannot be read: it is a named pipe/],
  ['connections.toml NUL bytes', { 'snowflake/connections.toml': Buffer.from(`[default]\npassword = "${CANARY.snowflake}"\0\n`) }, {}, /connections\.toml cannot be read: it is not a text file/],
  ['SNOWFLAKE_PORT bad', {}, { SNOWFLAKE_ACCOUNT: 'a', SNOWFLAKE_USER: 'u', SNOWFLAKE_PASSWORD: CANARY.snowflake, SNOWFLAKE_HOST: 'localhost', SNOWFLAKE_PORT: '0' }, /port \(SNOWFLAKE_PORT \(environment\)\): "0" is not a port number/],
  ['SNOWFLAKE_AUTHENTICATOR okta', {}, { SNOWFLAKE_ACCOUNT: 'a', SNOWFLAKE_USER: 'u', SNOWFLAKE_PASSWORD: CANARY.snowflake, SNOWFLAKE_AUTHENTICATOR: 'https://x.okta.com' }, /authenticator .* is not supported/],
  ['password missing (headless)', {}, { SNOWFLAKE_ACCOUNT: 'a', SNOWFLAKE_USER: 'u' }, /Snowflake password not set/],
];
for (const [label, files, env, says] of SNOWFLAKE_CASES) {
  for (const command of [['status'], ['query', 'SELECT 1']]) {
    add({ name: `snowflake ${label} (${command[0]})`, surface: 'connections.toml', args: command, env: { ...KAFKA_ENV, ...env }, files, code: 2, says });
  }
}
add({ name: '--connection names nothing', surface: 'connections.toml', args: ['status', '--connection', 'ghost'], env: KAFKA_ENV, files: toml(`[dev]\naccount = "a"\nuser = "u"\npassword = "${CANARY.snowflake}"\n`), code: 2, says: /Snowflake connection 'ghost' is not defined .*named by --connection.*defined: dev/ });
// Against the Snowflake emulator (host/port/protocol as connections.toml allows): the login itself
// fails. Loading snowflake-sdk takes seconds, so one command each (the walk, status and query
// share the connect path).
for (const command of [['status']]) {
  add({ name: `wrong Snowflake password (${command[0]})`, surface: 'connections.toml', args: command, env: { ...KAFKA_ENV, SNOWFLAKE_USER: 'CORPUS_USER', SNOWFLAKE_PASSWORD: CANARY.snowflake }, emulator: true, code: 2, says: /Snowflake login failed for user CORPUS_USER: incorrect username or password/ });
  add({ name: `wrong Snowflake user (${command[0]})`, surface: 'connections.toml', args: command, env: { ...KAFKA_ENV, SNOWFLAKE_USER: 'NOBODY_HERE', SNOWFLAKE_PASSWORD: CANARY.snowflake }, emulator: true, code: 2, says: /Snowflake login failed for user NOBODY_HERE/ });
  add({ name: `Snowflake account that is not a host name (${command[0]})`, surface: 'connections.toml', args: command, env: { ...KAFKA_ENV, SNOWFLAKE_ACCOUNT: 'bad account/x', SNOWFLAKE_USER: 'u', SNOWFLAKE_PASSWORD: CANARY.snowflake }, code: 2, says: /account \(SNOWFLAKE_ACCOUNT \(environment\)\): "bad account\/x" is not an account identifier/ });
}

// ---------------------------------------------------------------- query text (checked before anything connects)
const BAD_SQL: Array<[string, string, RegExp]> = [
  ['unterminated string', "SELECT 'abc", /the SQL given has an unterminated string starting on line 1/],
  ['unterminated string line 3', "SELECT 1;\n\nSELECT 'x", /unterminated string starting on line 3/],
  ['unterminated identifier', 'SELECT "abc', /unterminated quoted identifier/],
  ['unterminated comment', 'SELECT 1 /* note', /unterminated comment/],
  ['unterminated $$ body', 'SELECT $$abc', /unterminated \$\$ body/],
  ['empty', '', /no SQL statement given/],
  ['only spaces', '   \n\t', /no SQL statement given/],
  ['only semicolons', ';;;', /no SQL statement given/],
  ['only a comment', ' -- nothing', /no SQL statement given/],
  ['only a block comment', '/* nothing */', /no SQL statement given/],
  ['escaped quote left open', "SELECT 'it\\'s", /unterminated string/],
];
for (const [label, sql, says] of BAD_SQL) {
  add({ name: `query ${label} (argument, configured)`, surface: 'query text', args: ['query', sql], env: BASE_ENV, code: 2, says });
  add({ name: `query ${label} (stdin)`, surface: 'query text', args: ['query', '--sandbox', '-'], stdin: sql, code: 2, says: new RegExp(says.source.replace('the SQL given', 'the SQL read from stdin')) });
}
add({ name: 'query stdin not UTF-8', surface: 'query text', args: ['query', '--sandbox', '-'], stdin: Buffer.from([0x53, 0x45, 0x4c, 0xff, 0x31]), code: 2, says: /the SQL read from stdin is not valid UTF-8/ });
add({ name: 'query stdin NUL', surface: 'query text', args: ['query', '--sandbox', '-'], stdin: Buffer.from('SELECT 1\0'), code: 2, says: /the SQL read from stdin contains a NUL character/ });

// ---------------------------------------------------------------- names that end up in rendered SQL
for (const name of ['setup', 'cleanup', 'verify', 'analytics', 'explore-base', 'explore-evolved']) {
  for (const [label, topic] of [['injection', "x'); DROP DATABASE PWNED; --"], ['newline', 'x\nDROP DATABASE PWNED;'], ['quote ident', 'x"; DROP DATABASE PWNED; --']] as const) {
    add({ name: `sql ${name} topic ${label}`, surface: 'sql name', args: ['sql', name, '--topic', topic], code: 2, says: /--topic \(flag\): topic name/ });
  }
  add({ name: `sql ${name} profile injection`, surface: 'sql name', args: ['sql', name, '--profile', 'x"\nDROP DATABASE PWNED; --'], code: 2, says: /--profile: profile/ });
}

function stateWith(steps: Record<string, unknown>): string {
  return JSON.stringify({ schemaVersion: 1, profile: 'default', configFingerprint: '', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', steps }, null, 2);
}

export const CASES: readonly Case[] = cases;
