// SHOW and DESCRIBE, answered from the catalog and the DuckDB store with Snowflake's column names;
// a role only sees objects it holds a privilege on.

import { Access } from './access.js';
import { displayName, type CatalogObject, type QualifiedName, type SecurableKind } from './catalog.js';
import { resolveObjectName, resolveSchemaName, type AccountContext } from './account.js';
import { doesNotExist, unsupported } from './errors.js';
import { epochText, tableResult, type StatementResult } from './result.js';
import type { Cursor } from './sql/cursor.js';
import { describeType, showColumnsDataType } from './sql/types.js';
import { OFFSETS_TABLE } from '../connector/offsets.js';
import { DEFAULT_TIMEZONE } from './duck/engine.js';

/** SHOW TABLES' column names in order, for an empty answer. */
const SHOW_TABLES_COLUMNS_TEMPLATE = Object.fromEntries(
  'created_on name database_name schema_name kind comment cluster_by rows bytes owner retention_time automatic_clustering change_tracking search_optimization search_optimization_progress search_optimization_bytes is_external enable_schema_evolution owner_role_type is_event budget is_hybrid is_iceberg is_dynamic is_immutable'
    .split(' ')
    .map((k) => [k, null]),
);

/** The sandbox connector's bookkeeping: Openflow keeps offsets in Snowpipe Streaming channels, not the user's schema. */
export function isHiddenTable(name: string): boolean {
  return name === OFFSETS_TABLE;
}

/** Session parameters SHOW PARAMETERS lists: key, default, type, description. */
const SESSION_PARAMETERS: Array<[string, string, string, string]> = [
  ['AUTOCOMMIT', 'true', 'BOOLEAN', 'The autocommit property determines whether statement should to be implicitly wrapped within a transaction or not.'],
  ['DATE_OUTPUT_FORMAT', 'YYYY-MM-DD', 'STRING', 'Display format for DATE.'],
  ['QUERY_TAG', '', 'STRING', 'String (up to 4096 characters) used to tag statements executed by the session.'],
  ['STATEMENT_TIMEOUT_IN_SECONDS', '172800', 'NUMBER', 'Timeout in seconds for statements.'],
  ['TIMESTAMP_LTZ_OUTPUT_FORMAT', '', 'STRING', 'Display format for TIMESTAMP_LTZ values. If empty, TIMESTAMP_OUTPUT_FORMAT is used.'],
  ['TIMESTAMP_NTZ_OUTPUT_FORMAT', 'YYYY-MM-DD HH24:MI:SS.FF3', 'STRING', 'Display format for TIMESTAMP_NTZ values. If empty, TIMESTAMP_OUTPUT_FORMAT is used.'],
  ['TIMESTAMP_OUTPUT_FORMAT', 'YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM', 'STRING', 'Default display format for all timestamp types.'],
  ['TIMESTAMP_TYPE_MAPPING', 'TIMESTAMP_NTZ', 'STRING', 'If TIMESTAMP type is used, what specific TIMESTAMP* type it should map to.'],
  ['TIMEZONE', DEFAULT_TIMEZONE, 'STRING', 'time zone'],
  ['TIME_OUTPUT_FORMAT', 'HH24:MI:SS', 'STRING', 'Display format for TIME values.'],
  ['WEEK_START', '0', 'NUMBER', 'Defines the first day of the week for WEEK, YEAROFWEEK, DAYOFWEEK and related functions.'],
];

interface Scope {
  like?: RegExp;
  db?: string;
  schema?: string;
  table?: QualifiedName;
}

