// setup-sql against the local Snowflake emulator through snowflake-sdk: the tutorial's script 1
// rendered from recorded brokers, run statement by statement, checked with SHOW afterwards.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { StepFailure } from '../../src/engine/step.js';
import { splitStatements } from '../../src/sql.js';
import { renderSetupScript, setupSql } from '../../steps/04-setup-sql.js';
import { brokersOutput, recordedContext, startSandboxWarehouse, testConfig, type SandboxWarehouse } from './helpers.js';

const BROKERS = ['127.0.0.1:19092', '127.0.0.1:19093', 'broker-2.example.com:9092'];

async function databases(sb: SandboxWarehouse): Promise<string[]> {
  const rows = await sb.warehouse.execute("SHOW DATABASES LIKE 'QUICKSTART_KAFKA_CONNECTOR_DB'");
  return rows.map((r) => String(r.name));
}

describe('setup-sql on an account with Openflow set up', () => {
  let sb: SandboxWarehouse;
  before(async () => {
    sb = await startSandboxWarehouse();
  });
  after(async () => {
    await sb?.stop();
  });

  test('pending before, done after; a second run changes nothing and succeeds', async () => {
    const r = recordedContext({ warehouse: sb.warehouse, outputs: { 'extract-brokers': brokersOutput(BROKERS) } });
    const before = await setupSql.check(r.ctx);
    assert.equal(before.state, 'pending');
    assert.match(before.state === 'pending' ? before.reason ?? '' : '', /database QUICKSTART_KAFKA_CONNECTOR_DB/);

    const out = await r.run(setupSql);
    const total = splitStatements(renderSetupScript(r.ctx, BROKERS)).length;
    assert.equal(out.statements, total);
    assert.deepEqual(out.valueList, BROKERS);
    assert.deepEqual(r.reports.at(-1), { done: total, total, unit: 'statements' });
    assert.equal(r.shown.length, 1);
    assert.match(r.shown[0]!.body, /VALUE_LIST: 127\.0\.0\.1:19092, 127\.0\.0\.1:19093, broker-2\.example\.com:9092/);
    assert.match(r.shown[0]!.body, /line +47 +CREATE OR REPLACE NETWORK RULE/);

    const done = await setupSql.check(r.ctx);
    assert.equal(done.state, 'done', JSON.stringify(done));

    const rule = await sb.warehouse.execute('DESCRIBE NETWORK RULE QUICKSTART_KAFKA_CONNECTOR_DB.NETWORKS.KAFKA_NETWORK_RULE');
    assert.deepEqual(String(rule[0]!.value_list).split(','), BROKERS);

    const again = await r.run(setupSql);
    assert.equal(again.statements, total);
    assert.equal((await setupSql.check(r.ctx)).state, 'done');
    assert.deepEqual(await databases(sb), ['QUICKSTART_KAFKA_CONNECTOR_DB']);
  });

  test('check reports drift when the brokers no longer match the network rule', async () => {
    const r = recordedContext({ warehouse: sb.warehouse, outputs: { 'extract-brokers': brokersOutput(BROKERS) } });
    await r.run(setupSql);
    const moved = recordedContext({ warehouse: sb.warehouse, outputs: { 'extract-brokers': brokersOutput([BROKERS[0]!, 'broker-9.example.com:9092']) } });
    const check = await setupSql.check(moved.ctx);
    assert.equal(check.state, 'drifted');
    assert.ok(check.state === 'drifted' && check.diff.includes('network rule lacks broker-9.example.com:9092'), JSON.stringify(check));
  });

  test('a broker host with a quote in it stays one value: the rule refuses it, nothing else runs', async () => {
    const r = recordedContext({ warehouse: sb.warehouse, outputs: { 'extract-brokers': brokersOutput(BROKERS) } });
    await r.run(setupSql);

    const hostile = "x'); DROP DATABASE QUICKSTART_KAFKA_CONNECTOR_DB; --:9092";
    const h = recordedContext({ warehouse: sb.warehouse, outputs: { 'extract-brokers': brokersOutput([BROKERS[0]!, hostile]) } });
    // Same statements as with ordinary hosts: the value did not add or split any.
    assert.equal(splitStatements(renderSetupScript(h.ctx, [BROKERS[0]!, hostile])).length, splitStatements(renderSetupScript(h.ctx, BROKERS)).length);

    await assert.rejects(h.run(setupSql), (err: unknown) => {
      assert.ok(err instanceof StepFailure);
      assert.match(err.message, /line 47 of the setup script: CREATE OR REPLACE NETWORK RULE/);
      assert.match(err.message, /VALUE_LIST/);
      assert.match(err.hint ?? '', /idempotent/);
      return true;
    });
    assert.deepEqual(await databases(sb), ['QUICKSTART_KAFKA_CONNECTOR_DB'], 'the DROP inside the host name never ran');
    const stopped = (h.checkpoint() as { stoppedAt?: { line: number; firstLine: string } }).stoppedAt;
    assert.equal(stopped?.line, 47);
    assert.match(stopped?.firstLine ?? '', /^CREATE OR REPLACE NETWORK RULE/);

    // The next run names where the last one stopped, and an honest broker list repairs it.
    const fixed = recordedContext({ warehouse: sb.warehouse, outputs: { 'extract-brokers': brokersOutput(BROKERS) } });
    await fixed.run(setupSql);
    assert.equal((await setupSql.check(fixed.ctx)).state, 'done');
  });

  test('without recorded brokers it refuses before running anything', async () => {
    const r = recordedContext({ warehouse: sb.warehouse });
    await assert.rejects(r.run(setupSql), (err: unknown) => err instanceof StepFailure && /broker list is not recorded/.test(err.message));
  });

  test('without a Snowflake connection, check is blocked and run explains what to configure', async () => {
    const r = recordedContext({ outputs: { 'extract-brokers': brokersOutput(BROKERS) } });
    assert.equal((await setupSql.check(r.ctx)).state, 'blocked');
    await assert.rejects(r.run(setupSql), (err: unknown) => err instanceof StepFailure && /No Snowflake connection/.test(err.message));
  });
});

