// The process environment: the tutorial's KAFKA_* variable names.

import type { KafkaLayer } from './layer.js';
import type { ConfigProblem } from './problems.js';
import { layerFromVariables } from './variables.js';

export function readEnvironmentLayer(env: NodeJS.ProcessEnv): { layer: KafkaLayer; problems: ConfigProblem[] } {
  return layerFromVariables(env, (name) => `${name} (environment)`);
}
