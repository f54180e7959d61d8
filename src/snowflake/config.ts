// Snowflake connection settings from the Snowflake CLI's files and SNOWFLAKE_* environment
// variables. No snowflake-sdk import here, so this can move to src/config unchanged.
//
// Order (later wins): config.toml [connections.NAME] → connections.toml [NAME] →
// SNOWFLAKE_CONNECTIONS_<NAME>_<KEY> → SNOWFLAKE_<KEY>. Flags and prompts are applied by the caller.

import { readTextFileSync } from '../config/text-file.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { Secret } from '../config/types.js';

export type SnowflakeAuthMethod = 'password' | 'keypair' | 'pat';

export interface SnowflakeConnectionConfig {
  account: string;
  user: string;
  auth: SnowflakeAuthMethod;
  password?: Secret;
  /** Path of a PEM private key (PKCS#8, optionally encrypted). */
  privateKeyFile?: string;
  privateKeyPassphrase?: Secret;
  /** Programmatic access token. */
  token?: Secret;
  role?: string;
  warehouse?: string;
  database?: string;
  schema?: string;
  /** Full URL that overrides the account's host, e.g. http://127.0.0.1:PORT for the sandbox. */
  accessUrl?: string;
  host?: string;
  /** With host, as the Snowflake CLI's connections.toml allows (e.g. a proxy or a local emulator). */
  port?: number;
  protocol?: 'http' | 'https';
  /** Where each setting came from ("connections.toml [dev]", "SNOWFLAKE_USER (environment)"). */
  sources: Record<string, string>;
}

export class SnowflakeConfigError extends Error {}

type Raw = Record<string, string>;

const KEYS: Record<string, string> = {
  account: 'account',
  accountname: 'account',
  user: 'user',
  username: 'user',
  password: 'password',
  authenticator: 'authenticator',
  private_key_file: 'private_key_file',
  private_key_path: 'private_key_file',
  private_key_file_pwd: 'private_key_passphrase',
  private_key_passphrase: 'private_key_passphrase',
  token: 'token',
  token_file_path: 'token_file_path',
  role: 'role',
  warehouse: 'warehouse',
  database: 'database',
  schema: 'schema',
  host: 'host',
  port: 'port',
  protocol: 'protocol',
};

function normalise(table: Record<string, unknown>, source: string, into: Raw, sources: Record<string, string>): void {
  for (const [k, v] of Object.entries(table)) {
    const key = KEYS[k.toLowerCase()];
    if (!key || (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) continue;
    into[key] = String(v);
    sources[key] = source;
  }
}

function readToml(file: string): Record<string, unknown> | undefined {
  const read = readTextFileSync(file);
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'unreadable') throw new SnowflakeConfigError(`${file} cannot be read: ${read.reason}`);
  try {
    return parse(read.text) as Record<string, unknown>;
  } catch (e) {
    throw new SnowflakeConfigError(`${file} is not valid TOML: ${(e as Error).message.split('\n')[0]}`);
  }
}

export interface LoadOptions {
  /** --connection NAME; otherwise the CLI's default connection. */
  connectionName?: string;
  env?: NodeJS.ProcessEnv;
  /** The Snowflake CLI's home (default $SNOWFLAKE_HOME or ~/.snowflake). */
  snowflakeHome?: string;
}

export interface LoadedSnowflakeSettings {
  connectionName: string;
  /** Whether a connection of that name was found in a file. */
  fromFile: boolean;
  /** Settings as found (secrets wrapped); `auth` is decided by toConnectionConfig. */
  raw: Raw;
  sources: Record<string, string>;
}

