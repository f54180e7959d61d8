// CREATE / ALTER / DROP / SHOW / DESCRIBE OPENFLOW DEPLOYMENT|RUNTIME, as documented for Openflow
// gen 2 (docs.snowflake.com/sql-reference/sql/*-openflow-*): the documented columns in order,
// asynchronous status changes, the rules (ALTER refused while CREATING, DROP only once TERMINATED,
// at most 3 Snowflake deployments) and the privileges. The error texts the docs do not give are ours.

import { Access } from '../access.js';
import { resolveObjectName, resolveSchemaName, type AccountContext } from '../account.js';
import { displayName, type QualifiedName } from '../catalog.js';
import { SnowflakeError, alreadyExists, doesNotExist, insufficientPrivileges } from '../errors.js';
import { epochText, statusResult, tableResult, type StatementResult } from '../result.js';
import type { Cursor } from '../sql/cursor.js';
import type { Token } from '../sql/tokenizer.js';
import { TRANSITIONAL, isFailed, newKey, openflowOf, type Deployment, type Lifecycle, type OpenflowStore, type Runtime } from './store.js';

/** An account may have at most this many Snowflake-type deployments (gen 1 and gen 2 together). */
export const MAX_SNOWFLAKE_DEPLOYMENTS = 3;

const TIERS: Record<string, string[]> = { SMALL: ['S1', 'S2', 'S3'], MEDIUM: ['M4', 'M6'], LARGE: ['L8'] };
/** Statuses in which ALTER OPENFLOW RUNTIME is refused (docs), TERMINATE of a failed one aside. */
const NO_ALTER = new Set(['CREATING', 'CREATE_FAILED', 'TERMINATING', 'TERMINATED']);

/** True for the statements this module answers: xxx OPENFLOW …, and SELECT SYSTEM$WAIT_FOR_*OPENFLOW*(…). */
export function isOpenflowStatement(sig: Token[]): boolean {
  const [a, b] = sig;
  if (a?.kind !== 'word' || b?.kind !== 'word') return false;
  if (['CREATE', 'ALTER', 'DROP', 'SHOW', 'DESC', 'DESCRIBE'].includes(a.value)) return b.value === 'OPENFLOW';
  return a.value === 'SELECT' && /^SYSTEM\$WAIT_FOR_.*OPENFLOW_(DEPLOYMENT|RUNTIME)S?(_STATUS)?$/.test(b.value);
}

export async function runOpenflowStatement(c: Cursor, ctx: AccountContext): Promise<StatementResult> {
  const store = openflowOf(ctx.catalog);
  const verb = c.identifier();
  if (!store.gen2) {
    // An account without gen 2 does not know these statements (docs: a compilation error is the signal).
    c.i = verb === 'SELECT' ? 1 : 2;
    throw c.unexpected();
  }
  if (verb === 'SELECT') return runWait(c, ctx, store);
  c.expectWords('OPENFLOW');
  const access = new Access(ctx.catalog, ctx.session.role);
  switch (verb) {
    case 'SHOW':
      if (c.acceptWords('DEPLOYMENTS')) return showDeployments(c, store, access);
      c.expectWords('RUNTIMES');
      return showRuntimes(c, ctx, store, access);
    case 'DESC':
    case 'DESCRIBE':
      if (c.acceptWords('DEPLOYMENT')) return describeDeployment(c, store, access);
      c.expectWords('RUNTIME');
      return describeRuntime(c, ctx, store, access);
    case 'CREATE':
      if (c.acceptWords('DEPLOYMENT')) return createDeployment(c, ctx, store, access);
      c.expectWords('RUNTIME');
      return createRuntime(c, ctx, store, access);
    case 'ALTER':
      if (c.acceptWords('DEPLOYMENT')) return alterDeployment(c, store, access);
      c.expectWords('RUNTIME');
      return alterRuntime(c, ctx, store, access);
    case 'DROP':
      if (c.acceptWords('DEPLOYMENT')) return dropDeployment(c, store, access);
      c.expectWords('RUNTIME');
      return dropRuntime(c, ctx, store, access);
    default:
      throw c.unexpected();
  }
}

// ---------- visibility and names

function sees(o: { owner: string }, access: Access): boolean {
  return access.isAdmin || access.roles.has(o.owner);
}

function requireOwner(o: { owner: string }, label: string, name: string, access: Access): void {
  if (!sees(o, access)) throw doesNotExist(label, name);
}

