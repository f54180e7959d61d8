// Account-level statements: USE, CREATE/DROP/ALTER of roles, databases, schemas, warehouses,
// network rules and external access integrations, GRANT/REVOKE, ALTER SESSION. They act on the
// catalog (and, for databases and schemas, on the DuckDB store) under the privilege model.

import { Access } from './access.js';
import { displayName, type Catalog, type QualifiedName, type SecurableKind } from './catalog.js';
import {
  SnowflakeError,
  alreadyExists,
  doesNotExist,
  insufficientPrivileges,
  notAvailableInSandbox,
  roleNotGranted,
  unsupported,
} from './errors.js';
import { STATEMENT_TYPE, statusResult, type StatementResult } from './result.js';
import type { Session, Storage } from './session.js';
import { Cursor } from './sql/cursor.js';

export interface AccountContext {
  catalog: Catalog;
  storage: Storage;
  session: Session;
}

const OK = 'Statement executed successfully.';

export function noCurrentDatabase(action: string): SnowflakeError {
  return new SnowflakeError(
    '090105',
    '22000',
    `Cannot perform ${action}. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.`,
  );
}

export function noCurrentSchema(action: string): SnowflakeError {
  return new SnowflakeError(
    '090106',
    '22000',
    `Cannot perform ${action}. This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.`,
  );
}

/** [db, schema] from a schema name as written (1 or 2 parts). */
export function resolveSchemaName(parts: string[], session: Session, action: string): QualifiedName {
  if (parts.length === 2) return parts;
  if (parts.length !== 1) throw new SnowflakeError('002003', '02000', `SQL compilation error:\nInvalid schema name '${parts.join('.')}'.`);
  if (!session.database) throw noCurrentDatabase(action);
  return [session.database, parts[0]];
}

/** [db, schema, name] from an object name as written (1 to 3 parts). */
export function resolveObjectName(parts: string[], session: Session, action: string): QualifiedName {
  if (parts.length === 3) return parts;
  if (parts.length === 2) {
    if (!session.database) throw noCurrentDatabase(action);
    return [session.database, parts[0], parts[1]];
  }
  if (!session.database) throw noCurrentDatabase(action);
  if (!session.schema) throw noCurrentSchema(action);
  return [session.database, session.schema, parts[0]];
}

function accountName(parts: string[]): QualifiedName {
  if (parts.length !== 1) throw new SnowflakeError('001003', '42000', `SQL compilation error:\ninvalid name '${parts.join('.')}'.`);
  return parts;
}

export async function runUse(c: Cursor, ctx: AccountContext): Promise<StatementResult> {
  const { catalog, session } = ctx;
  const access = new Access(catalog, session.role);
  c.expectWords('USE');
  if (c.acceptWords('ROLE')) {
    const role = c.identifier();
    c.expectEnd();
    if (!catalog.get('ROLE', [role])) throw doesNotExist('Role', displayName([role]));
    if (!catalog.rolesOfUser(session.user).has(role)) throw roleNotGranted(role);
    session.role = role;
    return statusResult(OK, STATEMENT_TYPE.USE);
  }
  if (c.acceptWords('WAREHOUSE')) {
    const wh = c.identifier();
    c.expectEnd();
    if (!catalog.get('WAREHOUSE', [wh]) || !access.has('WAREHOUSE', [wh], ['USAGE', 'OPERATE', 'MODIFY']))
      throw new SnowflakeError('002043', '02000', 'SQL compilation error:\nObject does not exist, or operation cannot be performed.');
    session.warehouse = wh;
    return statusResult(OK, STATEMENT_TYPE.USE);
  }
  if (c.acceptWords('SCHEMA')) {
    const [db, schema] = resolveSchemaName(c.qualifiedName(), session, 'USE SCHEMA');
    c.expectEnd();
    access.requireSchema(db, schema);
    session.database = db;
    session.schema = schema;
    await ctx.storage.useContext(session);
    return statusResult(OK, STATEMENT_TYPE.USE);
  }
  c.acceptWords('DATABASE');
  const parts = c.qualifiedName();
  c.expectEnd();
  const db = parts[0];
  access.requireDatabase(db);
  if (parts.length === 2) {
    access.requireSchema(db, parts[1]);
    session.schema = parts[1];
  } else {
    session.schema = catalog.get('SCHEMA', [db, 'PUBLIC']) && access.sees('SCHEMA', [db, 'PUBLIC']) ? 'PUBLIC' : null;
  }
  session.database = db;
  await ctx.storage.useContext(session);
  return statusResult(OK, STATEMENT_TYPE.USE);
}

