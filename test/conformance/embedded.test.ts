// The conformance scenarios against the embedded broker.
import { conformanceSuite } from './scenarios.js';
import { embeddedTarget } from './embeddedTarget.js';

conformanceSuite('embedded broker', embeddedTarget);
