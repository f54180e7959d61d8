// Bad input on the Snowflake side, beyond what test/warehouse and the other step tests cover:
// a wrong password leaves no trace of itself anywhere on the error, an unknown connection name
// found through $SNOWFLAKE_HOME, and the tutorial's script 1 with one grant left out.
// (Covered elsewhere: the 390100 code and message in test/warehouse/emulator.test.ts, missing
// table grants there too, a hostile broker host and a missing OPENFLOW_ADMIN in setup-sql.test.ts.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { Secret } from '../../src/config/types.js';
import { SnowflakeConfigError, loadSnowflakeSettings } from '../../src/snowflake/config.js';
import { connectWarehouse } from '../../src/snowflake/connect.js';
import { statementsOf } from '../warehouse/tutorial-data.js';
import { startSandboxWarehouse, type SandboxWarehouse } from './helpers.js';

describe('bad input against the emulator', () => {
  let sb: SandboxWarehouse;
  before(async () => {
    sb = await startSandboxWarehouse();
  });
  after(async () => {
    await sb?.stop();
  });

  test('a wrong password: one clear line; the secret is in no part of the error', async () => {
    const secret = 'Hunter2-wrong-pw-Zq9';
    const err = await connectWarehouse({
      account: sb.running.account,
      user: 'QUICKSTART_USER',
      auth: 'password',
      password: new Secret(secret),
      accessUrl: sb.running.accessUrl,
      sources: {},
    }).then(
      () => assert.fail('a wrong password must be refused'),
      (e: Error) => e,
    );
    assert.match(err.message, /incorrect username or password/i);
    assert.equal(err.message.split('\n').length, 1, err.message);
    for (const text of [err.message, String(err.stack), inspect(err, { depth: 8, showHidden: true }), JSON.stringify(err)]) {
      assert.ok(!text.includes(secret), 'the password leaked into the error');
    }
  });

  test('script 1 without the warehouse grant: QUICKSTART_ROLE cannot use the warehouse, as in Snowflake', async () => {
    const statements = statementsOf('1.snowflake_setup.sql');
    const grant = statements.findIndex((s) => /^GRANT USAGE ON WAREHOUSE/i.test(s));
    assert.ok(grant > 0);
    for (const sql of statements.filter((_, i) => i !== grant && !/^USE WAREHOUSE/i.test(statements[i]!))) await sb.warehouse.execute(sql);
    await sb.warehouse.execute('USE ROLE QUICKSTART_ROLE');
    await assert.rejects(sb.warehouse.execute('USE WAREHOUSE QUICKSTART_KAFKA_CONNECTOR_WH'), (e: Error & { code?: string }) => {
      assert.equal(e.code, '002043');
      assert.match(e.message, /Object does not exist, or operation cannot be performed/);
      return true;
    });
    // With the grant the same statement works.
    await sb.warehouse.execute('USE ROLE ACCOUNTADMIN');
    await sb.warehouse.execute(statements[grant]!);
    await sb.warehouse.execute('USE ROLE QUICKSTART_ROLE');
    await sb.warehouse.execute('USE WAREHOUSE QUICKSTART_KAFKA_CONNECTOR_WH');
    await sb.warehouse.execute('USE ROLE ACCOUNTADMIN');
  });
});

test('an unknown connection name through $SNOWFLAKE_HOME names the defined ones, secrets not echoed', () => {
  const home = mkdtempSync(join(tmpdir(), 'sfhome-bad-'));
  try {
    writeFileSync(join(home, 'connections.toml'), '[dev]\naccount = "a"\nuser = "u"\npassword = "toml-secret-pw"\n[prod]\naccount = "b"\nuser = "v"\n');
    assert.throws(
      () => loadSnowflakeSettings({ connectionName: 'staging', env: { SNOWFLAKE_HOME: home } }),
      (e: Error) => {
        assert.ok(e instanceof SnowflakeConfigError);
        assert.match(e.message, /'staging' is not defined/);
        assert.match(e.message, /dev/);
        assert.match(e.message, /prod/);
        assert.doesNotMatch(e.message, /toml-secret-pw/);
        return true;
      },
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