interface CreateHead {
  orReplace: boolean;
  ifNotExists: boolean;
}

/** CREATE of an account-level object; `c` is positioned after the object kind words. */
export async function runCreate(kind: SecurableKind, head: CreateHead, c: Cursor, ctx: AccountContext): Promise<StatementResult> {
  const { catalog, session } = ctx;
  const access = new Access(catalog, session.role);
  if (head.orReplace && head.ifNotExists)
    throw new SnowflakeError('002012', '42000', 'SQL compilation error:\nIF NOT EXISTS and OR REPLACE are incompatible.');
  const written = c.qualifiedName();
  let name: QualifiedName;
  switch (kind) {
    case 'ROLE':
    case 'DATABASE':
    case 'WAREHOUSE':
    case 'INTEGRATION':
      name = accountName(written);
      break;
    case 'SCHEMA':
      name = resolveSchemaName(written, session, 'CREATE SCHEMA');
      break;
    default:
      name = resolveObjectName(written, session, `CREATE ${kind}`);
  }
  const props = parseProperties(c, kind);

  // privilege to create here
  if (kind === 'ROLE' && !access.hasAccount('CREATE ROLE')) throw insufficientPrivileges('account', catalog.account);
  if (kind === 'DATABASE' && !access.hasAccount('CREATE DATABASE')) throw insufficientPrivileges('account', catalog.account);
  if (kind === 'WAREHOUSE' && !access.hasAccount('CREATE WAREHOUSE')) throw insufficientPrivileges('account', catalog.account);
  if (kind === 'INTEGRATION' && !access.hasAccount('CREATE INTEGRATION')) throw insufficientPrivileges('account', catalog.account);
  if (kind === 'SCHEMA') {
    access.requireDatabase(name[0]);
    if (!access.has('DATABASE', [name[0]], ['CREATE SCHEMA'])) throw insufficientPrivileges('database', displayName([name[0]]));
  }
  if (kind === 'NETWORK RULE') access.requireCreateIn(name[0], name[1], 'CREATE NETWORK RULE');

  const label = kindLabel(kind);
  const existing = catalog.get(kind, name);
  if (existing && head.ifNotExists) return statusResult(`${displayName([name[name.length - 1]])} already exists, statement succeeded.`);
  if (existing && !head.orReplace) throw alreadyExists(label, displayName(name));
  if (existing) {
    access.requireOwnership(kind, name);
    if (kind === 'DATABASE') await ctx.storage.dropDatabase(name[0]);
    if (kind === 'SCHEMA') await ctx.storage.dropSchema(name[0], name[1]);
    catalog.remove(kind, name);
  }

  validateProperties(kind, props, ctx, access);
  catalog.put({ kind, name, owner: session.role, comment: props.COMMENT ?? null, props: objectProps(kind, props) });
  if (kind === 'DATABASE') {
    await ctx.storage.createDatabase(name[0]);
    catalog.put({ kind: 'SCHEMA', name: [name[0], 'PUBLIC'], owner: session.role, comment: null, props: {} });
    session.database = name[0];
    session.schema = 'PUBLIC';
    await ctx.storage.useContext(session);
  }
  if (kind === 'SCHEMA') {
    await ctx.storage.createSchema(name[0], name[1]);
    session.database = name[0];
    session.schema = name[1];
    await ctx.storage.useContext(session);
  }
  if (kind === 'WAREHOUSE') session.warehouse = name[0];
  catalog.save();
  return statusResult(`${label} ${displayName([name[name.length - 1]])} successfully created.`);
}