function visibleDeployment(store: OpenflowStore, name: string, access: Access): Deployment | undefined {
  const d = store.deployment(name);
  return d && sees(d, access) ? d : undefined;
}

function visibleRuntime(store: OpenflowStore, name: QualifiedName, access: Access): Runtime | undefined {
  const r = store.runtime(name);
  return r && sees(r, access) ? r : undefined;
}

function runtimeName(c: Cursor, ctx: AccountContext, action: string): QualifiedName {
  return resolveObjectName(c.qualifiedName(), ctx.session, action);
}

// ---------- properties

interface Props {
  values: Map<string, string>;
  lists: Map<string, string[]>;
}

/** KEY = value pairs (quoted or not, as the docs and the Terraform provider both write them) and KEY = (a, b). */
function readProps(c: Cursor, stopWords: string[] = []): Props {
  const props: Props = { values: new Map(), lists: new Map() };
  while (!c.atEnd() && !c.isWord(...stopWords)) {
    const key = c.identifier();
    c.expectOp('=');
    if (c.acceptOp('(')) {
      const items: string[] = [];
      while (!c.acceptOp(')')) {
        items.push(c.peek()?.kind === 'string' ? c.string() : c.qualifiedName().join('.'));
        c.acceptOp(',');
      }
      props.lists.set(key, items);
    } else {
      props.values.set(key, c.value());
    }
    c.acceptOp(',');
  }
  return props;
}

function invalidProperty(key: string, what: string): SnowflakeError {
  return new SnowflakeError('001003', '42000', `SQL compilation error:\ninvalid property '${key}' for '${what}'.`);
}

function invalidValue(key: string, value: string): SnowflakeError {
  return new SnowflakeError('002023', '22023', `SQL compilation error:\ninvalid value [${value}] for parameter '${key}'`);
}

function bool(key: string, v: string | undefined, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  const u = v.toUpperCase();
  if (u !== 'TRUE' && u !== 'FALSE') throw invalidValue(key, v);
  return u === 'TRUE';
}

/** What a new deployment and a new runtime share: made by the session's role, CREATING, named as the statement says. */
function newLifecycle(props: Props, ctx: AccountContext): Lifecycle {
  const now = new Date().toISOString();
  return {
    displayName: props.values.get('DISPLAY_NAME') ?? null,
    comment: props.values.get('COMMENT') ?? null,
    owner: ctx.session.role,
    key: newKey(),
    status: 'CREATING',
    createdOn: now,
    updatedOn: now,
  };
}

function executionError(message: string): SnowflakeError {
  return new SnowflakeError('093201', '22000', message, 'EXECUTION');
}

// ---------- deployments

const DEPLOYMENT_PROPS = new Set([
  'DEPLOYMENT_TYPE',
  'VPC_TYPE',
  'USE_PRIVATE_LINK',
  'USE_USER_AUTH_OVER_PRIVATE_LINK',
  'USE_USER_AUTH_OVER_PRIVATELINK',
  'CUSTOM_INGRESS_HOSTNAME',
  'DISPLAY_NAME',
  'COMMENT',
  'EVENT_TABLE',
]);

