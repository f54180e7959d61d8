// The small privilege model: what the session's active role (with every role granted to it) may
// see and do. ACCOUNTADMIN may do anything; every other role only what was granted or owned.

import type { Catalog, QualifiedName, SecurableKind } from './catalog.js';
import { displayName, sameName } from './catalog.js';
import { doesNotExist, insufficientPrivileges } from './errors.js';

const KIND_LABEL: Record<SecurableKind, string> = {
  ACCOUNT: 'Account',
  ROLE: 'Role',
  DATABASE: 'Database',
  SCHEMA: 'Schema',
  WAREHOUSE: 'Warehouse',
  'NETWORK RULE': 'Network rule',
  INTEGRATION: 'Integration',
  TABLE: 'Table',
  VIEW: 'View',
};

export class Access {
  readonly roles: Set<string>;

  constructor(
    private readonly catalog: Catalog,
    readonly role: string,
  ) {
    this.roles = catalog.closure(role);
  }

  get isAdmin(): boolean {
    return this.roles.has('ACCOUNTADMIN');
  }

  owns(kind: SecurableKind, name: QualifiedName): boolean {
    const o = this.catalog.get(kind, name);
    return !!o && this.roles.has(o.owner);
  }

  /** True when the role holds one of the privileges (OWNERSHIP always counts). */
  has(kind: SecurableKind, name: QualifiedName, privileges: string[]): boolean {
    if (this.isAdmin || this.owns(kind, name)) return true;
    return this.catalog
      .grantsOn(kind, name)
      .some((g) => this.roles.has(g.role) && (privileges.includes(g.privilege) || g.privilege === 'ALL'));
  }

  /** Any privilege at all makes an object visible (SHOW, USE, name resolution). */
  sees(kind: SecurableKind, name: QualifiedName): boolean {
    if (this.isAdmin || this.owns(kind, name)) return true;
    return this.catalog.grantsOn(kind, name).some((g) => this.roles.has(g.role));
  }

  hasAccount(privilege: string): boolean {
    return this.isAdmin || this.has('ACCOUNT', [this.catalog.account], [privilege]);
  }

  /** The database must exist and be visible, else Snowflake's "does not exist or not authorized". */
  requireDatabase(db: string): void {
    if (!this.catalog.get('DATABASE', [db]) || !this.sees('DATABASE', [db])) throw doesNotExist('Database', displayName([db]));
  }

  requireSchema(db: string, schema: string): void {
    this.requireDatabase(db);
    if (!this.catalog.get('SCHEMA', [db, schema]) || !this.sees('SCHEMA', [db, schema]))
      throw doesNotExist('Schema', displayName([db, schema]));
  }

  /** Create-in-schema privilege (CREATE TABLE, CREATE VIEW, CREATE NETWORK RULE …). */
  requireCreateIn(db: string, schema: string, privilege: string): void {
    this.requireSchema(db, schema);
    if (!this.has('SCHEMA', [db, schema], [privilege])) throw insufficientPrivileges('schema', displayName([db, schema]));
  }

  /** Object-level privilege on a table or view; unseen objects look missing, seen ones are refused. */
  requireOnTable(name: QualifiedName, privileges: string[]): void {
    const [db, schema] = name;
    this.requireSchema(db, schema);
    const kind = this.catalog.get('VIEW', name) ? 'VIEW' : 'TABLE';
    if (!this.sees(kind, name)) throw doesNotExist('Object', displayName(name));
    if (!this.has(kind, name, privileges)) throw insufficientPrivileges(kind.toLowerCase(), displayName(name));
  }

  /** Grants and drops need ownership (or MANAGE GRANTS for grants). */
  requireOwnership(kind: SecurableKind, name: QualifiedName, forGrant = false): void {
    if (this.isAdmin || this.owns(kind, name)) return;
    if (forGrant && this.hasAccount('MANAGE GRANTS')) return;
    if (!this.sees(kind, name)) throw doesNotExist(KIND_LABEL[kind], displayName(name));
    throw insufficientPrivileges(kind.toLowerCase(), displayName(name));
  }

  label(kind: SecurableKind): string {
    return KIND_LABEL[kind];
  }

  sameRole(a: QualifiedName, b: QualifiedName): boolean {
    return sameName(a, b);
  }
}