function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
    else if (ch === '%') re += '.*';
    else if (ch === '_') re += '.';
    else re += escapeRe(ch);
  }
  return new RegExp(`^${re}$`, 'is');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseScope(c: Cursor, ctx: AccountContext, defaultTo: 'account' | 'database' | 'schema'): Scope {
  const scope: Scope = {};
  if (c.acceptWords('LIKE')) scope.like = likeToRegExp(c.string());
  let explicit = false;
  if (c.acceptWords('IN')) {
    explicit = true;
    if (c.acceptWords('ACCOUNT')) {
      // whole account
    } else if (c.acceptWords('DATABASE')) {
      scope.db = c.identifier();
    } else if (c.acceptWords('SCHEMA')) {
      [scope.db, scope.schema] = resolveSchemaName(c.qualifiedName(), ctx.session, 'SHOW');
    } else if (c.acceptWords('TABLE') || c.acceptWords('VIEW') || true) {
      const parts = c.qualifiedName();
      scope.table = resolveObjectName(parts, ctx.session, 'SHOW');
    }
  }
  c.acceptWords('STARTS', 'WITH') && c.string();
  if (c.acceptWords('LIMIT')) c.value();
  c.expectEnd();
  if (!explicit) {
    if (defaultTo !== 'account' && ctx.session.database) scope.db = ctx.session.database;
    if (defaultTo === 'schema' && ctx.session.schema) scope.schema = ctx.session.schema;
  }
  return scope;
}

const matches = (scope: Scope, name: string) => !scope.like || scope.like.test(name);