function createDeployment(c: Cursor, ctx: AccountContext, store: OpenflowStore, access: Access): StatementResult {
  const ifNotExists = c.acceptWords('IF', 'NOT', 'EXISTS');
  const parts = c.qualifiedName();
  if (parts.length !== 1) throw c.unexpected();
  const name = parts[0];
  const props = readProps(c);
  for (const key of [...props.values.keys(), ...props.lists.keys()]) if (!DEPLOYMENT_PROPS.has(key)) throw invalidProperty(key, 'OPENFLOW DEPLOYMENT');
  const type = (props.values.get('DEPLOYMENT_TYPE') ?? 'SNOWFLAKE').toUpperCase();
  if (type !== 'SNOWFLAKE' && type !== 'BYOC') throw invalidValue('DEPLOYMENT_TYPE', type);

  if (!access.hasAccount('CREATE OPENFLOW DEPLOYMENT') || (type === 'SNOWFLAKE' && !access.hasAccount('CREATE COMPUTE POOL'))) {
    throw insufficientPrivileges('account', ctx.catalog.account);
  }
  const existing = store.deployment(name);
  if (existing) {
    if (ifNotExists) return statusResult(`${displayName([name])} already exists, statement succeeded.`);
    throw alreadyExists('Openflow deployment', displayName([name]));
  }
  if (type === 'SNOWFLAKE') {
    const live = store.allDeployments().filter((d) => d.type === 'SNOWFLAKE' && d.status !== 'TERMINATED');
    if (live.length >= MAX_SNOWFLAKE_DEPLOYMENTS) {
      throw executionError(
        `Cannot create Openflow deployment '${name}': the account already has ${live.length} Snowflake deployments, the maximum is ${MAX_SNOWFLAKE_DEPLOYMENTS}.`,
      );
    }
  }
  const d: Deployment = {
    name,
    type,
    vpcType: type === 'BYOC' ? (props.values.get('VPC_TYPE') ?? 'MANAGED').toUpperCase() : null,
    usePrivateLink: bool('USE_PRIVATE_LINK', props.values.get('USE_PRIVATE_LINK'), false),
    useUserAuthOverPrivateLink: bool('USE_USER_AUTH_OVER_PRIVATE_LINK', props.values.get('USE_USER_AUTH_OVER_PRIVATE_LINK') ?? props.values.get('USE_USER_AUTH_OVER_PRIVATELINK'), false),
    customIngressHostname: props.values.get('CUSTOM_INGRESS_HOSTNAME') ?? null,
    ...newLifecycle(props, ctx),
  };
  store.putDeployment(d);
  store.begin(d, 'CREATING', 'ACTIVE');
  return statusResult(`Openflow deployment ${displayName([name])} successfully created.`);
}

function alterDeployment(c: Cursor, store: OpenflowStore, access: Access): StatementResult {
  const ifExists = c.acceptWords('IF', 'EXISTS');
  const name = c.identifier();
  const d = visibleDeployment(store, name, access);
  if (!d) {
    if (ifExists) return statusResult('Statement executed successfully.');
    throw doesNotExist('Openflow deployment', displayName([name]));
  }
  if (d.status === 'TERMINATED' || d.status === 'TERMINATING') throw executionError(`Openflow deployment '${name}' is ${d.status}; it cannot be altered.`);
  if (c.acceptWords('TERMINATE')) {
    c.expectEnd();
    const runtimes = store.allRuntimes().filter((r) => r.deployment === name && r.status !== 'TERMINATED');
    if (runtimes.length) {
      throw executionError(`Openflow deployment '${name}' still has runtimes (${runtimes.map((r) => displayName(r.name)).join(', ')}); terminate them first.`);
    }
    store.begin(d, 'TERMINATING', 'TERMINATED');
    return statusResult('Statement executed successfully.');
  }
  if (d.status === 'CREATING') throw executionError(`Openflow deployment '${name}' is CREATING; it cannot be altered until it is ACTIVE.`);
  if (c.acceptWords('SET')) {
    const props = readProps(c);
    for (const [key, v] of props.values) {
      if (key === 'DISPLAY_NAME') d.displayName = v;
      else if (key === 'COMMENT') d.comment = v;
      else if (key !== 'EVENT_TABLE') throw invalidProperty(key, 'OPENFLOW DEPLOYMENT');
    }
  } else if (c.acceptWords('UNSET')) {
    do {
      const key = c.identifier();
      if (key === 'DISPLAY_NAME') d.displayName = null;
      else if (key === 'COMMENT') d.comment = null;
      else if (key !== 'EVENT_TABLE') throw invalidProperty(key, 'OPENFLOW DEPLOYMENT');
    } while (c.acceptOp(','));
    c.expectEnd();
  } else if (c.acceptWords('UPGRADE')) {
    c.expectEnd();
    store.begin(d, 'UPGRADING', 'ACTIVE');
  } else {
    throw c.unexpected();
  }
  d.updatedOn = new Date().toISOString();
  store.save();
  return statusResult('Statement executed successfully.');
}

function dropDeployment(c: Cursor, store: OpenflowStore, access: Access): StatementResult {
  const ifExists = c.acceptWords('IF', 'EXISTS');
  const name = c.identifier();
  c.expectEnd();
  const d = visibleDeployment(store, name, access);
  if (!d) {
    if (ifExists) return statusResult(`Drop statement executed successfully (${displayName([name])} already dropped).`);
    throw doesNotExist('Openflow deployment', displayName([name]));
  }
  if (d.status !== 'TERMINATED') {
    throw executionError(`Openflow deployment '${name}' is ${d.status}: DROP removes only a TERMINATED deployment. Run ALTER OPENFLOW DEPLOYMENT ${displayName([name])} TERMINATE first.`);
  }
  store.removeDeployment(name);
  return statusResult(`${displayName([name])} successfully dropped.`);
}

