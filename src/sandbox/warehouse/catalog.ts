// The account's objects that are not table data: roles, users' role grants, databases, schemas,
// warehouses, network rules, integrations, table ownership and privilege grants. Kept as one JSON
// file next to the DuckDB files so a restart sees the same account.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonSync, writeAtomicallySync } from '../../engine/files.js';

export type SecurableKind =
  | 'ACCOUNT'
  | 'ROLE'
  | 'DATABASE'
  | 'SCHEMA'
  | 'WAREHOUSE'
  | 'NETWORK RULE'
  | 'INTEGRATION'
  | 'TABLE'
  | 'VIEW';

/** A fully qualified object name: [db], [db, schema] or [db, schema, name], or [name] for account objects. */
export type QualifiedName = string[];

export interface CatalogObject {
  kind: SecurableKind;
  name: QualifiedName;
  owner: string;
  createdOn: string;
  comment: string | null;
  /** Kind-specific properties (warehouse size, network rule value list, …). */
  props: Record<string, unknown>;
}

export interface PrivilegeGrant {
  privilege: string;
  kind: SecurableKind;
  name: QualifiedName;
  role: string;
  grantedBy: string;
  createdOn: string;
}

export interface RoleGrant {
  role: string;
  granteeKind: 'ROLE' | 'USER';
  grantee: string;
  grantedBy: string;
  createdOn: string;
}

interface CatalogFile {
  version: 1;
  account: string;
  objects: CatalogObject[];
  grants: PrivilegeGrant[];
  roleGrants: RoleGrant[];
}

export const SYSTEM_ROLES = ['ACCOUNTADMIN', 'SECURITYADMIN', 'USERADMIN', 'SYSADMIN', 'PUBLIC'];

export function keyOf(kind: SecurableKind, name: QualifiedName): string {
  return `${kind}\u0000${name.join('\u0000')}`;
}

/** Snowflake's display form: plain upper-case names bare, others double-quoted. */
export function displayName(name: QualifiedName): string {
  return name.map(displayPart).join('.');
}

export function displayPart(part: string): string {
  return /^[A-Z_][A-Z0-9_$]*$/.test(part) ? part : `"${part.replace(/"/g, '""')}"`;
}

export class Catalog {
  private objects = new Map<string, CatalogObject>();
  private grants: PrivilegeGrant[] = [];
  private roleGrants: RoleGrant[] = [];
  readonly file: string;

  constructor(
    dataDir: string,
    readonly account: string,
  ) {
    this.file = join(dataDir, 'catalog.json');
    if (existsSync(this.file)) {
      const data = readJsonSync<CatalogFile>(this.file);
      for (const o of data.objects) this.objects.set(keyOf(o.kind, o.name), o);
      this.grants = data.grants;
      this.roleGrants = data.roleGrants;
    }
  }

  /** Creates the system roles and their hierarchy when the account is new. */
  bootstrap(users: Array<{ name: string; roles: string[] }>, extraRoles: string[]): void {
    for (const role of [...SYSTEM_ROLES, ...extraRoles]) {
      if (!this.get('ROLE', [role])) this.put({ kind: 'ROLE', name: [role], owner: 'ACCOUNTADMIN', comment: null, props: {} });
    }
    const hierarchy: Array<[string, string]> = [
      ['SECURITYADMIN', 'ACCOUNTADMIN'],
      ['SYSADMIN', 'ACCOUNTADMIN'],
      ['USERADMIN', 'SECURITYADMIN'],
    ];
    for (const [role, parent] of hierarchy) this.grantRole(role, 'ROLE', parent, 'ACCOUNTADMIN');
    for (const extra of extraRoles) this.grantRole(extra, 'ROLE', 'ACCOUNTADMIN', 'ACCOUNTADMIN');
    const accountPrivileges: Array<[string, string]> = [
      ['CREATE DATABASE', 'SYSADMIN'],
      ['CREATE WAREHOUSE', 'SYSADMIN'],
      ['CREATE ROLE', 'USERADMIN'],
      ['MANAGE GRANTS', 'SECURITYADMIN'],
      ['CREATE INTEGRATION', 'ACCOUNTADMIN'],
    ];
    for (const [privilege, role] of accountPrivileges) this.grant(privilege, 'ACCOUNT', [this.account], role, 'ACCOUNTADMIN');
    for (const user of users) for (const role of user.roles) this.grantRole(role, 'USER', user.name, 'ACCOUNTADMIN');
    this.save();
  }

  get(kind: SecurableKind, name: QualifiedName): CatalogObject | undefined {
    return this.objects.get(keyOf(kind, name));
  }

