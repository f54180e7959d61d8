// The rpk profile the tutorial has people create (`rpk profile create quickstart-kafka`, then
// `rpk profile set tls.enabled=true brokers=… sasl.mechanism=PLAIN user=… pass=…`).
// rpk.yaml's shape (rpk's config/rpk_yaml.go): current_profile; profiles[] { name, kafka_api {
// brokers: [host:port], tls: { ca_file, cert_file, key_file, insecure_skip_verify } (present = TLS on),
// sasl: { user, password, mechanism } } }. Older files used tls.truststore_file and sasl.type.

import { isAbsolute, join } from 'node:path';
import { homedir } from 'node:os';
import type { KafkaLayer } from './layer.js';
import { displayPath } from './layer.js';
import type { ConfigProblem } from './problems.js';
import { configError, configWarning } from './problems.js';
import { readTextFile } from './text-file.js';
import { Secret } from './types.js';

/** Where rpk keeps rpk.yaml: $RPK_CONFIG, else the OS user-config directory (as Go's os.UserConfigDir). */
export function defaultRpkConfigPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.RPK_CONFIG) return env.RPK_CONFIG;
  const home = env.HOME || homedir();
  let configDir: string;
  if (platform === 'darwin') configDir = join(home, 'Library', 'Application Support');
  else if (platform === 'win32') configDir = env.APPDATA || join(home, 'AppData', 'Roaming');
  else configDir = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configDir, 'rpk', 'rpk.yaml');
}

export interface RpkProfileRead {
  layer: KafkaLayer;
  problems: ConfigProblem[];
  /** The profile that was read, if any. */
  profileName?: string;
}

/**
 * Read the chosen profile: `selected` (from --rpk-profile or RPK_PROFILE) or else current_profile.
 * A missing rpk.yaml is fine (no layer) unless a profile was asked for by name.
 */
export async function readRpkProfileLayer(opts: {
  path: string;
  env: NodeJS.ProcessEnv;
  selected?: { name: string; source: string };
}): Promise<RpkProfileRead> {
  const shown = displayPath(opts.path, opts.env);
  const fileSource = `rpk.yaml (${shown})`;
  const fail = (source: string, message: string, key = 'rpk.yaml'): RpkProfileRead => ({
    layer: {},
    problems: [configError(key, source, message)],
  });

  const file = await readTextFile(opts.path);
  if (file.kind === 'missing') {
    if (!opts.selected) return { layer: {}, problems: [] };
    return fail(opts.selected.source, `rpk profile "${opts.selected.name}" was asked for, but there is no rpk.yaml at ${shown}`, 'rpkProfile');
  }
  if (file.kind === 'unreadable') return fail(fileSource, `cannot be read: ${file.reason}`);

  // Loaded only when there is a file to parse: importing yaml costs ~60 ms of CPU at every start.
  const { default: YAML } = await import('yaml');
  let document: unknown;
  let literal: unknown;
  try {
    document = YAML.parse(file.text);
    // The same file with every scalar kept as written: rpk reads user and password as strings,
    // so `password: 0123` is "0123", not the number 123.
    literal = YAML.parse(file.text, { schema: 'failsafe' });
  } catch (error) {
    // Only the parser's first line: the rest quotes the file, which may hold the password.
    const firstLine = String((error as Error).message).split('\n')[0].replace(/:$/, '');
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    return fail(line ? `rpk.yaml (${shown} line ${line})` : fileSource, `is not valid YAML: ${firstLine}`);
  }
  if (document === null || document === undefined) return { layer: {}, problems: [] };
  if (!isMapping(document)) return fail(fileSource, `should be a YAML mapping with current_profile and profiles, found ${describe(document)}`);

  const profiles = document.profiles ?? [];
  if (!Array.isArray(profiles)) return fail(fileSource, `profiles should be a list, found ${describe(profiles)}`);
  const currentProfile = document.current_profile;
  if (currentProfile !== undefined && currentProfile !== null && typeof currentProfile !== 'string') {
    return fail(fileSource, `current_profile should be a profile name, found ${describe(currentProfile)}`);
  }
  const wanted = opts.selected ?? (typeof currentProfile === 'string' && currentProfile !== ''
    ? { name: currentProfile, source: `current_profile in ${fileSource}` }
    : undefined);
  if (!wanted) return { layer: {}, problems: [] };

  const index = profiles.findIndex((p) => isMapping(p) && p.name === wanted.name);
  const profile = profiles[index] as Record<string, unknown> | undefined;
  if (!profile) {
    const names = profiles.filter(isMapping).map((p) => String(p.name)).filter((n) => n !== 'undefined');
    const known = names.length > 0 ? `profiles there: ${names.join(', ')}` : 'it has no profiles';
    return fail(wanted.source, `rpk profile "${wanted.name}" is not in ${shown} (${known})`, 'rpkProfile');
  }
  const literalProfile = (literal as { profiles: Record<string, unknown>[] }).profiles[index];
  const result = profileToLayer(profile, literalProfile, `rpk profile ${wanted.name} (${shown})`);
  return { ...result, profileName: wanted.name };
}