const DEPLOYMENT_COLUMNS = ['name', 'type', 'status', 'vpc_type', 'display_name', 'use_private_link', 'use_user_auth_over_private_link', 'custom_ingress_hostname', 'key', 'owner', 'comment'];

function deploymentRow(d: Deployment): Record<string, string | boolean | null> {
  return {
    name: d.name,
    type: d.type,
    status: d.status,
    vpc_type: d.vpcType,
    display_name: d.displayName ?? d.name,
    use_private_link: d.usePrivateLink,
    use_user_auth_over_private_link: d.useUserAuthOverPrivateLink,
    custom_ingress_hostname: d.customIngressHostname,
    key: d.key,
    owner: d.owner,
    comment: d.comment,
    created_on: epochText(d.createdOn),
    updated_on: epochText(d.updatedOn),
  };
}

const BOOLEANS = { use_private_link: 'boolean', use_user_auth_over_private_link: 'boolean', initially_suspended: 'boolean' } as const;

function showDeployments(c: Cursor, store: OpenflowStore, access: Access): StatementResult {
  const filter = readShowFilter(c, false);
  const rows = filter.apply(store.allDeployments().filter((d) => sees(d, access)), (d) => d.name).map(deploymentRow);
  return tableResult([...DEPLOYMENT_COLUMNS, 'created_on', 'updated_on'], rows, { ...BOOLEANS, created_on: 'timestamp_ltz', updated_on: 'timestamp_ltz' });
}

function describeDeployment(c: Cursor, store: OpenflowStore, access: Access): StatementResult {
  const name = c.identifier();
  c.expectEnd();
  const d = visibleDeployment(store, name, access);
  if (!d) throw doesNotExist('Openflow deployment', displayName([name]));
  return tableResult(DEPLOYMENT_COLUMNS, [deploymentRow(d)], BOOLEANS);
}

// ---------- runtimes

const RUNTIME_PROPS = new Set(['NODE_TYPE', 'NODE_TYPE_TIER', 'MIN_NODES', 'MAX_NODES', 'EXECUTE_AS_ROLE', 'EXTERNAL_ACCESS_INTEGRATIONS', 'DISPLAY_NAME', 'COMMENT']);

function nodes(key: string, v: string | undefined): number {
  if (v === undefined) throw new SnowflakeError('001003', '42000', `SQL compilation error:\nmissing required property '${key}' for 'OPENFLOW RUNTIME'.`);
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw invalidValue(key, v);
  return n;
}

/** The integrations exist and the role may use them; returns their names as stored. */
function integrations(ctx: AccountContext, access: Access, names: string[]): string[] {
  return names.map((name) => {
    if (!ctx.catalog.get('INTEGRATION', [name]) || !access.sees('INTEGRATION', [name])) throw doesNotExist('Integration', displayName([name]));
    return name;
  });
}

/** Why the runtime's role cannot use one of its integrations (the service fails the runtime), or undefined. */
function roleCannotUse(ctx: AccountContext, role: string, eais: string[]): string | undefined {
  const roleAccess = new Access(ctx.catalog, role);
  const refused = eais.filter((e) => !roleAccess.has('INTEGRATION', [e], ['USAGE']));
  return refused.length
    ? `the runtime role ${role} has no USAGE on ${refused.map((e) => `integration ${e}`).join(', ')} (GRANT USAGE ON INTEGRATION … TO ROLE ${role})`
    : undefined;
}