/** Reads files and environment; throws SnowflakeConfigError for a named connection that is missing. */
export function loadSnowflakeSettings(opts: LoadOptions = {}): LoadedSnowflakeSettings {
  const env = opts.env ?? process.env;
  const home = opts.snowflakeHome ?? env.SNOWFLAKE_HOME ?? join(homedir(), '.snowflake');
  const configFile = join(home, 'config.toml');
  const connectionsFile = join(home, 'connections.toml');
  const config = readToml(configFile);
  const connections = readToml(connectionsFile);

  // Which connection, and who asked for it: a name someone wrote down must exist (only the
  // implicit "default" may be absent, meaning "nothing configured in files").
  const chosen: { name: string; by?: string } = opts.connectionName
    ? { name: opts.connectionName, by: '--connection' }
    : env.SNOWFLAKE_DEFAULT_CONNECTION_NAME
      ? { name: env.SNOWFLAKE_DEFAULT_CONNECTION_NAME, by: 'SNOWFLAKE_DEFAULT_CONNECTION_NAME (environment)' }
      : config?.default_connection_name !== undefined
        ? { name: String(config.default_connection_name), by: `default_connection_name in ${configFile}` }
        : connections?.default_connection_name !== undefined
          ? { name: String(connections.default_connection_name), by: `default_connection_name in ${connectionsFile}` }
          : { name: 'default' };
  const name = chosen.name;

  const raw: Raw = {};
  const sources: Record<string, string> = {};
  let fromFile = false;
  const fromConfig = (config?.connections as Record<string, unknown> | undefined)?.[name];
  if (fromConfig && typeof fromConfig === 'object') {
    normalise(fromConfig as Record<string, unknown>, `config.toml [connections.${name}]`, raw, sources);
    fromFile = true;
  }
  const fromConnections = connections?.[name];
  if (fromConnections && typeof fromConnections === 'object') {
    normalise(fromConnections as Record<string, unknown>, `connections.toml [${name}]`, raw, sources);
    fromFile = true;
  }
  if (chosen.by && !fromFile) {
    const available = [
      ...Object.keys((config?.connections as object | undefined) ?? {}),
      ...Object.entries(connections ?? {})
        .filter(([, v]) => typeof v === 'object')
        .map(([k]) => k),
    ];
    throw new SnowflakeConfigError(
      `Snowflake connection ${JSON.stringify(name).replace(/^"|"$/g, "'")} is not defined in ${connectionsFile} or ${configFile} (named by ${chosen.by})` +
        (available.length ? ` (defined: ${[...new Set(available)].join(', ')})` : ' (no connections defined)'),
    );
  }
  const prefix = `SNOWFLAKE_CONNECTIONS_${name.toUpperCase()}_`;
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && k.startsWith(prefix)) normalise({ [k.slice(prefix.length).toLowerCase()]: v }, `${k} (environment)`, raw, sources);
  }
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || !k.startsWith('SNOWFLAKE_') || k.startsWith('SNOWFLAKE_CONNECTIONS_')) continue;
    normalise({ [k.slice('SNOWFLAKE_'.length).toLowerCase()]: v }, `${k} (environment)`, raw, sources);
  }
  if (env.PRIVATE_KEY_PASSPHRASE && !raw.private_key_passphrase) {
    raw.private_key_passphrase = env.PRIVATE_KEY_PASSPHRASE;
    sources.private_key_passphrase = 'PRIVATE_KEY_PASSPHRASE (environment)';
  }
  return { connectionName: name, fromFile, raw, sources };
}

