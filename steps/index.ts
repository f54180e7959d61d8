// The walk, in the tutorial's order.
import type { Step, StepId } from '../src/engine/step.js';
import { preflight } from './01-preflight.js';
import { createTopic } from './02-create-topic.js';
import { extractBrokers } from './03-extract-brokers.js';
import { setupSql } from './04-setup-sql.js';
import { openflowConnector } from './05-openflow-connector.js';
import { produceBaseLogs } from './06-produce-base-logs.js';
import { verifyBaseColumns } from './07-verify-base-columns.js';
import { produceEvolvedLogs } from './08-produce-evolved-logs.js';
import { verifyEvolvedColumns } from './09-verify-evolved-columns.js';
import { analyticsTour } from './10-analytics-tour.js';
import { cleanup } from './11-cleanup.js';

export const WALK: Step[] = [
  preflight,
  createTopic,
  extractBrokers,
  setupSql,
  openflowConnector,
  produceBaseLogs,
  verifyBaseColumns,
  produceEvolvedLogs,
  verifyEvolvedColumns,
  analyticsTour,
  cleanup,
] as Step[];

/** Steps that cannot be done without a Snowflake connection (the connector writes to Snowflake too). */
export const NEEDS_SNOWFLAKE: readonly StepId[] = ['setup-sql', 'openflow-connector', 'verify-base-columns', 'verify-evolved-columns', 'analytics-tour'];

/** The walk for what is configured: without Snowflake, the Kafka half and cleanup of the topic. */
export function walkFor(has: { snowflake: boolean }): Step[] {
  return has.snowflake ? WALK : WALK.filter((s) => !NEEDS_SNOWFLAKE.includes(s.id));
}