export async function runShow(c: Cursor, ctx: AccountContext): Promise<StatementResult> {
  const { catalog, session } = ctx;
  const access = new Access(catalog, session.role);
  c.expectWords('SHOW');
  c.acceptWords('TERSE');
  const created = (o: CatalogObject) => epochText(o.createdOn);

  if (c.acceptWords('DATABASES')) {
    const scope = parseScope(c, ctx, 'account');
    const rows = catalog
      .list('DATABASE')
      .filter((o) => access.sees('DATABASE', o.name) && matches(scope, o.name[0]))
      .map((o) => ({
        created_on: created(o),
        name: o.name[0],
        is_default: 'N',
        is_current: session.database === o.name[0] ? 'Y' : 'N',
        origin: '',
        owner: o.owner,
        comment: o.comment ?? '',
        options: '',
        retention_time: '1',
        kind: 'STANDARD',
        owner_role_type: 'ROLE',
      }));
    return tableResult(
      ['created_on', 'name', 'is_default', 'is_current', 'origin', 'owner', 'comment', 'options', 'retention_time', 'kind', 'owner_role_type'],
      rows,
      { created_on: 'timestamp_ltz' },
    );
  }

  if (c.acceptWords('SCHEMAS')) {
    const scope = parseScope(c, ctx, 'database');
    if (scope.db) access.requireDatabase(scope.db);
    const rows = catalog
      .list('SCHEMA')
      .filter((o) => (!scope.db || o.name[0] === scope.db) && access.sees('DATABASE', [o.name[0]]) && access.sees('SCHEMA', o.name))
      .flatMap((o) => [o])
      .filter((o) => matches(scope, o.name[1]))
      .map((o) => ({
        created_on: created(o),
        name: o.name[1],
        is_default: 'N',
        is_current: session.database === o.name[0] && session.schema === o.name[1] ? 'Y' : 'N',
        database_name: o.name[0],
        owner: o.owner,
        comment: o.comment ?? '',
        options: '',
        retention_time: '1',
        owner_role_type: 'ROLE',
      }));
    // INFORMATION_SCHEMA is always there and visible with the database.
    const dbs = scope.db ? [scope.db] : catalog.list('DATABASE').filter((d) => access.sees('DATABASE', d.name)).map((d) => d.name[0]);
    for (const db of dbs) {
      if (!matches(scope, 'INFORMATION_SCHEMA')) continue;
      rows.push({
        created_on: created(catalog.get('DATABASE', [db])!),
        name: 'INFORMATION_SCHEMA',
        is_default: 'N',
        is_current: 'N',
        database_name: db,
        owner: '',
        comment: 'Views describing the contents of schemas in this database',
        options: '',
        retention_time: '1',
        owner_role_type: '',
      });
    }
    rows.sort((a, b) => a.database_name.localeCompare(b.database_name) || a.name.localeCompare(b.name));
    return tableResult(
      ['created_on', 'name', 'is_default', 'is_current', 'database_name', 'owner', 'comment', 'options', 'retention_time', 'owner_role_type'],
      rows,
      { created_on: 'timestamp_ltz' },
    );
  }

  if (c.acceptWords('WAREHOUSES')) {
    const scope = parseScope(c, ctx, 'account');
    const rows = catalog
      .list('WAREHOUSE')
      .filter((o) => access.sees('WAREHOUSE', o.name) && matches(scope, o.name[0]))
      .map((o) => ({
        name: o.name[0],
        state: String(o.props.state),
        type: String(o.props.type),
        size: String(o.props.size),
        min_cluster_count: 1,
        max_cluster_count: 1,
        started_clusters: o.props.state === 'STARTED' ? 1 : 0,
        running: 0,
        queued: 0,
        is_default: 'N',
        is_current: session.warehouse === o.name[0] ? 'Y' : 'N',
        auto_suspend: Number(o.props.autoSuspend),
        auto_resume: o.props.autoResume ? 'true' : 'false',
        created_on: created(o),
        owner: o.owner,
        comment: o.comment ?? '',
        owner_role_type: 'ROLE',
      }));
    return tableResult(
      [
        'name',
        'state',
        'type',
        'size',
        'min_cluster_count',
        'max_cluster_count',
        'started_clusters',
        'running',
        'queued',
        'is_default',
        'is_current',
        'auto_suspend',
        'auto_resume',
        'created_on',
        'owner',
        'comment',
        'owner_role_type',
      ],
      rows,
      { created_on: 'timestamp_ltz', min_cluster_count: 'fixed', max_cluster_count: 'fixed', started_clusters: 'fixed', running: 'fixed', queued: 'fixed', auto_suspend: 'fixed' },
    );
  }

  if (c.acceptWords('NETWORK', 'RULES')) {
    const scope = parseScope(c, ctx, 'schema');
    if (scope.db && scope.schema) access.requireSchema(scope.db, scope.schema);
    else if (scope.db) access.requireDatabase(scope.db);
    const rows = catalog
      .list('NETWORK RULE')
      .filter(
        (o) =>
          (!scope.db || o.name[0] === scope.db) &&
          (!scope.schema || o.name[1] === scope.schema) &&
          access.sees('NETWORK RULE', o.name) &&
          matches(scope, o.name[2]),
      )
      .map((o) => ({
        created_on: created(o),
        name: o.name[2],
        database_name: o.name[0],
        schema_name: o.name[1],
        owner: o.owner,
        comment: o.comment ?? '',
        type: String(o.props.type),
        mode: String(o.props.mode),
        entries_in_valuelist: (o.props.valueList as string[]).length,
        owner_role_type: 'ROLE',
      }));
    return tableResult(
      ['created_on', 'name', 'database_name', 'schema_name', 'owner', 'comment', 'type', 'mode', 'entries_in_valuelist', 'owner_role_type'],
      rows,
      { created_on: 'timestamp_ltz', entries_in_valuelist: 'fixed' },
    );
  }

  if (c.acceptWords('EXTERNAL', 'ACCESS', 'INTEGRATIONS') || c.acceptWords('INTEGRATIONS')) {
    const scope = parseScope(c, ctx, 'account');
    const rows = catalog
      .list('INTEGRATION')
      .filter((o) => access.sees('INTEGRATION', o.name) && matches(scope, o.name[0]))
      .map((o) => ({
        name: o.name[0],
        type: String(o.props.type),
        category: 'SECURITY',
        enabled: o.props.enabled ? 'true' : 'false',
        comment: o.comment ?? null,
        created_on: created(o),
      }));
    return tableResult(['name', 'type', 'category', 'enabled', 'comment', 'created_on'], rows, {
      enabled: 'boolean',
      created_on: 'timestamp_ltz',
    });
  }

  if (c.acceptWords('ROLES')) {
    const scope = parseScope(c, ctx, 'account');
    const rows = catalog
      .list('ROLE')
      .filter((o) => matches(scope, o.name[0]))
      .map((o) => ({
        created_on: created(o),
        name: o.name[0],
        is_default: 'N',
        is_current: session.role === o.name[0] ? 'Y' : 'N',
        is_inherited: access.roles.has(o.name[0]) && session.role !== o.name[0] ? 'Y' : 'N',
        assigned_to_users: catalog.roleGrantsOf(o.name[0]).filter((g) => g.granteeKind === 'USER').length,
        granted_to_roles: catalog.roleGrantsOf(o.name[0]).filter((g) => g.granteeKind === 'ROLE').length,
        granted_roles: catalog.roleGrantsTo('ROLE', o.name[0]).length,
        owner: o.owner,
        comment: o.comment ?? '',
      }));
    return tableResult(
      ['created_on', 'name', 'is_default', 'is_current', 'is_inherited', 'assigned_to_users', 'granted_to_roles', 'granted_roles', 'owner', 'comment'],
      rows,
      { created_on: 'timestamp_ltz', assigned_to_users: 'fixed', granted_to_roles: 'fixed', granted_roles: 'fixed' },
    );
  }

  const tablesWord = c.acceptWords('TABLES') ? 'TABLE' : c.acceptWords('VIEWS') ? 'VIEW' : c.acceptWords('OBJECTS') ? 'ANY' : null;
  if (tablesWord) {
    const scope = parseScope(c, ctx, 'schema');
    if (scope.db && scope.schema) access.requireSchema(scope.db, scope.schema);
    else if (scope.db) access.requireDatabase(scope.db);
    const stored = (await ctx.storage.listTables(scope.db))
      .filter(
        (t) =>
          (tablesWord === 'ANY' || t.kind === tablesWord) &&
          !isHiddenTable(t.name) &&
          (!scope.schema || t.schema === scope.schema) &&
          access.sees('DATABASE', [t.db]) &&
          access.sees('SCHEMA', [t.db, t.schema]) &&
          access.sees(t.kind, [t.db, t.schema, t.name]) &&
          matches(scope, t.name),
      )
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const objectOf = (t: (typeof stored)[number]) => catalog.get(t.kind, [t.db, t.schema, t.name]);
    if (tablesWord === 'VIEW') {
      // SHOW VIEWS has its own layout (text of the definition, is_secure, …).
      return tableResult(
        ['created_on', 'name', 'reserved', 'database_name', 'schema_name', 'owner', 'comment', 'text', 'is_secure', 'is_materialized', 'owner_role_type', 'change_tracking'],
        stored.map((t) => {
          const o = objectOf(t);
          return {
            created_on: o ? created(o) : null,
            name: t.name,
            reserved: '',
            database_name: t.db,
            schema_name: t.schema,
            owner: o?.owner ?? '',
            comment: o?.comment ?? '',
            text: typeof o?.props.text === 'string' ? o.props.text : '',
            is_secure: o?.props.secure ? 'true' : 'false',
            is_materialized: 'false',
            owner_role_type: 'ROLE',
            change_tracking: 'OFF',
          };
        }),
        { created_on: 'timestamp_ltz', is_secure: 'boolean', is_materialized: 'boolean' },
      );
    }
    // SHOW TABLES: the 25 documented columns (SHOW OBJECTS shares the first ones).
    const rows = stored.map((t) => {
      const o = objectOf(t);
      return {
        created_on: o ? created(o) : null,
        name: t.name,
        database_name: t.db,
        schema_name: t.schema,
        kind: t.kind === 'TABLE' ? 'TABLE' : 'VIEW',
        comment: o?.comment ?? '',
        cluster_by: '',
        rows: t.kind === 'TABLE' ? t.rows : null,
        bytes: t.kind === 'TABLE' ? 0 : null,
        owner: o?.owner ?? '',
        retention_time: '1',
        automatic_clustering: 'OFF',
        change_tracking: 'OFF',
        search_optimization: 'OFF',
        search_optimization_progress: null,
        search_optimization_bytes: null,
        is_external: 'N',
        enable_schema_evolution: o?.props.enableSchemaEvolution ? 'Y' : 'N',
        owner_role_type: 'ROLE',
        is_event: 'N',
        budget: null,
        is_hybrid: 'N',
        is_iceberg: 'N',
        is_dynamic: 'N',
        is_immutable: 'N',
      };
    });
    const columns =
      tablesWord === 'TABLE'
        ? Object.keys(rows[0] ?? SHOW_TABLES_COLUMNS_TEMPLATE)
        : ['created_on', 'name', 'database_name', 'schema_name', 'kind', 'comment', 'cluster_by', 'rows', 'bytes', 'owner', 'retention_time', 'owner_role_type'];
    return tableResult(columns, rows, { created_on: 'timestamp_ltz', rows: 'fixed', bytes: 'fixed', search_optimization_progress: 'fixed', search_optimization_bytes: 'fixed' });
  }

  if (c.acceptWords('COLUMNS')) {
    const scope = parseScope(c, ctx, 'schema');
    let cols;
    if (scope.table) {
      const [db, schema, table] = scope.table;
      access.requireSchema(db, schema);
      cols = await ctx.storage.listColumns(db, schema, table);
      const kind = catalog.get('VIEW', scope.table) ? 'VIEW' : 'TABLE';
      if (cols.length === 0 || !access.sees(kind, scope.table)) throw doesNotExist('Table', displayName(scope.table));
    } else {
      if (!scope.db) throw unsupported('SHOW COLUMNS without a current database');
      access.requireDatabase(scope.db);
      cols = await ctx.storage.listColumns(scope.db, scope.schema);
    }
    const rows = cols
      .filter(
        (col) =>
          access.sees('SCHEMA', [col.db, col.schema]) &&
          (access.sees('TABLE', [col.db, col.schema, col.table]) || access.sees('VIEW', [col.db, col.schema, col.table])) &&
          matches(scope, col.column),
      )
      .map((col) => ({
        table_name: col.table,
        schema_name: col.schema,
        column_name: col.column,
        data_type: showColumnsDataType(col.duckType, col.nullable),
        'null?': col.nullable ? 'true' : 'false',
        default: '',
        kind: 'COLUMN',
        expression: '',
        comment: '',
        database_name: col.db,
        autoincrement: '',
        schema_evolution_record: null,
      }));
    return tableResult(
      ['table_name', 'schema_name', 'column_name', 'data_type', 'null?', 'default', 'kind', 'expression', 'comment', 'database_name', 'autoincrement', 'schema_evolution_record'],
      rows,
    );
  }

  if (c.acceptWords('PARAMETERS')) {
    let like: RegExp | undefined;
    if (c.acceptWords('LIKE')) like = likeToRegExp(c.string());
    if (c.acceptWords('IN')) c.acceptWords('SESSION') || c.acceptWords('ACCOUNT') || c.expectWords('SESSION');
    c.expectEnd();
    const rows = SESSION_PARAMETERS.filter(([key]) => !like || like.test(key)).map(([key, def, type, description]) => {
      const set = session.params[key];
      return { key, value: set ?? def, default: def, level: set === undefined ? '' : 'SESSION', description, type };
    });
    return tableResult(['key', 'value', 'default', 'level', 'description', 'type'], rows);
  }

  if (c.acceptWords('GRANTS')) return showGrants(c, ctx, access);
  throw unsupported(c.sql);
}