function createRuntime(c: Cursor, ctx: AccountContext, store: OpenflowStore, access: Access): StatementResult {
  const ifNotExists = c.acceptWords('IF', 'NOT', 'EXISTS');
  const name = runtimeName(c, ctx, 'CREATE OPENFLOW RUNTIME');
  c.expectWords('IN', 'DEPLOYMENT');
  const deploymentName = c.identifier();
  const props = readProps(c);
  for (const key of [...props.values.keys(), ...props.lists.keys()]) if (!RUNTIME_PROPS.has(key)) throw invalidProperty(key, 'OPENFLOW RUNTIME');

  const [db, schema] = name;
  access.requireSchema(db, schema);
  if (!access.has('SCHEMA', [db, schema], ['CREATE OPENFLOW RUNTIME'])) throw insufficientPrivileges('schema', displayName([db, schema]));
  const deployment = visibleDeployment(store, deploymentName, access);
  if (!deployment) throw doesNotExist('Openflow deployment', displayName([deploymentName]));

  const existing = store.runtime(name);
  if (existing) {
    if (ifNotExists) return statusResult(`${displayName([name[2]])} already exists, statement succeeded.`);
    throw alreadyExists('Openflow runtime', displayName(name));
  }
  if (deployment.status !== 'ACTIVE') throw executionError(`Openflow deployment '${deploymentName}' is ${deployment.status}; runtimes can be created only in an ACTIVE deployment.`);

  const nodeType = (props.values.get('NODE_TYPE') ?? '').toUpperCase();
  if (!TIERS[nodeType]) throw nodeType ? invalidValue('NODE_TYPE', nodeType) : new SnowflakeError('001003', '42000', "SQL compilation error:\nmissing required property 'NODE_TYPE' for 'OPENFLOW RUNTIME'.");
  const tier = (props.values.get('NODE_TYPE_TIER') ?? TIERS[nodeType][0]).toUpperCase();
  if (!TIERS[nodeType].includes(tier)) throw invalidValue('NODE_TYPE_TIER', tier);
  const minNodes = nodes('MIN_NODES', props.values.get('MIN_NODES'));
  const maxNodes = nodes('MAX_NODES', props.values.get('MAX_NODES'));
  if (minNodes > maxNodes) throw executionError(`MIN_NODES (${minNodes}) must not be greater than MAX_NODES (${maxNodes}).`);
  const role = props.values.get('EXECUTE_AS_ROLE');
  if (!role) throw new SnowflakeError('001003', '42000', "SQL compilation error:\nmissing required property 'EXECUTE_AS_ROLE' for 'OPENFLOW RUNTIME'.");
  if (!ctx.catalog.get('ROLE', [role])) throw doesNotExist('Role', displayName([role]));
  const eais = props.lists.has('EXTERNAL_ACCESS_INTEGRATIONS') ? integrations(ctx, access, props.lists.get('EXTERNAL_ACCESS_INTEGRATIONS')!) : [];
  if (eais.length && deployment.type !== 'SNOWFLAKE') throw executionError('EXTERNAL_ACCESS_INTEGRATIONS apply to Snowflake deployments only.');

  const r: Runtime = {
    name,
    deployment: deploymentName,
    nodeType: nodeType as Runtime['nodeType'],
    nodeTypeTier: tier,
    minNodes,
    maxNodes,
    executeAsRole: role,
    externalAccessIntegrations: eais,
    ...newLifecycle(props, ctx),
  };
  store.putRuntime(r);
  // Like the service, provisioning fails (after a while, not at once) when the runtime's role cannot use its integrations.
  const problem = roleCannotUse(ctx, role, eais);
  store.begin(r, 'CREATING', problem ? 'CREATE_FAILED' : 'ACTIVE', problem);
  return statusResult(`Openflow runtime ${displayName([name[2]])} successfully created.`);
}