  put(o: Omit<CatalogObject, 'createdOn'> & { createdOn?: string }): CatalogObject {
    const full: CatalogObject = { ...o, createdOn: o.createdOn ?? new Date().toISOString() };
    this.objects.set(keyOf(o.kind, o.name), full);
    return full;
  }

  /** Removes an object with everything under it and every grant on them. */
  remove(kind: SecurableKind, name: QualifiedName): void {
    const under = (o: { kind: SecurableKind; name: QualifiedName }) =>
      (o.kind === kind && sameName(o.name, name)) ||
      ((kind === 'DATABASE' || kind === 'SCHEMA') &&
        o.kind !== 'ROLE' &&
        o.kind !== 'WAREHOUSE' &&
        o.kind !== 'INTEGRATION' &&
        o.kind !== 'ACCOUNT' &&
        o.name.length > name.length &&
        sameName(o.name.slice(0, name.length), name));
    for (const [k, o] of this.objects) if (under(o)) this.objects.delete(k);
    this.grants = this.grants.filter((g) => !under(g));
    if (kind === 'ROLE') {
      this.grants = this.grants.filter((g) => g.role !== name[0]);
      this.roleGrants = this.roleGrants.filter((g) => g.role !== name[0] && !(g.granteeKind === 'ROLE' && g.grantee === name[0]));
    }
  }

  list(kind: SecurableKind): CatalogObject[] {
    return [...this.objects.values()].filter((o) => o.kind === kind);
  }

  grant(privilege: string, kind: SecurableKind, name: QualifiedName, role: string, grantedBy: string): void {
    const exists = this.grants.some((g) => g.privilege === privilege && g.kind === kind && sameName(g.name, name) && g.role === role);
    if (!exists) this.grants.push({ privilege, kind, name, role, grantedBy, createdOn: new Date().toISOString() });
  }

  revoke(privilege: string, kind: SecurableKind, name: QualifiedName, role: string): void {
    this.grants = this.grants.filter(
      (g) => !(g.privilege === privilege && g.kind === kind && sameName(g.name, name) && g.role === role),
    );
  }

  grantsOn(kind: SecurableKind, name: QualifiedName): PrivilegeGrant[] {
    return this.grants.filter((g) => g.kind === kind && sameName(g.name, name));
  }

  grantsTo(role: string): PrivilegeGrant[] {
    return this.grants.filter((g) => g.role === role);
  }

  grantRole(role: string, granteeKind: 'ROLE' | 'USER', grantee: string, grantedBy: string): void {
    const exists = this.roleGrants.some((g) => g.role === role && g.granteeKind === granteeKind && g.grantee === grantee);
    if (!exists) this.roleGrants.push({ role, granteeKind, grantee, grantedBy, createdOn: new Date().toISOString() });
  }

  revokeRole(role: string, granteeKind: 'ROLE' | 'USER', grantee: string): void {
    this.roleGrants = this.roleGrants.filter((g) => !(g.role === role && g.granteeKind === granteeKind && g.grantee === grantee));
  }

  roleGrantsOf(role: string): RoleGrant[] {
    return this.roleGrants.filter((g) => g.role === role);
  }

  roleGrantsTo(granteeKind: 'ROLE' | 'USER', grantee: string): RoleGrant[] {
    return this.roleGrants.filter((g) => g.granteeKind === granteeKind && g.grantee === grantee);
  }

  /** The role itself, every role granted to it (transitively), and PUBLIC. */
  closure(role: string): Set<string> {
    const seen = new Set<string>([role, 'PUBLIC']);
    const stack = [role];
    while (stack.length) {
      const r = stack.pop()!;
      for (const g of this.roleGrantsTo('ROLE', r)) {
        if (!seen.has(g.role)) {
          seen.add(g.role);
          stack.push(g.role);
        }
      }
    }
    return seen;
  }

  /** Roles a user may activate: those granted to the user and everything below them. */
  rolesOfUser(user: string): Set<string> {
    const out = new Set<string>(['PUBLIC']);
    for (const g of this.roleGrantsTo('USER', user)) for (const r of this.closure(g.role)) out.add(r);
    return out;
  }

  save(): void {
    const data: CatalogFile = {
      version: 1,
      account: this.account,
      objects: [...this.objects.values()],
      grants: this.grants,
      roleGrants: this.roleGrants,
    };
    writeAtomicallySync(this.file, JSON.stringify(data, null, 1));
  }
}

export function sameName(a: QualifiedName, b: QualifiedName): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}