function grantedOnLabel(kind: SecurableKind): string {
  return kind === 'NETWORK RULE' ? 'NETWORK_RULE' : kind;
}

function showGrants(c: Cursor, ctx: AccountContext, access: Access): StatementResult {
  const { catalog, session } = ctx;
  const grantColumns = ['created_on', 'privilege', 'granted_on', 'name', 'granted_to', 'grantee_name', 'grant_option', 'granted_by'];
  const ownedBy = (role: string) =>
    (['ROLE', 'DATABASE', 'SCHEMA', 'WAREHOUSE', 'NETWORK RULE', 'INTEGRATION', 'TABLE', 'VIEW'] as SecurableKind[]).flatMap((kind) =>
      catalog
        .list(kind)
        .filter((o) => o.owner === role)
        .map((o) => ({
          created_on: epochText(o.createdOn),
          privilege: 'OWNERSHIP',
          granted_on: grantedOnLabel(kind),
          name: displayName(o.name),
          granted_to: 'ROLE',
          grantee_name: role,
          grant_option: 'true',
          granted_by: role,
        })),
    );
  if (c.acceptWords('TO', 'ROLE')) {
    const role = c.identifier();
    c.expectEnd();
    if (!catalog.get('ROLE', [role])) throw doesNotExist('Role', displayName([role]));
    const rows = [
      ...catalog.grantsTo(role).map((g) => ({
        created_on: epochText(g.createdOn),
        privilege: g.privilege,
        granted_on: grantedOnLabel(g.kind),
        name: displayName(g.name),
        granted_to: 'ROLE',
        grantee_name: role,
        grant_option: 'false',
        granted_by: g.grantedBy,
      })),
      ...catalog.roleGrantsTo('ROLE', role).map((g) => ({
        created_on: epochText(g.createdOn),
        privilege: 'USAGE',
        granted_on: 'ROLE',
        name: g.role,
        granted_to: 'ROLE',
        grantee_name: role,
        grant_option: 'false',
        granted_by: g.grantedBy,
      })),
      ...ownedBy(role),
    ];
    return tableResult(grantColumns, rows, { created_on: 'timestamp_ltz' });
  }
  if (c.acceptWords('OF', 'ROLE')) {
    const role = c.identifier();
    c.expectEnd();
    if (!catalog.get('ROLE', [role])) throw doesNotExist('Role', displayName([role]));
    const rows = catalog.roleGrantsOf(role).map((g) => ({
      created_on: epochText(g.createdOn),
      role,
      granted_to: g.granteeKind,
      grantee_name: g.grantee,
      granted_by: g.grantedBy,
    }));
    return tableResult(['created_on', 'role', 'granted_to', 'grantee_name', 'granted_by'], rows, { created_on: 'timestamp_ltz' });
  }
  if (c.acceptWords('TO', 'USER')) {
    const user = c.identifier();
    c.expectEnd();
    const rows = catalog.roleGrantsTo('USER', user).map((g) => ({
      created_on: epochText(g.createdOn),
      role: g.role,
      granted_to: 'USER',
      grantee_name: user,
      granted_by: g.grantedBy,
    }));
    return tableResult(['created_on', 'role', 'granted_to', 'grantee_name', 'granted_by'], rows, { created_on: 'timestamp_ltz' });
  }
  if (c.acceptWords('ON')) {
    let kind: SecurableKind;
    let name: QualifiedName;
    if (c.acceptWords('ACCOUNT')) {
      kind = 'ACCOUNT';
      name = [catalog.account];
    } else if (c.acceptWords('DATABASE')) {
      kind = 'DATABASE';
      name = [c.identifier()];
    } else if (c.acceptWords('SCHEMA')) {
      kind = 'SCHEMA';
      name = resolveSchemaName(c.qualifiedName(), session, 'SHOW GRANTS');
    } else if (c.acceptWords('WAREHOUSE')) {
      kind = 'WAREHOUSE';
      name = [c.identifier()];
    } else if (c.acceptWords('INTEGRATION')) {
      kind = 'INTEGRATION';
      name = [c.identifier()];
    } else if (c.acceptWords('ROLE')) {
      kind = 'ROLE';
      name = [c.identifier()];
    } else if (c.acceptWords('NETWORK', 'RULE')) {
      kind = 'NETWORK RULE';
      name = resolveObjectName(c.qualifiedName(), session, 'SHOW GRANTS');
    } else if (c.acceptWords('TABLE')) {
      kind = 'TABLE';
      name = resolveObjectName(c.qualifiedName(), session, 'SHOW GRANTS');
    } else if (c.acceptWords('VIEW')) {
      kind = 'VIEW';
      name = resolveObjectName(c.qualifiedName(), session, 'SHOW GRANTS');
    } else throw c.unexpected();
    c.expectEnd();
    const o = kind === 'ACCOUNT' ? undefined : catalog.get(kind, name);
    if (kind !== 'ACCOUNT' && (!o || !access.sees(kind, name))) throw doesNotExist(kind.toLowerCase(), displayName(name));
    const rows = catalog.grantsOn(kind, name).map((g) => ({
      created_on: epochText(g.createdOn),
      privilege: g.privilege,
      granted_on: grantedOnLabel(kind),
      name: displayName(name),
      granted_to: 'ROLE',
      grantee_name: g.role,
      grant_option: 'false',
      granted_by: g.grantedBy,
    }));
    if (o)
      rows.unshift({
        created_on: epochText(o.createdOn),
        privilege: 'OWNERSHIP',
        granted_on: grantedOnLabel(kind),
        name: displayName(name),
        granted_to: 'ROLE',
        grantee_name: o.owner,
        grant_option: 'true',
        granted_by: o.owner,
      });
    return tableResult(grantColumns, rows, { created_on: 'timestamp_ltz' });
  }
  throw c.unexpected();
}