/** Turns loaded settings (plus overrides from flags) into a complete config, or says what is missing. */
export function toConnectionConfig(settings: LoadedSnowflakeSettings, overrides: Partial<Raw> = {}): SnowflakeConnectionConfig {
  const raw: Raw = { ...settings.raw };
  const sources = { ...settings.sources };
  for (const [k, v] of Object.entries(overrides)) {
    if (v !== undefined) {
      raw[k] = v;
      sources[k] = 'flag';
    }
  }
  const missing = ['account', 'user'].filter((k) => !raw[k]);
  if (missing.length) throw new SnowflakeConfigError(`Snowflake ${missing.join(' and ')} not set (connections.toml, SNOWFLAKE_${missing[0].toUpperCase()} or a flag)`);

  const authenticator = (raw.authenticator ?? '').toUpperCase();
  let auth: SnowflakeAuthMethod;
  if (authenticator === 'SNOWFLAKE_JWT' || (!authenticator && raw.private_key_file)) auth = 'keypair';
  else if (authenticator === 'PROGRAMMATIC_ACCESS_TOKEN' || (!authenticator && (raw.token || raw.token_file_path) && !raw.password)) auth = 'pat';
  else if (authenticator === '' || authenticator === 'SNOWFLAKE') auth = 'password';
  else
    throw new SnowflakeConfigError(
      `Snowflake authenticator '${raw.authenticator}' is not supported here; use password, key pair (SNOWFLAKE_JWT) or a programmatic access token`,
    );

  let token = raw.token;
  if (auth === 'pat' && !token && raw.token_file_path) {
    const read = readTextFileSync(raw.token_file_path);
    const where = `token_file_path (${sources.token_file_path ?? 'settings'})`;
    if (read.kind === 'missing') throw new SnowflakeConfigError(`${where}: ${raw.token_file_path} does not exist`);
    if (read.kind === 'unreadable') throw new SnowflakeConfigError(`${where}: ${raw.token_file_path} cannot be read: ${read.reason}`);
    token = read.text.trim();
    if (!token) throw new SnowflakeConfigError(`${where}: ${raw.token_file_path} is empty`);
  }
  if (auth === 'password' && !raw.password) throw new SnowflakeConfigError('Snowflake password not set (SNOWFLAKE_PASSWORD or connections.toml)');
  if (auth === 'keypair' && !raw.private_key_file) throw new SnowflakeConfigError('Snowflake private key file not set (SNOWFLAKE_PRIVATE_KEY_FILE or private_key_file)');
  if (auth === 'keypair') {
    const where = `private_key_file (${sources.private_key_file ?? 'settings'})`;
    const read = readTextFileSync(raw.private_key_file);
    if (read.kind === 'missing') throw new SnowflakeConfigError(`Snowflake private key file not found: ${raw.private_key_file} (${where})`);
    if (read.kind === 'unreadable') throw new SnowflakeConfigError(`${where}: ${raw.private_key_file} cannot be read: ${read.reason}`);
    if (!/-----BEGIN (ENCRYPTED |RSA )?PRIVATE KEY-----/.test(read.text)) {
      throw new SnowflakeConfigError(`${where}: ${raw.private_key_file} is not a PEM private key (no "-----BEGIN PRIVATE KEY-----" line)`);
    }
  }
  if (auth === 'pat' && !token) throw new SnowflakeConfigError('Snowflake programmatic access token not set (SNOWFLAKE_TOKEN or token_file_path)');

  return {
    account: accountIdentifier(raw.account, sources.account ?? 'settings'),
    user: raw.user,
    auth,
    password: auth === 'password' ? new Secret(raw.password) : undefined,
    privateKeyFile: auth === 'keypair' ? raw.private_key_file : undefined,
    privateKeyPassphrase: auth === 'keypair' && raw.private_key_passphrase ? new Secret(raw.private_key_passphrase) : undefined,
    token: auth === 'pat' ? new Secret(token!) : undefined,
    role: raw.role,
    warehouse: raw.warehouse,
    database: raw.database,
    schema: raw.schema,
    host: raw.host,
    ...portAndProtocol(raw, sources),
    sources,
  };
}

/**
 * The account identifier, also from what a newcomer pastes instead: the account's URL or host
 * ("https://xy12345.eu-west-1.snowflakecomputing.com/" → "xy12345.eu-west-1", as Snowflake's
 * clients build the host back from it) or Snowsight's address ("https://app.snowflake.com/myorg/
 * myaccount/…" → "myorg-myaccount"). Anything else with a scheme or a path is refused clearly: the
 * SDK only says "must be a valid subdomain string".
 */
export function accountIdentifier(value: string, source: string): string {
  const text = value.trim();
  const snowsight = /^(?:https?:\/\/)?app\.snowflake\.com\/([\w-]+)\/([\w-]+)(?:[/?#]|$)/i.exec(text);
  if (snowsight) return `${snowsight[1]}-${snowsight[2]}`;
  const host = /^(?:https?:\/\/)?([\w.-]+?)\.snowflakecomputing\.com(?::\d+)?\/?$/i.exec(text);
  if (host) return host[1]!;
  if (/[/:\s]/.test(text)) {
    throw new SnowflakeConfigError(
      `account (${source}): ${JSON.stringify(value)} is not an account identifier: give orgname-accountname (Snowsight: your name → Account → View account details) or the account's URL`,
    );
  }
  return text;
}

function portAndProtocol(raw: Raw, sources: Record<string, string>): { port?: number; protocol?: 'http' | 'https' } {
  const out: { port?: number; protocol?: 'http' | 'https' } = {};
  if (raw.port !== undefined) {
    const port = /^\d{1,5}$/.test(raw.port) ? Number(raw.port) : NaN;
    if (!(port >= 1 && port <= 65535)) throw new SnowflakeConfigError(`port (${sources.port}): ${JSON.stringify(raw.port)} is not a port number (1-65535)`);
    out.port = port;
  }
  if (raw.protocol !== undefined) {
    const protocol = raw.protocol.toLowerCase();
    if (protocol !== 'http' && protocol !== 'https') throw new SnowflakeConfigError(`protocol (${sources.protocol}): ${JSON.stringify(raw.protocol)} is not http or https`);
    out.protocol = protocol;
  }
  return out;
}