function alterRuntime(c: Cursor, ctx: AccountContext, store: OpenflowStore, access: Access): StatementResult {
  const ifExists = c.acceptWords('IF', 'EXISTS');
  const name = runtimeName(c, ctx, 'ALTER OPENFLOW RUNTIME');
  const r = visibleRuntime(store, name, access);
  if (!r) {
    if (ifExists) return statusResult('Statement executed successfully.');
    throw doesNotExist('Openflow runtime', displayName(name));
  }
  const terminate = c.isWord('TERMINATE');
  if (NO_ALTER.has(r.status) && !(terminate && r.status === 'CREATE_FAILED')) {
    throw executionError(`Openflow runtime '${displayName(name)}' is ${r.status}; ALTER OPENFLOW RUNTIME is not allowed in this status.`);
  }
  if (TRANSITIONAL.has(r.status)) throw executionError(`Openflow runtime '${displayName(name)}' is ${r.status}; wait until it is stable (SYSTEM$WAIT_FOR_STABLE_OPENFLOW_RUNTIMES).`);

  if (c.acceptWords('TERMINATE')) {
    c.acceptWords('CASCADE');
    c.expectEnd();
    store.begin(r, 'TERMINATING', 'TERMINATED');
  } else if (c.acceptWords('SUSPEND')) {
    c.expectEnd();
    if (r.status !== 'SUSPENDED') store.begin(r, 'SUSPENDING', 'SUSPENDED');
  } else if (c.acceptWords('RESUME') || c.acceptWords('RESTART')) {
    c.acceptWords('RECOVERY');
    c.expectEnd();
    store.begin(r, 'RESUMING', 'ACTIVE');
  } else if (c.acceptWords('UPGRADE')) {
    c.acceptWords('RECOVERY');
    c.acceptWords('FORCE');
    c.expectEnd();
    store.begin(r, 'UPGRADING', r.status);
  } else if (c.isWord('ADD', 'REMOVE')) {
    const add = c.identifier() === 'ADD';
    c.expectWords('EXTERNAL_ACCESS_INTEGRATIONS');
    c.expectOp('=');
    const listed = readList(c);
    c.expectEnd();
    const eais = integrations(ctx, access, listed);
    r.externalAccessIntegrations = add ? [...new Set([...r.externalAccessIntegrations, ...eais])] : r.externalAccessIntegrations.filter((e) => !eais.includes(e));
    const problem = roleCannotUse(ctx, r.executeAsRole, r.externalAccessIntegrations);
    store.begin(r, 'UPDATING', problem ? 'UPDATE_FAILED' : r.status === 'SUSPENDED' ? 'SUSPENDED' : 'ACTIVE', problem);
  } else if (c.acceptWords('SET')) {
    const props = readProps(c);
    for (const [key, v] of props.values) {
      if (key === 'DISPLAY_NAME') r.displayName = v;
      else if (key === 'COMMENT') r.comment = v;
      else if (key === 'MIN_NODES') r.minNodes = nodes(key, v);
      else if (key === 'MAX_NODES') r.maxNodes = nodes(key, v);
      else if (key === 'EXECUTE_AS_ROLE') {
        if (!ctx.catalog.get('ROLE', [v])) throw doesNotExist('Role', displayName([v]));
        const problem = roleCannotUse(ctx, v, r.externalAccessIntegrations);
        if (problem) throw executionError(`Cannot set EXECUTE_AS_ROLE: ${problem}.`);
        r.executeAsRole = v;
      } else if (key === 'NODE_TYPE_TIER') {
        if (!TIERS[r.nodeType].includes(v.toUpperCase())) throw invalidValue(key, v);
        r.nodeTypeTier = v.toUpperCase();
      } else throw invalidProperty(key, 'OPENFLOW RUNTIME');
    }
    if (props.lists.has('EXTERNAL_ACCESS_INTEGRATIONS')) r.externalAccessIntegrations = integrations(ctx, access, props.lists.get('EXTERNAL_ACCESS_INTEGRATIONS')!);
    if (r.minNodes > r.maxNodes) throw executionError(`MIN_NODES (${r.minNodes}) must not be greater than MAX_NODES (${r.maxNodes}).`);
    store.begin(r, 'UPDATING', r.status);
  } else if (c.acceptWords('UNSET')) {
    do {
      const key = c.identifier();
      if (key === 'DISPLAY_NAME') r.displayName = null;
      else if (key === 'COMMENT') r.comment = null;
      else if (key === 'EXTERNAL_ACCESS_INTEGRATIONS') r.externalAccessIntegrations = [];
      else throw new SnowflakeError('001003', '42000', `SQL compilation error:\ncannot unset property '${key}'.`);
    } while (c.acceptOp(','));
    c.expectEnd();
    store.save();
  } else {
    throw c.unexpected();
  }
  return statusResult('Statement executed successfully.');
}

function readList(c: Cursor): string[] {
  c.expectOp('(');
  const items: string[] = [];
  while (!c.acceptOp(')')) {
    items.push(c.identifier());
    c.acceptOp(',');
  }
  return items;
}

function dropRuntime(c: Cursor, ctx: AccountContext, store: OpenflowStore, access: Access): StatementResult {
  const ifExists = c.acceptWords('IF', 'EXISTS');
  const name = runtimeName(c, ctx, 'DROP OPENFLOW RUNTIME');
  c.acceptWords('CASCADE');
  c.expectEnd();
  const r = visibleRuntime(store, name, access);
  if (!r) {
    if (ifExists) return statusResult(`Drop statement executed successfully (${displayName([name[2]])} already dropped).`);
    throw doesNotExist('Openflow runtime', displayName(name));
  }
  requireOwner(r, 'Openflow runtime', displayName(name), access);
  if (r.status !== 'TERMINATED') {
    throw executionError(
      `Openflow runtime '${displayName(name)}' is ${r.status}: DROP removes only a TERMINATED runtime. Suspend and terminate it first (ALTER OPENFLOW RUNTIME … SUSPEND, then … TERMINATE).`,
    );
  }
  store.removeRuntime(name);
  return statusResult(`${displayName([name[2]])} successfully dropped.`);
}