type Props = Record<string, string> & { VALUE_LIST?: string; ALLOWED_NETWORK_RULES?: string };

/** key = value pairs; lists in parentheses are kept as JSON arrays of their items. */
function parseProperties(c: Cursor, kind: SecurableKind): Props {
  const props: Props = {};
  c.acceptWords('WITH');
  while (!c.atEnd()) {
    const t = c.peek()!;
    if (t.kind !== 'word') throw c.unexpected();
    const key = c.identifier();
    c.expectOp('=');
    if (c.acceptOp('(')) {
      const items: string[] = [];
      while (!c.acceptOp(')')) {
        if (c.peek()?.kind === 'string') items.push(c.string());
        else items.push(c.qualifiedName().join('\u0000'));
        if (!c.acceptOp(',')) {
          c.expectOp(')');
          break;
        }
      }
      props[key] = JSON.stringify(items);
    } else {
      const v = c.peek();
      if (v?.kind === 'op' && v.text === '-') {
        c.i++;
        props[key] = `-${c.value()}`;
      } else {
        props[key] = c.value();
      }
    }
    c.acceptOp(',');
  }
  const allowed = ALLOWED_PROPERTIES[kind] ?? [];
  for (const key of Object.keys(props)) {
    if (!allowed.includes(key)) throw new SnowflakeError('001003', '42000', `SQL compilation error:\ninvalid property '${key}' for '${kind}'.`);
  }
  return props;
}

const ALLOWED_PROPERTIES: Partial<Record<SecurableKind, string[]>> = {
  ROLE: ['COMMENT'],
  DATABASE: ['COMMENT', 'DATA_RETENTION_TIME_IN_DAYS', 'MAX_DATA_EXTENSION_TIME_IN_DAYS', 'DEFAULT_DDL_COLLATION'],
  SCHEMA: ['COMMENT', 'DATA_RETENTION_TIME_IN_DAYS', 'MAX_DATA_EXTENSION_TIME_IN_DAYS', 'DEFAULT_DDL_COLLATION'],
  WAREHOUSE: [
    'WAREHOUSE_SIZE',
    'WAREHOUSE_TYPE',
    'AUTO_SUSPEND',
    'AUTO_RESUME',
    'INITIALLY_SUSPENDED',
    'MIN_CLUSTER_COUNT',
    'MAX_CLUSTER_COUNT',
    'SCALING_POLICY',
    'COMMENT',
    'RESOURCE_MONITOR',
    'ENABLE_QUERY_ACCELERATION',
    'QUERY_ACCELERATION_MAX_SCALE_FACTOR',
    'STATEMENT_TIMEOUT_IN_SECONDS',
    'STATEMENT_QUEUED_TIMEOUT_IN_SECONDS',
    'MAX_CONCURRENCY_LEVEL',
  ],
  'NETWORK RULE': ['MODE', 'TYPE', 'VALUE_LIST', 'COMMENT'],
  INTEGRATION: ['ALLOWED_NETWORK_RULES', 'ALLOWED_API_AUTHENTICATION_INTEGRATIONS', 'ALLOWED_AUTHENTICATION_SECRETS', 'ENABLED', 'COMMENT'],
};

const WAREHOUSE_SIZES: Record<string, string> = {
  XSMALL: 'X-Small',
  'X-SMALL': 'X-Small',
  SMALL: 'Small',
  MEDIUM: 'Medium',
  LARGE: 'Large',
  XLARGE: 'X-Large',
  'X-LARGE': 'X-Large',
  XXLARGE: '2X-Large',
  'XX-LARGE': '2X-Large',
  '2X-LARGE': '2X-Large',
};