function profileToLayer(profile: Record<string, unknown>, literalProfile: Record<string, unknown>, source: string): { layer: KafkaLayer; problems: ConfigProblem[] } {
  const layer: KafkaLayer = {};
  const problems: ConfigProblem[] = [];
  const kafkaApi = profile.kafka_api ?? {};
  if (!isMapping(kafkaApi)) {
    problems.push(configError('rpk.yaml', source, `kafka_api should be a mapping, found ${describe(kafkaApi)}`));
    return { layer, problems };
  }

  const brokers = kafkaApi.brokers;
  if (typeof brokers === 'string' && brokers.trim() !== '') layer.brokers = { value: brokers, source };
  else if (Array.isArray(brokers) && brokers.length > 0) {
    if (brokers.every((b) => typeof b === 'string')) layer.brokers = { value: brokers as string[], source };
    else problems.push(configError('brokers', source, 'kafka_api.brokers should be a list of host:port strings'));
  } else if (brokers !== undefined && brokers !== null && !(Array.isArray(brokers) && brokers.length === 0)) {
    problems.push(configError('brokers', source, `kafka_api.brokers should be a list of host:port, found ${describe(brokers)}`));
  }

  // rpk turns TLS on by the mere presence of the tls mapping (`tls.enabled=true` writes `tls: {}`).
  const tls = kafkaApi.tls;
  const tlsOn = isMapping(tls);
  if (tls !== undefined && tls !== null && !tlsOn) {
    problems.push(configError('securityProtocol', source, `kafka_api.tls should be a mapping, found ${describe(tls)}`));
  }
  if (isMapping(tls)) {
    const ca = tls.ca_file ?? tls.truststore_file;
    if (typeof ca === 'string' && ca.trim() !== '') layer.caFile = { value: ca.trim(), source };
    if (tls.cert_file || tls.key_file) {
      problems.push(configWarning('caFile', source, 'kafka_api.tls has a client certificate (mTLS); this wizard does not use client certificates, so it is ignored'));
    }
    if (tls.insecure_skip_verify === true) {
      problems.push(configWarning('caFile', source, 'kafka_api.tls.insecure_skip_verify is ignored: this wizard always verifies the broker certificate (give the CA with ca_file instead)'));
    }
  }

  const sasl = kafkaApi.sasl;
  let saslOn = false;
  if (sasl !== undefined && sasl !== null && !isMapping(sasl)) {
    problems.push(configError('saslMechanism', source, `kafka_api.sasl should be a mapping, found ${describe(sasl)}`));
  }
  if (isMapping(sasl)) {
    const literalSasl = (literalProfile.kafka_api as Record<string, Record<string, unknown>>).sasl;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const asWritten = (key: 'user' | 'password') => (sasl[key] === null || sasl[key] === undefined ? '' : text(literalSasl[key]));
    const user = asWritten('user').trim();
    const password = asWritten('password');
    const mechanism = text(sasl.mechanism ?? sasl.type).trim();
    if (user) layer.username = { value: user, source };
    if (password) layer.password = { value: new Secret(password), source };
    if (mechanism) layer.saslMechanism = { value: mechanism, source };
    saslOn = Boolean(user || password || mechanism);
  }

  if (tlsOn || saslOn) {
    const protocol = tlsOn ? (saslOn ? 'SASL_SSL' : 'SSL') : 'SASL_PLAINTEXT';
    layer.securityProtocol = { value: protocol, source };
  }
  return { layer, problems };
}

/** A YAML mapping: a plain object (a `!!binary` value is a Uint8Array, a `!!set` a Set: not mappings). */
function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'nothing';
  if (value instanceof Uint8Array) return 'binary data';
  if (value instanceof Date) return 'a date';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}