function runtimeRow(r: Runtime, account: string): Record<string, string | number | boolean | null> {
  return {
    name: r.name[2],
    status: r.status,
    deployment: r.deployment,
    min_nodes: r.minNodes,
    max_nodes: r.maxNodes,
    node_type: r.nodeType,
    node_type_tier: r.nodeTypeTier,
    display_name: r.displayName ?? r.name[2],
    external_access_integrations: JSON.stringify(r.externalAccessIntegrations),
    initially_suspended: false,
    database_name: r.name[0],
    schema_name: r.name[1],
    execute_as_role: r.executeAsRole,
    key: r.key,
    owner: r.owner,
    comment: r.comment,
    // The canvas address: on Snowflake https://of--<account>.snowflakecomputing.app:443/<key>/nifi/;
    // the sandbox has no canvas, so it names where one would be.
    server_url: `https://of--${account.toLowerCase()}.sandbox.invalid/${r.key}/nifi/`,
    created_on: epochText(r.createdOn),
    updated_on: epochText(r.updatedOn),
  };
}

const RUNTIME_NUMBERS = { min_nodes: 'fixed', max_nodes: 'fixed' } as const;

function showRuntimes(c: Cursor, ctx: AccountContext, store: OpenflowStore, access: Access): StatementResult {
  const filter = readShowFilter(c, true, ctx);
  const inScope = (r: Runtime) => (!filter.db || r.name[0] === filter.db) && (!filter.schema || r.name[1] === filter.schema);
  const rows = filter.apply(store.allRuntimes().filter((r) => sees(r, access) && inScope(r)), (r) => r.name[2]).map((r) => runtimeRow(r, ctx.catalog.account));
  const columns = ['name', 'status', 'deployment', 'min_nodes', 'max_nodes', 'node_type', 'node_type_tier', 'display_name', 'external_access_integrations', 'initially_suspended', 'database_name', 'schema_name', 'execute_as_role', 'key', 'owner', 'comment', 'created_on', 'updated_on'];
  return tableResult(columns, rows, { ...RUNTIME_NUMBERS, ...BOOLEANS, created_on: 'timestamp_ltz', updated_on: 'timestamp_ltz' });
}

function describeRuntime(c: Cursor, ctx: AccountContext, store: OpenflowStore, access: Access): StatementResult {
  const name = runtimeName(c, ctx, 'DESCRIBE OPENFLOW RUNTIME');
  c.expectEnd();
  const r = visibleRuntime(store, name, access);
  if (!r) throw doesNotExist('Openflow runtime', displayName(name));
  const columns = ['name', 'status', 'deployment', 'min_nodes', 'max_nodes', 'node_type', 'display_name', 'external_access_integrations', 'initially_suspended', 'execute_as_role', 'key', 'owner', 'comment', 'server_url', 'node_type_tier'];
  return tableResult(columns, [runtimeRow(r, ctx.catalog.account)], { ...RUNTIME_NUMBERS, ...BOOLEANS });
}

// ---------- SHOW filters

interface ShowFilter {
  db?: string;
  schema?: string;
  apply<T>(items: T[], nameOf: (t: T) => string): T[];
}

/** [LIKE '…'] [IN …] [STARTS WITH '…'] [LIMIT n [FROM '…']]; runtimes default to the current database (docs). */
function readShowFilter(c: Cursor, scoped: boolean, ctx?: AccountContext): ShowFilter {
  let like: RegExp | undefined;
  let startsWith: string | undefined;
  let limit: number | undefined;
  let from: string | undefined;
  let db: string | undefined;
  let schema: string | undefined;
  let explicit = false;
  if (c.acceptWords('LIKE')) like = likePattern(c.string());
  if (scoped && c.acceptWords('IN')) {
    explicit = true;
    if (c.acceptWords('ACCOUNT')) {
      // the whole account
    } else if (c.acceptWords('DATABASE')) {
      db = c.atEnd() || c.isWord('STARTS', 'LIMIT') ? (ctx!.session.database ?? undefined) : c.identifier();
    } else {
      c.acceptWords('SCHEMA');
      [db, schema] = resolveSchemaName(c.qualifiedName(), ctx!.session, 'SHOW OPENFLOW RUNTIMES');
    }
  }
  if (c.acceptWords('STARTS', 'WITH')) startsWith = c.string();
  if (c.acceptWords('LIMIT')) {
    limit = Number(c.value());
    if (c.acceptWords('FROM')) from = c.string();
  }
  c.expectEnd();
  if (scoped && !explicit && ctx?.session.database) db = ctx.session.database;
  return {
    db,
    schema,
    apply(items, nameOf) {
      let out = items
        .filter((t) => (!like || like.test(nameOf(t))) && (!startsWith || nameOf(t).startsWith(startsWith)))
        .sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
      if (from !== undefined) out = out.filter((t) => nameOf(t) >= from!);
      return limit !== undefined ? out.slice(0, limit) : out;
    },
  };
}

