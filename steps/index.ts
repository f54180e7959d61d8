// The walk, in the tutorial's order.
import type { Step, StepId } from '../src/engine/step.js';
import { inWalkNames, type Names } from '../src/names.js';
import { preflight } from './01-preflight.js';
import { createTopic } from './02-create-topic.js';
import { extractBrokers } from './03-extract-brokers.js';
import { setupSql } from './04-setup-sql.js';
import { openflowDeployment } from './05-openflow-deployment.js';
import { openflowRuntime } from './06-openflow-runtime.js';
import { openflowConnector } from './07-openflow-connector.js';
import { produceBaseLogs } from './08-produce-base-logs.js';
import { verifyBaseColumns } from './09-verify-base-columns.js';
import { produceEvolvedLogs } from './10-produce-evolved-logs.js';
import { verifyEvolvedColumns } from './11-verify-evolved-columns.js';
import { analyticsTour } from './12-analytics-tour.js';
import { cleanup } from './13-cleanup.js';

export const WALK: Step[] = [
  preflight,
  createTopic,
  extractBrokers,
  setupSql,
  openflowDeployment,
  openflowRuntime,
  openflowConnector,
  produceBaseLogs,
  verifyBaseColumns,
  produceEvolvedLogs,
  verifyEvolvedColumns,
  analyticsTour,
  cleanup,
] as Step[];

/**
 * Steps that cannot be done without a Snowflake connection. The hand-off is not among them: it
 * watches the connector's consumer group, which needs only Kafka, and the produce steps must wait
 * for it whatever else is configured.
 */
export const NEEDS_SNOWFLAKE: readonly StepId[] = ['setup-sql', 'openflow-deployment', 'openflow-runtime', 'verify-base-columns', 'verify-evolved-columns', 'analytics-tour'];

/**
 * The walk for what is configured: without Snowflake, the Kafka half, the hand-off and cleanup of
 * the topic. With `names` (an attendee's, another topic), the explanations use them.
 */
export function walkFor(has: { snowflake: boolean }, names?: Names): Step[] {
  const steps = has.snowflake ? WALK : WALK.filter((s) => !NEEDS_SNOWFLAKE.includes(s.id));
  return names ? steps.map((step) => ({ ...step, explain: inWalkNames(step.explain, names) })) : steps;
}