export async function runDescribe(c: Cursor, ctx: AccountContext): Promise<StatementResult> {
  const { catalog, session } = ctx;
  const access = new Access(catalog, session.role);
  if (!c.acceptWords('DESCRIBE')) c.expectWords('DESC');
  if (c.acceptWords('NETWORK', 'RULE')) {
    const name = resolveObjectName(c.qualifiedName(), session, 'DESCRIBE');
    c.expectEnd();
    const o = catalog.get('NETWORK RULE', name);
    if (!o || !access.sees('NETWORK RULE', name)) throw doesNotExist('Network rule', displayName(name));
    return tableResult(
      ['created_on', 'name', 'database_name', 'schema_name', 'owner', 'comment', 'type', 'mode', 'value_list'],
      [
        {
          created_on: epochText(o.createdOn),
          name: name[2],
          database_name: name[0],
          schema_name: name[1],
          owner: o.owner,
          comment: o.comment ?? '',
          type: String(o.props.type),
          mode: String(o.props.mode),
          value_list: (o.props.valueList as string[]).join(','),
        },
      ],
      { created_on: 'timestamp_ltz' },
    );
  }
  if (c.acceptWords('EXTERNAL', 'ACCESS', 'INTEGRATION') || c.acceptWords('INTEGRATION')) {
    const name = [c.identifier()];
    c.expectEnd();
    const o = catalog.get('INTEGRATION', name);
    if (!o || !access.sees('INTEGRATION', name)) throw doesNotExist('Integration', displayName(name));
    const rules = (o.props.allowedNetworkRules as string[][]).map((r) => displayName(r)).join(',');
    return tableResult(
      ['property', 'property_type', 'property_value', 'property_default'],
      [
        { property: 'ENABLED', property_type: 'Boolean', property_value: o.props.enabled ? 'true' : 'false', property_default: 'false' },
        { property: 'ALLOWED_NETWORK_RULES', property_type: 'List', property_value: rules, property_default: '[]' },
        { property: 'COMMENT', property_type: 'String', property_value: o.comment ?? '', property_default: '' },
      ],
    );
  }
  c.acceptWords('TABLE') || c.acceptWords('VIEW');
  const name = resolveObjectName(c.qualifiedName(), session, 'DESCRIBE');
  c.acceptWords('TYPE', '=', 'COLUMNS');
  c.expectEnd();
  access.requireSchema(name[0], name[1]);
  const cols = await ctx.storage.listColumns(name[0], name[1], name[2]);
  const kind = catalog.get('VIEW', name) ? 'VIEW' : 'TABLE';
  if (cols.length === 0 || !access.sees(kind, name)) throw doesNotExist('Table', displayName(name));
  return tableResult(
    ['name', 'type', 'kind', 'null?', 'default', 'primary key', 'unique key', 'check', 'expression', 'comment', 'policy name', 'privacy domain'],
    cols.map((col) => ({
      name: col.column,
      type: describeType(col.duckType),
      kind: 'COLUMN',
      'null?': col.nullable ? 'Y' : 'N',
      default: null,
      'primary key': 'N',
      'unique key': 'N',
      check: null,
      expression: null,
      comment: null,
      'policy name': null,
      'privacy domain': null,
    })),
  );
}
