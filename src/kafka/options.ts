// KafkaConfig → kafkajs client options. Timeouts are short and retries few so that an
// unreachable broker or a wrong password is reported in seconds, not minutes.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { ISocketFactory, KafkaConfig as KafkaJsConfig, SASLOptions } from 'kafkajs';
import type { KafkaConfig } from '../config/types.js';
import { networkRuleAllows } from '../config/brokers.js';
import { dropKafkajsTimerWarning } from './timer-warning.js';

export function kafkaJsOptions(cfg: KafkaConfig, clientId = 'openflow-kafka-quickstart'): KafkaJsConfig {
  dropKafkajsTimerWarning(); // every kafkajs client is made with these options
  const tls = cfg.securityProtocol === 'SSL' || cfg.securityProtocol === 'SASL_SSL';
  const sasl = cfg.securityProtocol === 'SASL_PLAINTEXT' || cfg.securityProtocol === 'SASL_SSL';
  return {
    clientId,
    brokers: cfg.brokers,
    // A given CA is trusted besides the system's, not instead of them (`ca` replaces the defaults).
    ssl: tls ? (cfg.caFile ? { ca: [...process.getBuiltinModule('node:tls').rootCertificates, readFileSync(cfg.caFile, 'utf8')] } : true) : false,
    sasl: sasl ? saslOptions(cfg) : undefined,
    connectionTimeout: 5_000,
    authenticationTimeout: 5_000,
    requestTimeout: 15_000,
    enforceRequestTimeout: true,
    retry: { retries: 3, initialRetryTime: 250, maxRetryTime: 2_000 },
    logLevel: 0, // logLevel.NOTHING (a type-only import keeps kafkajs unloaded until used)
    ...(cfg.egress ? { socketFactory: egressSocketFactory(cfg.egress) } : {}),
  };
}

/**
 * kafkajs's own socket factory, except that an address the network rule does not list is refused
 * the way a blocked egress looks to a client: the connection fails (ECONNREFUSED), nothing is sent.
 */
function egressSocketFactory(allowed: readonly string[]): ISocketFactory {
  return ({ host, port, ssl, onConnect }) => {
    if (!networkRuleAllows(allowed, host, port)) {
      const socket = new net.Socket();
      const refused = Object.assign(new Error(`connect ECONNREFUSED ${host}:${port} (not in the Openflow runtime's network rule)`), { code: 'ECONNREFUSED' });
      setImmediate(() => socket.destroy(refused));
      return socket;
    }
    // node:tls only when used (~15 ms of start-up).
    const socket = ssl ? process.getBuiltinModule('node:tls').connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...ssl }, onConnect) : net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    return socket;
  };
}

function saslOptions(cfg: KafkaConfig): SASLOptions {
  const username = cfg.username ?? '';
  const password = cfg.password?.reveal() ?? '';
  switch (cfg.saslMechanism) {
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username, password };
    default:
      return { mechanism: 'plain', username, password };
  }
}
