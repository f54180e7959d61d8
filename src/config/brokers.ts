// Broker lists: comma-separated host:port entries, IPv6 in brackets ([::1]:9092).
// Returns plain messages; the caller adds the key and the source.

import { isIPv6 } from 'node:net';

/** A value as shown in a message: quoted and escaped, so a line break cannot split the message. */
const q = (value: string) => JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

export interface BrokerListCheck {
  /** Valid entries, normalised (port without leading zeros), in the order given. */
  brokers: string[];
  errors: string[];
  warnings: string[];
}

/** Check a broker list given as one comma-separated string or as a list (rpk.yaml keeps a list). */
export function checkBrokerList(raw: string | readonly string[]): BrokerListCheck {
  const entries = (typeof raw === 'string' ? raw.split(',') : raw.flatMap((r) => r.split(',')))
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const result: BrokerListCheck = { brokers: [], errors: [], warnings: [] };
  if (entries.length === 0) {
    result.errors.push('the broker list is empty (expected host:port, e.g. broker.example.com:9092)');
    return result;
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const checked = checkBroker(entry);
    if (typeof checked !== 'string') {
      result.errors.push(checked.error);
      continue;
    }
    const identity = checked.toLowerCase();
    if (seen.has(identity)) {
      result.warnings.push(`${q(entry)} is listed more than once`);
      continue;
    }
    seen.add(identity);
    result.brokers.push(checked);
  }
  return result;
}

/** One broker: the normalised `host:port`, or what is wrong with it. */
export function checkBroker(entry: string): string | { error: string } {
  const fail = (error: string) => ({ error });
  const scheme = /^([a-z][a-z0-9+._-]*):\/\//i.exec(entry);
  if (scheme) {
    return fail(`${q(entry)} starts with "${scheme[0]}"; write the broker as host:port (${entry.slice(scheme[0].length)})`);
  }
  if (/\s/.test(entry)) {
    return fail(`${q(entry)} contains whitespace; separate brokers with commas`);
  }

  let host: string;
  let port: string | undefined;
  let ipv6 = false;
  if (entry.startsWith('[')) {
    const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(entry);
    if (!bracketed) return fail(`${q(entry)} has an IPv6 address without a closing "]" before the port`);
    host = bracketed[1];
    port = bracketed[2];
    ipv6 = true;
    if (!isIPv6(host)) return fail(`${q(host)} is not a valid IPv6 address in ${q(entry)}`);
  } else {
    const colons = entry.split(':').length - 1;
    if (colons > 1) {
      return fail(`${q(entry)} looks like an IPv6 address; put it in brackets with the port after, e.g. [::1]:9092`);
    }
    [host, port] = colons === 1 ? (entry.split(':') as [string, string]) : [entry, undefined];
    if (host === '') return fail(`${q(entry)} has no host (expected host:port)`);
    const hostError = checkHost(host);
    if (hostError) return fail(`${hostError} in ${q(entry)}`);
  }

  if (port === undefined || port === '') {
    const example = ipv6 ? `[${host}]:9092` : `${host}:9092`;
    return fail(`${q(entry)} has no port (expected host:port, e.g. ${example})`);
  }
  if (!/^\d+$/.test(port)) return fail(`port ${q(port)} is not a number in ${q(entry)}`);
  const portNumber = Number(port);
  if (portNumber < 1 || portNumber > 65535) {
    return fail(`port ${port} is out of range (1-65535) in ${q(entry)}`);
  }
  return ipv6 ? `[${host}]:${portNumber}` : `${host}:${portNumber}`;
}

/** A host name (RFC 1123, underscores tolerated as DNS allows them) or a dotted IPv4 address. */
function checkHost(host: string): string | undefined {
  if (/^[\d.]+$/.test(host)) {
    const octets = host.split('.');
    const valid = octets.length === 4 && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
    return valid ? undefined : `${q(host)} is not a valid IPv4 address`;
  }
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length > 253) return `host name ${q(host)} is longer than 253 characters`;
  const bad = [...new Set(name.replace(/[A-Za-z0-9._-]/g, ''))];
  if (bad.length > 0) {
    return `host ${q(host)} has characters a host name cannot have (${bad.map((c) => JSON.stringify(c)).join(', ')})`;
  }
  for (const label of name.split('.')) {
    if (label === '') return `host ${q(host)} has an empty label (a leading dot or two dots in a row)`;
    if (label.length > 63) return `label ${q(label)} of host ${q(host)} is longer than 63 characters`;
    if (label.startsWith('-') || label.endsWith('-')) {
      return `label ${q(label)} of host ${q(host)} starts or ends with "-"`;
    }
  }
  return undefined;
}

/**
 * True when a Snowflake HOST_PORT network rule with these VALUE_LIST entries lets a connection to
 * host:port through: an entry without a port means 443, "*.example.com" matches every subdomain.
 */
export function networkRuleAllows(entries: readonly string[], host: string, port: number): boolean {
  const h = host.toLowerCase();
  return entries.some((entry) => {
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.trim().toLowerCase())!;
    const ruleHost = m[1]!;
    if ((m[2] ? Number(m[2]) : 443) !== port) return false;
    return ruleHost.startsWith('*.') ? h.endsWith(ruleHost.slice(1)) : h === ruleHost;
  });
}
