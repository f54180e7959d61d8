// Command-line flags. There is deliberately no password flag: argv shows up in `ps` and shell history.

import type { KafkaLayer } from './layer.js';

export interface KafkaFlags {
  brokers?: string;
  topic?: string;
  securityProtocol?: string;
  saslMechanism?: string;
  saslUsername?: string;
  caFile?: string;
  /** Which rpk profile to read instead of rpk.yaml's current_profile. */
  rpkProfile?: string;
}

export function readFlagsLayer(flags: KafkaFlags): KafkaLayer {
  const layer: KafkaLayer = {};
  const set = (key: Exclude<keyof KafkaLayer, 'password'>, value: string | undefined, flag: string) => {
    if (value !== undefined && value.trim() !== '') layer[key] = { value: value.trim(), source: `${flag} (flag)` };
  };
  set('brokers', flags.brokers, '--brokers');
  set('topic', flags.topic, '--topic');
  set('securityProtocol', flags.securityProtocol, '--security-protocol');
  set('saslMechanism', flags.saslMechanism, '--sasl-mechanism');
  set('username', flags.saslUsername, '--sasl-username');
  set('caFile', flags.caFile, '--ca-file');
  return layer;
}
