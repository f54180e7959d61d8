// A Kafka cluster that does not answer in time, reported with what was tried: for each bootstrap
// address, whether it takes a TCP connection at all. "Accepts connections but sends no Kafka
// answer" is what a TLS client talking to a plaintext listener sees, or a stopped broker process.
import net from 'node:net';
import type { KafkaConfig } from '../config/types.js';
import { StepFailure } from '../engine/step.js';

const PROBE_MS = 2_000;

export async function silentCluster(cfg: KafkaConfig, timeoutMs: number, doing: string): Promise<StepFailure> {
  const tried = await Promise.all(cfg.brokers.map(async (address) => `${address} ${await probe(address)}`));
  const from = cfg.sources.brokers ? ` (from ${cfg.sources.brokers})` : '';
  return new StepFailure(
    `Kafka did not answer within ${timeoutMs / 1000}s while ${doing}; tried ${tried.join(', ')}${from}`,
    `Check that the address is a Kafka listener and that the security protocol (${cfg.securityProtocol}) is the listener's: a TLS client on a plaintext listener gets no answer. On a slow link, allow more time with --timeout (seconds).`,
  );
}

/** What a TCP connection to `host:port` does within a couple of seconds. */
function probe(address: string): Promise<string> {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  const port = Number(address.slice(at + 1));
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (what: string) => {
      socket.destroy();
      resolve(what);
    };
    socket.setTimeout(PROBE_MS, () => done('(no answer to a TCP connection)'));
    socket.once('connect', () => done('(accepts connections, but sent no Kafka answer)'));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done(err.code === 'ECONNREFUSED' ? '(refuses connections)' : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' ? '(the host name does not resolve)' : `(${err.code ?? err.message})`),
    );
  });
}