function invalidValue(key: string, value: string): SnowflakeError {
  return new SnowflakeError('002023', '22023', `SQL compilation error:\ninvalid value [${value}] for parameter '${key}'`);
}

function validateProperties(kind: SecurableKind, props: Props, ctx: AccountContext, access: Access): void {
  if (kind === 'WAREHOUSE' && props.WAREHOUSE_SIZE && !WAREHOUSE_SIZES[props.WAREHOUSE_SIZE.toUpperCase()])
    throw invalidValue('WAREHOUSE_SIZE', props.WAREHOUSE_SIZE);
  if (kind === 'NETWORK RULE') {
    if (!props.TYPE || !props.VALUE_LIST)
      throw new SnowflakeError('001003', '42000', 'SQL compilation error:\nmissing required property TYPE or VALUE_LIST for network rule.');
    const type = props.TYPE.toUpperCase();
    if (!['HOST_PORT', 'IPV4', 'PRIVATE_HOST_PORT', 'AWSVPCEID', 'AZURELINKID', 'GCPPSCID'].includes(type)) throw invalidValue('TYPE', props.TYPE);
    const mode = (props.MODE ?? 'INGRESS').toUpperCase();
    if (!['INGRESS', 'EGRESS', 'INTERNAL_STAGE', 'POSTGRES_INGRESS', 'POSTGRES_EGRESS'].includes(mode)) throw invalidValue('MODE', props.MODE ?? '');
    if (type === 'HOST_PORT') {
      for (const entry of JSON.parse(props.VALUE_LIST) as string[]) {
        if (!/^(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$/.test(entry)) throw invalidValue('VALUE_LIST', entry);
      }
    }
  }
  if (kind === 'INTEGRATION') {
    if (props.ENABLED === undefined)
      throw new SnowflakeError('001003', '42000', "SQL compilation error:\nmissing required property 'ENABLED' for external access integration.");
    for (const raw of JSON.parse(props.ALLOWED_NETWORK_RULES ?? '[]') as string[]) {
      const rule = resolveObjectName(raw.split('\u0000'), ctx.session, 'CREATE EXTERNAL ACCESS INTEGRATION');
      if (!ctx.catalog.get('NETWORK RULE', rule) || !access.sees('NETWORK RULE', rule))
        throw doesNotExist('Network rule', displayName(rule));
    }
  }
}

function objectProps(kind: SecurableKind, props: Props): Record<string, unknown> {
  switch (kind) {
    case 'WAREHOUSE':
      return {
        size: WAREHOUSE_SIZES[(props.WAREHOUSE_SIZE ?? 'XSMALL').toUpperCase()],
        type: (props.WAREHOUSE_TYPE ?? 'STANDARD').toUpperCase(),
        autoSuspend: Number(props.AUTO_SUSPEND ?? 600),
        autoResume: (props.AUTO_RESUME ?? 'TRUE').toUpperCase() === 'TRUE',
        state: (props.INITIALLY_SUSPENDED ?? 'FALSE').toUpperCase() === 'TRUE' ? 'SUSPENDED' : 'STARTED',
      };
    case 'NETWORK RULE':
      return {
        type: props.TYPE!.toUpperCase(),
        mode: (props.MODE ?? 'INGRESS').toUpperCase(),
        valueList: JSON.parse(props.VALUE_LIST!),
      };
    case 'INTEGRATION':
      return {
        type: 'EXTERNAL_ACCESS',
        enabled: props.ENABLED!.toUpperCase() === 'TRUE',
        allowedNetworkRules: (JSON.parse(props.ALLOWED_NETWORK_RULES ?? '[]') as string[]).map((r) => r.split('\u0000')),
      };
    default:
      return {};
  }
}

function kindLabel(kind: SecurableKind): string {
  const labels: Partial<Record<SecurableKind, string>> = {
    ROLE: 'Role',
    DATABASE: 'Database',
    SCHEMA: 'Schema',
    WAREHOUSE: 'Warehouse',
    'NETWORK RULE': 'Network rule',
    INTEGRATION: 'Integration',
  };
  return labels[kind] ?? kind;
}

/** DROP of an account-level object; `c` is positioned after the kind words. */
export async function runDrop(kind: SecurableKind, c: Cursor, ctx: AccountContext): Promise<StatementResult> {
  const { catalog, session } = ctx;
  const access = new Access(catalog, session.role);
  const ifExists = c.acceptWords('IF', 'EXISTS');
  const written = c.qualifiedName();
  c.acceptWords('CASCADE') || c.acceptWords('RESTRICT');
  c.expectEnd();
  let name: QualifiedName;
  if (kind === 'SCHEMA') name = resolveSchemaName(written, session, 'DROP SCHEMA');
  else if (kind === 'NETWORK RULE') name = resolveObjectName(written, session, 'DROP NETWORK RULE');
  else name = accountName(written);
  const last = displayName([name[name.length - 1]]);
  const exists = catalog.get(kind, name) && access.sees(kind, name);
  if (!exists) {
    if (ifExists) return statusResult(`Drop statement executed successfully (${last} already dropped).`);
    throw doesNotExist(kindLabel(kind), displayName(name));
  }
  if (kind === 'ROLE' && ['ACCOUNTADMIN', 'SECURITYADMIN', 'USERADMIN', 'SYSADMIN', 'PUBLIC'].includes(name[0]))
    throw new SnowflakeError('003023', '42501', `SQL access control error:\nCannot drop system role '${name[0]}'.`);
  access.requireOwnership(kind, name);
  if (kind === 'DATABASE') {
    await ctx.storage.dropDatabase(name[0]);
    if (session.database === name[0]) {
      session.database = null;
      session.schema = null;
      await ctx.storage.useContext(session);
    }
  }
  if (kind === 'SCHEMA') {
    await ctx.storage.dropSchema(name[0], name[1]);
    if (session.database === name[0] && session.schema === name[1]) {
      session.schema = null;
      await ctx.storage.useContext(session);
    }
  }
  if (kind === 'WAREHOUSE' && session.warehouse === name[0]) session.warehouse = null;
  catalog.remove(kind, name);
  catalog.save();
  return statusResult(`${last} successfully dropped.`);
}

/** DROP of an object kind the sandbox never holds: IF EXISTS succeeds as in Snowflake, else missing. */
export function runDropNeverPresent(label: string, c: Cursor): StatementResult {
  const ifExists = c.acceptWords('IF', 'EXISTS');
  const name = c.qualifiedName();
  c.expectEnd();
  if (ifExists) return statusResult(`Drop statement executed successfully (${displayName([name[name.length - 1]])} already dropped).`);
  throw doesNotExist(label, displayName(name));
}

/** The securable named after ON: kind words then name. */
function parseSecurable(c: Cursor, session: Session): { kind: SecurableKind; name: QualifiedName } {
  if (c.acceptWords('ACCOUNT')) return { kind: 'ACCOUNT', name: [] };
  if (c.acceptWords('DATABASE')) return { kind: 'DATABASE', name: accountName(c.qualifiedName()) };
  if (c.acceptWords('SCHEMA')) return { kind: 'SCHEMA', name: resolveSchemaName(c.qualifiedName(), session, 'GRANT') };
  if (c.acceptWords('WAREHOUSE')) return { kind: 'WAREHOUSE', name: accountName(c.qualifiedName()) };
  if (c.acceptWords('INTEGRATION')) return { kind: 'INTEGRATION', name: accountName(c.qualifiedName()) };
  if (c.acceptWords('ROLE')) return { kind: 'ROLE', name: accountName(c.qualifiedName()) };
  if (c.acceptWords('NETWORK', 'RULE')) return { kind: 'NETWORK RULE', name: resolveObjectName(c.qualifiedName(), session, 'GRANT') };
  if (c.acceptWords('TABLE')) return { kind: 'TABLE', name: resolveObjectName(c.qualifiedName(), session, 'GRANT') };
  if (c.acceptWords('VIEW')) return { kind: 'VIEW', name: resolveObjectName(c.qualifiedName(), session, 'GRANT') };
  if (c.isWord('ALL', 'FUTURE')) throw unsupported('GRANT … ON ALL/FUTURE objects');
  throw c.unexpected();
}

function parsePrivileges(c: Cursor): string[] {
  const privileges: string[] = [];
  let words: string[] = [];
  while (!c.isWord('ON')) {
    if (c.atEnd()) throw c.unexpected();
    if (c.acceptOp(',')) {
      privileges.push(words.join(' '));
      words = [];
    } else {
      words.push(c.identifier());
    }
  }
  privileges.push(words.join(' '));
  return privileges.map((p) => (p === 'ALL PRIVILEGES' ? 'ALL' : p));
}

export async function runGrant(c: Cursor, ctx: AccountContext, revoke: boolean): Promise<StatementResult> {
  const { catalog, session } = ctx;
  const access = new Access(catalog, session.role);
  c.expectWords(revoke ? 'REVOKE' : 'GRANT');
  const toWord = revoke ? 'FROM' : 'TO';

  if (c.acceptWords('ROLE')) {
    const role = c.identifier();
    c.expectWords(toWord);
    const granteeKind = c.acceptWords('USER') ? 'USER' : (c.expectWords('ROLE'), 'ROLE');
    const grantee = c.identifier();
    c.expectEnd();
    if (!catalog.get('ROLE', [role]) || !access.sees('ROLE', [role])) throw doesNotExist('Role', displayName([role]));
    if (granteeKind === 'ROLE' && (!catalog.get('ROLE', [grantee]) || !access.sees('ROLE', [grantee])))
      throw doesNotExist('Role', displayName([grantee]));
    access.requireOwnership('ROLE', [role], true);
    if (revoke) catalog.revokeRole(role, granteeKind, grantee);
    else {
      if (granteeKind === 'ROLE' && catalog.closure(role).has(grantee))
        throw new SnowflakeError('003012', '42501', `SQL execution error:\nGranting role '${role}' to role '${grantee}' would create a cycle.`);
      catalog.grantRole(role, granteeKind, grantee, session.role);
    }
    catalog.save();
    return statusResult(OK);
  }

  const privileges = parsePrivileges(c);
  c.expectWords('ON');
  const target = parseSecurable(c, session);
  if (target.kind === 'ACCOUNT') target.name = [catalog.account];
  c.expectWords(toWord);
  c.expectWords('ROLE');
  const role = c.identifier();
  const copyGrants = c.acceptWords('COPY', 'CURRENT', 'GRANTS');
  c.acceptWords('REVOKE', 'CURRENT', 'GRANTS');
  c.acceptWords('WITH', 'GRANT', 'OPTION');
  c.acceptWords('CASCADE') || c.acceptWords('RESTRICT');
  c.expectEnd();
  void copyGrants;

  if (target.kind !== 'ACCOUNT' && (!catalog.get(target.kind, target.name) || !access.sees(target.kind, target.name)))
    throw doesNotExist(kindLabel(target.kind), displayName(target.name));
  if (!catalog.get('ROLE', [role])) throw doesNotExist('Role', displayName([role]));
  if (target.kind === 'ACCOUNT') {
    if (!access.hasAccount('MANAGE GRANTS')) throw insufficientPrivileges('account', catalog.account);
  } else {
    access.requireOwnership(target.kind, target.name, true);
  }

  if (privileges.length === 1 && privileges[0] === 'OWNERSHIP') {
    if (revoke) throw unsupported('REVOKE OWNERSHIP');
    if (target.kind === 'ACCOUNT') throw c.unexpected();
    const o = catalog.get(target.kind, target.name)!;
    o.owner = role;
    catalog.save();
    return statusResult(OK);
  }
  for (const p of privileges) {
    if (p === 'OWNERSHIP') throw new SnowflakeError('001003', '42000', 'SQL compilation error:\nOWNERSHIP cannot be granted with other privileges.');
    if (revoke) catalog.revoke(p, target.kind, target.name, role);
    else catalog.grant(p, target.kind, target.name, role, session.role);
  }
  catalog.save();
  return statusResult(OK);
}

/** ALTER of account objects: SESSION, WAREHOUSE, NETWORK RULE, INTEGRATION. */
export async function runAlter(kind: string, c: Cursor, ctx: AccountContext): Promise<StatementResult> {
  const { catalog, session } = ctx;
  const access = new Access(catalog, session.role);
  if (kind === 'SESSION') {
    if (c.acceptWords('UNSET')) {
      while (!c.atEnd()) {
        delete session.params[c.identifier()];
        c.acceptOp(',');
      }
    } else {
      c.expectWords('SET');
      while (!c.atEnd()) {
        const key = c.identifier();
        c.expectOp('=');
        session.params[key] = c.value();
        c.acceptOp(',');
      }
    }
    return statusResult(OK);
  }
  const sfKind: SecurableKind = kind === 'WAREHOUSE' ? 'WAREHOUSE' : kind === 'NETWORK RULE' ? 'NETWORK RULE' : 'INTEGRATION';
  const ifExists = c.acceptWords('IF', 'EXISTS');
  const written = c.qualifiedName();
  const name = sfKind === 'NETWORK RULE' ? resolveObjectName(written, session, 'ALTER NETWORK RULE') : accountName(written);
  const o = catalog.get(sfKind, name);
  if (!o || !access.sees(sfKind, name)) {
    if (ifExists) return statusResult(OK);
    throw doesNotExist(kindLabel(sfKind), displayName(name));
  }
  if (sfKind === 'WAREHOUSE' && c.acceptWords('SUSPEND')) {
    if (!access.has('WAREHOUSE', name, ['OPERATE'])) throw insufficientPrivileges('warehouse', displayName(name));
    c.expectEnd();
    o.props.state = 'SUSPENDED';
  } else if (sfKind === 'WAREHOUSE' && c.acceptWords('RESUME')) {
    if (!access.has('WAREHOUSE', name, ['OPERATE'])) throw insufficientPrivileges('warehouse', displayName(name));
    c.acceptWords('IF', 'SUSPENDED');
    c.expectEnd();
    o.props.state = 'STARTED';
  } else {
    c.expectWords('SET');
    access.requireOwnership(sfKind, name);
    const props = parseProperties(c, sfKind);
    const merged = { ...propsBack(o), ...props };
    validateProperties(sfKind, merged, ctx, access);
    o.props = objectProps(sfKind, merged);
    if (props.COMMENT !== undefined) o.comment = props.COMMENT;
  }
  catalog.save();
  return statusResult(OK);
}

/** Stored props back in statement form, so ALTER … SET can merge and re-validate. */
function propsBack(o: { kind: SecurableKind; props: Record<string, unknown> }): Props {
  const p = o.props;
  if (o.kind === 'WAREHOUSE')
    return {
      WAREHOUSE_SIZE: Object.keys(WAREHOUSE_SIZES).find((k) => WAREHOUSE_SIZES[k] === p.size) ?? 'XSMALL',
      AUTO_SUSPEND: String(p.autoSuspend),
      AUTO_RESUME: p.autoResume ? 'TRUE' : 'FALSE',
    };
  if (o.kind === 'NETWORK RULE') return { TYPE: String(p.type), MODE: String(p.mode), VALUE_LIST: JSON.stringify(p.valueList) };
  return {
    ENABLED: p.enabled ? 'TRUE' : 'FALSE',
    ALLOWED_NETWORK_RULES: JSON.stringify((p.allowedNetworkRules as string[][]).map((r) => r.join('\u0000'))),
  };
}

export { notAvailableInSandbox };
