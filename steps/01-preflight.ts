// Preflight: every connection works before anything is changed. It runs on every walk (a
// connection that worked yesterday may not today), so its check never says done.
import type { Step } from '../src/engine/step.js';

export interface PreflightOut {
  brokers: number;
  clusterId: string | null;
}

export const preflight: Step<PreflightOut> = {
  id: 'preflight',
  title: 'Check connections',
  explain:
    'Connects to Kafka with your settings and reads the cluster metadata, so a wrong address, password or certificate is found before anything is created.',
  manual: () => 'rpk cluster info',
  async check() {
    return { state: 'pending', reason: 'runs on every walk', recurring: true };
  },
  async run(ctx, progress) {
    progress.note(`Kafka: ${ctx.kafka.bootstrap.join(', ')} (${ctx.config.kafka.securityProtocol}${ctx.config.kafka.saslMechanism ? ` ${ctx.config.kafka.saslMechanism}` : ''})`);
    const cluster = await ctx.kafka.describeCluster();
    progress.note(`Kafka cluster ${cluster.clusterId ?? '(no id)'}: ${cluster.brokers.length} broker(s)`);
    return { brokers: cluster.brokers.length, clusterId: cluster.clusterId };
  },
  summarize: (out) => `Kafka reachable: ${out.brokers} broker(s)${out.clusterId ? `, cluster ${out.clusterId}` : ''}`,
};
