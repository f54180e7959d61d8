// Looks at the objects the tutorial's setup script makes, with SHOW/DESCRIBE only (no USE, so it
// is safe while other checks share the session): which exist, which grants are in place, and
// what the network rule allows.
import type { WarehousePort } from '../../src/engine/ports.js';
import { ident, literal } from '../../src/sql.js';
import { field, rowsOrNull, sameName, text, type SqlNames } from './snowflake.js';

export interface SetupInspection {
  /** What is missing, one phrase each ("database QUICKSTART_KAFKA_CONNECTOR_DB"). */
  missing: string[];
  /** The network rule's VALUE_LIST, or null when the rule is not there (or not visible). */
  valueList: string[] | null;
  /** Objects found, one phrase each, for summaries. */
  found: string[];
}

export const OPENFLOW_ADMIN = 'OPENFLOW_ADMIN';

export async function existsLike(w: WarehousePort, show: string, name: string): Promise<boolean> {
  const rows = await rowsOrNull(w, `${show} LIKE ${literal(name)}`);
  return (rows ?? []).some((r) => sameName(text(r, 'name'), name));
}

export async function roleExists(w: WarehousePort, role: string): Promise<boolean> {
  return existsLike(w, 'SHOW ROLES', role);
}

export async function inspectSetup(w: WarehousePort, names: SqlNames): Promise<SetupInspection> {
  const missing: string[] = [];
  const found: string[] = [];
  const note = (present: boolean, what: string) => (present ? found : missing).push(what);

  const db = await existsLike(w, 'SHOW DATABASES', names.DATABASE);
  note(db, `database ${names.DATABASE}`);
  if (db) {
    const schemas = await rowsOrNull(w, `SHOW SCHEMAS LIKE 'NETWORKS' IN DATABASE ${ident(names.DATABASE)}`);
    note((schemas ?? []).some((r) => sameName(text(r, 'name'), 'NETWORKS')), `schema ${names.DATABASE}.NETWORKS`);
  }
  note(await existsLike(w, 'SHOW WAREHOUSES', names.WAREHOUSE), `warehouse ${names.WAREHOUSE}`);

  let valueList: string[] | null = null;
  if (db) {
    const rule = await rowsOrNull(w, `DESCRIBE NETWORK RULE ${ident(names.DATABASE)}.NETWORKS.${ident(names.NETWORK_RULE)}`);
    if (rule && rule[0]) valueList = parseValueList(field(rule[0], 'value_list'));
  }
  note(valueList !== null, `network rule ${names.DATABASE}.NETWORKS.${names.NETWORK_RULE}`);
  note(await existsLike(w, 'SHOW EXTERNAL ACCESS INTEGRATIONS', names.INTEGRATION), `external access integration ${names.INTEGRATION}`);

  const roleThere = await roleExists(w, names.ROLE);
  note(roleThere, `role ${names.ROLE}`);
  if (roleThere) {
    const grants = (await rowsOrNull(w, `SHOW GRANTS TO ROLE ${ident(names.ROLE)}`)) ?? [];
    const has = (privilege: string, on: string, name: string) =>
      grants.some((g) => sameName(text(g, 'privilege'), privilege) && sameName(text(g, 'granted_on').replace(/_/g, ' '), on) && sameName(text(g, 'name'), name));
    const expected: Array<[string, string, string]> = [
      ['OWNERSHIP', 'DATABASE', names.DATABASE],
      ['OWNERSHIP', 'SCHEMA', `${names.DATABASE}.PUBLIC`],
      ['USAGE', 'WAREHOUSE', names.WAREHOUSE],
      ['USAGE', 'INTEGRATION', names.INTEGRATION],
    ];
    for (const [privilege, on, name] of expected) note(has(privilege, on, name), `grant ${privilege} on ${on.toLowerCase()} ${name} to ${names.ROLE}`);
    if (await roleExists(w, OPENFLOW_ADMIN)) {
      const of = (await rowsOrNull(w, `SHOW GRANTS OF ROLE ${ident(names.ROLE)}`)) ?? [];
      note(
        of.some((g) => sameName(text(g, 'grantee_name'), OPENFLOW_ADMIN)),
        `grant of role ${names.ROLE} to ${OPENFLOW_ADMIN}`,
      );
    }
  }
  return { missing, valueList, found };
}

/** DESCRIBE NETWORK RULE answers VALUE_LIST as one comma-separated text ('a:1,b:2'), or a JSON array. */
export function parseValueList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const s = String(value ?? '').trim();
  if (s.startsWith('[')) {
    try {
      const parsed = JSON.parse(s) as unknown;
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: fall through to the comma form
    }
  }
  return s === '' ? [] : s.split(',').map((v) => v.trim());
}

/** Differences between the rule's values and the brokers Kafka reported, one line each. */
export function valueListDrift(actual: string[], expected: string[]): string[] {
  const norm = (v: string) => v.toLowerCase();
  const have = new Set(actual.map(norm));
  const want = new Set(expected.map(norm));
  return [
    ...expected.filter((v) => !have.has(norm(v))).map((v) => `network rule lacks ${v}`),
    ...actual.filter((v) => !want.has(norm(v))).map((v) => `network rule allows ${v}, which is not a broker now`),
  ];
}
