// analytics-tour against the local Snowflake emulator through snowflake-sdk, on "APPLICATION-LOGS"
// loaded like Openflow does (base then evolved sample logs): what it runs, shows and returns.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { StepFailure } from '../../src/engine/step.js';
import { analyticsTour } from '../../steps/12-analytics-tour.js';
import { loadBaseLogs, loadEvolvedLogs, statementsOf } from '../warehouse/tutorial-data.js';
import { recordedContext, startSandboxWarehouse, type SandboxWarehouse } from './helpers.js';

const TITLES = [
  'Distribution of log levels',
  'Most common error messages',
  'Event count and error rate by service',
  'Event volume over time (per minute)',
  'Hourly event distribution',
  'Slowest requests',
  'Average performance metrics by service',
  'Find correlated errors (errors occurring together)',
];

describe('analytics-tour on the emulator with the sample logs loaded', () => {
  let sb: SandboxWarehouse;
  before(async () => {
    sb = await startSandboxWarehouse();
    for (const sql of statementsOf('1.snowflake_setup.sql')) await sb.warehouse.execute(sql);
    await loadBaseLogs(sb.warehouse);
    await loadEvolvedLogs(sb.warehouse);
    await sb.warehouse.execute('USE ROLE ACCOUNTADMIN');
  });
  after(async () => {
    await sb?.stop();
  });

  test('pending before it ran; runs every query, shows each with its title and rows; done after', async () => {
    const r = recordedContext({ warehouse: sb.warehouse });
    const before = await analyticsTour.check(r.ctx);
    assert.equal(before.state, 'pending');

    const out = await r.run(analyticsTour);
    assert.deepEqual(out.queries.map((q) => q.title), TITLES);
    assert.ok(!Number.isNaN(Date.parse(out.ranAt)));
    const rows = new Map(out.queries.map((q) => [q.title, q.rows]));
    assert.equal(rows.get('Distribution of log levels'), 3, 'INFO, WARN, ERROR');
    assert.equal(rows.get('Slowest requests'), 20);
    assert.ok(rows.get('Most common error messages')! > 0 && rows.get('Most common error messages')! <= 10);
    assert.ok(rows.get('Event count and error rate by service')! > 1);
    // The sample logs are from October 2025: nothing in the last hour or day.
    assert.equal(rows.get('Event volume over time (per minute)'), 0);
    assert.equal(rows.get('Hourly event distribution'), 0);

    // Shown: one block per query, titled with the row count, first rows as a table.
    assert.equal(r.shown.length, TITLES.length);
    assert.equal(r.shown[0]!.title, 'Distribution of log levels: 3 rows');
    assert.ok(r.shown.some((p) => p.title.startsWith('Event volume over time (per minute): ')), 'no second parenthesis after "(per minute)"');
    assert.match(r.shown[0]!.body, /LOG_LEVEL/);
    assert.match(r.shown[0]!.body, /EVENT_COUNT/);
    assert.match(r.shown[0]!.body, /INFO/);
    assert.equal(r.shown[3]!.body, '(no rows)');
    assert.match(r.shown[5]!.body, /DURATION_MS/);

    // Progress reported per statement (USE statements included), ending complete.
    const last = r.reports.at(-1)!;
    assert.equal(last.done, last.total);
    assert.equal(last.total, TITLES.length + 4);

    const done = await analyticsTour.check(r.ctx);
    assert.equal(done.state, 'done');
    assert.match(done.state === 'done' ? done.summary ?? '' : '', /8 queries run/);
    assert.equal(analyticsTour.summarize?.(out), '8 analytics queries run');
  });

  test('without the table it fails naming the query and its line', async () => {
    await sb.warehouse.execute('USE ROLE ACCOUNTADMIN');
    await sb.warehouse.execute('ALTER TABLE QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS" RENAME TO QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.MOVED');
    try {
      const r = recordedContext({ warehouse: sb.warehouse });
      await assert.rejects(r.run(analyticsTour), (err: unknown) => {
        assert.ok(err instanceof StepFailure);
        assert.match(err.message, /Analytics query at line 12 failed/);
        assert.match(err.message, /APPLICATION-LOGS/);
        assert.match(err.hint ?? '', /verify steps/);
        return true;
      });
      assert.equal(r.shown.length, 0);
    } finally {
      await sb.warehouse.execute('ALTER TABLE QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC.MOVED RENAME TO QUICKSTART_KAFKA_CONNECTOR_DB.PUBLIC."APPLICATION-LOGS"');
    }
  });

  test('without a Snowflake connection it says what to configure', async () => {
    const r = recordedContext({});
    await assert.rejects(r.run(analyticsTour), (err: unknown) => err instanceof StepFailure && /No Snowflake connection/.test(err.message));
  });
});
