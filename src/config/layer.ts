// A layer is what one source (rpk profile, .env, environment, flags, prompts) says about the
// Kafka settings, each value tagged with where it came from. Later layers override earlier ones.

import { homedir } from 'node:os';
import type { Secret } from './types.js';

export interface Setting<T = string> {
  value: T;
  /** 'KAFKA_BROKERS (environment)', '.env (/path/.env line 3)', '--brokers (flag)', … */
  source: string;
}

export interface KafkaLayer {
  /** Comma-separated text, or a list (rpk.yaml). */
  brokers?: Setting<string | string[]>;
  topic?: Setting;
  securityProtocol?: Setting;
  saslMechanism?: Setting;
  username?: Setting;
  /** Wrapped as soon as it is read, so no message or log can carry it by accident. */
  password?: Setting<Secret>;
  caFile?: Setting;
}

export type KafkaKey = keyof KafkaLayer;

export const KAFKA_KEYS: readonly KafkaKey[] = [
  'brokers',
  'topic',
  'securityProtocol',
  'saslMechanism',
  'username',
  'password',
  'caFile',
];

/** Later layers win, key by key. */
export function mergeLayers(layers: readonly KafkaLayer[]): KafkaLayer {
  const merged: KafkaLayer = {};
  for (const layer of layers) {
    for (const key of KAFKA_KEYS) {
      if (layer[key] !== undefined) (merged as Record<KafkaKey, unknown>)[key] = layer[key];
    }
  }
  return merged;
}

export function isEmptyLayer(layer: KafkaLayer): boolean {
  return KAFKA_KEYS.every((key) => layer[key] === undefined);
}

/** A path as a person would write it: the home directory shown as ~. */
export function displayPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || homedir();
  if (home && home !== '/' && (path === home || path.startsWith(home + '/'))) return '~' + path.slice(home.length);
  return path;
}