function likePattern(pattern: string): RegExp {
  const re = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${re}$`, 'is');
}

// ---------- SYSTEM$WAIT_FOR_* (docs: 'OK', or an error on timeout or a failed state)

const WAIT_POLL_MS = 100;

async function runWait(c: Cursor, ctx: AccountContext, store: OpenflowStore): Promise<StatementResult> {
  const fnToken = c.peek()!;
  const fn = c.identifier();
  c.expectOp('(');
  const args: string[] = [];
  while (!c.acceptOp(')')) {
    args.push(c.value());
    c.acceptOp(',');
  }
  const label = c.acceptWords('AS') ? c.identifier() : c.sql.slice(fnToken.pos, c.tokens[c.i - 1]!.pos + 1).toUpperCase();
  c.expectEnd();
  const m = /^SYSTEM\$WAIT_FOR_(STABLE_)?OPENFLOW_(DEPLOYMENT|RUNTIME)S?(_STATUS)?$/.exec(fn);
  if (!m || !!m[1] === !!m[3]) throw new SnowflakeError('002140', '42601', `SQL compilation error:\nUnknown function ${fn}`);
  const stable = !!m[1];
  const kind = m[2] === 'DEPLOYMENT' ? 'deployment' : 'runtime';
  const timeout = Number(args.shift());
  if (!Number.isFinite(timeout) || timeout < 0) throw invalidValue('timeout_seconds', String(timeout));
  const allowed = stable ? undefined : new Set(String(args.shift() ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean));
  if (args.length === 0) throw executionError(`${fn}: name at least one ${kind}.`);
  const access = new Access(ctx.catalog, ctx.session.role);
  const find = (raw: string): Deployment | Runtime => {
    const o = kind === 'deployment' ? visibleDeployment(store, raw, access) : visibleRuntime(store, resolveObjectName(splitName(raw), ctx.session, fn), access);
    if (!o) throw doesNotExist(kind === 'deployment' ? 'Openflow deployment' : 'Openflow runtime', raw);
    return o;
  };
  const deadline = Date.now() + timeout * 1000;
  for (;;) {
    const objects = args.map(find);
    const failed = objects.find((o) => isFailed(o.status) && !allowed?.has(o.status));
    if (failed) {
      throw executionError(`Openflow ${kind} '${nameText(failed)}' entered the failed status ${failed.status}${failed.failure ? `: ${failed.failure}` : ''}.`);
    }
    const settled = objects.every((o) => (allowed ? allowed.has(o.status) : !TRANSITIONAL.has(o.status)));
    if (settled) return { ...tableResult([label], [{ [label]: 'OK' }]), statementTypeId: 0x1000 };
    if (Date.now() >= deadline) {
      const waiting = objects.filter((o) => (allowed ? !allowed.has(o.status) : TRANSITIONAL.has(o.status)));
      throw executionError(
        `Timeout of ${timeout} seconds elapsed waiting for Openflow ${kind} ${waiting.map((o) => `'${nameText(o)}' (status ${o.status})`).join(', ')}${allowed ? ` to reach ${[...allowed].join(' or ')}` : ' to become stable'}. The operation continues.`,
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(WAIT_POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}

function nameText(o: Deployment | Runtime): string {
  return Array.isArray(o.name) ? displayName(o.name) : o.name;
}

/** 'DB.SCHEMA.NAME' as written in a string argument; unquoted parts fold to upper case. */
function splitName(raw: string): string[] {
  const parts: string[] = [];
  const re = /"((?:[^"]|"")*)"|([^.]+)/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.trim().toUpperCase());
  return parts;
}
