import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SnowflakeConfigError, loadSnowflakeSettings, toConnectionConfig } from '../../src/snowflake/config.js';

function home(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sfhome-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('default connection from config.toml, connections.toml wins, SNOWFLAKE_* env overrides', () => {
  const dir = home({
    'config.toml': 'default_connection_name = "dev"\n[connections.dev]\naccount = "acc_from_config"\nuser = "u1"\nrole = "R1"\n',
    'connections.toml': '[dev]\naccount = "acc_from_connections"\npassword = "s3cret"\n',
  });
  try {
    const loaded = loadSnowflakeSettings({ snowflakeHome: dir, env: { SNOWFLAKE_ROLE: 'ACCOUNTADMIN' } });
    assert.equal(loaded.connectionName, 'dev');
    const cfg = toConnectionConfig(loaded);
    assert.equal(cfg.account, 'acc_from_connections');
    assert.equal(cfg.user, 'u1');
    assert.equal(cfg.role, 'ACCOUNTADMIN');
    assert.equal(cfg.sources.role, 'SNOWFLAKE_ROLE (environment)');
    assert.equal(cfg.auth, 'password');
    assert.equal(cfg.password?.reveal(), 's3cret');
    assert.doesNotMatch(JSON.stringify(cfg), /s3cret/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a named connection that does not exist is a clear error listing the defined ones', () => {
  const dir = home({ 'connections.toml': '[prod]\naccount = "a"\nuser = "u"\n' });
  try {
    assert.throws(() => loadSnowflakeSettings({ snowflakeHome: dir, connectionName: 'nope', env: {} }), (e: Error) => {
      assert.ok(e instanceof SnowflakeConfigError);
      assert.match(e.message, /'nope' is not defined .*defined: prod/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('authenticator is chosen from the settings: key pair, token, unsupported SSO', () => {
  const dir = home({ 'k.p8': '-----BEGIN PRIVATE KEY-----\nnot really a key\n-----END PRIVATE KEY-----\n' });
  try {
    const kp = toConnectionConfig(loadSnowflakeSettings({ snowflakeHome: dir, env: { SNOWFLAKE_ACCOUNT: 'a', SNOWFLAKE_USER: 'u', SNOWFLAKE_PRIVATE_KEY_FILE: join(dir, 'k.p8') } }));
    assert.equal(kp.auth, 'keypair');
    const pat = toConnectionConfig(loadSnowflakeSettings({ snowflakeHome: dir, env: { SNOWFLAKE_ACCOUNT: 'a', SNOWFLAKE_USER: 'u', SNOWFLAKE_TOKEN: 't' } }));
    assert.equal(pat.auth, 'pat');
    assert.throws(
      () => toConnectionConfig(loadSnowflakeSettings({ snowflakeHome: dir, env: { SNOWFLAKE_ACCOUNT: 'a', SNOWFLAKE_USER: 'u', SNOWFLAKE_AUTHENTICATOR: 'externalbrowser' } })),
      /not supported here/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the account may be pasted as its URL, its host or Snowsight\'s address; other URLs are refused clearly', () => {
  const account = (value: string) => toConnectionConfig(loadSnowflakeSettings({ snowflakeHome: '/nonexistent', env: { SNOWFLAKE_ACCOUNT: value, SNOWFLAKE_USER: 'u', SNOWFLAKE_PASSWORD: 'p' } })).account;
  assert.equal(account('myorg-myaccount'), 'myorg-myaccount');
  assert.equal(account('xy12345.eu-west-1'), 'xy12345.eu-west-1');
  assert.equal(account('https://xy12345.eu-west-1.snowflakecomputing.com/'), 'xy12345.eu-west-1');
  assert.equal(account('https://myorg-myaccount.snowflakecomputing.com'), 'myorg-myaccount');
  assert.equal(account('myorg-myaccount.privatelink.snowflakecomputing.com'), 'myorg-myaccount.privatelink');
  assert.equal(account(' https://app.snowflake.com/myorg/myaccount/#/homepage '), 'myorg-myaccount');
  assert.equal(account('app.snowflake.com/myorg/myaccount'), 'myorg-myaccount');
  for (const bad of ['https://example.com/x', 'https://xy12345.snowflakecomputing.com/console#/', 'my account']) {
    assert.throws(() => account(bad), (err: Error) => err instanceof SnowflakeConfigError && /account \(SNOWFLAKE_ACCOUNT \(environment\)\): .* is not an account identifier/.test(err.message), bad);
  }
});
