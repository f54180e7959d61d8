// The variable names the tutorial's companion .env uses, shared by the environment and .env layers.

import type { ConfigProblem } from './problems.js';
import { configError } from './problems.js';
import type { KafkaKey, KafkaLayer } from './layer.js';
import { Secret } from './types.js';

/** Each key's variable names; where there are two, they are aliases (the tutorial uses both broker names). */
export const KAFKA_VARIABLES: Record<KafkaKey, readonly string[]> = {
  brokers: ['KAFKA_BROKERS', 'KAFKA_BOOTSTRAP_SERVERS'],
  topic: ['KAFKA_TOPIC'],
  securityProtocol: ['KAFKA_SECURITY_PROTOCOL'],
  saslMechanism: ['KAFKA_SASL_MECHANISM'],
  username: ['KAFKA_SASL_USERNAME'],
  password: ['KAFKA_SASL_PASSWORD'],
  caFile: ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CA_LOCATION'],
};

export const ALL_KAFKA_VARIABLE_NAMES: readonly string[] = Object.values(KAFKA_VARIABLES).flat();

/**
 * Build a layer from variables. Empty values count as unset (the template leaves some blank).
 * Two aliases set to different values is a problem: we would otherwise pick one silently.
 */
export function layerFromVariables(
  vars: Readonly<Record<string, string | undefined>>,
  sourceOf: (name: string) => string,
): { layer: KafkaLayer; problems: ConfigProblem[] } {
  const layer: KafkaLayer = {};
  const problems: ConfigProblem[] = [];
  for (const [key, names] of Object.entries(KAFKA_VARIABLES) as [KafkaKey, readonly string[]][]) {
    const present = names.filter((name) => (vars[name] ?? '').trim() !== '');
    if (present.length === 0) continue;
    const name = present[0];
    const value = vars[name]!.trim();
    const differing = present.slice(1).filter((other) => vars[other]!.trim() !== value);
    if (differing.length > 0) {
      const others = differing.map(sourceOf).join(', ');
      problems.push(
        configError(
          key,
          sourceOf(name),
          key === 'password'
            ? `${name} and ${others} are both set and differ; keep one`
            : `${name} is "${value}" but ${others} is "${vars[differing[0]]!.trim()}"; keep one`,
        ),
      );
    }
    if (key === 'password') layer.password = { value: new Secret(vars[name]!), source: sourceOf(name) };
    else layer[key] = { value, source: sourceOf(name) };
  }
  return { layer, problems };
}
