// The walk, in the tutorial's order.
import type { Step } from '../src/engine/step.js';
import { preflight } from './01-preflight.js';
import { createTopic } from './02-create-topic.js';
import { extractBrokers } from './03-extract-brokers.js';
import { produceBaseLogs } from './06-produce-base-logs.js';
import { produceEvolvedLogs } from './08-produce-evolved-logs.js';

export const WALK: Step[] = [preflight, createTopic, extractBrokers, produceBaseLogs, produceEvolvedLogs] as Step[];
