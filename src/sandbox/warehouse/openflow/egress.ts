// The one decision the sandbox's connector host needs from the emulated Openflow runtime: may a
// connector run in it now, and which host:port pairs may it reach. The sandbox puts a connector in
// the runtime that writes where it writes: in its Destination Database, running as its Snowflake
// Role (a person adds the connector to that runtime in the canvas). As on the real service, a
// connector runs only while its runtime is ACTIVE, and reaches only what the runtime's external
// access integrations allow through their EGRESS HOST_PORT network rules (a rule entry without a
// port means 443; "*.example.com" matches every subdomain).

import type { Catalog, QualifiedName } from '../catalog.js';
import { displayName } from '../catalog.js';
import { openflowOf } from './store.js';

export { networkRuleAllows as mayReach } from '../../../config/brokers.js';

export type ConnectorGate =
  | { run: true; runtime: string; status: string; endpoints: string[] }
  | { run: false; runtime: string; status: string | null; reason: string };

/** The runtime a connector writing to `database` as `role` lives in: one there that runs as the role, an ACTIVE one first. */
export function connectorGateFor(catalog: Catalog, target: { database: string; role: string }): ConnectorGate {
  const candidates = openflowOf(catalog)
    .allRuntimes()
    .filter((r) => r.name[0] === target.database && r.executeAsRole === target.role && r.status !== 'TERMINATED')
    .sort((a, b) => Number(b.status === 'ACTIVE') - Number(a.status === 'ACTIVE'));
  if (candidates.length === 0) {
    return { run: false, runtime: '', status: null, reason: `no Openflow runtime in ${displayName([target.database])} runs as ${target.role}, so the connector has nowhere to run (the openflow-runtime step creates one)` };
  }
  return connectorGate(catalog, candidates[0]!.name);
}

export function connectorGate(catalog: Catalog, runtime: QualifiedName): ConnectorGate {
  const name = displayName(runtime);
  const r = openflowOf(catalog).runtime(runtime);
  if (!r) return { run: false, runtime: name, status: null, reason: `the Openflow runtime ${name} does not exist` };
  if (r.status !== 'ACTIVE') return { run: false, runtime: name, status: r.status, reason: `the Openflow runtime ${name} is ${r.status}; connectors run only while it is ACTIVE` };
  if (r.externalAccessIntegrations.length === 0) {
    return { run: false, runtime: name, status: r.status, reason: `the Openflow runtime ${name} has no external access integration, so nothing outside Snowflake (no Kafka broker) is reachable from it` };
  }
  const endpoints: string[] = [];
  for (const eai of r.externalAccessIntegrations) {
    const integration = catalog.get('INTEGRATION', [eai]);
    if (!integration || integration.props.enabled !== true) continue;
    for (const ruleName of (integration.props.allowedNetworkRules as string[][] | undefined) ?? []) {
      const rule = catalog.get('NETWORK RULE', ruleName);
      if (!rule || rule.props.mode !== 'EGRESS' || rule.props.type !== 'HOST_PORT') continue;
      endpoints.push(...((rule.props.valueList as string[] | undefined) ?? []));
    }
  }
  return { run: true, runtime: name, status: r.status, endpoints };
}