describe('setup-sql on an account where Openflow was never set up', () => {
  test('fails before any statement, naming OPENFLOW_ADMIN and what to do', async () => {
    const sb = await startSandboxWarehouse({ openflowAdmin: false });
    try {
      const r = recordedContext({ warehouse: sb.warehouse, outputs: { 'extract-brokers': brokersOutput(BROKERS) } });
      await assert.rejects(r.run(setupSql), (err: unknown) => {
        assert.ok(err instanceof StepFailure);
        assert.match(err.message, /OPENFLOW_ADMIN does not exist/);
        assert.match(err.message, /Nothing was run/);
        assert.match(err.hint ?? '', /Setup Openflow Runtime/);
        return true;
      });
      assert.deepEqual(await databases(sb), []);
      assert.equal((await sb.warehouse.execute("SHOW ROLES LIKE 'QUICKSTART_ROLE'")).length, 0);
      const check = await setupSql.check(r.ctx);
      assert.equal(check.state, 'pending');
    } finally {
      await sb.stop();
    }
  });
});

describe('setup-sql for a user who cannot act as ACCOUNTADMIN', () => {
  test('says so plainly before changing anything', async () => {
    const sb = await startSandboxWarehouse({ roles: ['SYSADMIN'] });
    try {
      const r = recordedContext({ config: testConfig(), warehouse: sb.warehouse, outputs: { 'extract-brokers': brokersOutput(BROKERS) } });
      await assert.rejects(r.run(setupSql), (err: unknown) => {
        assert.ok(err instanceof StepFailure);
        assert.match(err.message, /cannot act as ACCOUNTADMIN/);
        assert.match(err.hint ?? '', /sql setup/);
        return true;
      });
      assert.equal(r.reports.length, 0, 'no statement of the script ran');
    } finally {
      await sb.stop();
    }
  });
});
